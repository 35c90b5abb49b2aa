// Fails when README.md drifts from what it documents: its Inputs and Outputs tables must list exactly
// action.yml's inputs (with their defaults) and outputs, and every example it includes with
// `<!-- example: PATH -->` must be that file verbatim (the files the act runs execute).
// action.yml is read line by line: its layout (two-space keys under inputs:/outputs:) is fixed.
import { readFileSync } from 'node:fs';

const action = readFileSync('action.yml', 'utf8').split('\n');
const readme = readFileSync('README.md', 'utf8');
const problems = [];

function declared(section) {
  const items = new Map();
  let inSection = false;
  let current;
  for (const line of action) {
    if (/^\S/.test(line)) inSection = line === `${section}:`;
    else if (inSection && /^ {2}[\w-]+:$/.test(line)) items.set((current = line.trim().slice(0, -1)), '');
    else if (inSection && current && /^ {4}default: /.test(line))
      items.set(current, line.replace(/^ {4}default: /, '').replace(/^"(.*)"$/, '$1'));
  }
  return items;
}

// The rows of the table under the README heading `## title`: first cell `name`, second cell the default.
function documented(title) {
  const part = readme.split(`\n## ${title}\n`)[1]?.split('\n## ')[0] ?? '';
  const rows = new Map();
  for (const m of part.matchAll(/^\| `([\w-]+)` \|([^|]*)\|/gm)) rows.set(m[1], m[2].trim().replace(/^`(.*)`$/, '$1'));
  return rows;
}

for (const [section, title, withDefaults] of [
  ['inputs', 'Inputs', true],
  ['outputs', 'Outputs', false],
]) {
  const want = declared(section);
  const have = documented(title);
  for (const [name, def] of want) {
    if (!have.has(name)) problems.push(`README ${title}: \`${name}\` is missing`);
    else if (withDefaults && have.get(name) !== def)
      problems.push(`README ${title}: \`${name}\` default is "${have.get(name)}", action.yml says "${def}"`);
  }
  for (const name of have.keys()) if (!want.has(name)) problems.push(`README ${title}: \`${name}\` is not in action.yml`);
}

const examples = [...readme.matchAll(/<!-- example: (\S+) -->\n```yaml\n([\s\S]*?)```\n/g)];
if (examples.length === 0) problems.push('README includes no example workflow');
for (const [, file, text] of examples) {
  if (readFileSync(file, 'utf8') !== text) problems.push(`README's copy of ${file} differs from the file`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`README matches action.yml and ${examples.length} example files`);

// Fails when the documentation drifts from what it documents: README.md's Inputs and Outputs tables must
// list exactly action.yml's inputs (with their defaults) and outputs; every example that README.md or a
// page of docs/ includes with `<!-- example: PATH -->` must be that file verbatim (the files the act runs
// execute); and every relative link of those pages must reach an existing file and, with `#anchor`, a
// heading of it (GitHub's anchors), so moving a page or renaming a heading cannot leave a dead link.
// action.yml is read line by line: its layout (two-space keys under inputs:/outputs:) is fixed.
// `--write` first refreshes the example copies from the files (after Dependabot updated examples/).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const action = readFileSync('action.yml', 'utf8').split('\n');
const pages = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const text = new Map(pages.map((page) => [page, readFileSync(page, 'utf8')]));
const includes = /(<!-- example: (\S+) -->\n```yaml\n)([\s\S]*?)```\n/g;
if (process.argv.includes('--write')) {
  for (const [page, body] of text) {
    const fresh = body.replace(includes, (whole, head, file) =>
      existsSync(file) ? `${head}${readFileSync(file, 'utf8')}\`\`\`\n` : whole,
    );
    if (fresh !== body) writeFileSync(page, fresh);
    text.set(page, fresh);
  }
}
const readme = text.get('README.md');
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

let exampleCount = 0;
for (const [page, body] of text) {
  for (const [, , file, copy] of body.matchAll(includes)) {
    exampleCount++;
    if (!existsSync(file)) problems.push(`${page} includes ${file}, which does not exist`);
    else if (readFileSync(file, 'utf8') !== copy) problems.push(`${page}'s copy of ${file} differs from the file`);
  }
}
if (!/<!-- example: /.test(readme)) problems.push('README includes no example workflow');

// GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces to `-`,
// repeats suffixed -1, -2, … (headings inside code blocks are not headings).
function anchors(body) {
  const seen = new Map();
  const found = new Set();
  for (const m of body.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = m[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    found.add(n ? `${slug}-${n}` : slug);
  }
  return found;
}

for (const [page, body] of text) {
  const prose = body.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue;
    const [path, anchor] = target.split('#');
    const file = path ? normalize(join(dirname(page), path)) : page;
    if (!existsSync(file)) problems.push(`${page} links to ${target}: ${file} does not exist`);
    else if (anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor))
      problems.push(`${page} links to ${target}: ${file} has no heading with that anchor`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`README matches action.yml; ${exampleCount} example copies and the links of ${pages.length} pages check out`);

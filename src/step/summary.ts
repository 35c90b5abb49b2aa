/**
 * The job summary: each step writes one complete section, a heading and a two-column table, so a
 * run's page answers "which builder, which BuildKit, which platforms, what did post do" without
 * opening the log. Pure: facts in, markdown out.
 */

export interface SummaryFacts {
  builder: string;
  node: string;
  endpoint: string;
  image: string;
  buildkitVersion: string;
  platforms: string[];
  /** Extra rows other features add (emulators, buildx), in order. */
  rows?: [string, string][];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** One section: `### title` and a table of label | value rows. */
export function summarySection(title: string, rows: [string, string][]): string {
  return [`### ${title}`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), ''].join('\n');
}

export function summaryMarkdown(f: SummaryFacts): string {
  return summarySection('setup-buildkit', [
    ['Builder', `\`${f.builder}\` (docker-container)`],
    ['Node', `\`${f.node}\` — \`${f.endpoint}\``],
    ['BuildKit', `${f.buildkitVersion} (\`${f.image}\`)`],
    ['Platforms', f.platforms.join(', ') || '—'],
    ...(f.rows ?? []),
  ]);
}

/** The Emulators row: what the kernel now runs through QEMU, and whether this run had to register any of it. */
export function emulatorsRow(platforms: string[], installed: string[]): [string, string] {
  if (installed.length) return ['Emulators', `${platforms.join(', ')} (installed now: ${installed.join(', ')})`];
  if (platforms.length) return ['Emulators', `${platforms.join(', ')} (already registered)`];
  return ['Emulators', 'none needed (every platform runs natively)'];
}

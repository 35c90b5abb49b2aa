/**
 * The job summary: one markdown table of what the step set up, so a run's page answers "which
 * builder, which BuildKit, which platforms" without opening the log. Pure: facts in, markdown out.
 */
export interface SummaryFacts {
  builder: string;
  node: string;
  endpoint: string;
  image: string;
  buildkitVersion: string;
  platforms: string[];
  /** Extra rows other features add (emulators, state restored/saved), in order. */
  rows?: [string, string][];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function summaryMarkdown(f: SummaryFacts): string {
  const rows: [string, string][] = [
    ['Builder', `\`${f.builder}\` (docker-container)`],
    ['Node', `\`${f.node}\` — \`${f.endpoint}\``],
    ['BuildKit', `${f.buildkitVersion} (\`${f.image}\`)`],
    ['Platforms', f.platforms.join(', ') || '—'],
    ...(f.rows ?? []),
  ];
  return ['### setup-buildkit', '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), ''].join('\n');
}

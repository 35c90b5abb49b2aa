/**
 * The main step's phases on a timeline: a recorder that notes when each named phase starts and ends
 * (milliseconds since the step began, per lane: one lane per builder node), and a pure renderer to a
 * Mermaid gantt chart, which GitHub draws in the job summary. The chart shows what a table of durations
 * cannot: which phases overlapped (the pull beside QEMU, the state restore beside the emulators'
 * registration) and where the step's seconds went.
 */

export interface Phase {
  /** The row group: the builder node the phase belongs to. */
  lane: string;
  name: string;
  /** Milliseconds since the recorder started. */
  startMs: number;
  endMs: number;
  /** Still running when the phases were read (drawn up to that moment). */
  open?: boolean;
}

/** One lane's phases: `begin` starts one and returns its end; `time` times a piece of work. */
export interface Lane {
  begin(name: string): () => void;
  time<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export class Timeline {
  private readonly origin: number;
  private readonly started: { lane: string; name: string; startMs: number; endMs?: number }[] = [];

  /** `now` is a monotonic clock in milliseconds; tests pass their own. */
  constructor(private readonly now: () => number = () => performance.now()) {
    this.origin = now();
  }

  private elapsed(): number {
    return this.now() - this.origin;
  }

  /** Starts a phase; the returned function ends it (the first call counts, later ones change nothing). */
  begin(lane: string, name: string): () => void {
    const phase: { lane: string; name: string; startMs: number; endMs?: number } = { lane, name, startMs: this.elapsed() };
    this.started.push(phase);
    return () => {
      phase.endMs ??= this.elapsed();
    };
  }

  /** Times `work` as a phase, ended whether it succeeds or fails. */
  async time<T>(lane: string, name: string, work: () => Promise<T>): Promise<T> {
    const end = this.begin(lane, name);
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** The phases of one lane, for a part that only knows its own (a node's setup). */
  lane(lane: string): Lane {
    return { begin: (name) => this.begin(lane, name), time: (name, work) => this.time(lane, name, work) };
  }

  /** Every phase begun so far, in the order begun; one still running ends now and is marked open. */
  phases(): Phase[] {
    const now = this.elapsed();
    return this.started.map(({ lane, name, startMs, endMs }) =>
      endMs === undefined ? { lane, name, startMs, endMs: now, open: true } : { lane, name, startMs, endMs },
    );
  }
}

// Mermaid's gantt lexer ends a task's or a section's text at `:`, `#`, `;` or a line break, and takes
// a line that starts with `%%` for a comment. Mermaid turns entity codes (`#58;`) back into their
// characters in the drawing, so the text reads as given.
const ENTITY: Record<string, string> = { '#': '#35;', ':': '#58;', ';': '#59;', '%': '#37;' };

/** Text as a gantt task or section name: one line, with the characters Mermaid's lexer stops at as entity codes. */
export function ganttText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#:;%]/g, (c) => ENTITY[c]);
}

// Times are written as clock times on a fixed day, since a gantt chart's axis is a calendar: Mermaid
// parses them in the viewer's time zone and draws the axis in the same one, so the offsets come out
// as written wherever the chart is read (unix milliseconds would be shifted by the zone's offset).
// 1 January has no daylight-saving change.
const DAY = Date.UTC(2000, 0, 1);
const DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss.SSS';

function clockTime(ms: number): string {
  return new Date(DAY + Math.round(ms)).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * A Mermaid gantt chart of the phases in a ```mermaid block: one section per lane, lanes in the order of
 * their first phase's start (then first seen), phases in a lane by start, then end. Each task is named
 * with its duration; a phase of zero length is a milestone (a bar of no width would not show), an open
 * one is marked active. No phases, no chart.
 */
export function timelineMermaid(phases: readonly Phase[], title: string): string {
  if (phases.length === 0) return '';
  const lanes = new Map<string, Phase[]>();
  for (const phase of [...phases].sort((a, b) => a.startMs - b.startMs)) {
    const lane = lanes.get(phase.lane) ?? [];
    lane.push(phase);
    lanes.set(phase.lane, lane);
  }
  const spanMs = Math.max(...phases.map((p) => p.endMs));
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${ganttText(title)}`,
    `  dateFormat ${DATE_FORMAT}`,
    // Seconds (and milliseconds) since the step began; minutes too when it took a minute or more.
    `  axisFormat ${spanMs >= 60_000 ? '%M:%S' : '%S.%L s'}`,
    '  todayMarker off',
  ];
  for (const [lane, inLane] of lanes) {
    lines.push(`  section ${ganttText(lane)}`);
    for (const p of inLane.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)) {
      const endMs = Math.max(p.endMs, p.startMs);
      const tags = [...(endMs === p.startMs ? ['milestone'] : []), ...(p.open ? ['active'] : [])];
      const seconds = `${((endMs - p.startMs) / 1000).toFixed(2)} s${p.open ? ', unfinished' : ''}`;
      lines.push(`    ${ganttText(p.name)} (${seconds}) :${[...tags, clockTime(p.startMs), clockTime(endMs)].join(', ')}`);
    }
  }
  lines.push('```', '');
  return lines.join('\n');
}

import { ganttText, type Phase, Timeline, timelineMermaid } from '../../src/step/timeline.js';

/** A clock the test moves by hand. */
function clock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** The task lines of a chart, without their leading spaces. */
function tasks(md: string): string[] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('    '))
    .map((l) => l.trim());
}

describe('Timeline', () => {
  test('phases are offsets from the recorder start, side by side when they overlap', async () => {
    const c = clock();
    const t = new Timeline(c.now);
    c.advance(50);
    const endPull = t.begin('ci0', 'pull');
    c.advance(20);
    const qemu = t.time('ci0', 'QEMU', async () => c.advance(100));
    await qemu;
    c.advance(30);
    endPull();
    expect(t.phases()).toEqual([
      { lane: 'ci0', name: 'pull', startMs: 50, endMs: 200 },
      { lane: 'ci0', name: 'QEMU', startMs: 70, endMs: 170 },
    ]);
  });

  test('ending a phase twice keeps the first end', () => {
    const c = clock();
    const t = new Timeline(c.now);
    const end = t.begin('ci0', 'readiness');
    c.advance(10);
    end();
    c.advance(10);
    end();
    expect(t.phases()[0]).toEqual({ lane: 'ci0', name: 'readiness', startMs: 0, endMs: 10 });
  });

  test('a phase whose work fails still ends, and the failure goes on', async () => {
    const c = clock();
    const t = new Timeline(c.now);
    await expect(
      t.time('ci0', 'container start', async () => {
        c.advance(40);
        throw new Error('no such image');
      }),
    ).rejects.toThrow('no such image');
    expect(t.phases()).toEqual([{ lane: 'ci0', name: 'container start', startMs: 0, endMs: 40 }]);
  });

  test('a lane records on its own lane of the timeline, as begin and time do', async () => {
    const c = clock();
    const t = new Timeline(c.now);
    const node = t.lane('ci1');
    const end = node.begin('pull');
    c.advance(5);
    end();
    await node.time('readiness', async () => c.advance(7));
    expect(t.phases()).toEqual([
      { lane: 'ci1', name: 'pull', startMs: 0, endMs: 5 },
      { lane: 'ci1', name: 'readiness', startMs: 5, endMs: 12 },
    ]);
  });

  test('a phase still running ends at the moment it is read, marked open', () => {
    const c = clock();
    const t = new Timeline(c.now);
    t.begin('ci0', 'state restore');
    c.advance(25);
    expect(t.phases()).toEqual([{ lane: 'ci0', name: 'state restore', startMs: 0, endMs: 25, open: true }]);
  });
});

describe('ganttText', () => {
  test("the characters Mermaid's lexer stops at become entity codes, in one pass", () => {
    expect(ganttText('pull moby/buildkit:buildx-stable-1')).toBe('pull moby/buildkit#58;buildx-stable-1');
    expect(ganttText('a#b;c%%d')).toBe('a#35;b#59;c#37;#37;d');
    // An entity code already in the text is escaped, not taken as one.
    expect(ganttText('#58;')).toBe('#35;58#59;');
  });

  test('one line: line breaks and runs of space become one space, the ends trimmed', () => {
    expect(ganttText('  state\r\nrestore \t(v2)  ')).toBe('state restore (v2)');
  });
});

describe('timelineMermaid', () => {
  const phases: Phase[] = [
    { lane: 'buildx_buildkit_ci0', name: 'readiness', startMs: 900, endMs: 1150 },
    { lane: 'buildx_buildkit_ci0', name: 'pull moby/buildkit:buildx-stable-1', startMs: 5, endMs: 640 },
    { lane: 'buildx_buildkit_ci1', name: 'pull moby/buildkit:buildx-stable-1', startMs: 30, endMs: 700 },
    { lane: 'buildx_buildkit_ci0', name: 'QEMU', startMs: 5, endMs: 480 },
    { lane: 'buildx_buildkit_ci0', name: 'container start', startMs: 640, endMs: 900 },
  ];

  test('a gantt block: title, the date format its times are written in, a seconds axis, no today marker', () => {
    const md = timelineMermaid(phases, 'main step: 1.15 s');
    expect(md.split('\n').slice(0, 6)).toEqual([
      '```mermaid',
      'gantt',
      '  title main step#58; 1.15 s',
      '  dateFormat YYYY-MM-DD HH:mm:ss.SSS',
      '  axisFormat %S.%L s',
      '  todayMarker off',
    ]);
    expect(md.endsWith('\n```\n')).toBe(true);
  });

  test('one section per node, in the order their first phase started; phases by start, then end, named with their duration', () => {
    const md = timelineMermaid(phases, 'main');
    expect(md.split('\n').filter((l) => l.startsWith('  section '))).toEqual([
      '  section buildx_buildkit_ci0',
      '  section buildx_buildkit_ci1',
    ]);
    expect(tasks(md)).toEqual([
      'QEMU (0.47 s) :2000-01-01 00:00:00.005, 2000-01-01 00:00:00.480',
      'pull moby/buildkit#58;buildx-stable-1 (0.64 s) :2000-01-01 00:00:00.005, 2000-01-01 00:00:00.640',
      'container start (0.26 s) :2000-01-01 00:00:00.640, 2000-01-01 00:00:00.900',
      'readiness (0.25 s) :2000-01-01 00:00:00.900, 2000-01-01 00:00:01.150',
      'pull moby/buildkit#58;buildx-stable-1 (0.67 s) :2000-01-01 00:00:00.030, 2000-01-01 00:00:00.700',
    ]);
  });

  test('lanes that start together keep the order they were first seen in', () => {
    const md = timelineMermaid(
      [
        { lane: 'b', name: 'x', startMs: 0, endMs: 1 },
        { lane: 'a', name: 'x', startMs: 0, endMs: 1 },
      ],
      't',
    );
    expect(md.split('\n').filter((l) => l.startsWith('  section '))).toEqual(['  section b', '  section a']);
  });

  test('a zero-length phase is a milestone; an open one is active and says so; an end before the start is the start', () => {
    const md = timelineMermaid(
      [
        { lane: 'ci0', name: 'QEMU', startMs: 120, endMs: 120 },
        { lane: 'ci0', name: 'state restore', startMs: 200, endMs: 1700, open: true },
        { lane: 'ci0', name: 'clock went back', startMs: 300, endMs: 250 },
      ],
      't',
    );
    expect(tasks(md)).toEqual([
      'QEMU (0.00 s) :milestone, 2000-01-01 00:00:00.120, 2000-01-01 00:00:00.120',
      'state restore (1.50 s, unfinished) :active, 2000-01-01 00:00:00.200, 2000-01-01 00:00:01.700',
      'clock went back (0.00 s) :milestone, 2000-01-01 00:00:00.300, 2000-01-01 00:00:00.300',
    ]);
  });

  test('names and lanes are escaped; nothing a lexer stops at is left in a task or section text', () => {
    const md = timelineMermaid([{ lane: 'node: #1;', name: 'pull a:b@sha256:ab\n%%c', startMs: 0, endMs: 10 }], 't');
    expect(md).toContain('  section node#58; #35;1#59;');
    const [task] = tasks(md);
    const text = task.slice(0, task.indexOf(' :'));
    expect(text).toBe('pull a#58;b@sha256#58;ab #37;#37;c (0.01 s)');
    expect(text.replace(/#\d+;/g, '')).not.toMatch(/[#:;%\n]/);
  });

  test('a step of a minute or more gets minutes on the axis; milliseconds are rounded', () => {
    const md = timelineMermaid([{ lane: 'ci0', name: 'state restore', startMs: 0.4, endMs: 61_000.6 }], 't');
    expect(md).toContain('  axisFormat %M:%S\n');
    expect(tasks(md)).toEqual(['state restore (61.00 s) :2000-01-01 00:00:00.000, 2000-01-01 00:01:01.001']);
  });

  test('no phases, no chart', () => {
    expect(timelineMermaid([], 't')).toBe('');
  });
});

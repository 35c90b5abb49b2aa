/**
 * What each step tells the user besides its outputs, through the bundled action on the real engine:
 * a job summary that cannot be written is a warning (the builder stays usable), the log's
 * collapsible groups, and post's account of what it removed.
 */
import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob } from '../support/action.js';
import { BASE_IMAGE, ENGINE, expectGone, inspectContainer, sh, tryRun, uniqueName } from '../support/engine.js';

const jobs: ActionJob[] = [];
function newJob(env: NodeJS.ProcessEnv = {}): ActionJob {
  const job = new ActionJob(env);
  jobs.push(job);
  return job;
}
const names: string[] = [];
function newName(prefix: string): string {
  const name = uniqueName(prefix);
  names.push(name);
  return name;
}
afterAll(() => {
  // A test that failed before its post step leaves its builder: removed here.
  for (const n of names)
    if (inspectContainer(nodeNames(n).container)?.Config.Labels?.['com.github.setup-buildkit.builder'])
      tryRun('docker', ['buildx', 'rm', '-f', n]);
  for (const j of jobs) j.dispose();
});

describe('a job summary that cannot be written', () => {
  test.each([
    ['missing (its directory does not exist)', '/nonexistent/setup-buildkit/summary'],
    ['unwritable (a directory)', '/'],
  ])('%s: main warns, succeeds, and the builder works; post warns too', async (_what, summaryPath) => {
    const name = newName('ux-sum');
    const job = newJob({ GITHUB_STEP_SUMMARY: summaryPath });
    const main = await job.main({ name, 'driver-opts': 'network=host', use: 'false' });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.warnings).toEqual([expect.stringMatching(/^the job summary was not written: /)]);
    expect(main.outputs['buildkit-version']).toMatch(/^v\d+/);
    expect(inspectContainer(nodeNames(name).container)?.State.Running).toBe(true);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([expect.stringMatching(/^the job summary was not written: /)]);
    expectGone(name);
  });
});

describe('the log', () => {
  test('main groups the engine, BuildKit and node facts after the progress lines; post writes a complete summary section', async () => {
    const name = newName('ux-log');
    const job = newJob();
    const main = await job.main({
      name,
      'driver-opts': 'network=host',
      use: 'false',
      'buildkitd-config-inline': '[worker.oci]\n  gc = true\n',
    });
    expect(main.exitCode).toBe(0);
    const lines = main.stdout.split('\n');
    const groups = lines.filter((l) => l.startsWith('::group::')).map((l) => l.slice('::group::'.length));
    expect(groups).toEqual([
      expect.stringMatching(new RegExp(`^Docker engine ${ENGINE.name.replace('.', '\\.')}\\.`)),
      expect.stringMatching(/^BuildKit v\d/),
      `Node ${name}0`,
    ]);
    expect(lines.filter((l) => l === '::endgroup::')).toHaveLength(3);
    // The progress lines come first, outside any group.
    expect(lines.indexOf('#1 [internal] booting buildkit')).toBeLessThan(lines.findIndex((l) => l.startsWith('::group::')));
    const text = main.stdout;
    expect(text).toMatch(new RegExp(`storage driver ${ENGINE.storageDriver}\\b`));
    expect(text).toContain('buildkitd config (/etc/buildkit/buildkitd.toml):');
    expect(text).toMatch(/\[worker\.oci\]\n\s+gc = true/);
    expect(text).toMatch(new RegExp(`platforms: ${main.outputs.platforms.split(',').join(', ')}`));

    // The nodes output says what `docker buildx inspect` says, in its words.
    const [node] = JSON.parse(main.outputs.nodes);
    // Features only in debug mode, as setup-buildx-action runs it (DEBUG=1).
    const inspect = sh('docker', ['buildx', 'inspect', name], { env: { ...process.env, DEBUG: '1' } });
    for (const [feature, on] of Object.entries(node.features)) expect(inspect).toMatch(new RegExp(`${feature}:\\s+${on}`));
    expect(node.labels['org.mobyproject.buildkit.worker.snapshotter']).toBe('overlayfs');
    for (const [label, value] of Object.entries(node.labels))
      expect(inspect).toMatch(new RegExp(`${label.replace(/\./g, '\\.')}:\\s+${value}`));
    expect(node.gcPolicy[0]).toEqual({
      all: false,
      filter: ['type==source.local', 'type==exec.cachemount', 'type==source.git.checkout'],
      keepDuration: '48h0m0s',
      maxUsedSpace: expect.stringMatching(/iB$/),
    });
    const rules = inspect.split(/GC Policy rule#\d+:/).slice(1);
    expect(rules).toHaveLength(node.gcPolicy.length);
    node.gcPolicy.forEach((rule: Record<string, string>, i: number) => {
      if (rule.keepDuration) expect(rules[i]).toMatch(new RegExp(`Keep Duration:\\s+${rule.keepDuration}\n`));
      for (const [key, title] of [
        ['reservedSpace', 'Reserved Space'],
        ['maxUsedSpace', 'Max Used Space'],
        ['minFreeSpace', 'Min Free Space'],
      ]) {
        if (rule[key]) expect(rules[i]).toMatch(new RegExp(`${title}:\\s+${rule[key].replace('.', '\\.')}\n`));
      }
    });

    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`builder ${name} removed`);
    const summary = job.summary();
    const postSection = summary.slice(summary.lastIndexOf('### '));
    expect(postSection).toBe(
      `### setup-buildkit post\n\n| | |\n|---|---|\n| Builder | \`${name}\` removed (container, state volume, buildx entry) |\n\n`,
    );
    expectGone(name);
  });
});

describe("main's timeline", () => {
  test('the summary charts the phases of each node and of the step on a Mermaid gantt, side by side', async () => {
    const name = newName('ux-time');
    const job = newJob();
    // Emulating only the runner's own architecture registers nothing (no installer runs) but still times the QEMU phase.
    const native = process.arch === 'arm64' ? 'arm64' : 'amd64';
    const main = await job.main({ name, 'driver-opts': 'network=host', use: 'false', qemu: 'true', 'qemu-platforms': native });
    expect(main.exitCode).toBe(0);
    const summary = job.summary();
    const chart = summary.slice(summary.indexOf('```mermaid\n'), summary.lastIndexOf('```') + 3);
    expect(chart).toMatch(
      new RegExp(`^\`\`\`mermaid\ngantt\n  title main step of ${name}, seconds since it began\n  dateFormat YYYY-MM-DD HH:mm:ss\\.SSS\n`),
    );
    // The main section's table comes first, then the chart after a blank line.
    expect(summary.indexOf('### setup-buildkit\n')).toBeLessThan(summary.indexOf('|\n\n```mermaid\n'));
    const time = '2000-01-01 \\d\\d:\\d\\d:\\d\\d\\.\\d{3}';
    const task = (phase: string) => new RegExp(`^    ${phase} \\(\\d+\\.\\d\\d s\\) :(milestone, )?${time}, ${time}$`, 'm');
    const sections = [...chart.matchAll(/^ {2}section (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['step', `${name}0`]);
    const [step, node] = chart.split(`  section ${name}0\n`);
    expect(step).toMatch(task('engines answer'));
    expect(step).toMatch(task('buildx store entry'));
    for (const phase of [
      `QEMU tonistiigi/binfmt#58;qemu-v10\\.2\\.3-68`,
      `pull moby/buildkit#58;buildx-stable-1`,
      'container create',
      'container start',
      'readiness',
    ])
      expect(node).toMatch(task(phase));
    // Phases are in the order they began: the pull and QEMU first, side by side, then the boot in sequence.
    const names = [...node.matchAll(/^ {4}(.+?) \(/gm)].map((m) => m[1]);
    expect(names.slice(2)).toEqual(['container create', 'container start', 'readiness']);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expectGone(name);
  });
});

describe('after main refused a container it does not own', () => {
  test('post says that nothing was removed and leaves the container alone', async () => {
    const name = newName('ux-foreign');
    const container = nodeNames(name).container;
    sh('docker', ['create', '--name', container, BASE_IMAGE, 'true']);
    try {
      const job = newJob();
      const main = await job.main({ name, 'driver-opts': 'network=host' });
      expect(main.exitCode).toBe(1);
      const post = await job.post();
      expect(post.exitCode).toBe(0);
      expect(post.warnings).toEqual([`container ${container} was not created by setup-buildkit: left in place`]);
      expect(post.stdout).toContain(`builder ${name}: nothing was removed (main created none of it)`);
      expect(post.stdout).not.toContain(`builder ${name} removed`);
      expect(inspectContainer(container)?.Config.Image).toBe(BASE_IMAGE);
    } finally {
      sh('docker', ['rm', container]);
    }
    expectGone(name);
  });
});

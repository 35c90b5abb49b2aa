/**
 * Fault cases 1b and 10 (issue 7), which stop the Docker engine: they disrupt whatever else runs on
 * it, so they live in this file alone and share ONE short outage of the engine under test only
 * (its dockerd stopped, then started again by the harness; the other engine and the test registry on
 * 127.0.0.1:5000 keep running).
 *
 * - 1b: the engine is stopped between main and post: post exits 0 with one warning and keeps the
 *   buildx entry; once the engine is back, the builder (and `docker buildx rm`/a later post) is there.
 * - 10: the engine restarts while a builder runs: the restart policy (unless-stopped) brings the
 *   container back and a build through it works.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob, type StepResult } from '../support/action.js';
import { BASE_IMAGE, ENGINE, expectGone, inspectContainer, makeContext, sh, tryRun, uniqueName } from '../support/engine.js';
import { forceRemove, waitFor } from '../support/faults.js';

function engineAnswers(): boolean {
  return tryRun('docker', ['info', '--format', '{{.ID}}']).status === 0;
}

/** The dockerd of the engine under test, by its pidfile: the other engine's dockerd is not ours to stop. */
function dockerdPid(): number | undefined {
  const pid = Number(fs.existsSync(ENGINE.pidfile) ? fs.readFileSync(ENGINE.pidfile, 'utf8').trim() : '');
  if (!(pid > 0)) return undefined;
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'dockerd' ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function stopEngine(): Promise<void> {
  const pid = dockerdPid();
  if (!pid) throw new Error(`no dockerd process of engine ${ENGINE.name} to stop`);
  process.kill(pid, 'SIGTERM');
  await waitFor(() => dockerdPid() === undefined, 60000, 'dockerd to exit');
}

function startEngine(): void {
  // The harness scripts name their engine themselves; DOCKER_HOST would point engine.sh's check elsewhere.
  const { DOCKER_HOST: _, ...env } = process.env;
  execFileSync('bash', [ENGINE.startScript], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
}

describe(`engine ${ENGINE.name} goes away and comes back`, () => {
  const gone = uniqueName('rstpost'); // case 1b: its post runs while the engine is down
  const kept = uniqueName('rstkeep'); // case 10: it runs through the restart
  const jobs = { gone: new ActionJob(), kept: new ActionJob() };
  let mains: StepResult[];
  let postWhileDown: StepResult;
  let outageMs = 0;

  beforeAll(async () => {
    mains = await Promise.all([
      jobs.gone.main({ name: gone, 'driver-opts': 'network=host' }),
      jobs.kept.main({ name: kept, 'driver-opts': 'network=host' }),
    ]);
    if (mains.some((m) => m.exitCode !== 0)) return;
    const t = Date.now();
    try {
      await stopEngine();
      postWhileDown = await jobs.gone.post();
    } finally {
      // Whatever happened, the engine comes back for everyone else.
      if (!engineAnswers()) startEngine();
      outageMs = Date.now() - t;
    }
  }, 240000);
  afterAll(() => {
    if (!engineAnswers()) startEngine();
    forceRemove(gone);
    forceRemove(kept);
    jobs.gone.dispose();
    jobs.kept.dispose();
  });

  test('both builders were up before the outage; the outage was short', () => {
    expect(mains.map((m) => m.exitCode)).toEqual([0, 0]);
    expect(outageMs).toBeLessThan(45000);
  });

  test('1b. post with the engine stopped: exit 0, one warning naming the builder and what to do', () => {
    expect(postWhileDown.exitCode).toBe(0);
    expect(postWhileDown.errors).toEqual([]);
    expect(postWhileDown.warnings).toHaveLength(1);
    expect(postWhileDown.warnings[0]).toMatch(
      new RegExp(`^could not remove builder ${gone}: Docker engine not reachable at ${ENGINE.host}`),
    );
    expect(postWhileDown.warnings[0]).toContain(`remove it later with docker buildx rm ${gone}`);
  });

  test('10. the restart policy brings the running builder back, and a build works', async () => {
    await waitFor(() => inspectContainer(nodeNames(kept).container)?.State.Running === true, 60000, 'the builder container to run again');
    const c = inspectContainer(nodeNames(kept).container);
    expect(c.HostConfig.RestartPolicy.Name).toBe('unless-stopped');
    await waitFor(
      () => tryRun('docker', ['exec', nodeNames(kept).container, 'buildctl', 'debug', 'workers']).status === 0,
      60000,
      'BuildKit to answer again',
    );
    const ctx = makeContext(`FROM ${BASE_IMAGE}\nRUN echo after-restart > /r.txt\n`, {});
    try {
      sh('docker', ['buildx', 'build', '--builder', kept, '--output', `type=local,dest=${path.join(ctx, 'out')}`, ctx]);
      expect(fs.readFileSync(path.join(ctx, 'out', 'r.txt'), 'utf8')).toBe('after-restart\n');
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
    }
    const post = await jobs.kept.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expectGone(kept);
  });

  test('1b, after: the builder whose post missed the engine is still known to buildx; a later post removes it all', async () => {
    expect(tryRun('docker', ['buildx', 'inspect', gone]).status).toBe(0);
    const again = await jobs.gone.post();
    expect(again.exitCode).toBe(0);
    expect(again.warnings).toEqual([]);
    expectGone(gone);
  });
});

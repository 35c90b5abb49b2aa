/**
 * The fault suite (issue 7), on the real engine through the bundled action. Each case asserts what
 * the user sees: the exit status, the error or warning line, and what is left on the engine.
 * Bad inputs, an unreachable engine at main, BuildKit exiting at once and the readiness timeout are
 * in bad-input.test.ts; engine restarts in engine-restart.test.ts; four concurrent builders in
 * concurrency.test.ts.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob, type StepResult } from '../support/action.js';
import { cacheEnvVars } from '../support/cache-env.js';
import { startCacheV2Server } from '../support/cache-v2-server.js';
import {
  BASE_IMAGE,
  buildxInstances,
  ENGINE,
  expectGone,
  inspectContainer,
  makeContext,
  sh,
  tryRun,
  uniqueName,
  volumeExists,
} from '../support/engine.js';
import { EngineProxy, forceRemove } from '../support/faults.js';

const HOST_NET = 'network=host';
const execFileAsync = promisify(execFile);
const jobs: ActionJob[] = [];
const builders: string[] = [];

function newJob(env: NodeJS.ProcessEnv = {}): ActionJob {
  const job = new ActionJob(env);
  jobs.push(job);
  return job;
}
function newName(prefix: string): string {
  const name = uniqueName(prefix);
  builders.push(name);
  return name;
}

afterAll(() => {
  for (const b of builders) forceRemove(b);
  for (const j of jobs) j.dispose();
});

/** The step's output with no stack trace in it. */
function expectNoStack(r: StepResult): void {
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+[(:]\d+:\d+\)?/);
}

function errorOf(r: StepResult): string {
  expect(r.errors).toHaveLength(1);
  return r.errors[0];
}

describe('1. the engine is not reachable when post runs', () => {
  test('post exits 0 with one warning, keeps the buildx entry for `docker buildx rm`; a later post removes everything', async () => {
    const name = newName('f1post');
    // Post reaches the engine main used, whatever DOCKER_HOST says then: main goes through a link
    // to the engine's socket, and the link is gone while the first post runs.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-f1-'));
    const link = path.join(dir, 'docker.sock');
    fs.symlinkSync(ENGINE.socket, link);
    const job = newJob({ DOCKER_HOST: `unix://${link}` });
    try {
      const main = await job.main({ name, 'driver-opts': HOST_NET });
      expect(main.exitCode).toBe(0);
      fs.rmSync(link);
      const down = await job.start('post', {}, { DOCKER_HOST: `unix://${ENGINE.socket}` }).done;
      expect(down.exitCode).toBe(0);
      expect(down.errors).toEqual([]);
      expect(down.warnings).toHaveLength(1);
      expect(down.warnings[0]).toContain(`could not remove builder ${name}`);
      expect(down.warnings[0]).toContain(`Docker engine not reachable at unix://${link}`);
      expect(down.warnings[0]).toContain(`remove it later with docker buildx rm ${name}`);
      expectNoStack(down);
      // The engine did not hear of it: the builder still runs, and buildx still knows it.
      expect(inspectContainer(nodeNames(name).container)?.State.Running).toBe(true);
      expect(buildxInstances()).toContain(name.toLowerCase());
      fs.symlinkSync(ENGINE.socket, link);
      const again = await job.post();
      expect(again.exitCode).toBe(0);
      expect(again.warnings).toEqual([]);
      expectGone(name);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('2. the BuildKit image', () => {
  test('a pull that fails with no local copy: one line naming the image, nothing created', async () => {
    const name = newName('f2none');
    const image = `127.0.0.1:5000/setup-buildkit-test/nowhere:${name}`;
    const job = newJob();
    const main = await job.main({ name, 'driver-opts': `image=${image},${HOST_NET}` });
    expect(main.exitCode).toBe(1);
    const error = errorOf(main);
    expect(error).toContain(`pulling image ${image} failed and there is no local copy`);
    expect(error.split('\n')).toHaveLength(1);
    expectNoStack(main);
    expect(main.stdout).not.toContain('creating container');
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expectGone(name);
  });

  test('a pull that fails with a local copy (the default image, no Docker Hub here): says so and uses it', async () => {
    const name = newName('f2local');
    const job = newJob();
    const main = await job.main({ name, 'driver-opts': HOST_NET });
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(/#1 pulling failed \(.+\), using local image moby\/buildkit:buildx-stable-1/);
    expect(main.warnings).toEqual([]);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expectGone(name);
  });

  test('an image without buildkitd: the container exits, the error shows its log, nothing is left', async () => {
    const name = newName('f2nobk');
    const image = `setup-buildkit-test/no-buildkitd:${name.toLowerCase()}`;
    sh('docker', ['tag', BASE_IMAGE, image]);
    try {
      const job = newJob();
      const main = await job.main({
        name,
        'driver-opts': `image=${image},${HOST_NET}`,
        'pull-policy': 'missing',
        'bootstrap-timeout': '60s',
      });
      expect(main.exitCode).toBe(1);
      const error = errorOf(main);
      expect(error).toMatch(
        new RegExp(`^BuildKit container ${nodeNames(name).container} exited with code \\d+ before it was ready; its log ends with:\\n`),
      );
      // busybox's sh, handed buildkitd's flags, says what it made of them.
      expect(error.split('\n').slice(1).join('\n')).toMatch(/allow-insecure-entitlement|illegal option|not found|can't open/i);
      expectNoStack(main);
      const post = await job.post();
      expect(post.exitCode).toBe(0);
      expectGone(name);
    } finally {
      tryRun('docker', ['rmi', image]);
    }
  });
});

/** Engine calls by path, as the proxy sees them (API version prefix removed). */
const AT = {
  containerCreate: (r: { method: string; path: string }) => r.method === 'POST' && r.path.startsWith('/containers/create'),
  containerStart: (r: { method: string; path: string }) => r.method === 'POST' && /^\/containers\/[^/]+\/start/.test(r.path),
  readinessExec: (r: { method: string; path: string }) => r.method === 'POST' && /^\/containers\/[^/]+\/exec/.test(r.path),
  containerDelete: (r: { method: string; path: string }) => r.method === 'DELETE' && r.path.startsWith('/containers/'),
  containerStop: (r: { method: string; path: string }) => r.method === 'POST' && /^\/containers\/[^/]+\/stop/.test(r.path),
};

describe('5. main dies half-way (SIGKILL, no cleanup of its own): post removes all of it', () => {
  test.each([
    ['after the volume, before the container', AT.containerCreate, { volume: true, container: false }],
    ['after the container, before it starts', AT.containerStart, { volume: true, container: true }],
    ['while waiting for BuildKit', AT.readinessExec, { volume: true, container: true }],
  ])('%s', async (_label, hold, created) => {
    const name = newName('f5kill');
    const { container, volume } = nodeNames(name);
    const proxy = new EngineProxy(hold);
    await proxy.listen();
    try {
      const job = newJob();
      const step = job.start('main', { name, 'driver-opts': HOST_NET }, { DOCKER_HOST: proxy.dockerHost });
      await Promise.race([proxy.held, step.done.then((r) => Promise.reject(new Error(`main ended first: ${r.stdout}${r.stderr}`)))]);
      step.child.kill('SIGKILL');
      const main = await step.done;
      expect(main.signal).toBe('SIGKILL');
      // What main left: exactly what its state says it made.
      expect(volumeExists(volume)).toBe(created.volume);
      expect(inspectContainer(container) !== undefined).toBe(created.container);
      // The state records each resource by name, in the order it was made.
      const recorded = [
        ...(created.volume ? [{ kind: 'volume', name: volume }] : []),
        ...(created.container ? [{ kind: 'container', name: container }] : []),
      ];
      expect(job.readState()).toMatchObject({
        builder: name,
        cleanup: true,
        nodes: [{ name: `${name.toLowerCase()}0`, created: recorded }],
      });
      const post = await job.post();
      expect(post.exitCode).toBe(0);
      expect(post.warnings).toEqual([]);
      expect(post.stdout).toContain(`builder ${name} removed`);
      expectGone(name);
    } finally {
      await proxy.close();
    }
  });
});

describe('6. post when the container is already gone', () => {
  test('removed by hand after main: post exits 0 without warnings and removes the rest', async () => {
    const name = newName('f6hand');
    const job = newJob();
    expect((await job.main({ name, 'driver-opts': HOST_NET })).exitCode).toBe(0);
    sh('docker', ['rm', '-f', nodeNames(name).container]);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expect(post.errors).toEqual([]);
    expectGone(name);
  });

  test('removed by hand, debug on: the missing log is a line, not a failure', async () => {
    const name = newName('f6debug');
    const job = newJob({ RUNNER_DEBUG: '1' });
    expect((await job.main({ name, 'driver-opts': HOST_NET })).exitCode).toBe(0);
    sh('docker', ['rm', '-f', '-v', nodeNames(name).container]);
    sh('docker', ['volume', 'rm', nodeNames(name).volume]);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expect(post.stdout).toContain('(no log:');
    expectGone(name);
  });

  test('never created (main stopped before the engine): post exits 0, warns nothing, touches nothing', async () => {
    const name = newName('f6never');
    const job = newJob();
    job.writeState({ builder: name, cleanup: true, debug: false });
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expect(post.errors).toEqual([]);
    expectGone(name);
  });
});

describe('7. the job is cancelled', () => {
  test.each([
    ['SIGINT', 'before the container starts', 130, AT.containerStart],
    ['SIGTERM', 'while waiting for BuildKit', 143, AT.readinessExec],
    ['SIGINT', 'after the volume, before the container', 130, AT.containerCreate],
  ] as const)('%s during main, %s: exit %i, nothing left', async (signal, _label, code, hold) => {
    const name = newName('f7main');
    const proxy = new EngineProxy(hold);
    await proxy.listen();
    try {
      const job = newJob();
      const step = job.start('main', { name, 'driver-opts': HOST_NET }, { DOCKER_HOST: proxy.dockerHost });
      await Promise.race([proxy.held, step.done.then((r) => Promise.reject(new Error(`main ended first: ${r.stdout}${r.stderr}`)))]);
      step.child.kill(signal);
      // The runner sends SIGINT, then SIGTERM: a second signal must not cut the cleanup short.
      await new Promise((r) => setTimeout(r, 200));
      step.child.kill('SIGTERM');
      proxy.release();
      const main = await step.done;
      expect(main.exitCode).toBe(code);
      expect(main.stderr).toContain(`received ${signal}: cleaning up`);
      expect(main.stderr).not.toContain('cleanup after');
      expectNoStack(main);
      expectGone(name);
      const post = await job.post();
      expect(post.exitCode).toBe(0);
      expect(post.warnings).toEqual([]);
      expectGone(name);
    } finally {
      await proxy.close();
    }
  });

  test('SIGTERM during the post step, while it removes the container: it finishes the removal, exit 143, nothing left', async () => {
    // (No keep-state save exists in this build, so the post step's own work is the removal.)
    const name = newName('f7post');
    const proxy = new EngineProxy();
    await proxy.listen();
    try {
      const job = newJob({ DOCKER_HOST: proxy.dockerHost });
      expect((await job.main({ name, 'driver-opts': HOST_NET })).exitCode).toBe(0);
      proxy.arm(AT.containerDelete);
      const step = job.start('post', {});
      await Promise.race([proxy.held, step.done.then((r) => Promise.reject(new Error(`post ended first: ${r.stdout}${r.stderr}`)))]);
      step.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      proxy.release();
      const post = await step.done;
      expect(post.exitCode).toBe(143);
      expect(post.stderr).toContain('received SIGTERM: cleaning up');
      expectGone(name);
    } finally {
      await proxy.close();
    }
  });
});

test('SIGINT then SIGTERM during the keep-state save (post): the save and the removal finish, exit 130, nothing left', async () => {
  const name = newName('f7save');
  const server = await startCacheV2Server();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-f7save-'));
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d);
  const proxy = new EngineProxy();
  await proxy.listen();
  try {
    const job = newJob({
      ...cacheEnvVars('v2', server.url, dirs),
      GITHUB_RUN_ID: '701',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'build',
      DOCKER_HOST: proxy.dockerHost,
    });
    const main = await job.main({ name, 'keep-state': 'true', 'driver-opts': HOST_NET, use: 'false' });
    expect(main.errors).toEqual([]);
    fs.writeFileSync(path.join(root, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN echo saved > /s.txt\n`);
    // Not a synchronous child: the proxy that the builder's endpoint names runs in this process.
    await execFileAsync('docker', ['buildx', 'build', '--builder', name, '--output', `type=local,dest=${path.join(root, 'out')}`, root]);
    // The save prunes, then stops BuildKit: the signal arrives while the engine stops it.
    proxy.arm(AT.containerStop);
    const step = job.start('post', {});
    await Promise.race([proxy.held, step.done.then((r) => Promise.reject(new Error(`post ended first: ${r.stdout}${r.stderr}`)))]);
    step.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    step.child.kill('SIGTERM');
    proxy.release();
    const post = await step.done;
    expect(post.exitCode).toBe(130);
    expect(post.stderr).toContain('received SIGINT: cleaning up');
    expect(post.stderr).not.toContain('cleanup after');
    expect(post.stdout).toContain(`builder ${name} removed`);
    expectNoStack(post);
    expectGone(name);
  } finally {
    await proxy.close();
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

describe('8. the name is taken', () => {
  test('a container of that name that is not ours: one-line error, it is left alone, nothing of ours is left', async () => {
    const name = newName('f8ctr');
    const { container, volume } = nodeNames(name);
    sh('docker', ['create', '--name', container, BASE_IMAGE, 'true']);
    const job = newJob();
    const main = await job.main({ name, 'driver-opts': HOST_NET });
    expect(main.exitCode).toBe(1);
    const error = errorOf(main);
    expect(error).toBe(
      `a container named ${container} exists and was not created by setup-buildkit; remove it (docker buildx rm ${name}) or choose another name`,
    );
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    // Still there, untouched; no volume of ours was made.
    expect(inspectContainer(container)?.Config.Image).toBe(BASE_IMAGE);
    expect(volumeExists(volume)).toBe(false);
    sh('docker', ['rm', container]);
    expectGone(name);
  });

  test('a volume of that name that is not ours: used as state (as buildx would), never removed', async () => {
    const name = newName('f8vol');
    const { volume } = nodeNames(name);
    sh('docker', ['volume', 'create', volume]);
    const job = newJob();
    const main = await job.main({ name, 'driver-opts': HOST_NET });
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toContain(`#1 using existing state volume ${volume}`);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([`volume ${volume} was not created by setup-buildkit: left in place`]);
    expect(volumeExists(volume)).toBe(true);
    expect(inspectContainer(nodeNames(name).container)).toBeUndefined();
    sh('docker', ['volume', 'rm', volume]);
    expectGone(name);
  });

  test('re-running with the same name on a persistent runner (cleanup was off): the second run replaces the container and builds', async () => {
    const name = newName('f8rerun');
    const first = newJob();
    expect((await first.main({ name, 'driver-opts': HOST_NET, cleanup: 'false' })).exitCode).toBe(0);
    const firstId = inspectContainer(nodeNames(name).container).Id;
    const firstPost = await first.post();
    expect(firstPost.exitCode).toBe(0);
    expect(firstPost.stdout).toContain(`cleanup is off: builder ${name}`);
    expect(inspectContainer(nodeNames(name).container)?.State.Running).toBe(true);

    const second = newJob();
    const main = await second.main({ name, 'driver-opts': HOST_NET });
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toContain(`#1 replacing the earlier container ${nodeNames(name).container}`);
    expect(main.stdout).toContain(`#1 using existing state volume ${nodeNames(name).volume}`);
    expect(inspectContainer(nodeNames(name).container).Id).not.toBe(firstId);
    const ctx = makeContext(`FROM ${BASE_IMAGE}\nRUN echo rerun > /r.txt\n`);
    try {
      sh('docker', ['buildx', 'build', '--builder', name, '--output', `type=local,dest=${path.join(ctx, 'out')}`, ctx]);
      expect(fs.readFileSync(path.join(ctx, 'out', 'r.txt'), 'utf8')).toBe('rerun\n');
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
    }
    const post = await second.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expectGone(name);
  });
});

test('the command line: `up` interrupted by SIGINT removes what it made and exits 130', async () => {
  const name = newName('f7cli');
  const proxy = new EngineProxy(AT.containerStart);
  await proxy.listen();
  const stateHome = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-xdg-'));
  try {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['dist/index.js', 'up', '--name', name, '--driver-opts', HOST_NET], {
      env: { ...process.env, DOCKER_HOST: proxy.dockerHost, XDG_STATE_HOME: stateHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    await proxy.held;
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    proxy.release();
    expect(await exited).toBe(130);
    expect(stderr).toContain('received SIGINT: cleaning up');
    expectGone(name);
  } finally {
    await proxy.close();
    fs.rmSync(stateHome, { recursive: true, force: true });
  }
});

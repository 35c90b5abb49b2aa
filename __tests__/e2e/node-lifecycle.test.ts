/**
 * The node lifecycle (src/node/lifecycle.ts) on real engines, one test per defect of the "one path
 * per node" issue, each of which failed on the code before it: the keep rule of an appended node's
 * volume, a failing node stopping the others at once, a stalled engine bounded, a run that does not
 * save keeping a kept volume, the same fixed name in two jobs at once, and a signal landing while the
 * QEMU installer is being created. Leftovers are looked for by the owner label, on every engine.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { JOB_LABEL, OWNER_LABEL, RUN_LABEL } from '../../src/node/owner.js';
import { ActionJob } from '../support/action.js';
import { uniqueName } from '../support/engine.js';
import { containerOn, type EngineName, ENGINES, onEngine, removeFromEngines, testEnginesSuite, volumeOn } from '../support/engines.js';
import { EngineProxy, waitFor } from '../support/faults.js';

const { config, cleanups } = testEnginesSuite();

const nodeName = (builder: string, i: number) => `${builder.toLowerCase()}${i}`;
const container = (builder: string, i: number) => `buildx_buildkit_${nodeName(builder, i)}`;

function newJob(env: NodeJS.ProcessEnv = {}): ActionJob {
  const job = new ActionJob({ DOCKER_CONFIG: config, ...env });
  cleanups.push(() => job.dispose());
  return job;
}

/** Removes the builder's containers and volumes everywhere after the test, by name and by label. */
function cleanUp(builder: string, nodes = 2): void {
  cleanups.push(() => {
    removeFromEngines(builder, nodes);
    for (const engine of Object.keys(ENGINES) as EngineName[]) {
      const { containers, volumes } = labelled(engine, builder);
      if (containers.length) onEngine(engine, ['rm', '-f', '-v', ...containers]);
      if (volumes.length) onEngine(engine, ['volume', 'rm', '-f', ...volumes]);
    }
  });
}

/** What carries the builder's owner label on an engine: how the action finds what it made. */
function labelled(engine: EngineName, builder: string): { containers: string[]; volumes: string[] } {
  const filter = `label=${OWNER_LABEL}=${builder}`;
  const lines = (out: string) => out.split('\n').filter(Boolean);
  return {
    containers: lines(onEngine(engine, ['ps', '-a', '-q', '--filter', filter]).stdout),
    volumes: lines(onEngine(engine, ['volume', 'ls', '-q', '--filter', filter]).stdout),
  };
}

function expectNothingLabelled(builder: string): void {
  for (const engine of Object.keys(ENGINES) as EngineName[])
    expect([engine, labelled(engine, builder)]).toEqual([engine, { containers: [], volumes: [] }]);
}

const onTls = (platform = 'linux/arm64') => `- endpoint: sbk-tls\n  platforms: ${platform}\n  driver-opts: [network=host]\n`;

test('keep-state with a generated name: an appended node removes its state volume, as node 0 does (kept only under a fixed name)', async () => {
  const job = newJob();
  const main = await job.main({
    name: '',
    'driver-opts': 'network=host',
    'pull-policy': 'missing',
    'keep-state': 'true',
    append: onTls(),
    use: 'false',
  });
  const name = main.outputs.name;
  cleanUp(name);
  expect(main.errors).toEqual([]);
  const volume = `${container(name, 1)}_state`;
  expect(volumeOn('tls', volume)).toBe(true);
  const post = await job.post();
  expect(post.exitCode).toBe(0);
  expect(post.stdout).toContain(`node ${nodeName(name, 1)} (sbk-tls): removed container, state volume`);
  expect([containerOn('tls', container(name, 1)), volumeOn('tls', volume)]).toEqual([false, false]);
  expect([containerOn('runner', container(name, 0)), volumeOn('runner', `${container(name, 0)}_state`)]).toEqual([false, false]);
  expectNothingLabelled(name);
});

test('node 0 failing stops an appended node at once: main does not wait for its stalled engine, and nothing is left', async () => {
  const name = uniqueName('nl-abort');
  cleanUp(name);
  // Node 1's engine is the runner's, behind a proxy that holds its image lookup for good.
  const proxy = new EngineProxy((r) => r.method === 'GET' && r.path.startsWith('/images/'));
  await proxy.listen();
  cleanups.push(() => void proxy.close());
  const job = newJob();
  const started = Date.now();
  const step = job.start('main', {
    name,
    'driver-opts': 'network=host,image=127.0.0.1:5000/library/no-such-image:none',
    'pull-policy': 'missing',
    append: `- endpoint: ${proxy.dockerHost}\n  driver-opts: [network=host]\n`,
    use: 'false',
  });
  const main = await step.done;
  const seconds = (Date.now() - started) / 1000;
  expect(main.exitCode).toBe(1);
  expect(main.errors[0]).toMatch(/^pulling image 127\.0\.0\.1:5000\/library\/no-such-image:none failed and there is no local copy/);
  expect(main.stdout).toMatch(new RegExp(`#3 CANCELED`));
  // Not a speed figure: the held request is never answered, so only an abort ends main before the
  // engine request bound (30 s) would.
  expect(seconds).toBeLessThan(25);
  expectNothingLabelled(name);
  expect((await job.post()).exitCode).toBe(0);
  expectNothingLabelled(name);
});

test('an engine that accepts and never answers: an error naming it within the request bound, not a hang', async () => {
  const name = uniqueName('nl-stall');
  cleanUp(name);
  // Answers the ping (so that connecting succeeds) and nothing after it.
  const stalled = http.createServer((req, res) => {
    if (req.url?.endsWith('/_ping')) res.end('OK');
  });
  await new Promise<void>((r) => stalled.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    stalled.closeAllConnections();
    stalled.close();
  });
  const endpoint = `tcp://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
  const job = newJob();
  const main = await job.main({
    name,
    'driver-opts': 'network=host',
    'pull-policy': 'missing',
    append: `- endpoint: ${endpoint}\n`,
    use: 'false',
  });
  expect(main.exitCode).toBe(1);
  expect(main.errors[0]).toMatch(
    new RegExp(
      `^node ${nodeName(name, 1)}: .*the Docker engine at ${endpoint.replace(/\./g, '\\.')} did not answer (GET|POST) \\S+ within 30 s`,
    ),
  );
  expectNothingLabelled(name);
}, 120000);

test('keep-state on a self-hosted runner (fixed name, no cache service): a run that does not save keeps the volume all the same', async () => {
  const name = uniqueName('nl-nosave');
  cleanUp(name, 1);
  // The post step reads job-status as the runner evaluates it; on-success does not save after a failure.
  const job = newJob({ 'INPUT_JOB-STATUS': 'failure' });
  const main = await job.main({ name, 'driver-opts': 'network=host', 'pull-policy': 'missing', 'keep-state': 'true', use: 'false' });
  expect(main.errors).toEqual([]);
  expect(main.stdout).toContain(
    'this run does not save the state: there is no cache service; the state volume is kept on this machine for the next run instead',
  );
  const post = await job.post();
  expect(post.exitCode).toBe(0);
  expect(post.stdout).toContain('the state is not saved');
  const volume = `${container(name, 0)}_state`;
  expect([containerOn('runner', container(name, 0)), volumeOn('runner', volume)]).toEqual([false, true]);
});

test('the same fixed name in a second job at the same time: refused, naming the live container and its job; the first job keeps its builder', async () => {
  const name = uniqueName('nl-twice');
  cleanUp(name, 1);
  const first = newJob({ GITHUB_JOB: 'first-job' });
  const inputs = { name, 'driver-opts': 'network=host', 'pull-policy': 'missing', use: 'false' };
  expect((await first.main(inputs)).errors).toEqual([]);
  const live = JSON.parse(onEngine('runner', ['container', 'inspect', container(name, 0)]).stdout)[0];
  expect(live.Config.Labels[OWNER_LABEL]).toBe(name);
  expect(live.Config.Labels[JOB_LABEL]).toBe('first-job');
  const run = live.Config.Labels[RUN_LABEL];
  expect(run).toMatch(/^[\w-]+\.\d+\.[0-9a-f]{12}$/);

  const second = newJob({ GITHUB_JOB: 'second-job' });
  const refused = await second.main(inputs);
  expect(refused.exitCode).toBe(1);
  expect(refused.errors).toEqual([
    `builder name ${name} is in use: container ${container(name, 0)} is the live builder of another job (run ${run}, job first-job) on this engine; give each job its own name, or leave the name empty for a generated one`,
  ]);
  expect((await second.post()).exitCode).toBe(0);
  const after = JSON.parse(onEngine('runner', ['container', 'inspect', container(name, 0)]).stdout)[0];
  expect([after.Id, after.State.Running]).toEqual([live.Id, true]);
  expect(volumeOn('runner', `${container(name, 0)}_state`)).toBe(true);

  expect((await first.post()).exitCode).toBe(0);
  expectNothingLabelled(name);
});

test('SIGTERM while the QEMU installer is being created on an appended node: the installer is found by its label and removed, nothing is left on any engine', async () => {
  const name = uniqueName('nl-qemu');
  cleanUp(name);
  // The installer's create carries no container name; the builder's does.
  const proxy = new EngineProxy((r) => r.method === 'POST' && r.path.startsWith('/containers/create') && !r.path.includes('name='));
  await proxy.listen();
  cleanups.push(() => void proxy.close());
  const job = newJob();
  const step = job.start('main', {
    name,
    'driver-opts': 'network=host',
    'pull-policy': 'missing',
    qemu: 'true',
    'qemu-platforms': 'all',
    append: `- endpoint: ${proxy.dockerHost}\n  driver-opts: [network=host]\n`,
    use: 'false',
  });
  let stderr = '';
  step.child.stderr!.on('data', (d: Buffer) => (stderr += d));
  await proxy.held;
  step.child.kill('SIGTERM');
  await waitFor(() => stderr.includes('received SIGTERM: cleaning up'), 30000, 'the signal to land');
  // Only now does the engine get the installer's create.
  proxy.release();
  const main = await step.done;
  expect(main.exitCode).toBe(143);
  expect(main.stderr).not.toContain('cleanup after');
  expectNothingLabelled(name);
  const post = await job.post();
  expect(post.exitCode).toBe(0);
  expect(post.warnings).toEqual([]);
  expectNothingLabelled(name);
});

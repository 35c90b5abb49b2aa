/**
 * Bad input fails before anything is created, with one line naming the input, the value and what is
 * accepted; an unreachable engine names the address tried; a BuildKit that never answers shows its log
 * and leaves nothing behind.
 */
import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob } from '../support/action.js';
import { expectGone, uniqueName } from '../support/engine.js';
import { EngineProxy } from '../support/faults.js';

async function failing(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const job = new ActionJob(env);
  try {
    const main = await job.main(inputs);
    const post = await job.post();
    return { main, post };
  } finally {
    job.dispose();
  }
}

test.each<[Record<string, string>, string, string]>([
  [{ 'driver-opts': 'memory=4x' }, 'driver-opts', 'memory=4x'],
  [{ 'driver-opts': 'cpu-quota=abc' }, 'driver-opts', 'cpu-quota=abc'],
  [{ 'driver-opts': 'restart-policy=sometimes:3' }, 'driver-opts', 'restart-policy=sometimes:3'],
  [{ 'driver-opts': 'env.=x' }, 'driver-opts', 'env.=***'],
  [{ 'driver-opts': 'colour=blue' }, 'driver-opts', 'colour=blue'],
  [{ driver: 'podman' }, 'driver', 'podman'],
  [{ name: '0day' }, 'name', '0day'],
  [{ name: 'no spaces' }, 'name', 'no spaces'],
  [{ platforms: 'linux/amd64,linux/sparc' }, 'platforms', 'linux/sparc'],
  [{ 'bootstrap-timeout': 'later' }, 'bootstrap-timeout', 'later'],
])('%j fails with one line and creates nothing', async (inputs, input, value) => {
  const name = inputs.name ?? uniqueName('bad');
  // Both steps reach the engine through a proxy that records every request: "creates nothing" is
  // that no request but a read reached the engine, and that nothing on it carries the builder's
  // label. A name that is not a valid builder name has no container name to look for.
  const proxy = new EngineProxy();
  await proxy.listen();
  try {
    const { main, post } = await failing({ ...inputs, name }, { DOCKER_HOST: proxy.dockerHost });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toContain(`input "${input}"`);
    expect(main.errors[0]).toContain(value);
    expect(main.stdout + main.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(main.stdout).not.toContain('booting buildkit');
    expect(post.exitCode).toBe(0);
    expect(proxy.seen.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expectGone(name);
  } finally {
    await proxy.close();
  }
});

test('an engine that does not answer: the error names the address tried', async () => {
  const { main } = await failing({ name: uniqueName('nodocker') }, { DOCKER_HOST: 'unix:///tmp/no-such-docker.sock' });
  expect(main.exitCode).toBe(1);
  expect(main.errors[0]).toMatch(/Docker engine not reachable at unix:\/\/\/tmp\/no-such-docker.sock \(DOCKER_HOST\)/);
});

test('BuildKit exiting at once: the error carries its log, and nothing is left', async () => {
  const name = uniqueName('dies');
  const { main, post } = await failing({ name, 'buildkitd-flags': '--no-such-flag' });
  expect(main.exitCode).toBe(1);
  const error = main.errors.join('\n');
  expect(error).toMatch(new RegExp(`BuildKit container ${nodeNames(name).container} exited with code \\d+ before it was ready`));
  expect(error).toContain('no-such-flag');
  expect(post.exitCode).toBe(0);
  expectGone(name);
});

test('BuildKit never answering within bootstrap-timeout: the error says so, and nothing is left', async () => {
  const name = uniqueName('slow');
  // buildkitd listening elsewhere keeps `buildctl debug workers` failing while the container runs.
  const { main } = await failing({ name, 'buildkitd-flags': '--addr unix:///run/elsewhere.sock', 'bootstrap-timeout': '3s' });
  expect(main.exitCode).toBe(1);
  expect(main.errors[0]).toMatch(/did not answer within 3s/);
  expectGone(name);
});

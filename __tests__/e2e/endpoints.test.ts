/**
 * The builder's engine chosen as buildx chooses it, on real engines: a mutual-TLS engine reached
 * through a docker context, an engine behind sshd reached through the system ssh client, the current
 * context honoured, TLS from the environment, post reaching the engine main used; and the faults
 * (engine down, wrong CA, no client certificate, unknown host key, refused key, unknown context),
 * each one error line with nothing left on any engine. Engines: __tests__/harness/engines.sh.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { DEFAULT_BUILDKITD_FLAGS } from '../../src/inputs/values.js';
import { ActionJob } from '../support/action.js';
import { makeContext, sh, tryRun, uniqueName } from '../support/engine.js';
import {
  containerOn,
  contextsConfig,
  type EngineName,
  onEngine,
  removeFromEngines,
  storeEntry,
  testEnginesSuite,
  TLS_ADDRESS,
  TLS_DIR,
  volumeOn,
} from '../support/engines.js';

const HOST_NET = 'network=host';
const { config, cleanups } = testEnginesSuite();

/** A job in the test DOCKER_CONFIG; its builder is force-removed from every engine at the end. */
function newJob(name: string, env: NodeJS.ProcessEnv = {}): ActionJob {
  const job = new ActionJob({ DOCKER_CONFIG: config, ...env });
  cleanups.push(() => {
    removeFromEngines(name);
    job.dispose();
  });
  return job;
}

/** Nothing of the builder on any engine, nor in the store. */
function expectNothingLeft(name: string): void {
  const { container, volume } = nodeNames(name);
  for (const engine of ['runner', 'tls', 'ssh'] as const) {
    expect([engine, containerOn(engine, container)]).toEqual([engine, false]);
    expect([engine, volumeOn(engine, volume)]).toEqual([engine, false]);
  }
  expect(storeEntry(name, config)).toBeUndefined();
}

function expectOnlyOn(engine: EngineName, name: string): void {
  const { container, volume } = nodeNames(name);
  for (const other of ['runner', 'tls', 'ssh'] as const) {
    expect([other, containerOn(other, container), volumeOn(other, volume)]).toEqual([other, other === engine, other === engine]);
  }
}

function buildThrough(name: string): string {
  const ctx = makeContext();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-endpoint-out-'));
  try {
    sh('docker', ['buildx', 'build', '--builder', name, '--output', `type=local,dest=${out}`, ctx], {
      env: { ...process.env, DOCKER_CONFIG: config },
    });
    return fs.readFileSync(path.join(out, 'built.txt'), 'utf8');
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe('a builder on the mutual-TLS engine, through a docker context', () => {
  test('endpoint: <context> creates it there, stores the context name as buildx does, builds, and post removes it from that engine whatever DOCKER_HOST says', async () => {
    const name = uniqueName('endpoints-tls');
    const job = newJob(name);
    const main = await job.main({ name, endpoint: 'sbk-tls', 'driver-opts': HOST_NET });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expectOnlyOn('tls', name);
    // The entry buildx writes for the same builder (create without --bootstrap only asks the engine).
    const buildxConfig = contextsConfig();
    try {
      sh(
        'docker',
        [
          'buildx',
          'create',
          '--name',
          name,
          '--driver',
          'docker-container',
          '--driver-opt',
          HOST_NET,
          '--buildkitd-flags',
          DEFAULT_BUILDKITD_FLAGS,
          'sbk-tls',
        ],
        { env: { ...process.env, DOCKER_CONFIG: buildxConfig } },
      );
      expect(storeEntry(name, config)).toEqual(storeEntry(name, buildxConfig));
    } finally {
      fs.rmSync(buildxConfig, { recursive: true, force: true });
    }
    expect(storeEntry(name, config)?.Nodes[0].Endpoint).toBe('sbk-tls');
    expect(JSON.parse(main.outputs.nodes)[0].endpoint).toBe('sbk-tls');
    expect(buildThrough(name)).toContain('hello from the context');
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expectNothingLeft(name);
  });

  test('post reaches the recorded engine, not the DOCKER_HOST it is given', async () => {
    const name = uniqueName('endpoints-post');
    const job = newJob(name);
    expect((await job.main({ name, endpoint: 'sbk-tls', 'driver-opts': HOST_NET })).exitCode).toBe(0);
    const post = await job.start(
      'post',
      {},
      { DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///tmp/sbk-no-engine.sock', DOCKER_CONTEXT: 'sbk-down' },
    ).done;
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expectNothingLeft(name);
  });

  test('a context selected with `docker context use` is honoured without the endpoint input', async () => {
    const name = uniqueName('endpoints-current');
    const selected = contextsConfig({ currentContext: 'sbk-tls' });
    // DOCKER_HOST beats the current context (the engine-29 project sets it): unset, as the CLI reads ''.
    const job = new ActionJob({ DOCKER_CONFIG: selected, DOCKER_HOST: '' });
    cleanups.push(() => {
      for (const engine of ['runner', 'tls'] as const) onEngine(engine, ['rm', '-f', '-v', nodeNames(name).container]);
      job.dispose();
      fs.rmSync(selected, { recursive: true, force: true });
    });
    const main = await job.main({ name, 'driver-opts': HOST_NET });
    expect(main.errors).toEqual([]);
    expectOnlyOn('tls', name);
    expect(storeEntry(name, selected)?.Nodes[0].Endpoint).toBe('sbk-tls');
    // `use` keys `current` by the current endpoint, as buildx does.
    expect(JSON.parse(fs.readFileSync(path.join(selected, 'buildx', 'current'), 'utf8'))).toEqual({
      Key: 'sbk-tls',
      Name: name,
      Global: false,
    });
    expect((await job.post()).exitCode).toBe(0);
    expect(containerOn('tls', nodeNames(name).container)).toBe(false);
    expect(storeEntry(name, selected)).toBeUndefined();
  });

  test('TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH goes through a context written for the builder (buildx refuses such a node), removed by post after the node', async () => {
    const name = uniqueName('endpoints-envtls');
    const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-certs-'));
    cleanups.push(() => fs.rmSync(certs, { recursive: true, force: true }));
    fs.copyFileSync(path.join(TLS_DIR, 'ca.pem'), path.join(certs, 'ca.pem'));
    fs.copyFileSync(path.join(TLS_DIR, 'client.pem'), path.join(certs, 'cert.pem'));
    fs.copyFileSync(path.join(TLS_DIR, 'client-key.pem'), path.join(certs, 'key.pem'));
    const env = { DOCKER_HOST: TLS_ADDRESS, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs };
    const job = newJob(name, env);
    const main = await job.main({ name, 'driver-opts': HOST_NET });
    expect(main.errors).toEqual([]);
    expectOnlyOn('tls', name);
    const context = `setup-buildkit-${name.toLowerCase()}`;
    expect(storeEntry(name, config)?.Nodes[0].Endpoint).toBe(context);
    // buildx reaches the node through that context, with the environment's TLS gone.
    const inspect = tryRun('docker', ['buildx', 'inspect', '--bootstrap', name], { ...process.env, DOCKER_CONFIG: config });
    expect(inspect.stdout).toMatch(/Status:\s+running/);
    expect(
      sh('docker', ['context', 'inspect', context, '--format', '{{.Endpoints.docker.Host}}'], {
        env: { ...process.env, DOCKER_CONFIG: config },
      }).trim(),
    ).toBe(TLS_ADDRESS);
    expect((await job.post()).warnings).toEqual([]);
    expectNothingLeft(name);
    expect(tryRun('docker', ['context', 'inspect', context], { ...process.env, DOCKER_CONFIG: config }).status).not.toBe(0);
  });
});

test('TLS from the environment that the engine refuses: main fails in one line, post removes the context it wrote, nothing left', async () => {
  const name = uniqueName('endpoints-envbad');
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-certs-'));
  cleanups.push(() => fs.rmSync(certs, { recursive: true, force: true }));
  fs.copyFileSync(path.join(TLS_DIR, 'other-ca.pem'), path.join(certs, 'ca.pem'));
  fs.copyFileSync(path.join(TLS_DIR, 'client.pem'), path.join(certs, 'cert.pem'));
  fs.copyFileSync(path.join(TLS_DIR, 'client-key.pem'), path.join(certs, 'key.pem'));
  const job = newJob(name, { DOCKER_HOST: TLS_ADDRESS, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
  const main = await job.main({ name });
  expect(main.exitCode).toBe(1);
  expect(main.errors).toEqual([
    expect.stringMatching(
      /^Docker engine not reachable at tcp:\/\/127\.0\.0\.1:23760 \(DOCKER_HOST, TLS from DOCKER_TLS_VERIFY\/DOCKER_CERT_PATH\): unable to verify/,
    ),
  ]);
  const post = await job.post();
  expect(post.exitCode).toBe(0);
  expectNothingLeft(name);
  expect(
    tryRun('docker', ['context', 'inspect', `setup-buildkit-${name.toLowerCase()}`], { ...process.env, DOCKER_CONFIG: config }).status,
  ).not.toBe(0);
});

describe('a builder on the engine behind sshd, through the system ssh client', () => {
  test.each([
    ['the endpoint input: a context', { endpoint: 'sbk-ssh' }, {}, 'sbk-ssh'],
    [
      'the endpoint input: an ssh:// address with the socket path (docker --host=unix://… system dial-stdio)',
      { endpoint: 'ssh://sbk-ssh-engine/run/setup-buildkit/engine-ssh.sock' },
      {},
      'ssh://sbk-ssh-engine/run/setup-buildkit/engine-ssh.sock',
    ],
    ['DOCKER_HOST=ssh://…', {}, { DOCKER_HOST: 'ssh://sbk-ssh-engine' }, 'ssh://sbk-ssh-engine'],
  ])('%s', async (_label, inputs, env, endpoint) => {
    const name = uniqueName('endpoints-ssh');
    const job = newJob(name, env);
    // A buildkitd config: its files go in through PUT /archive over ssh, readiness through exec streams.
    const main = await job.main({
      name,
      ...inputs,
      'driver-opts': HOST_NET,
      'buildkitd-config-inline': '[worker.oci]\n  max-parallelism = 3\n',
    });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expectOnlyOn('ssh', name);
    expect(onEngine('ssh', ['exec', nodeNames(name).container, 'cat', '/etc/buildkit/buildkitd.toml']).stdout).toContain(
      'max-parallelism = 3',
    );
    expect(storeEntry(name, config)?.Nodes[0].Endpoint).toBe(endpoint);
    expect(buildThrough(name)).toContain('hello from the context');
    const post = await job.post();
    expect(post.warnings).toEqual([]);
    expectNothingLeft(name);
  });
});

describe('faults: one error line naming the engine and the cause, nothing created anywhere', () => {
  test.each([
    [
      'the engine is down',
      'sbk-down',
      /^Docker engine not reachable at tcp:\/\/127\.0\.0\.1:23999 \(docker context sbk-down\): .*ECONNREFUSED/,
    ],
    [
      'a wrong CA',
      'sbk-tls-badca',
      /^Docker engine not reachable at tcp:\/\/127\.0\.0\.1:23760 \(docker context sbk-tls-badca\): unable to verify the first certificate: the engine's certificate is not signed by the CA given \(ca\.pem\)$/,
    ],
    [
      'no client certificate',
      'sbk-tls-noclient',
      /^Docker engine not reachable at tcp:\/\/127\.0\.0\.1:23760 \(docker context sbk-tls-noclient\): the engine refused the TLS handshake \(.*\): it asks for a client certificate/,
    ],
    [
      'a client certificate from another CA',
      'sbk-tls-otherclient',
      /^Docker engine not reachable at tcp:\/\/127\.0\.0\.1:23760 \(docker context sbk-tls-otherclient\): the engine refused the TLS handshake/,
    ],
    [
      'an unknown ssh host key',
      'ssh://sbk-ssh-unknown',
      /^Docker engine not reachable at ssh:\/\/sbk-ssh-unknown \(input "endpoint"\): command \[ssh .*\] has exited with exit status 255: Host key verification failed\.$/,
    ],
    [
      'ssh auth refused',
      'ssh://sbk-ssh-refused',
      /^Docker engine not reachable at ssh:\/\/sbk-ssh-refused \(input "endpoint"\): command \[ssh .*\] has exited with exit status 255: .*Permission denied \(publickey\)\.$/,
    ],
    ['an unknown context name', 'no-such-context', /^input "endpoint": invalid value "no-such-context": no docker context of that name/],
  ])('%s', async (_label, endpoint, message) => {
    const name = uniqueName('endpoints-fault');
    const job = newJob(name);
    const main = await job.main({ name, endpoint, 'driver-opts': HOST_NET });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(message);
    expect(main.stdout + main.stderr).not.toMatch(/\n\s+at .+[(:]\d+:\d+\)?/);
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expectNothingLeft(name);
  });

  test("a name whose volume name the engine would refuse is an input error, not the engine's HTTP 500", async () => {
    const name = `endpoints${'x'.repeat(240)}`;
    const main = await newJob(name).main({ name });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([expect.stringMatching(/^input "name": invalid value "endpointsx+": at most 232 characters/)]);
    expectNothingLeft(name);
  });
});

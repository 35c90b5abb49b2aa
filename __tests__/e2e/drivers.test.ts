/**
 * The remote and docker drivers on real daemons: a BuildKit daemon this action does not run
 * (__tests__/harness/remote-buildkitd.sh: loopback tcp with mutual TLS, and a unix socket) and the
 * engine's own BuildKit. Each builds through `docker buildx build --builder`, shows in `docker buildx
 * ls`, and leaves nothing (no store entry, no certificate file, no container); the faults (wrong CA,
 * daemon down) are one error line with nothing left.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ActionJob } from '../support/action.js';
import { BUILDCTL, ENGINE, historyPlatforms, makeContext, sh, tryRun, uniqueName } from '../support/engine.js';
import { storeEntry } from '../support/engines.js';
import { tempDockerConfig } from '../support/faults.js';

const CACHE = process.env.HARNESS_CACHE || '/var/cache/setup-buildkit';
const CERTS = path.join(CACHE, 'remote-buildkitd');
const REMOTE_TCP = 'tcp://127.0.0.1:23770';
const REMOTE_UNIX = 'unix:///run/setup-buildkit/remote-buildkitd/buildkitd.sock';
/** The harness's second daemon: buildx refuses one daemon behind two nodes of a builder (a build's job ID would exist twice). */
const REMOTE_TCP_SECOND = 'tcp://127.0.0.1:23771';
const pem = (name: string) => fs.readFileSync(path.join(CERTS, `${name}.pem`), 'utf8');

const config = tempDockerConfig();
const jobs: ActionJob[] = [];
// A remote node is a BuildKit daemon, not the engine under test: its tests run once, in the 20.10
// project, where the harness runs that daemon (remote-buildkitd.sh); the docker driver's run on both.
const onRemoteEngine = ENGINE.name === '20.10';
const describeRemote = onRemoteEngine ? describe : describe.skip;
beforeAll(() => {
  if (onRemoteEngine) execFileSync('bash', ['__tests__/harness/remote-buildkitd.sh', 'start'], { stdio: 'ignore' });
});
afterAll(() => {
  for (const job of jobs) job.dispose();
  fs.rmSync(config, { recursive: true, force: true });
});

function newJob(env: NodeJS.ProcessEnv = {}): ActionJob {
  const job = new ActionJob({ DOCKER_CONFIG: config, DOCKER_HOST: ENGINE.host, ...env });
  jobs.push(job);
  return job;
}

function buildThrough(builder: string): string {
  const ctx = makeContext();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-drivers-out-'));
  try {
    sh('docker', ['buildx', 'build', '--builder', builder, '--output', `type=local,dest=${out}`, ctx], {
      env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: ENGINE.host },
    });
    return fs.readFileSync(path.join(out, 'built.txt'), 'utf8');
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function buildxLs(): string {
  return sh('docker', ['buildx', 'ls'], { env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: ENGINE.host } });
}

/** The platform of every build in a daemon's history (buildctl --addr ADDRESS [TLS flags]). */
function daemonHistoryPlatforms(addr: string[]): string[] {
  return historyPlatforms(sh(BUILDCTL, ['--addr', ...addr, 'debug', 'histories', '--format', '{{json .}}']));
}

const certsDir = path.join(config, 'buildx', 'certs');
const certFiles = () => (fs.existsSync(certsDir) ? fs.readdirSync(certsDir) : []);

describeRemote('driver: remote', () => {
  test("mutual TLS from BUILDER_NODE_0_AUTH_TLS_*: buildx's store entry, builds through docker buildx build, listed by docker buildx ls; post removes only the entry and the certificates", async () => {
    const name = uniqueName('remote-tls');
    const job = newJob({
      BUILDER_NODE_0_AUTH_TLS_CACERT: pem('ca'),
      BUILDER_NODE_0_AUTH_TLS_CERT: pem('client'),
      BUILDER_NODE_0_AUTH_TLS_KEY: pem('client-key'),
    });
    const main = await job.main({ name, driver: 'remote', endpoint: REMOTE_TCP, platforms: 'linux/amd64' });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.outputs.driver).toBe('remote');
    expect(main.outputs.endpoint).toBe(REMOTE_TCP);
    expect(main.outputs.platforms.split(',')).toContain('linux/amd64');
    expect(main.outputs['buildkit-version']).toMatch(/^v\d/);
    const files = ['cacert', 'cert', 'key'].map((k) => path.join(certsDir, `${k}_127.0.0.1-23770.pem`));
    expect(storeEntry(name, config)).toEqual({
      Name: name,
      Driver: 'remote',
      Nodes: [
        {
          Name: `${name}0`,
          Endpoint: REMOTE_TCP,
          Platforms: [{ architecture: 'amd64', os: 'linux' }],
          DriverOpts: { cacert: files[0], cert: files[1], key: files[2] },
          Flags: null,
          Files: null,
        },
      ],
      Dynamic: false,
    });
    expect(fs.statSync(files[2]).mode & 0o777).toBe(0o600);
    // The private key never reaches the log.
    const keyLine = pem('client-key').split('\n')[1];
    expect(main.stdout).toContain(`::add-mask::${keyLine}`);
    expect(main.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::') && l.includes(keyLine))).toEqual([]);
    expect(buildThrough(name)).toContain('hello from the context');
    expect(buildxLs()).toMatch(new RegExp(`${name}\\*?\\s+remote[\\s\\S]*${name}0\\s+\\\\_ tcp://127\\.0\\.0\\.1:23770\\s+running`));
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expect(storeEntry(name, config)).toBeUndefined();
    expect(certFiles()).toEqual([]);
    // The daemon is not the action's: it still answers.
    expect(tryRun('bash', ['__tests__/harness/remote-buildkitd.sh', 'start']).status).toBe(0);
  });

  test("an appended remote node (TLS from BUILDER_NODE_1_AUTH_TLS_*): buildx's store entry for create --append, each platform to its node, post removes the entry and the node's certificates", async () => {
    const name = uniqueName('remote-app');
    const job = newJob({
      BUILDER_NODE_1_AUTH_TLS_CACERT: pem('ca'),
      BUILDER_NODE_1_AUTH_TLS_CERT: pem('client'),
      BUILDER_NODE_1_AUTH_TLS_KEY: pem('client-key'),
    });
    const main = await job.main({
      name,
      driver: 'remote',
      endpoint: REMOTE_UNIX,
      platforms: 'linux/amd64',
      append: `- endpoint: ${REMOTE_TCP_SECOND}\n  platforms: linux/386`,
    });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect((JSON.parse(main.outputs.nodes) as { name: string; status: string }[]).map((n) => [n.name, n.status])).toEqual([
      [`${name}0`, 'running'],
      [`${name}1`, 'running'],
    ]);
    const files = ['cacert', 'cert', 'key'].map((k) => path.join(certsDir, `${k}_127.0.0.1-23771.pem`));
    // What buildx itself writes for the same two nodes, in a docker config of its own.
    const buildxConfig = tempDockerConfig();
    try {
      const env = { ...process.env, DOCKER_CONFIG: buildxConfig, DOCKER_HOST: ENGINE.host };
      sh('docker', ['buildx', 'create', '--name', name, '--driver', 'remote', '--platform', 'linux/amd64', REMOTE_UNIX], { env });
      const opts = `cacert=${files[0]},cert=${files[1]},key=${files[2]}`;
      sh('docker', ['buildx', 'create', '--name', name, '--append', '--platform', 'linux/386', '--driver-opt', opts, REMOTE_TCP_SECOND], {
        env,
      });
      expect(storeEntry(name, config)).toEqual(storeEntry(name, buildxConfig));
    } finally {
      fs.rmSync(buildxConfig, { recursive: true, force: true });
    }
    const ctx = makeContext('FROM scratch\nCOPY hello.txt /hello.txt\n');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-drivers-out-'));
    try {
      sh(
        'docker',
        ['buildx', 'build', '--builder', name, '--platform', 'linux/amd64,linux/386', '--output', `type=local,dest=${out}`, ctx],
        {
          env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: ENGINE.host },
        },
      );
      expect(fs.readdirSync(out).sort()).toEqual(['linux_386', 'linux_amd64']);
      // Which daemon built what: linux/386 on node 1's alone (node 0's daemon also serves the other tests).
      const tls = ['--tlscacert', `${CERTS}/ca.pem`, '--tlscert', `${CERTS}/client.pem`, '--tlskey', `${CERTS}/client-key.pem`];
      expect(daemonHistoryPlatforms([REMOTE_TCP_SECOND, ...tls])).toContain('linux/386');
      expect(daemonHistoryPlatforms([REMOTE_TCP_SECOND, ...tls])).not.toContain('linux/amd64');
      expect(daemonHistoryPlatforms([REMOTE_UNIX])).not.toContain('linux/386');
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expect(storeEntry(name, config)).toBeUndefined();
    expect(certFiles()).toEqual([]);
  });

  test('driver-opts cacert/cert/key/servername on tcp://, and a unix:// endpoint without TLS, both ready', async () => {
    const name = uniqueName('remote-opts');
    const job = newJob();
    const opts = [`cacert=${CERTS}/ca.pem`, `cert=${CERTS}/client.pem`, `key=${CERTS}/client-key.pem`, 'servername=buildkitd.test'].join(
      '\n',
    );
    const main = await job.main({ name, driver: 'remote', endpoint: REMOTE_TCP, 'driver-opts': opts });
    expect(main.errors).toEqual([]);
    expect(storeEntry(name, config)?.Nodes[0].DriverOpts).toMatchObject({ servername: 'buildkitd.test' });
    expect((await job.post()).exitCode).toBe(0);

    const unixName = uniqueName('remote-unix');
    const unixJob = newJob();
    const unixMain = await unixJob.main({ name: unixName, driver: 'remote', endpoint: REMOTE_UNIX });
    expect(unixMain.errors).toEqual([]);
    expect(storeEntry(unixName, config)?.Nodes[0].Endpoint).toBe(REMOTE_UNIX);
    expect(buildThrough(unixName)).toContain('hello from the context');
    expect((await unixJob.post()).exitCode).toBe(0);
    expect(storeEntry(unixName, config)).toBeUndefined();
  });

  test('a wrong CA: one error naming the CA, at once, nothing left', async () => {
    const name = uniqueName('remote-badca');
    const job = newJob({
      BUILDER_NODE_0_AUTH_TLS_CACERT: pem('other-ca'),
      BUILDER_NODE_0_AUTH_TLS_CERT: pem('client'),
      BUILDER_NODE_0_AUTH_TLS_KEY: pem('client-key'),
    });
    const started = Date.now();
    const main = await job.main({ name, driver: 'remote', endpoint: REMOTE_TCP });
    expect(main.exitCode).not.toBe(0);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(/remote BuildKit at tcp:\/\/127\.0\.0\.1:23770: .*not signed by the CA in cacert/);
    expect(Date.now() - started).toBeLessThan(20000);
    expect((await job.post()).exitCode).toBe(0);
    expect(storeEntry(name, config)).toBeUndefined();
    expect(certFiles()).toEqual([]);
  });

  test('the daemon down: one error after bootstrap-timeout, nothing left', async () => {
    const name = uniqueName('remote-down');
    const job = newJob();
    const main = await job.main({ name, driver: 'remote', endpoint: 'tcp://127.0.0.1:23779', 'bootstrap-timeout': '3s' });
    expect(main.exitCode).not.toBe(0);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(/remote BuildKit at tcp:\/\/127\.0\.0\.1:23779 did not answer within 3 s .*ECONNREFUSED/);
    expect((await job.post()).exitCode).toBe(0);
    expect(storeEntry(name, config)).toBeUndefined();
  });

  test('inputs that need a container this action runs are refused, naming why', async () => {
    for (const [input, value] of [
      ['buildkitd-config-inline', '[worker.oci]\nmax-parallelism = 2'],
      ['buildkitd-flags', '--debug'],
      ['qemu', 'true'],
      ['keep-state', 'true'],
    ]) {
      const main = await newJob().main({ driver: 'remote', endpoint: REMOTE_TCP, [input]: value });
      expect([input, main.exitCode !== 0, main.errors.length]).toEqual([input, true, 1]);
      expect(main.errors[0]).toContain(`input "${input}"`);
      expect(main.errors[0]).toContain('a BuildKit daemon this action does not run');
    }
  });
});

describe('driver: docker', () => {
  test("the engine's own BuildKit: outputs as setup-buildx-action gives them, builds, nothing created or removed", async () => {
    const store = () =>
      fs.existsSync(path.join(config, 'buildx')) ? fs.readdirSync(path.join(config, 'buildx'), { recursive: true }).sort() : [];
    const storeBefore = store();
    const job = newJob();
    const main = await job.main({ driver: 'docker' });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.outputs.name).toBe('default');
    expect(main.outputs.driver).toBe('docker');
    expect(main.outputs.platforms.split(',')).toContain('linux/amd64');
    expect(JSON.parse(main.outputs.nodes)[0]).toMatchObject({ name: 'default', status: 'running' });
    expect(main.env.BUILDX_BUILDER).toBe('default');
    // Nothing written to buildx's store (the build below writes buildx's own files).
    expect(store()).toEqual(storeBefore);
    expect(buildThrough('default')).toContain('hello from the context');
    const storeBuilt = store();
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expect(store()).toEqual(storeBuilt);
    // Other tests share the engine: nothing of a builder named default, by name or by the action's label.
    const ours = ['--filter', 'label=com.github.setup-buildkit.builder=default'];
    expect(sh('docker', ['--host', ENGINE.host, 'ps', '-aq', ...ours])).toBe('');
    expect(sh('docker', ['--host', ENGINE.host, 'ps', '-aq', '--filter', 'name=buildx_buildkit_default'])).toBe('');
    expect(sh('docker', ['--host', ENGINE.host, 'volume', 'ls', '-q', ...ours])).toBe('');
  });

  test('inputs that need a container are refused, naming the input', async () => {
    for (const [input, value] of [
      ['driver-opts', 'image=moby/buildkit:latest'],
      ['keep-state', 'true'],
      ['buildkitd-config-inline', '[worker.oci]\nmax-parallelism = 2'],
      ['buildkitd-flags', '--debug'],
      ['name', 'mybuilder'],
    ]) {
      const main = await newJob().main({ driver: 'docker', [input]: value });
      expect([input, main.exitCode !== 0, main.errors.length]).toEqual([input, true, 1]);
      expect(main.errors[0]).toContain(`input "${input}"`);
    }
  });
});

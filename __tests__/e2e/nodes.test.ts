/**
 * Multi-node builders (the append input) on real engines: node 0 on the runner's engine, node 1 on
 * the mutual-TLS engine, node 2 behind sshd (__tests__/harness/engines.sh). The store entry is the one
 * `docker buildx create` + `create --append` write; a multi-platform push gives one manifest list and
 * each node's own BuildKit history shows it built its platform only; a node that fails takes every
 * node with it; a node unreachable at post stays in the entry, the others go.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import TOML from '@iarna/toml';

import type { StoreEntry } from '../../src/buildx/buildx-store.js';
import { nodeNames } from '../../src/inputs/names.js';
import { DEFAULT_BUILDKITD_FLAGS } from '../../src/inputs/values.js';
import { ActionJob } from '../support/action.js';
import { staticBusybox } from '../support/busybox.js';
import { ENGINE, historyRecords, sh, TEST_REGISTRY, tryRun, uniqueName } from '../support/engine.js';
import {
  containerOn,
  contextsConfig,
  type EngineName,
  onEngine,
  removeFromEngines,
  storeEntry,
  testEnginesSuite,
  volumeOn,
} from '../support/engines.js';

const ENGINES: EngineName[] = ['runner', 'tls', 'ssh'];
const CONFIG = `[registry."${TEST_REGISTRY}"]\n  http = true\n`;
const APPEND = `
- endpoint: sbk-tls
  platforms: linux/arm64
  driver-opts:
    - network=host
- endpoint: sbk-ssh
  platforms: linux/arm/v7
  driver-opts: [network=host]
`;
/** Each node's own config: the registry, and a DNS search domain BuildKit writes into every RUN step's resolv.conf. */
const markedConfig = (node: string) => `${CONFIG}[dns]\n  searchDomains = ["${node}.test"]\n`;
const MARKED_APPEND = `
- endpoint: sbk-tls
  platforms: linux/arm64
  driver-opts: [network=host]
  buildkitd-config-inline: |
${markedConfig('node-b').replace(/^/gm, '    ')}
- endpoint: sbk-ssh
  platforms: linux/arm/v7
  driver-opts: [network=host]
  buildkitd-config-inline: |
${markedConfig('node-c').replace(/^/gm, '    ')}
`;
const inputsFor = (name: string, append = APPEND) => ({
  name,
  platforms: 'linux/amd64',
  'driver-opts': 'network=host',
  'buildkitd-config-inline': CONFIG,
  'pull-policy': 'missing',
  qemu: 'auto',
  append,
});

const { config, cleanups } = testEnginesSuite();

const nodeName = (builder: string, i: number) => `${builder.toLowerCase()}${i}`;
const container = (builder: string, i: number) => nodeNames(builder, nodeName(builder, i)).container;
const volume = (builder: string, i: number) => nodeNames(builder, nodeName(builder, i)).volume;

function newJob(name: string): ActionJob {
  const job = new ActionJob({ DOCKER_CONFIG: config });
  cleanups.push(() => {
    removeFromEngines(name, 3);
    job.dispose();
  });
  return job;
}

/** The entry with each node's files decoded and parsed as TOML. */
function withParsedFiles(entry: StoreEntry | undefined): unknown {
  return entry && { ...entry, Nodes: entry.Nodes.map((n) => ({ ...n, Files: mapFiles(n.Files) })) };
}
function mapFiles(files: Record<string, string> | null): unknown {
  return files && Object.fromEntries(Object.entries(files).map(([k, v]) => [k, TOML.parse(Buffer.from(v, 'base64').toString('utf8'))]));
}

function expectNothingLeft(name: string): void {
  for (const engine of ENGINES)
    for (const i of [0, 1, 2]) {
      expect([engine, i, containerOn(engine, container(name, i)), volumeOn(engine, volume(name, i))]).toEqual([engine, i, false, false]);
    }
}

/** The platforms one node built ('' for a build without --platform), from that node's own BuildKit: its build history records. */
function containerHistoryPlatforms(engine: EngineName, containerName: string): string[] {
  const out = onEngine(engine, ['exec', containerName, 'buildctl', 'debug', 'histories', '--format', '{{json .}}']);
  expect(out.stderr).toBe('');
  return historyRecords(out.stdout).map((record) => {
    // The request's platform ('': none asked for) and, in a multi-platform build, the platforms of its results.
    const platform = record.FrontendAttrs.platform ?? '';
    if (record.FrontendAttrs['multi-platform'] === 'true') expect(Object.keys(record.Results ?? {})).toEqual([platform]);
    return platform;
  });
}

test('three nodes on three engines: the store entry buildx writes, a three-platform push, each platform built by the node that declares it, post removes every node', async () => {
  const name = uniqueName('nodes-three');
  const job = newJob(name);
  const main = await job.main({ ...inputsFor(name, MARKED_APPEND), 'buildkitd-config-inline': markedConfig('node-a') });
  expect(main.errors).toEqual([]);
  expect(main.exitCode).toBe(0);
  for (const [i, engine] of ENGINES.entries()) {
    for (const other of ENGINES) expect([i, other, containerOn(other, container(name, i))]).toEqual([i, other, other === engine]);
  }
  const nodes = JSON.parse(main.outputs.nodes) as { name: string; endpoint: string; status: string; platforms: string }[];
  expect(nodes.map((n) => [n.name, n.endpoint, n.status])).toEqual([
    [nodeName(name, 0), ENGINE.host, 'running'],
    [nodeName(name, 1), 'sbk-tls', 'running'],
    [nodeName(name, 2), 'sbk-ssh', 'running'],
  ]);
  expect(nodes[1].platforms.split(',')).toContain('linux/arm64');
  expect(main.outputs.platforms.split(',')).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm64', 'linux/arm/v7']));
  expect(job.summary()).toContain(`\`${nodeName(name, 2)}\` — \`sbk-ssh\``);

  // The same builder made by buildx itself (create without --bootstrap only inspects each engine).
  const buildxConfig = contextsConfig();
  const configFile = (node: string) => {
    const file = path.join(buildxConfig, `${node}.toml`);
    fs.writeFileSync(file, markedConfig(node));
    return file;
  };
  try {
    const env = { ...process.env, DOCKER_CONFIG: buildxConfig };
    const common = ['--driver-opt', 'network=host', '--buildkitd-flags', DEFAULT_BUILDKITD_FLAGS];
    // `create` for node 0, then `create --append` for each further node, in the action's node order.
    const nodes: [string, string, string][] = [
      ['node-a', 'linux/amd64', ENGINE.host],
      ['node-b', 'linux/arm64', 'sbk-tls'],
      ['node-c', 'linux/arm/v7', 'sbk-ssh'],
    ];
    for (const [i, [node, platform, endpoint]] of nodes.entries()) {
      const mode = i === 0 ? ['--driver', 'docker-container'] : ['--append'];
      const args = ['buildx', 'create', '--name', name, ...mode, ...common, '--buildkitd-config', configFile(node), '--platform', platform];
      sh('docker', [...args, endpoint], { env });
    }
    // buildx re-encodes a config with registry sections (its TOML writer); node 0 has that difference too.
    expect(withParsedFiles(storeEntry(name, config))).toEqual(withParsedFiles(storeEntry(name, buildxConfig)));
  } finally {
    fs.rmSync(buildxConfig, { recursive: true, force: true });
  }

  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-nodes-ctx-'));
  cleanups.push(() => fs.rmSync(ctx, { recursive: true, force: true }));
  // The RUN step writes the node's search domain, then, where a busybox of the platform's own
  // architecture is at hand, that busybox's `uname -m` (arm64 through QEMU on the TLS node).
  staticBusybox('amd64', ctx);
  staticBusybox('arm64', ctx);
  fs.writeFileSync(
    path.join(ctx, 'Dockerfile'),
    [
      'FROM scratch',
      'ARG TARGETARCH',
      'COPY busybox-amd64 busybox-arm64 /bin/',
      'RUN ["/bin/busybox-amd64", "sh", "-c", "/bin/busybox-amd64 grep ^search /etc/resolv.conf > /node && if [ -e /bin/busybox-$TARGETARCH ]; then /bin/busybox-$TARGETARCH uname -m >> /node; fi"]',
      '',
    ].join('\n'),
  );
  const repo = `sbk-nodes/${name.toLowerCase()}`;
  sh(
    'docker',
    [
      'buildx',
      'build',
      '--builder',
      name,
      '--platform',
      'linux/amd64,linux/arm64,linux/arm/v7',
      '--output',
      `type=image,name=${TEST_REGISTRY}/${repo}:latest,push=true`,
      ctx,
    ],
    { env: { ...process.env, DOCKER_CONFIG: config } },
  );
  const index = (await (
    await fetch(`http://${TEST_REGISTRY}/v2/${repo}/manifests/latest`, {
      headers: { Accept: 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' },
    })
  ).json()) as { manifests: { platform: { architecture: string; variant?: string } }[] };
  // Attestation manifests (unknown/unknown) aside.
  const images = index.manifests.filter((m) => m.platform.architecture !== 'unknown');
  expect(images.map((m) => [m.platform.architecture, m.platform.variant ?? '']).sort()).toEqual([
    ['amd64', ''],
    ['arm', 'v7'],
    ['arm64', ''],
  ]);
  // Which node built what, from each node's own BuildKit: its build history, and its marker.
  expect(containerHistoryPlatforms('runner', container(name, 0))).toEqual(['linux/amd64']);
  expect(containerHistoryPlatforms('tls', container(name, 1))).toEqual(['linux/arm64']);
  expect(containerHistoryPlatforms('ssh', container(name, 2))).toEqual(['linux/arm/v7']);
  const out = path.join(ctx, 'out');
  sh(
    'docker',
    ['buildx', 'build', '--builder', name, '--platform', 'linux/amd64,linux/arm64,linux/arm/v7', '--output', `type=local,dest=${out}`, ctx],
    {
      env: { ...process.env, DOCKER_CONFIG: config },
    },
  );
  expect(fs.readFileSync(path.join(out, 'linux_amd64', 'node'), 'utf8')).toBe('search node-a.test\nx86_64\n');
  expect(fs.readFileSync(path.join(out, 'linux_arm64', 'node'), 'utf8')).toBe('search node-b.test\naarch64\n');
  expect(fs.readFileSync(path.join(out, 'linux_arm_v7', 'node'), 'utf8')).toBe('search node-c.test\n');

  const post = await job.post();
  expect(post.exitCode).toBe(0);
  expect(post.warnings).toEqual([]);
  expectNothingLeft(name);
  expect(storeEntry(name, config)).toBeUndefined();
});

test('a node that fails after the others were created: one error naming it, nothing left on any engine, no store entry', async () => {
  const name = uniqueName('nodes-fail');
  const job = newJob(name);
  // A fourth node, on the ssh engine through another endpoint, whose image exists nowhere.
  const main = await job.main(
    inputsFor(
      name,
      `${APPEND}- endpoint: ssh://sbk-ssh-engine/run/setup-buildkit/engine-ssh.sock\n  driver-opts: [image=sbk-no-such-image:1]\n`,
    ),
  );
  expect(main.exitCode).toBe(1);
  expect(main.errors).toEqual([
    expect.stringMatching(new RegExp(`^node ${nodeName(name, 3)}: pulling image sbk-no-such-image:1 failed and there is no local copy`)),
  ]);
  expect(main.stdout).toContain(`creating container ${container(name, 0)}`);
  expect((await job.post()).exitCode).toBe(0);
  expectNothingLeft(name);
  for (const engine of ENGINES) expect(containerOn(engine, container(name, 3))).toBe(false);
  expect(storeEntry(name, config)).toBeUndefined();
});

test('a node whose engine is down at main: one error naming the node, nothing created anywhere', async () => {
  const name = uniqueName('nodes-down');
  const job = newJob(name);
  const main = await job.main(inputsFor(name, `${APPEND}- endpoint: sbk-down\n`));
  expect(main.exitCode).toBe(1);
  expect(main.errors).toEqual([
    expect.stringMatching(
      new RegExp(
        `^node ${nodeName(name, 3)}: Docker engine not reachable at tcp://127\\.0\\.0\\.1:23999 \\(docker context sbk-down\\): .*ECONNREFUSED`,
      ),
    ),
  ]);
  expect(main.stdout).not.toContain('creating container');
  expect((await job.post()).exitCode).toBe(0);
  expectNothingLeft(name);
  expect(storeEntry(name, config)).toBeUndefined();
});

test.each([
  ['a wrong CA', 'sbk-tls-badca', /unable to verify the first certificate: the engine's certificate is not signed by the CA given/],
  ['no client certificate', 'sbk-tls-noclient', /the engine refused the TLS handshake .*: it asks for a client certificate/],
  [
    'an unknown ssh host key',
    'ssh://sbk-ssh-unknown',
    /command \[ssh .*\] has exited with exit status 255: Host key verification failed\.$/,
  ],
  ['ssh auth refused', 'ssh://sbk-ssh-refused', /command \[ssh .*\] has exited with exit status 255: .*Permission denied \(publickey\)\.$/],
])('a node with %s: one error naming the node and the cause, nothing created anywhere', async (_label, endpoint, cause) => {
  const name = uniqueName('nodes-fault');
  const job = newJob(name);
  const main = await job.main(inputsFor(name, `- endpoint: sbk-tls\n- endpoint: ${endpoint}\n`));
  expect(main.exitCode).toBe(1);
  expect(main.errors).toHaveLength(1);
  expect(main.errors[0]).toMatch(new RegExp(`^node ${nodeName(name, 2)}: Docker engine not reachable at `));
  expect(main.errors[0]).toMatch(cause);
  expect(main.stdout).not.toContain('creating container');
  expect((await job.post()).exitCode).toBe(0);
  expectNothingLeft(name);
  expect(storeEntry(name, config)).toBeUndefined();
});

test('a node unreachable at post: one warning naming it and `docker buildx rm`, the others removed, the entry keeps only it', async () => {
  const name = uniqueName('nodes-post');
  const job = newJob(name);
  const main = await job.main(inputsFor(name));
  expect(main.errors).toEqual([]);
  // The ssh engine's context now points at nothing: post cannot reach node 2.
  const env = { ...process.env, DOCKER_CONFIG: config };
  sh('docker', ['context', 'update', 'sbk-ssh', '--docker', 'host=tcp://127.0.0.1:23999'], { env });
  let post;
  try {
    // buildx's selection: a node that is down but not needed does not fail a build, and a build
    // without --platform goes to node 0.
    const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-nodes-ctx-'));
    cleanups.push(() => fs.rmSync(ctx, { recursive: true, force: true }));
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
    for (const platform of [['--platform', 'linux/amd64,linux/arm64'], []]) {
      sh('docker', ['buildx', 'build', '--builder', name, ...platform, '--output', `type=local,dest=${path.join(ctx, 'out')}`, ctx], {
        env,
      });
    }
    expect(containerHistoryPlatforms('runner', container(name, 0)).sort()).toEqual(['', 'linux/amd64']);
    expect(containerHistoryPlatforms('tls', container(name, 1))).toEqual(['linux/arm64']);
    post = await job.post();
  } finally {
    sh('docker', ['context', 'update', 'sbk-ssh', '--docker', 'host=ssh://sbk-ssh-engine'], { env });
  }
  expect(post.exitCode).toBe(0);
  expect(post.warnings).toEqual([
    expect.stringMatching(
      new RegExp(`^node ${nodeName(name, 2)} \\(sbk-ssh\\) not removed: .*ECONNREFUSED.*remove it later with docker buildx rm ${name}$`),
    ),
  ]);
  expect(containerOn('runner', container(name, 0))).toBe(false);
  expect(containerOn('tls', container(name, 1))).toBe(false);
  expect(containerOn('ssh', container(name, 2))).toBe(true);
  expect(storeEntry(name, config)?.Nodes.map((n) => n.Name)).toEqual([nodeName(name, 2)]);
  expect(job.summary()).toContain(`docker buildx rm ${name}\` finishes the job`);
  // What the warning says finishes the job.
  const rm = tryRun('docker', ['buildx', 'rm', name], env);
  expect([rm.status, rm.stderr]).toEqual([0, expect.any(String)]);
  expectNothingLeft(name);
});

test('SIGTERM while the three nodes are being set up: exit 143, nothing left on any engine, no store entry', async () => {
  const name = uniqueName('nodes-term');
  const job = newJob(name);
  const step = job.start('main', inputsFor(name), { DOCKER_CONFIG: config });
  const deadline = Date.now() + 60000;
  while (!step.stdout().includes(`creating container ${container(name, 1)}`) && step.child.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  step.child.kill('SIGTERM');
  const main = await step.done;
  expect(main.exitCode).toBe(143);
  expect(main.stderr).toContain('received SIGTERM: cleaning up');
  expect(main.stdout).not.toContain(`builder ${name} is ready`);
  expect(main.stderr).not.toContain('cleanup after');
  expectNothingLeft(name);
  expect(storeEntry(name, config)).toBeUndefined();
  const post = await job.post();
  expect(post.exitCode).toBe(0);
  expect(post.warnings).toEqual([]);
  expectNothingLeft(name);
});

test('keep-state: a node on another engine keeps its state volume there (a warm cache for the next run), and post says so', async () => {
  const name = uniqueName('nodes-keep');
  const job = newJob(name);
  const append = '- endpoint: sbk-tls\n  platforms: linux/arm64\n  driver-opts: [network=host]\n';
  const main = await job.main({ ...inputsFor(name, append), 'keep-state': 'true', use: 'false' });
  expect(main.errors).toEqual([]);
  const post = await job.post();
  expect(post.exitCode).toBe(0);
  const stateVolume = volume(name, 1);
  expect([containerOn('tls', container(name, 1)), volumeOn('tls', stateVolume)]).toEqual([false, true]);
  expect(post.stdout).toContain(
    `node ${nodeName(name, 1)} (sbk-tls): removed container, state volume ${stateVolume} kept there (keep-state)`,
  );
  expect(job.summary()).toContain(`state volume ${stateVolume} kept there (keep-state)`);
  // The next run of the same builder name finds it.
  const next = newJob(name);
  const again = await next.main({ ...inputsFor(name, append), 'keep-state': 'true', use: 'false' });
  expect(again.errors).toEqual([]);
  expect(again.stdout).toContain(`using existing state volume ${stateVolume}`);
  expect((await next.post()).exitCode).toBe(0);
});

test("buildx's selection on our builder: declared beats detected, a platform declared nowhere goes to the earliest node that runs it", async () => {
  const name = uniqueName('nodes-select');
  const job = newJob(name);
  const append =
    '- endpoint: sbk-tls\n  platforms: linux/amd64\n  driver-opts: [network=host]\n- endpoint: sbk-ssh\n  driver-opts: [network=host, env.SBK_TOKEN=node2-s3cret]\n';
  const main = await job.main({ ...inputsFor(name, append), platforms: '' });
  expect(main.errors).toEqual([]);
  // A node's secrets are masked as node 0's are.
  expect(main.stdout).toContain('::add-mask::node2-s3cret');
  const env = { ...process.env, DOCKER_CONFIG: config };
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-nodes-ctx-'));
  cleanups.push(() => fs.rmSync(ctx, { recursive: true, force: true }));
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
  const build = (platform: string) =>
    sh(
      'docker',
      ['buildx', 'build', '--builder', name, '--platform', platform, '--output', `type=local,dest=${path.join(ctx, 'out')}`, ctx],
      { env },
    );
  // Node 0 runs amd64 natively, node 1 declares it: node 1 builds it.
  build('linux/amd64');
  expect([containerHistoryPlatforms('runner', container(name, 0)), containerHistoryPlatforms('tls', container(name, 1))]).toEqual([
    [],
    ['linux/amd64'],
  ]);
  // Declared nowhere, run by every node: all are asked, and the earliest wins the tie.
  build('linux/386');
  expect(containerHistoryPlatforms('runner', container(name, 0))).toEqual(['linux/386']);
  expect(containerHistoryPlatforms('ssh', container(name, 2))).toEqual([]);
  expect((await job.post()).warnings).toEqual([]);
  expectNothingLeft(name);
});

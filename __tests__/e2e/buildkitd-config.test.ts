/**
 * The buildkitd config (buildkitd-config / buildkitd-config-inline) on the real engine, through the
 * bundled action, against real registries on loopback (issue 3):
 * - registry certificates: a TLS registry that requires a client certificate takes a push from a
 *   builder configured with its `ca` and `keypair`, and refuses the same push from a builder without
 *   the config and from one with the `ca` alone; the action's log never shows the private key;
 * - `max-parallelism = 4` bounds how many steps BuildKit runs at once;
 * - a docker.io mirror serves an image that exists nowhere else;
 * - `debug = true` puts BuildKit's log, mirror requests included, in the post step's output;
 * - the seed's CNI image with `--oci-worker-net=cni` gives RUN steps their own network;
 * - a bad config fails before anything is created.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import TOML from '@iarna/toml';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob, type StepResult } from '../support/action.js';
import { BASE_IMAGE, BUILDCTL, expectGone, inspectContainer, makeContext, sh, tryRun, uniqueName } from '../support/engine.js';
import { type Registry, REGISTRY_HEADER, startRegistry } from '../support/registry.js';

/** A repository that only the mirror holds: Docker Hub has no such image. */
const MIRROR_ONLY = 'library/setup-buildkit-only-here';
const CNI_IMAGE = 'setup-buildkit-test/buildkit-cni:local';
/** The subnet of the CNI image's cni.json (BuildKit's hack/fixtures/cni.json), and its bridge's address. */
const CNI_SUBNET_PREFIX = '10.10.';
const CNI_GATEWAY = '10.10.0.1';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-bkcfg-'));
let tlsRegistry: Registry;
let mirror: Registry;
let configFile: string;

/**
 * The builders: with the config; without any (the controls); with the TLS registry's CA but no client
 * certificate (the control for the keypair); on the CNI image.
 */
const roles = ['configured', 'plain', 'caOnly', 'cni'] as const;
type Role = (typeof roles)[number];
const names: Record<Role, string> = {
  configured: uniqueName('bkcfg'),
  plain: uniqueName('bkplain'),
  caOnly: uniqueName('bkca'),
  cni: uniqueName('bkcni'),
};
const jobs: Record<Role, ActionJob> = {
  configured: new ActionJob(),
  plain: new ActionJob(),
  caOnly: new ActionJob(),
  cni: new ActionJob(),
};
const mains = {} as Record<Role, StepResult>;
const posts: Partial<Record<Role, StepResult>> = {};

function container(role: Role): string {
  return nodeNames(names[role]).container;
}

/** buildctl build of a Dockerfile context on one builder; the result whatever the status. */
function build(role: Role, context: string, output: string, ...extra: string[]) {
  return tryRun(BUILDCTL, [
    '--addr',
    mains[role].outputs.endpoint,
    'build',
    '--progress',
    'plain',
    '--frontend',
    'dockerfile.v0',
    '--local',
    `context=${context}`,
    '--local',
    `dockerfile=${context}`,
    '--output',
    output,
    ...extra,
  ]);
}

/** A string as a regular expression that matches just it. */
function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Asserts success, showing BuildKit's output when it fails. */
function expectBuilt(r: ReturnType<typeof tryRun>): void {
  expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
}

beforeAll(async () => {
  [tlsRegistry, mirror] = await Promise.all([startRegistry({ tls: true }), startRegistry()]);
  mirror.pushFromEngine(BASE_IMAGE, `${MIRROR_ONLY}:1`);
  const pki = tlsRegistry.pki!;
  configFile = path.join(work, 'buildkitd.toml');
  fs.writeFileSync(
    configFile,
    `debug = true

[registry."${tlsRegistry.host}"]
  # BuildKit talks plain HTTP to loopback hosts unless told otherwise; this one is HTTPS.
  http = false
  ca = ["${pki.ca}"]
  [[registry."${tlsRegistry.host}".keypair]]
    key = "${pki.clientKey}"
    cert = "${pki.clientCert}"

[registry."docker.io"]
  mirrors = ["${mirror.host}"]

[worker.oci]
  max-parallelism = 4
`,
  );
  const inputs: Record<Role, Record<string, string>> = {
    configured: { 'buildkitd-config': configFile, 'driver-opts': 'network=host' },
    plain: { 'driver-opts': 'network=host' },
    caOnly: {
      'buildkitd-config-inline': `[registry."${tlsRegistry.host}"]\n  http = false\n  ca = ["${pki.ca}"]\n`,
      'driver-opts': 'network=host',
    },
    // On the engine's bridge network: CNI makes its bridge inside the builder's own network namespace.
    cni: { 'driver-opts': `image=${CNI_IMAGE}`, 'buildkitd-flags': '--oci-worker-net=cni', 'pull-policy': 'never' },
  };
  const started = await Promise.all(roles.map((role) => jobs[role].main({ name: names[role], use: 'false', ...inputs[role] })));
  roles.forEach((role, i) => (mains[role] = started[i]));
}, 120000);

afterAll(async () => {
  for (const role of roles) {
    posts[role] ??= await jobs[role].post();
    jobs[role].dispose();
  }
  await Promise.all([tlsRegistry?.stop(), mirror?.stop()]);
  fs.rmSync(work, { recursive: true, force: true });
  for (const role of roles) expectGone(names[role]);
});

test('all the builders start', () => {
  for (const role of roles) {
    expect({ role, errors: mains[role].errors, exitCode: mains[role].exitCode }).toEqual({ role, errors: [], exitCode: 0 });
  }
  expect(inspectContainer(container('configured')).Args).toEqual(expect.arrayContaining(['--config', '/etc/buildkit/buildkitd.toml']));
});

describe('registry certificates (ca and keypair) for a TLS registry that requires a client certificate', () => {
  const context = makeContext();
  afterAll(() => fs.rmSync(context, { recursive: true, force: true }));
  const repo = 'setup-buildkit-e2e/pushed';

  test('the registry refuses a client without the certificate', () => {
    const r = tryRun('curl', ['-sS', '--cacert', tlsRegistry.pki!.ca, `${tlsRegistry.url}/v2/`]);
    expect(r.status).not.toBe(0);
  });

  test('the configured builder pushes an image there, and the registry serves its manifest', () => {
    expectBuilt(build('configured', context, `type=image,name=${tlsRegistry.host}/${repo}:1,push=true`));
    const manifest = JSON.parse(
      sh('curl', [
        '-sSf',
        ...tlsRegistry.curlTls(),
        '-H',
        'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
        `${tlsRegistry.url}/v2/${repo}/manifests/1`,
      ]),
    );
    expect(manifest.schemaVersion).toBe(2);
  });

  test('the same push from a builder without the config fails', () => {
    const r = build('plain', context, `type=image,name=${tlsRegistry.host}/${repo}:2,push=true`);
    expect(r.status).not.toBe(0);
    // Without the config BuildKit speaks plain HTTP to a loopback registry, which answers 400.
    expect(r.stderr).toMatch(/failed to push .*: unexpected status from HEAD request to http:\/\/.*: 400 Bad Request/);
    expect(tryRun('curl', ['-sSf', ...tlsRegistry.curlTls(), `${tlsRegistry.url}/v2/${repo}/manifests/2`]).status).not.toBe(0);
  });

  test('and so does the push from a builder with the CA but without the client certificate', () => {
    const r = build('caOnly', context, `type=image,name=${tlsRegistry.host}/${repo}:3,push=true`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/failed to push .*https:\/\/.*: remote error: tls: certificate required/);
    expect(tryRun('curl', ['-sSf', ...tlsRegistry.curlTls(), `${tlsRegistry.url}/v2/${repo}/manifests/3`]).status).not.toBe(0);
  });

  test('the container holds the rewritten buildkitd.toml and the three files at the rewritten paths', () => {
    const pki = tlsRegistry.pki!;
    const certs = `/etc/buildkit/certs/${tlsRegistry.host.replace(':', '_')}`;
    const toml = TOML.parse(sh('docker', ['exec', container('configured'), 'cat', '/etc/buildkit/buildkitd.toml']));
    expect(toml).toEqual({
      debug: true,
      registry: {
        [tlsRegistry.host]: {
          http: false,
          ca: [`${certs}/ca.pem`],
          keypair: [{ key: `${certs}/client-key.pem`, cert: `${certs}/client.pem` }],
        },
        'docker.io': { mirrors: [mirror.host] },
      },
      worker: { oci: { 'max-parallelism': 4 } },
    });
    // Compared by digest, so that a failure never prints the private key.
    const inContainer = sh('docker', ['exec', container('configured'), 'sh', '-c', `cd ${certs} && stat -c '%a %n' * && sha256sum *`]);
    const digest = (file: string) => sh('sha256sum', [file]).split(' ')[0];
    expect(inContainer.trim().split('\n').sort()).toEqual(
      [
        '644 ca.pem',
        '644 client.pem',
        '600 client-key.pem',
        `${digest(pki.ca)}  ca.pem`,
        `${digest(pki.clientCert)}  client.pem`,
        `${digest(pki.clientKey)}  client-key.pem`,
      ].sort(),
    );
  });
});

describe('[worker.oci] max-parallelism = 4', () => {
  // BuildKit v0.26.3 reports the setting nowhere (not in `buildctl debug workers -v`, not in its log):
  // it is a semaphore every exec, file and source op takes. So the proof is BuildKit's behaviour:
  // eight independent RUN steps (distinct, or BuildKit would run one and share it), each recording
  // when it ran by the kernel's clock, never run more than four at a time.
  const stages = 8;
  const context = makeContext(
    [
      `FROM ${BASE_IMAGE} AS base`,
      ...Array.from(
        { length: stages },
        (_, i) =>
          `FROM base AS s${i}\nRUN read start idle </proc/uptime && sleep 2 && read end idle </proc/uptime && echo "$start $end s${i}" > /ran`,
      ),
      'FROM scratch',
      ...Array.from({ length: stages }, (_, i) => `COPY --from=s${i} /ran /s${i}`),
      '',
    ].join('\n'),
    {},
  );
  afterAll(() => fs.rmSync(context, { recursive: true, force: true }));

  /** The most RUN steps that were running at the same moment. */
  function mostAtOnce(role: Role): number {
    const out = path.join(context, `out-${role}`);
    expectBuilt(build(role, context, `type=local,dest=${out}`));
    const spans = fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8').split(' ').slice(0, 2).map(Number));
    expect(spans).toHaveLength(stages);
    return Math.max(...spans.map(([at]) => spans.filter(([start, end]) => start <= at && at < end).length));
  }

  test('the configured builder runs at most 4 of 8 ready steps at once', () => {
    expect(mostAtOnce('configured')).toBe(4);
  });

  test('the builder without the config runs more than 4 at once (control)', () => {
    expect(mostAtOnce('plain')).toBeGreaterThan(4);
  });
});

describe('a docker.io mirror on loopback', () => {
  const context = makeContext(`FROM docker.io/${MIRROR_ONLY}:1\nRUN echo built from the mirror > /mirrored.txt\n`, {});
  afterAll(() => fs.rmSync(context, { recursive: true, force: true }));

  test('FROM docker.io/<an image only the mirror has> builds through the mirror', () => {
    const out = path.join(context, 'out');
    expectBuilt(build('configured', context, `type=local,dest=${out}`));
    expect(fs.readFileSync(path.join(out, 'mirrored.txt'), 'utf8')).toBe('built from the mirror\n');
    // BuildKit asks the mirror with the upstream's name in `ns`.
    expect(mirror.log()).toContain(`/v2/${MIRROR_ONLY}/manifests/1?ns=docker.io HTTP/1.1" 200 `);
  });

  test('the builder without the mirror cannot find that image (it exists nowhere else)', () => {
    const r = build('plain', context, `type=local,dest=${path.join(context, 'out-plain')}`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(MIRROR_ONLY);
  });
});

describe('debug = true', () => {
  test("the post step prints the builder's BuildKit log, which shows the mirror in use, and removes the builder", async () => {
    const post = (posts.configured = await jobs.configured.post());
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    const log = post.stdout.slice(post.stdout.indexOf(`BuildKit log of ${container('configured')}`));
    expect(log).toMatch(/level=debug/);
    // The answer to resolving the docker.io image came from the mirror: its header says so.
    const resolved = log
      .split('\n')
      .filter((l) => l.includes('msg="fetch response received"') && l.includes(`span="resolving docker.io/${MIRROR_ONLY}:1"`));
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved).toEqual(
      resolved.map(() => expect.stringContaining(`response.header.${REGISTRY_HEADER.toLowerCase()}="${mirror.host}"`)),
    );
    expectGone(names.configured);
  });

  test('the private key is registered as a secret, and no step of the job ever printed it', () => {
    const key = fs.readFileSync(tlsRegistry.pki!.clientKey, 'utf8');
    const keyLines = key.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
    const lines = [mains.configured, posts.configured!].flatMap((s) => `${s.stdout}\n${s.stderr}`.split('\n'));
    // ::add-mask:: is the runner's command to mask a value (it masks each line of it); it is never shown.
    const masks = lines.filter((l) => l.startsWith('::add-mask::')).map((l) => decodeURIComponent(l.slice('::add-mask::'.length)));
    // Booleans and counts only: a failure message must not print the key either.
    expect(masks.includes(key)).toBe(true);
    expect(keyLines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => !l.startsWith('::add-mask::') && keyLines.some((k) => l.includes(k))).length).toBe(0);
  });
});

describe('the CNI image and --oci-worker-net=cni', () => {
  // FROM scratch plus the base image's busybox (statically linked): a builder on the bridge network
  // cannot reach the harness's loopback registry.
  const context = makeContext(
    `FROM scratch
COPY busybox /bin/busybox
ARG HOST_GATEWAY
RUN ["/bin/busybox", "sh", "-c", "busybox ip -4 -o addr show > /net.txt && busybox ip route >> /net.txt && busybox ping -c 1 -W 5 ${CNI_GATEWAY} >> /net.txt && busybox ping -c 1 -W 5 \\"$HOST_GATEWAY\\" >> /net.txt"]
`,
    {},
  );
  beforeAll(() => {
    const base = sh('docker', ['create', BASE_IMAGE]).trim();
    try {
      sh('docker', ['cp', `${base}:/bin/busybox`, path.join(context, 'busybox')]);
    } finally {
      sh('docker', ['rm', base]);
    }
  });
  afterAll(() => fs.rmSync(context, { recursive: true, force: true }));

  test('a RUN step gets an interface on the CNI bridge and reaches the host through it', () => {
    // The engine's bridge gateway, as the builder container sees it: the host, one NAT hop past CNI.
    const hostGateway = inspectContainer(container('cni')).NetworkSettings.Gateway;
    const out = path.join(context, 'out');
    expectBuilt(build('cni', context, `type=local,dest=${out}`, '--opt', `build-arg:HOST_GATEWAY=${hostGateway}`));
    const net = fs.readFileSync(path.join(out, 'net.txt'), 'utf8');
    expect(net).toMatch(new RegExp(`^\\d+: eth0\\s+inet ${literal(CNI_SUBNET_PREFIX)}`, 'm'));
    expect(net).toMatch(new RegExp(`^default via ${literal(CNI_GATEWAY)} dev eth0`, 'm'));
    // The bridge answers directly; the host one hop further (ttl 63), through the CNI bridge and its NAT.
    expect(net).toMatch(new RegExp(`^64 bytes from ${literal(CNI_GATEWAY)}: seq=0 ttl=64 `, 'm'));
    expect(net).toMatch(new RegExp(`^64 bytes from ${literal(hostGateway)}: seq=0 ttl=63 `, 'm'));
  });
});

describe('a bad config fails with one line and creates nothing', () => {
  async function failing(inputs: Record<string, string>): Promise<StepResult> {
    const name = uniqueName('badcfg');
    const job = new ActionJob();
    try {
      const main = await job.main({ name, ...inputs });
      expect(main.exitCode).toBe(1);
      expect(main.errors).toHaveLength(1);
      expect(main.stdout).not.toContain('booting buildkit');
      expect((await job.post()).exitCode).toBe(0);
      expectGone(name);
      return main;
    } finally {
      job.dispose();
    }
  }

  test('a TOML syntax error: line and column', async () => {
    const main = await failing({ 'buildkitd-config-inline': 'debug = true\n[registry."docker.io"\nmirrors = ["x"]\n' });
    expect(main.errors[0]).toMatch(/input "buildkitd-config-inline": TOML syntax error at line 2, column 22: /);
  });

  test('a ca file that does not exist: the path and its registry', async () => {
    const missing = path.join(work, 'no-such-ca.pem');
    const main = await failing({ 'buildkitd-config-inline': `[registry."myregistry.com"]\n  ca = ["${missing}"]\n` });
    expect(main.errors[0]).toContain('registry "myregistry.com" ca[0]');
    expect(main.errors[0]).toContain(`cannot read "${missing}": no such file`);
  });

  test('both inputs at once', async () => {
    const main = await failing({ 'buildkitd-config': configFile, 'buildkitd-config-inline': 'debug = true\n' });
    expect(main.errors[0]).toMatch(/set either "buildkitd-config" or "buildkitd-config-inline", not both/);
  });
});

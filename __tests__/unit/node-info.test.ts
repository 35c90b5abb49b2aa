import { logGroups } from '../../src/node/log-groups.js';
import { nodeInfo } from '../../src/node/node-info.js';
import type { NodeStatus } from '../../src/node/status.js';

/** What buildctl debug workers reported for a BuildKit v0.26 worker on this project's harness. */
const status: NodeStatus = {
  platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/386'],
  snapshotter: 'overlayfs',
  buildkitVersion: 'v0.26.3',
  labels: {
    'org.mobyproject.buildkit.worker.executor': 'oci',
    'org.mobyproject.buildkit.worker.snapshotter': 'overlayfs',
    'org.mobyproject.buildkit.worker.hostname': '4b1d0e6d0c1a',
  },
  gcPolicy: [
    {
      all: false,
      filter: ['type==source.local,type==exec.cachemount,type==source.git.checkout'],
      keepDuration: 172800e9,
      maxUsedSpace: 512000000,
    },
    { all: true, filter: null, reservedSpace: 2e9, maxUsedSpace: 10e9, minFreeSpace: 20e9 },
    { all: true },
  ],
};

const node = nodeInfo({
  name: 'ci0',
  endpoint: 'unix:///var/run/docker.sock',
  flags: ['--allow-insecure-entitlement', 'network.host'],
  status,
  defaultLoad: false,
});

test('the nodes entry has setup-buildx-action keys and formats, filled from the workers JSON', () => {
  expect(node).toEqual({
    name: 'ci0',
    endpoint: 'unix:///var/run/docker.sock',
    status: 'running',
    'buildkitd-flags': '--allow-insecure-entitlement network.host',
    buildkit: 'v0.26.3',
    platforms: 'linux/amd64,linux/amd64/v2,linux/386',
    features: {
      'Automatically load images to the Docker Engine image store': false,
      'Cache export': true,
      'Direct push': true,
      'Docker exporter': true,
      'Multi-platform build': true,
      'OCI exporter': true,
    },
    labels: status.labels,
    gcPolicy: [
      {
        all: false,
        filter: ['type==source.local', 'type==exec.cachemount', 'type==source.git.checkout'],
        keepDuration: '48h0m0s',
        maxUsedSpace: '488.3MiB',
      },
      { all: true, reservedSpace: '1.863GiB', maxUsedSpace: '9.313GiB', minFreeSpace: '18.63GiB' },
      { all: true },
    ],
  });
});

test('default-load turns the load feature on; a worker without GC rules has no gcPolicy key', () => {
  const n = nodeInfo({ name: 'x0', endpoint: 'e', flags: [], status: { ...status, gcPolicy: [] }, defaultLoad: true });
  expect(n.features['Automatically load images to the Docker Engine image store']).toBe(true);
  expect(n).not.toHaveProperty('gcPolicy');
});

describe('log groups', () => {
  const engine = {
    cgroupDriver: 'systemd',
    userns: false,
    architecture: 'x86_64',
    storageDriver: 'overlay2',
    about: { version: '20.10.24+dfsg1', os: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-13-amd64', cgroupVersion: '2' },
  };
  const toml = Buffer.from('debug = true\n\n[worker.oci]\ngc = true\n');

  test('engine, BuildKit with its config, and the node: one group each', () => {
    const groups = logGroups({
      engineEndpoint: 'unix:///var/run/docker.sock',
      engine,
      image: 'moby/buildkit:buildx-stable-1',
      container: 'buildx_buildkit_ci0',
      files: { 'buildkitd.toml': toml, 'certs/r:5000/ca.pem': Buffer.from('x') },
      node,
    });
    expect(groups).toEqual([
      {
        title: 'Docker engine 20.10.24+dfsg1',
        lines: [
          'endpoint unix:///var/run/docker.sock',
          'Debian GNU/Linux 12 (bookworm), kernel 6.1.0-13-amd64, x86_64',
          'storage driver overlay2, cgroup driver systemd, cgroup v2',
        ],
      },
      {
        title: 'BuildKit v0.26.3',
        lines: [
          'image moby/buildkit:buildx-stable-1, container buildx_buildkit_ci0',
          'buildkitd flags: --allow-insecure-entitlement network.host',
          'buildkitd config (/etc/buildkit/buildkitd.toml):',
          '  debug = true',
          '',
          '  [worker.oci]',
          '  gc = true',
          'registry certificates: /etc/buildkit/certs/r:5000/ca.pem',
        ],
      },
      {
        title: 'Node ci0',
        lines: [
          'address docker-container://buildx_buildkit_ci0',
          'platforms: linux/amd64, linux/amd64/v2, linux/386',
          'features: Cache export, Direct push, Docker exporter, Multi-platform build, OCI exporter; off: Automatically load images to the Docker Engine image store',
          'labels:',
          '  org.mobyproject.buildkit.worker.executor: oci',
          '  org.mobyproject.buildkit.worker.hostname: 4b1d0e6d0c1a',
          '  org.mobyproject.buildkit.worker.snapshotter: overlayfs',
          'GC policy rule#0: all false, filters type==source.local,type==exec.cachemount,type==source.git.checkout, keep duration 48h0m0s, max used space 488.3MiB',
          'GC policy rule#1: all true, reserved space 1.863GiB, max used space 9.313GiB, min free space 18.63GiB',
          'GC policy rule#2: all true',
        ],
      },
    ]);
  });

  test('without a config, and when /info failed', () => {
    const [eng, bk] = logGroups({ engineEndpoint: 'tcp://h:2375', engine: undefined, image: 'i', container: 'c', files: {}, node });
    expect(eng).toEqual({ title: 'Docker engine', lines: ['endpoint tcp://h:2375', 'GET /info failed: no details'] });
    expect(bk.lines).toContain("buildkitd config: none (BuildKit's defaults)");
  });
});

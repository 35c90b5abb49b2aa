import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { keepOnlyNodes, storeEntry, writeBuilder } from '../../src/buildx/buildx-store.js';
import { nodeEntry as storedNode } from '../../src/buildx/store-options.js';
import type { AppendedNode } from '../../src/inputs/append.js';
import { parseDriverOpts } from '../../src/inputs/driver-opts.js';
import { nodeNames } from '../../src/inputs/names.js';
import { DEFAULT_BUILDKIT_IMAGE } from '../../src/inputs/values.js';
import type { NodePlan } from '../../src/node/driver.js';
import { dockerContainer } from '../../src/node/drivers/docker-container.js';
import { planNodes as planAll } from '../../src/node/plan.js';
import { PROVENANCE_CONTEXT_FILE } from '../../src/node/provenance.js';
import { parsePlatform } from '../../src/util/platforms.js';

const arm64 = parsePlatform('linux/arm64')!;
const node = (over: Partial<AppendedNode> = {}): AppendedNode => ({
  name: 'ci1',
  engine: { endpoint: 'arm-box', host: 'ssh://me@arm', context: 'arm-box', source: 'docker context arm-box' },
  platforms: [arm64],
  driverOpts: parseDriverOpts('network=host'),
  buildkitdFlags: ['--debug'],
  ...over,
});
const noQemu = { qemu: '', platforms: '', image: '' };
const shared = { driver: 'docker-container' as const, pullPolicy: 'missing' as const, bootTimeoutMs: 120000 };
const planNodes = (...args: [string, AppendedNode[], typeof noQemu, boolean, () => Buffer | undefined]) => planAll(...args, shared);
const nodeEntry = (plan: NodePlan, buildxVersion: string | undefined) => storedNode(dockerContainer.storeEntry(plan), buildxVersion);
const github = () => Buffer.from('{"github_event_name":"push"}');

test("a node's plan: its names on its own engine, buildx's entitlement rule on its flags, the GitHub context in the container only", () => {
  const [plan] = planNodes('CI', [node()], noQemu, false, github);
  expect(plan.names).toEqual(nodeNames('CI', 'ci1'));
  expect(plan.names.container).toBe('buildx_buildkit_ci1');
  expect(plan.names.volume).toBe('buildx_buildkit_ci1_state');
  expect(plan.image).toBe(DEFAULT_BUILDKIT_IMAGE);
  expect(plan.flags).toEqual(['--debug', '--allow-insecure-entitlement=network.host']);
  expect(Object.keys(plan.files)).toEqual([]);
  expect(Object.keys(plan.containerFiles)).toEqual([PROVENANCE_CONTEXT_FILE]);
  expect(plan.qemu).toBeUndefined();
  expect(plan.keepState).toBe(false);
});

test('provenance-add-gha=false leaves the GitHub context out, without reading it', () => {
  const [plan] = planNodes('ci', [node({ driverOpts: parseDriverOpts('provenance-add-gha=false') })], noQemu, true, () => {
    throw new Error('read');
  });
  expect(plan.containerFiles).toEqual({});
  expect(plan.keepState).toBe(true);
});

test("qemu: each node emulates what it declares, on its own engine; its own image and config's files", () => {
  const config = {
    files: { 'buildkitd.toml': Buffer.from('debug = true\n') },
    privateFiles: ['certs/k.pem'],
    insecureEntitlements: ['network.host'],
  } as unknown as AppendedNode['config'];
  const [plan] = planNodes(
    'ci',
    [node({ driverOpts: parseDriverOpts('image=moby/buildkit:v0.20.0'), config, buildkitdFlags: [] })],
    { qemu: 'auto', platforms: '', image: '' },
    false,
    () => undefined,
  );
  expect(plan.qemu?.targets).toEqual(['arm64']);
  expect(plan.image).toBe('moby/buildkit:v0.20.0');
  expect(plan.hasConfig).toBe(true);
  expect(plan.privateFiles).toEqual(new Set(['certs/k.pem']));
  // The config allows network.host: buildx adds no flag.
  expect(plan.flags).toEqual([]);
});

test('the entry holds node 0, then every appended node, each as `create --append` writes it', () => {
  const plans = planNodes(
    'ci',
    [
      node(),
      node({
        name: 'ci2',
        engine: { endpoint: 'tcp://10.0.0.9:2375', host: 'tcp://10.0.0.9:2375', source: 'x' },
        platforms: [],
        driverOpts: parseDriverOpts(''),
      }),
    ],
    noQemu,
    false,
    () => undefined,
  );
  const entry = storeEntry({
    names: nodeNames('ci'),
    endpoint: 'unix:///var/run/docker.sock',
    platforms: [],
    driverOpts: {},
    flags: [],
    files: {},
    appended: plans.map((p) => nodeEntry(p, 'v0.38.2')),
  });
  expect(JSON.stringify(entry.Nodes.slice(1))).toBe(
    '[{"Name":"ci1","Endpoint":"arm-box","Platforms":[{"architecture":"arm64","os":"linux"}],"DriverOpts":{"network":"host"},"Flags":["--debug","--allow-insecure-entitlement=network.host"],"Files":null},' +
      '{"Name":"ci2","Endpoint":"tcp://10.0.0.9:2375","Platforms":null,"DriverOpts":null,"Flags":["--debug","--allow-insecure-entitlement=network.host"],"Files":null}]',
  );
});

test('keepOnlyNodes leaves the entry holding just the nodes post could not remove', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-nodes-'));
  try {
    const plans = planNodes('ci', [node()], noQemu, false, () => undefined);
    writeBuilder(
      dir,
      storeEntry({
        names: nodeNames('CI'),
        endpoint: 'unix:///var/run/docker.sock',
        platforms: [],
        driverOpts: {},
        flags: [],
        files: {},
        appended: plans.map((p) => nodeEntry(p, undefined)),
      }),
      undefined,
    );
    keepOnlyNodes(dir, 'CI', ['ci1']);
    const entry = JSON.parse(fs.readFileSync(path.join(dir, 'instances', 'ci'), 'utf8'));
    expect(entry.Name).toBe('CI');
    expect(entry.Nodes.map((n: { Name: string }) => n.Name)).toEqual(['ci1']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

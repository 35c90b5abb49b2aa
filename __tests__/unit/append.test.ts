import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { writeContext } from '../../src/engine/docker-context.js';
import { type Node0, parseAppend } from '../../src/inputs/append.js';
import { UserError } from '../../src/util/errors.js';
import { parsePlatform } from '../../src/util/platforms.js';

let config: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-append-'));
  env = { DOCKER_CONFIG: config };
  writeContext({ name: 'arm-box', host: 'ssh://me@graviton2' }, env);
  writeContext({ name: 'tls-box', host: 'tcp://10.0.0.9:2376', tls: { ca: Buffer.from('ca'), skipVerify: false } }, env);
});
afterEach(() => fs.rmSync(config, { recursive: true, force: true }));

const node0: Node0 = { name: 'ci0', endpoint: 'unix:///var/run/docker.sock', platforms: [parsePlatform('linux/amd64')!] };
const parse = (yaml: string, first = node0) => parseAppend(yaml, first, { cwd: config, env });
test('empty: no more nodes', () => {
  expect(parse('')).toEqual([]);
  expect(parse('  \n')).toEqual([]);
});

test("setup-buildx-action's own example is accepted as it is", () => {
  const [node] = parse(`
- name: aws_graviton2
  endpoint: ssh://me@graviton2
  driver-opts:
    - image=moby/buildkit:latest
  buildkitd-flags: --allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host
  platforms: linux/arm64
`);
  expect(node.name).toBe('aws_graviton2');
  expect(node.engine).toMatchObject({ endpoint: 'ssh://me@graviton2', host: 'ssh://me@graviton2' });
  expect(node.driverOpts.image).toBe('moby/buildkit:latest');
  expect(node.buildkitdFlags).toEqual([
    '--allow-insecure-entitlement',
    'security.insecure',
    '--allow-insecure-entitlement',
    'network.host',
  ]);
  expect(node.platforms).toEqual([parsePlatform('linux/arm64')]);
});

test('a context name is stored as the context, with its TLS; nodes without a name are <builder><i> as buildx names them', () => {
  const nodes = parse('- endpoint: tls-box\n  platforms: [linux/arm64, linux/arm/v7]\n- endpoint: arm-box\n  driver-opts: network=host\n');
  expect(nodes.map((n) => n.name)).toEqual(['ci1', 'ci2']);
  expect(nodes[0].engine).toMatchObject({ endpoint: 'tls-box', host: 'tcp://10.0.0.9:2376', context: 'tls-box' });
  expect(nodes[0].engine.tls?.ca?.toString()).toBe('ca');
  expect(nodes[0].platforms.length).toBe(2);
  expect(nodes[1].driverOpts.network).toBe('host');
  // The default flags, as node 0's.
  expect(nodes[1].buildkitdFlags).toContain('security.insecure');
});

test("a node's buildkitd config is its own, else the top-level one", () => {
  const top = { ...node0, config: { text: 'top' } as unknown as Node0['config'] };
  const nodes = parse(
    '- endpoint: arm-box\n  buildkitd-config-inline: |\n    [worker.oci]\n      max-parallelism = 2\n- endpoint: tls-box\n',
    top,
  );
  expect(nodes[0].config?.files['buildkitd.toml'].toString()).toContain('max-parallelism = 2');
  expect(nodes[1].config).toBe(top.config);
});

test.each([
  ['bad YAML', '- name: [a', /^input "append": invalid value "- name: \[a": YAML: /],
  ['a mapping, not a list', 'name: a\nendpoint: arm-box', /a YAML list of nodes/],
  ['a list item that is not a mapping', '- arm-box', /node 1: each node is a mapping/],
  [
    'an unknown key',
    '- endpoint: arm-box\n  platform: linux/arm64',
    /invalid value "platform": node 1: unknown key; the keys are name, endpoint/,
  ],
  ['an invalid name', '- name: 9lives\n  endpoint: arm-box', /invalid value "9lives": node 1: a node name starts with a letter/],
  [
    'a duplicate name',
    '- name: a\n  endpoint: arm-box\n- name: A\n  endpoint: tls-box',
    /invalid value "a": node 2: a second node of that name/,
  ],
  ["node 0's name", '- name: ci0\n  endpoint: arm-box', /invalid value "ci0": node 1: a second node/],
  ['a duplicate endpoint', '- endpoint: arm-box\n- endpoint: arm-box', /invalid value "arm-box": node 2: the endpoint of node 1 too/],
  [
    "node 0's endpoint, after normalization",
    '- endpoint: unix://',
    /invalid value "unix:\/\/\/var\/run\/docker.sock": node 1: the endpoint of node 0 too/,
  ],
  ['no endpoint: the current one, which is node 0', '- name: b', /node 1: the endpoint of node 0 too/],
  [
    'a platform declared twice',
    '- endpoint: arm-box\n  platforms: linux/arm64\n- endpoint: tls-box\n  platforms: linux/arm64',
    /invalid value "linux\/arm64": node 2: declared by node 1 too/,
  ],
  ["node 0's platform", '- endpoint: arm-box\n  platforms: linux/amd64', /node 1: declared by node 0 too/],
  ['a bad platform', '- endpoint: arm-box\n  platforms: linux/nope', /invalid value "linux\/nope": node 1: platforms: /],
  ['an unknown context', '- endpoint: nowhere', /invalid value "nowhere": node 1: append: no docker context of that name/],
  ['a bad driver-opt', '- endpoint: arm-box\n  driver-opts: [nope=1]', /node 1: driver-opts: /],
  [
    'driver-opts as a mapping',
    '- endpoint: arm-box\n  driver-opts: {network: host}',
    /node 1: driver-opts is a string or a list of strings/,
  ],
  [
    'an unclosed quote in the flags',
    "- endpoint: arm-box\n  buildkitd-flags: '--debug \"'",
    /node 1: buildkitd-flags: a quote is not closed/,
  ],
  ['a bad inline config', '- endpoint: arm-box\n  buildkitd-config-inline: "[nope"', /^input "append": node 1: /],
])('%s is one input error naming the node', (_label, yaml, message) => {
  let msg: string;
  try {
    parse(yaml);
    throw new Error('no error');
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    msg = (err as Error).message;
  }
  expect(msg).toMatch(message);
  expect(msg).not.toContain('\n');
});

describe('driver kubernetes', () => {
  const kube = (yaml: string) => parseAppend(yaml, node0, { cwd: config, env, driver: 'kubernetes' });
  test('nodes without endpoints, each its own Deployment: no one-node-per-endpoint rule', () => {
    const nodes = kube('- platforms: linux/arm64\n  driver-opts: qemu.install=true\n- platforms: linux/s390x\n  driver-opts: [replicas=2]');
    expect(nodes.map((n) => [n.name, n.driverOpts.kubernetes?.replicas, n.driverOpts.kubernetes?.qemu.install])).toEqual([
      ['ci1', 1, true],
      ['ci2', 2, false],
    ]);
  });
  test("an endpoint is refused in buildx's words, naming the node", () => {
    expect(() => kube('- endpoint: arm-box\n  platforms: linux/arm64')).toThrow(
      /input "append": invalid value "arm-box": node 1: no endpoint with driver kubernetes \(buildx: "kubernetes driver does not support endpoint args"\)/,
    );
  });
  test('a docker-container option is refused as the kubernetes driver refuses it', () => {
    expect(() => kube('- platforms: linux/arm64\n  driver-opts: network=host')).toThrow(
      /node 1: .*invalid driver option network for driver kubernetes/,
    );
  });
});

describe('driver remote', () => {
  const certs = () => path.join(config, 'certs');
  const remote = (yaml: string, more: NodeJS.ProcessEnv = {}) =>
    parseAppend(
      yaml,
      { ...node0, endpoint: 'unix:///run/buildkitd.sock' },
      { cwd: config, env: { ...env, ...more }, driver: 'remote', certsDir: certs() },
    );
  test("a daemon's address each, TLS from BUILDER_NODE_<i>_AUTH_TLS_* by the node's place in the builder", () => {
    const [node] = remote('- endpoint: tcp://10.0.0.7:1234\n  platforms: linux/arm64', {
      BUILDER_NODE_1_AUTH_TLS_CACERT: 'ca',
      BUILDER_NODE_1_AUTH_TLS_CERT: 'cert',
      BUILDER_NODE_1_AUTH_TLS_KEY: 'key',
    });
    expect(node.engine).toEqual({ endpoint: 'tcp://10.0.0.7:1234', host: 'tcp://10.0.0.7:1234', source: 'the append input' });
    expect(node.buildkitdFlags).toEqual([]);
    expect(node.driverOpts.given).toEqual({
      cacert: path.join(certs(), 'cacert_10.0.0.7-1234.pem'),
      cert: path.join(certs(), 'cert_10.0.0.7-1234.pem'),
      key: path.join(certs(), 'key_10.0.0.7-1234.pem'),
    });
    expect(Object.values(node.driverOpts.remote!.files)).toEqual(['ca', 'cert', 'key']);
  });
  test.each([
    ['- platforms: linux/arm64', /node 1: a remote node needs its endpoint/],
    ['- endpoint: unix:///run/buildkitd.sock', /the endpoint of node 0 too/],
    ['- endpoint: ssh://me@box', /node 1: endpoint: .*tcp:\/\/HOST:PORT or unix:\/\/\/PATH/],
    ['- endpoint: tcp://10.0.0.7:1234\n  buildkitd-flags: --debug', /node 1: no buildkitd flags or config for a remote node/],
    [
      '- endpoint: tcp://10.0.0.7:1234\n  driver-opts: image=moby/buildkit',
      /node 1: driver-opts: unknown option "image"; the remote driver accepts/,
    ],
  ])('%j is refused naming the node', (yaml, message) => {
    expect(() => remote(yaml)).toThrow(message);
  });
});

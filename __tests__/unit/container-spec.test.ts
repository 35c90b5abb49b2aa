import { parseDriverOpts } from '../../src/inputs/driver-opts.js';
import { nodeNames } from '../../src/inputs/names.js';
import { parseBuildkitdFlags } from '../../src/inputs/values.js';
import { buildkitdFlags, containerSpec, gpuCapable } from '../../src/node/container-spec.js';

const names = nodeNames('MyBuilder');

test('names follow buildx: lowercased node with index 0', () => {
  expect(names).toEqual({
    builder: 'MyBuilder',
    node: 'mybuilder0',
    container: 'buildx_buildkit_mybuilder0',
    volume: 'buildx_buildkit_mybuilder0_state',
    endpoint: 'docker-container://buildx_buildkit_mybuilder0',
  });
});

describe('buildkitdFlags (the network.host entitlement rule)', () => {
  const defaults = parseBuildkitdFlags('');
  test('the default flags already allow network.host: nothing added, either network', () => {
    expect(buildkitdFlags(defaults, true)).toEqual(defaults);
    expect(buildkitdFlags(defaults, false)).toEqual(defaults);
  });
  test('host network adds it unless allowed', () => {
    expect(buildkitdFlags(['--debug'], true)).toEqual(['--debug', '--allow-insecure-entitlement=network.host']);
    expect(buildkitdFlags(['--allow-insecure-entitlement=network.host'], true)).toEqual(['--allow-insecure-entitlement=network.host']);
    expect(buildkitdFlags(['--allow-insecure-entitlement=security.insecure'], true)).toEqual([
      '--allow-insecure-entitlement=security.insecure',
      '--allow-insecure-entitlement=network.host',
    ]);
  });
  test('otherwise added only when no entitlement is named and the config lacks it', () => {
    expect(buildkitdFlags(['--debug'], false)).toEqual(['--debug', '--allow-insecure-entitlement=network.host']);
    expect(buildkitdFlags(['--allow-insecure-entitlement=security.insecure'], false)).toEqual([
      '--allow-insecure-entitlement=security.insecure',
    ]);
    expect(buildkitdFlags(['--debug'], false, ['network.host'])).toEqual(['--debug']);
  });
});

describe('containerSpec', () => {
  test('a plain builder: privileged, init, unless-stopped, the state volume, the flags as Cmd', () => {
    const spec = containerSpec({ names, opts: parseDriverOpts(''), flags: ['--debug'], hasConfig: false });
    expect(spec).toEqual({
      name: 'buildx_buildkit_mybuilder0',
      Image: 'moby/buildkit:buildx-stable-1',
      Env: undefined,
      Cmd: ['--debug'],
      Labels: { 'com.github.setup-buildkit.builder': 'MyBuilder' },
      HostConfig: {
        Privileged: true,
        Init: true,
        RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
        Mounts: [{ Type: 'volume', Source: 'buildx_buildkit_mybuilder0_state', Target: '/var/lib/buildkit' }],
      },
    });
  });
  test('every driver-opt lands in its field', () => {
    const opts = parseDriverOpts(
      'image=moby/buildkit:v0.23.2,network=host,memory=4g,memory-swap=-1,cpu-quota=50000,cpu-period=100000,cpu-shares=512,cpuset-cpus=0,cpuset-mems=0,restart-policy=on-failure:2,env.FOO=bar,env.X=y',
    );
    const spec = containerSpec({ names, opts, flags: ['--debug'], hasConfig: true });
    expect(spec.Image).toBe('moby/buildkit:v0.23.2');
    expect(spec.Env).toEqual(['FOO=bar', 'X=y']);
    expect(spec.Cmd).toEqual(['--config', '/etc/buildkit/buildkitd.toml', '--debug']);
    expect(spec.HostConfig).toMatchObject({
      NetworkMode: 'host',
      Memory: 4294967296,
      MemorySwap: -1,
      CpuQuota: 50000,
      CpuPeriod: 100000,
      CpuShares: 512,
      CpusetCpus: '0',
      CpusetMems: '0',
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
    });
  });
  test('cgroup parent only with the cgroupfs driver; the option overrides the default', () => {
    const plain = parseDriverOpts('');
    const custom = parseDriverOpts('cgroup-parent=/ci');
    expect(
      containerSpec({ names, opts: plain, flags: [], hasConfig: false, engine: { cgroupDriver: 'cgroupfs', userns: false } }).HostConfig
        ?.CgroupParent,
    ).toBe('/docker/buildx');
    expect(
      containerSpec({ names, opts: custom, flags: [], hasConfig: false, engine: { cgroupDriver: 'cgroupfs', userns: false } }).HostConfig
        ?.CgroupParent,
    ).toBe('/ci');
    expect(
      containerSpec({ names, opts: custom, flags: [], hasConfig: false, engine: { cgroupDriver: 'systemd', userns: false } }).HostConfig
        ?.CgroupParent,
    ).toBeUndefined();
    expect(containerSpec({ names, opts: custom, flags: [], hasConfig: false }).HostConfig?.CgroupParent).toBeUndefined();
  });
  test('GPUs only when the probe succeeded, as buildx --gpus all', () => {
    expect(containerSpec({ names, opts: parseDriverOpts(''), flags: [], hasConfig: false, gpus: true }).HostConfig?.DeviceRequests).toEqual(
      [{ Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }],
    );
    expect(containerSpec({ names, opts: parseDriverOpts(''), flags: [], hasConfig: false }).HostConfig?.DeviceRequests).toBeUndefined();
  });
  test('userns-remapped engines get UsernsMode host', () => {
    expect(
      containerSpec({ names, opts: parseDriverOpts(''), flags: [], hasConfig: false, engine: { userns: true } }).HostConfig?.UsernsMode,
    ).toBe('host');
  });
});

describe("gpuCapable (whether buildx's GPU probe is worth a container start)", () => {
  const noDevices = { ServerVersion: '29.8.1', CDISpecDirs: ['/etc/cdi', '/var/run/cdi'] };
  test('Docker 29 with CDI on by default and no device: no probe', () => {
    expect(gpuCapable(noDevices)).toBe(false);
    expect(gpuCapable({ ...noDevices, ServerVersion: '28.3.0' })).toBe(false);
  });
  test('Docker 28.3+ with a CDI device, or an nvidia runtime on any engine: probe', () => {
    expect(gpuCapable({ ...noDevices, DiscoveredDevices: [{ Source: 'cdi', ID: 'nvidia.com/gpu=0' }] })).toBe(true);
    expect(gpuCapable({ ServerVersion: '29.8.1', Runtimes: { nvidia: {}, runc: {} } })).toBe(true);
    expect(gpuCapable({ ServerVersion: '20.10.24+dfsg1', Runtimes: { nvidia: {} } })).toBe(true);
  });
  test('before 28.3 (CDI opt-in, no device list): the spec directories are the sign', () => {
    expect(gpuCapable({ ServerVersion: '27.5.1', CDISpecDirs: ['/etc/cdi'] })).toBe(true);
    expect(gpuCapable({ ServerVersion: '28.2.2', CDISpecDirs: ['/etc/cdi'] })).toBe(true);
    expect(gpuCapable({ ServerVersion: '20.10.24+dfsg1', CDISpecDirs: null, Runtimes: { runc: {} } })).toBe(false);
    expect(gpuCapable({})).toBe(false);
  });
});

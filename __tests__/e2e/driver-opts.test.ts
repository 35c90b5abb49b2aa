/**
 * Every driver-opt of the table, each on its own real builder: `docker inspect` shows the setting.
 */
import * as fs from 'node:fs';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob } from '../support/action.js';
import { expectGone, inspectContainer, makeContext, sh, tryRun, uniqueName } from '../support/engine.js';

const cgroupDriver = sh('docker', ['info', '--format', '{{.CgroupDriver}}']).trim();

async function withBuilder(driverOpts: string, check: (container: any, name: string) => void | Promise<void>): Promise<void> {
  const name = uniqueName('opt');
  const job = new ActionJob();
  try {
    const main = await job.main({ name, 'driver-opts': driverOpts, use: 'false' });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    await check(inspectContainer(nodeNames(name).container), name);
  } finally {
    await job.post();
    job.dispose();
  }
  expectGone(name);
}

test.each([
  ['memory=4g', (c: any) => expect(c.HostConfig.Memory).toBe(4294967296)],
  ['memory=2g,memory-swap=3g', (c: any) => expect(c.HostConfig.MemorySwap).toBe(3 * 1024 ** 3)],
  ['cpu-quota=50000,cpu-period=100000', (c: any) => expect([c.HostConfig.CpuQuota, c.HostConfig.CpuPeriod]).toEqual([50000, 100000])],
  ['cpu-shares=512', (c: any) => expect(c.HostConfig.CpuShares).toBe(512)],
  ['cpuset-cpus=0', (c: any) => expect(c.HostConfig.CpusetCpus).toBe('0')],
  ['cpuset-mems=0', (c: any) => expect(c.HostConfig.CpusetMems).toBe('0')],
  ['restart-policy=on-failure:3', (c: any) => expect(c.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 })],
  ['restart-policy=no', (c: any) => expect(c.HostConfig.RestartPolicy.Name).toBe('no')],
  [
    '"env.GREETING=hello, world",env.EMPTY=',
    (c: any) => expect(c.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello, world', 'EMPTY='])),
  ],
  ['image=moby/buildkit:buildx-stable-1', (c: any) => expect(c.Config.Image).toBe('moby/buildkit:buildx-stable-1')],
  [
    'cgroup-parent=/setup-buildkit-test',
    (c: any) => expect(c.HostConfig.CgroupParent).toBe(cgroupDriver === 'cgroupfs' ? '/setup-buildkit-test' : ''),
  ],
])('%s', async (opts, check) => {
  await withBuilder(opts, check);
});

test('without cgroup-parent the cgroupfs engine gets /docker/buildx, as buildx does', async () => {
  await withBuilder('', (c) => expect(c.HostConfig.CgroupParent).toBe(cgroupDriver === 'cgroupfs' ? '/docker/buildx' : ''));
});

test('network=foonet, a user-defined network (the seed example), and BuildKit answers on it', async () => {
  const network = uniqueName('foonet');
  sh('docker', ['network', 'create', network]);
  try {
    await withBuilder(`network=${network}`, (c) => {
      expect(c.HostConfig.NetworkMode).toBe(network);
      expect(Object.keys(c.NetworkSettings.Networks)).toEqual([network]);
    });
  } finally {
    sh('docker', ['network', 'rm', network]);
  }
});

test('default-load=true puts the result in docker images without --load', async () => {
  const context = makeContext();
  const tag = `setup-buildkit-e2e/default-load:${process.pid}`;
  try {
    await withBuilder('network=host,default-load=true', (_c, name) => {
      sh('docker', ['buildx', 'build', '--builder', name, '-t', tag, context]);
      expect(tryRun('docker', ['image', 'inspect', tag]).status).toBe(0);
    });
  } finally {
    tryRun('docker', ['rmi', '-f', tag]);
    fs.rmSync(context, { recursive: true, force: true });
  }
});

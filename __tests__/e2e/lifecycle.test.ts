/**
 * The builder lifecycle on the real engine, through the bundled action: create, build through it
 * with buildctl and with docker buildx, see it in `docker buildx ls`, remove it, nothing left; and
 * the engine calls on the path to a ready builder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob } from '../support/action.js';
import {
  BUILDCTL,
  buildxInstances,
  ENGINE,
  expectGone,
  inspectContainer,
  makeContext,
  sh,
  uniqueName,
  volumeExists,
} from '../support/engine.js';
import { engineObjects, EngineProxy } from '../support/faults.js';

describe('a builder made by the action', () => {
  const name = uniqueName('life');
  const job = new ActionJob();
  let main: Awaited<ReturnType<ActionJob['main']>>;
  const context = makeContext();

  beforeAll(async () => {
    main = await job.main({ name, 'driver-opts': 'network=host\nenv.BUILDKIT_STEP_LOG_MAX_SIZE=10485760', platforms: 'linux/amd64' });
  });
  afterAll(async () => {
    await job.post();
    job.dispose();
    fs.rmSync(context, { recursive: true, force: true });
  });

  test('main succeeds with buildx-style progress and the outputs', () => {
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(/#1 \[internal\] booting buildkit/);
    expect(main.stdout).toMatch(new RegExp(`#1 creating container ${nodeNames(name).container} \\d+\\.\\ds done`));
    expect(main.stdout).toMatch(/#1 DONE \d+\.\ds/);
    expect(main.outputs).toMatchObject({ name, driver: 'docker-container', endpoint: `docker-container://${nodeNames(name).container}` });
    expect(main.outputs['buildkit-version']).toMatch(/^v\d+\.\d+\.\d+/);
    expect(main.outputs.platforms.split(',')).toContain('linux/amd64');
    const nodes = JSON.parse(main.outputs.nodes);
    expect(nodes).toEqual([expect.objectContaining({ name: `${name}0`, status: 'running', buildkit: main.outputs['buildkit-version'] })]);
    expect(main.env.BUILDX_BUILDER).toBe(name);
    expect(job.summary()).toContain(`| Builder | \`${name}\` (docker-container) |`);
    expect(job.summary()).toContain(`| BuildKit | ${main.outputs['buildkit-version']}`);
  });

  test('the container is what buildx would create', () => {
    const c = inspectContainer(nodeNames(name).container);
    expect(c.State.Running).toBe(true);
    expect(c.HostConfig).toMatchObject({
      Privileged: true,
      Init: true,
      NetworkMode: 'host',
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
    });
    expect(c.Mounts).toEqual([expect.objectContaining({ Type: 'volume', Name: nodeNames(name).volume, Destination: '/var/lib/buildkit' })]);
    expect(c.Config.Env).toContain('BUILDKIT_STEP_LOG_MAX_SIZE=10485760');
    expect(c.Args).toEqual(['--allow-insecure-entitlement', 'security.insecure', '--allow-insecure-entitlement', 'network.host']);
    expect(volumeExists(nodeNames(name).volume)).toBe(true);
  });

  test('a Dockerfile with COPY and RUN builds through buildctl --addr <endpoint>', () => {
    const out = path.join(context, 'out-buildctl');
    sh(BUILDCTL, [
      '--addr',
      main.outputs.endpoint,
      'build',
      '--frontend',
      'dockerfile.v0',
      '--local',
      `context=${context}`,
      '--local',
      `dockerfile=${context}`,
      '--output',
      `type=local,dest=${out}`,
    ]);
    expect(fs.readFileSync(path.join(out, 'built.txt'), 'utf8')).toBe('hello from the context\nx86_64\n');
  });

  test('and through docker buildx build --builder <name>', () => {
    const out = path.join(context, 'out-buildx');
    sh('docker', ['buildx', 'build', '--builder', name, '--output', `type=local,dest=${out}`, context]);
    expect(fs.readFileSync(path.join(out, 'built.txt'), 'utf8')).toBe('hello from the context\nx86_64\n');
  });

  test('docker buildx ls and inspect list it, running, with its platforms', () => {
    const ls = sh('docker', ['buildx', 'ls', '--format', 'json'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mine = ls.find((b) => b.Name === name);
    expect(mine).toMatchObject({ Driver: 'docker-container' });
    expect(mine.Nodes[0]).toMatchObject({ Name: `${name}0`, Status: 'running' });
    expect(sh('docker', ['buildx', 'inspect', name])).toMatch(/Status:\s+running/);
  });

  test('the post step removes container, volume and store entry', async () => {
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.warnings).toEqual([]);
    expectGone(name);
    expect(buildxInstances()).not.toContain(name);
  });
});

describe('cleanup: false', () => {
  test('leaves the builder for docker buildx rm to remove', async () => {
    const name = uniqueName('kept');
    const job = new ActionJob();
    try {
      expect((await job.main({ name, cleanup: 'false', use: 'false' })).exitCode).toBe(0);
      expect((await job.post()).stdout).toContain('cleanup is off');
      expect(inspectContainer(nodeNames(name).container)?.State.Running).toBe(true);
      sh('docker', ['buildx', 'rm', name]);
      expectGone(name);
    } finally {
      job.dispose();
    }
  });
});

describe('the path to a ready builder, as the engine sees it', () => {
  test('before the start: the lookups and the two creations, nothing more', async () => {
    const name = uniqueName('path');
    const { container, volume } = nodeNames(name);
    const proxy = new EngineProxy();
    await proxy.listen();
    const job = new ActionJob({ DOCKER_HOST: proxy.dockerHost });
    try {
      const main = await job.main({ name, 'pull-policy': 'missing', use: 'false' });
      expect(main.errors).toEqual([]);
      const calls = proxy.seen.map((r) => `${r.method} ${decodeURIComponent(r.path.replace(/\?.*$/, ''))}`);
      const started = calls.findIndex((c) => /^POST \/containers\/[0-9a-f]{64}\/start$/.test(c));
      expect(calls.slice(0, started).sort()).toEqual(
        [
          'GET /_ping',
          'GET /info',
          'GET /images/moby/buildkit:buildx-stable-1/json',
          `GET /containers/${container}/json`,
          `GET /volumes/${volume}`,
          'POST /volumes/create',
          'POST /containers/create',
        ].sort(),
      );
      expect((await job.post()).exitCode).toBe(0);
      expectGone(name);
    } finally {
      job.dispose();
      await proxy.close();
    }
  });
});

describe(`the GPU probe (buildx's throwaway --gpus all container), engine ${ENGINE.name}`, () => {
  /** main through an engine proxy: every container it creates, and what is on the engine after post. */
  async function upAndDown(): Promise<{ creates: string[]; left: ReturnType<typeof engineObjects> }> {
    const name = uniqueName('gpu');
    const proxy = new EngineProxy();
    await proxy.listen();
    const job = new ActionJob();
    try {
      const main = await job.start('main', { name, use: 'false' }, { DOCKER_HOST: proxy.dockerHost }).done;
      expect(main.errors).toEqual([]);
      expect(main.exitCode).toBe(0);
      expect(inspectContainer(nodeNames(name).container).HostConfig.DeviceRequests ?? []).toEqual([]);
      expect((await job.post()).exitCode).toBe(0);
      expectGone(name);
      return {
        creates: proxy.seen.filter((r) => r.method === 'POST' && r.path.startsWith('/containers/create')).map((r) => r.path),
        left: engineObjects(),
      };
    } finally {
      await proxy.close();
      job.dispose();
    }
  }

  // Engine 20.10 has no CDI: there the probe is reached only through an nvidia runtime.
  (ENGINE.cdiSpecDir ? test : test.skip)(
    'where CDI discovers a device, the probe runs, fails without a GPU driver, and leaves no container or volume',
    async () => {
      const spec = path.join(ENGINE.cdiSpecDir!, `setup-buildkit-test-${process.pid}.yaml`);
      const before = engineObjects();
      fs.mkdirSync(ENGINE.cdiSpecDir!, { recursive: true });
      fs.writeFileSync(
        spec,
        `cdiVersion: "0.6.0"\nkind: "setup-buildkit.test/device"\ndevices:\n  - name: "fake0"\n    containerEdits:\n      env: ["SETUP_BUILDKIT_FAKE_DEVICE=1"]\n`,
      );
      try {
        await waitForDiscovery();
        const { creates, left } = await upAndDown();
        expect(creates).toHaveLength(2);
        expect(decodeURIComponent(creates[0])).toContain('"Capabilities":[["gpu"]]');
        expect(left).toEqual(before);
      } finally {
        fs.rmSync(spec, { force: true });
      }
    },
  );
});

/** The engine rescans its CDI spec directories on change; /info lists what it found. */
async function waitForDiscovery(): Promise<void> {
  const deadline = Date.now() + 10000;
  while (!sh('docker', ['info', '--format', '{{json .DiscoveredDevices}}']).includes('setup-buildkit.test/device=fake0')) {
    if (Date.now() > deadline) throw new Error('the engine did not discover the test CDI device');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * driver: kubernetes on the harness's real cluster (__tests__/harness/kubernetes.sh, started here when
 * it is not up): the builder's Deployment and pods as buildx makes them, builds through `docker buildx
 * build` and `buildctl`, the driver-opts read back from the API, and the refusals users hit (RBAC, a
 * bad image, a missing namespace, SIGTERM mid-setup), each one line with nothing left in the cluster.
 * The cluster is one, whatever the engine: this file runs in the e2e project only.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ActionJob } from '../support/action.js';
import { staticBusybox } from '../support/busybox.js';
import { BUILDCTL, ENGINE, historyPlatforms, makeContext, sh, tryRun, uniqueName } from '../support/engine.js';

const KUBECONFIG = '/run/setup-buildkit/kubeconfig';
const KUBECONFIG_NODEPLOY = '/run/setup-buildkit/kubeconfig-nodeploy';
const HARNESS = path.resolve('__tests__/harness/kubernetes.sh');
const DOCKERFILE = 'FROM scratch\nCOPY hello.txt /hello.txt\n';
/** The harness's binfmt image under a tag that is not :latest, so the pods never try a registry. */
const BINFMT_IMAGE = 'tonistiigi/binfmt:qemu-v10.2.3-68';
const BINFMT_MISC = '/proc/sys/fs/binfmt_misc';

const onCluster = ENGINE.name === '20.10' ? describe : describe.skip;

function kubectl(args: string[], kubeconfig = KUBECONFIG): string {
  return sh('kubectl', ['--kubeconfig', kubeconfig, ...args]);
}

function getJson(kind: string, name: string, namespace = 'default'): any | undefined {
  const r = tryRun('kubectl', ['--kubeconfig', KUBECONFIG, '-n', namespace, 'get', kind, name, '-o', 'json']);
  return r.status === 0 ? JSON.parse(r.stdout) : undefined;
}

/** Nothing of the builder is left: its Deployment and ConfigMaps, in any namespace. */
function expectNothingLeft(builder: string): void {
  const left = kubectl([
    'get',
    'deployments,statefulsets,configmaps',
    '-A',
    '-l',
    `com.github.setup-buildkit.builder=${builder}`,
    '-o',
    'name',
  ]);
  expect(left.trim()).toBe('');
}

async function withBuilder(
  name: string,
  inputs: Record<string, string>,
  check: (deployment: any) => void | Promise<void>,
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  const job = new ActionJob({ KUBECONFIG, ...env });
  try {
    const main = await job.main({ name, driver: 'kubernetes', use: 'false', ...inputs });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    await check(getJson('deployment', `${name.toLowerCase()}0`));
  } finally {
    const post = await job.post();
    expect(post.warnings).toEqual([]);
    job.dispose();
  }
  expectNothingLeft(name);
}

async function refused(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const name = uniqueName('k8sno');
  const job = new ActionJob({ KUBECONFIG, ...env });
  try {
    const main = await job.main({ name, driver: 'kubernetes', use: 'false', ...inputs });
    expect(main.exitCode).not.toBe(0);
    expect(main.errors).toHaveLength(1);
    await job.post();
    expectNothingLeft(name);
    return main.errors[0];
  } finally {
    job.dispose();
  }
}

/** The emulators registered in the kernel now. */
function emulators(): string[] {
  return fs.readdirSync(BINFMT_MISC).filter((f) => f.startsWith('qemu-'));
}

/** The platform of every build in a pod's BuildKit history. */
function podHistoryPlatforms(pod: string): string[] {
  return historyPlatforms(kubectl(['exec', pod, '-c', 'buildkitd', '--', 'buildctl', 'debug', 'histories', '--format', '{{json .}}']));
}

onCluster('driver: kubernetes', () => {
  beforeAll(
    () => {
      // Builds the cluster's binary when it is not cached (minutes), starts it unless it answers.
      execFileSync('bash', [HARNESS, 'start'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 60 * 60 * 1000 });
    },
    60 * 60 * 1000,
  );

  test('two replicas: builds through docker buildx build and through buildctl in each pod', async () => {
    const name = uniqueName('k8s2');
    await withBuilder(name, { 'driver-opts': 'replicas=2' }, async (deployment) => {
      expect(deployment.spec.replicas).toBe(2);
      expect(deployment.status.readyReplicas).toBe(2);
      const store = JSON.parse(fs.readFileSync(path.join(process.env.HOME!, '.docker/buildx/instances', name.toLowerCase()), 'utf8'));
      expect(store.Driver).toBe('kubernetes');
      expect(store.Nodes[0].Endpoint).toBe(
        `kubernetes:///${name}?deployment=${name.toLowerCase()}0&kubeconfig=%2Frun%2Fsetup-buildkit%2Fkubeconfig`,
      );
      const ctx = makeContext(DOCKERFILE);
      const out = path.join(ctx, 'out');
      sh('docker', ['buildx', 'build', '--builder', name, '--output', `type=local,dest=${out}`, ctx], {
        env: { ...process.env, KUBECONFIG },
      });
      expect(fs.readFileSync(path.join(out, 'hello.txt'), 'utf8')).toBe('hello from the context\n');
      const pods = kubectl(['get', 'pods', '-l', `app=${name.toLowerCase()}0`, '-o', 'jsonpath={.items[*].metadata.name}']).split(' ');
      expect(pods).toHaveLength(2);
      for (const pod of pods) {
        const dest = path.join(ctx, `out-${pod}`);
        sh(
          BUILDCTL,
          [
            '--addr',
            `kube-pod://${pod}?namespace=default`,
            'build',
            '--frontend',
            'dockerfile.v0',
            '--local',
            `context=${ctx}`,
            '--local',
            `dockerfile=${ctx}`,
            '--output',
            `type=local,dest=${dest}`,
          ],
          { env: { ...process.env, KUBECONFIG } },
        );
        expect(fs.readFileSync(path.join(dest, 'hello.txt'), 'utf8')).toBe('hello from the context\n');
      }
    });
  });

  test('two appended nodes (linux/arm64, linux/s390x, QEMU in their pods): one image for three platforms, each built by the node that declares it', async () => {
    const name = uniqueName('k8sapp');
    const node = (i: number) => `${name.toLowerCase()}${i}`;
    const qemu = `[qemu.install=true, qemu.image=${BINFMT_IMAGE}]`;
    // The pods' init containers register emulators in this machine's kernel: put back as found.
    const before = new Set(emulators());
    const ctx = makeContext();
    try {
      await withBuilder(
        name,
        {
          platforms: 'linux/amd64',
          append: `- platforms: linux/arm64\n  driver-opts: ${qemu}\n- platforms: linux/s390x\n  driver-opts: ${qemu}`,
        },
        () => {
          const store = JSON.parse(fs.readFileSync(path.join(process.env.HOME!, '.docker/buildx/instances', name.toLowerCase()), 'utf8'));
          expect(
            store.Nodes.map((n: { Name: string; Endpoint: string; Platforms: { architecture: string }[] | null }) => [
              n.Name,
              n.Endpoint,
              n.Platforms?.map((p) => p.architecture),
            ]),
          ).toEqual(
            [0, 1, 2].map((i) => [
              node(i),
              `kubernetes:///${name}?deployment=${node(i)}&kubeconfig=%2Frun%2Fsetup-buildkit%2Fkubeconfig`,
              [['amd64', 'arm64', 's390x'][i]],
            ]),
          );
          for (const i of [1, 2]) {
            const d = getJson('deployment', node(i));
            expect(d.spec.template.spec.initContainers).toEqual([
              expect.objectContaining({ name: 'qemu', image: BINFMT_IMAGE, args: ['--install', 'all'] }),
            ]);
            expect(d.spec.template.metadata.annotations['buildx.docker.com/platform']).toBe(['', 'linux/arm64', 'linux/s390x'][i]);
          }
          // Each RUN writes what the CPU it ran on says it is: the node's own, or its QEMU's.
          for (const arch of ['amd64', 'arm64', 's390x'] as const) staticBusybox(arch, ctx);
          fs.writeFileSync(
            path.join(ctx, 'Dockerfile'),
            [
              'FROM scratch',
              'ARG TARGETARCH',
              'COPY busybox-amd64 busybox-arm64 busybox-s390x /bin/',
              'RUN ["/bin/busybox-amd64", "sh", "-c", "/bin/busybox-$TARGETARCH uname -m > /arch"]',
              '',
            ].join('\n'),
          );
          const out = path.join(ctx, 'out');
          sh(
            'docker',
            [
              'buildx',
              'build',
              '--builder',
              name,
              '--platform',
              'linux/amd64,linux/arm64,linux/s390x',
              '--output',
              `type=local,dest=${out}`,
              ctx,
            ],
            { env: { ...process.env, KUBECONFIG } },
          );
          expect(['linux_amd64', 'linux_arm64', 'linux_s390x'].map((p) => fs.readFileSync(path.join(out, p, 'arch'), 'utf8'))).toEqual([
            'x86_64\n',
            'aarch64\n',
            's390x\n',
          ]);
          // Which node built what, from each node's own BuildKit.
          for (const [i, platform] of ['linux/amd64', 'linux/arm64', 'linux/s390x'].entries()) {
            const pod = kubectl(['get', 'pods', '-l', `app=${node(i)}`, '-o', 'jsonpath={.items[0].metadata.name}']);
            expect(podHistoryPlatforms(pod)).toEqual([platform]);
          }
        },
      );
      expect(getJson('deployment', node(1))).toBeUndefined();
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
      for (const emulator of emulators()) if (!before.has(emulator)) fs.writeFileSync(path.join(BINFMT_MISC, emulator), '-1');
    }
  });

  test('driver-opts land in the Deployment as asked (read back from the API)', async () => {
    const name = uniqueName('k8sopt');
    const opts = [
      'requests.cpu=100m,requests.memory=64Mi,limits.memory=1Gi',
      '"nodeselector=kubernetes.io/os=linux"',
      '"annotations=example.com/team=ci,example.com/cost=low"',
      '"labels=team=ci"',
      '"tolerations=key=dedicated,operator=Equal,value=builds,effect=NoSchedule"',
      'serviceaccount=default,schedulername=default-scheduler',
      'env.BUILDKIT_STEP_LOG_MAX_SIZE=1048576,timeout=90s',
    ].join('\n');
    await withBuilder(name, { 'driver-opts': opts, platforms: 'linux/amd64' }, (d) => {
      expect(d.metadata.labels).toMatchObject({ app: `${name.toLowerCase()}0`, team: 'ci', 'com.github.setup-buildkit.builder': name });
      expect(d.metadata.annotations).toMatchObject({
        'example.com/team': 'ci',
        'example.com/cost': 'low',
        'buildx.docker.com/platform': 'linux/amd64',
      });
      const pod = d.spec.template.spec;
      expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
      expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'builds', effect: 'NoSchedule' }]);
      expect(pod.serviceAccountName).toBe('default');
      expect(pod.schedulerName).toBe('default-scheduler');
      const c = pod.containers[0];
      expect(c.securityContext).toEqual({ privileged: true });
      expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '1Gi' } });
      expect(c.env).toEqual([{ name: 'BUILDKIT_STEP_LOG_MAX_SIZE', value: '1048576' }]);
      // The action's default buildkitd-flags, as setup-buildx-action's, for every driver.
      expect(c.args).toEqual(['--allow-insecure-entitlement', 'security.insecure', '--allow-insecure-entitlement', 'network.host']);
    });
  });

  test('a buildkitd config becomes a ConfigMap mounted at /etc/buildkit, read by BuildKit', async () => {
    const name = uniqueName('k8scfg');
    await withBuilder(name, { 'buildkitd-config-inline': '[worker.oci]\n  max-parallelism = 3\n' }, (d) => {
      expect(d.spec.template.spec.volumes).toEqual([
        { name: 'config', configMap: { name: `${name.toLowerCase()}0-config`, defaultMode: 420 } },
      ]);
      const cm = getJson('configmap', `${name.toLowerCase()}0-config`);
      expect(cm.data['buildkitd.toml']).toContain('max-parallelism = 3');
    });
  });

  test('RBAC that forbids deployments: one line naming the verb, the resource and the namespace; nothing created', async () => {
    const line = await refused({}, { KUBECONFIG: KUBECONFIG_NODEPLOY });
    expect(line).toContain('RBAC forbids "create" on deployments.apps in namespace "default"');
  });

  test('a bad image: one line saying why the replicas are not ready; nothing left', async () => {
    const line = await refused({ 'driver-opts': 'image=127.0.0.1:9/setup-buildkit/no-such-image:1,timeout=25s' });
    expect(line).toMatch(
      /not ready within 25 s: Deployment \S+: 0 of 1 replicas ready; pod \S+: container buildkitd: (ErrImagePull|ImagePullBackOff)/,
    );
  });

  test('a missing namespace: one line naming it', async () => {
    const line = await refused({ 'driver-opts': 'namespace=setup-buildkit-missing' });
    expect(line).toContain('namespace "setup-buildkit-missing" does not exist');
  });

  test('SIGTERM mid-setup leaves no Deployment behind', async () => {
    const name = uniqueName('k8sterm');
    const job = new ActionJob({ KUBECONFIG });
    const step = job.start('main', { name, driver: 'kubernetes', use: 'false' });
    try {
      const deployment = `${name.toLowerCase()}0`;
      for (let i = 0; i < 300 && !getJson('deployment', deployment); i++) await new Promise((r) => setTimeout(r, 100));
      expect(getJson('deployment', deployment)).toBeDefined();
      step.child.kill('SIGTERM');
      await step.done;
      expectNothingLeft(name);
    } finally {
      step.child.kill('SIGKILL');
      job.dispose();
    }
  });
});

import { parseDriverOpts } from '../../src/inputs/driver-opts.js';
import { parseKubernetesOpts } from '../../src/inputs/kubernetes-opts.js';
import { endpointKubeconfig, kubeconfigSource, kubernetesEndpoint } from '../../src/node/drivers/kubernetes/endpoint.js';
import { explainRefusal, notReadyReason, podNotReadyReason } from '../../src/node/drivers/kubernetes/explain.js';
import { buildManifest, configGroups, deploymentName } from '../../src/node/drivers/kubernetes/manifest.js';
import { InputError } from '../../src/util/errors.js';

const owner = { 'com.github.setup-buildkit.builder': 'kb', 'com.github.setup-buildkit.run': '1.1.abc' };

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('kubernetes driver-opts', () => {
  test('defaults are buildx v0.38 factory defaults', () => {
    expect(parseKubernetesOpts({})).toEqual({
      image: 'moby/buildkit:buildx-stable-1',
      replicas: 1,
      requests: {},
      limits: {},
      rootless: false,
      nodeSelector: {},
      annotations: {},
      labels: {},
      tolerations: [],
      loadbalance: 'sticky',
      qemu: { install: false, image: 'tonistiigi/binfmt:latest' },
      defaultLoad: false,
      timeoutMs: 120000,
      env: {},
    });
  });

  test('every option, through the driver-opts input', () => {
    const o = parseDriverOpts(
      [
        'image=moby/buildkit:v0.26.3',
        'namespace=builds',
        'replicas=2',
        'requests.cpu=500m,requests.memory=512Mi,requests.ephemeral-storage=1Gi',
        'limits.cpu=2,limits.memory=2Gi,limits.ephemeral-storage=10G',
        '"nodeselector=kubernetes.io/arch=arm64,disk=ssd"',
        '"annotations=a=1,b=2"',
        '"labels=team=ci"',
        '"tolerations=key=k,operator=Equal,value=v,effect=NoSchedule,tolerationSeconds=30;key=other,operator=Exists"',
        'serviceaccount=builder,schedulername=bin-pack',
        'loadbalance=random,qemu.install=true,qemu.image=tonistiigi/binfmt:qemu-v10.2.3-68',
        'default-load=true,timeout=1m30s,env.BUILDKIT_STEP_LOG_MAX_SIZE=1',
      ].join('\n'),
      'kubernetes',
    );
    expect(o.image).toBe('moby/buildkit:v0.26.3');
    expect(o.defaultLoad).toBe(true);
    expect(o.given.replicas).toBe('2');
    expect(o.kubernetes).toMatchObject({
      namespace: 'builds',
      replicas: 2,
      requests: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '2', memory: '2Gi', 'ephemeral-storage': '10G' },
      nodeSelector: { 'kubernetes.io/arch': 'arm64', disk: 'ssd' },
      annotations: { a: '1', b: '2' },
      labels: { team: 'ci' },
      tolerations: [
        { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule', tolerationSeconds: 30 },
        { key: 'other', operator: 'Exists' },
      ],
      serviceAccount: 'builder',
      schedulerName: 'bin-pack',
      loadbalance: 'random',
      qemu: { install: true, image: 'tonistiigi/binfmt:qemu-v10.2.3-68' },
      timeoutMs: 90000,
      env: { BUILDKIT_STEP_LOG_MAX_SIZE: '1' },
    });
  });

  test('rootless without an image runs the rootless image; with one, that one', () => {
    expect(parseKubernetesOpts({ rootless: 'true' }).image).toBe('moby/buildkit:buildx-stable-1-rootless');
    expect(parseKubernetesOpts({ rootless: 'true', image: 'mine:1' }).image).toBe('mine:1');
  });

  test.each([
    ['1h', 3600000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['0', 0],
    ['2m0s', 120000],
  ])('timeout %s is %d ms (Go durations)', (v, ms) => {
    expect(parseKubernetesOpts({ timeout: v }).timeoutMs).toBe(ms);
  });

  test.each([
    [{ replicas: 'two' }, 'driver-opts": invalid value "replicas=two": strconv.ParseInt: parsing "two": invalid syntax'],
    [{ replicas: '0' }, 'replicas must be at least 1'],
    [{ rootless: 'yes' }, 'strconv.ParseBool: parsing "yes": invalid syntax'],
    [{ 'qemu.install': 'on' }, 'strconv.ParseBool'],
    [{ 'default-load': 'x' }, 'strconv.ParseBool'],
    [{ nodeselector: 'arch' }, 'cannot parse node selector: invalid key-value pair: arch'],
    [{ annotations: 'a=1=2' }, 'cannot parse annotations: invalid key-value pair: a=1=2'],
    [{ labels: 'team' }, 'cannot parse labels: invalid key-value pair: team'],
    [{ labels: 'app=x' }, 'the label "app" is reserved and cannot be customized'],
    [{ annotations: 'buildx.docker.com/platform=linux/amd64' }, 'the annotation "buildx.docker.com/platform" is reserved'],
    [{ tolerations: 'color=blue' }, 'invalid tolaration "color=blue"'],
    [{ tolerations: 'key=k,tolerationSeconds=soon' }, 'strconv.Atoi: parsing "soon": invalid syntax'],
    [{ loadbalance: 'roundrobin' }, 'invalid loadbalance "roundrobin" (sticky or random)'],
    [{ timeout: '10' }, 'cannot parse timeout: time: invalid duration "10"'],
    [{ timeout: '10 s' }, 'cannot parse timeout'],
    [{ 'requests.cpu': 'lots' }, 'quantities must match the regular expression'],
    [{ 'limits.memory': '2GB' }, 'limits.memory is a Kubernetes quantity'],
    [{ 'persistent-volume-claim.requests.storage': '1 Gi' }, 'quantities must match'],
    [{ 'env.': 'x' }, 'invalid env option "env.", expecting env.FOO=bar'],
    [{ network: 'host' }, 'invalid driver option network for driver kubernetes (accepted: image, namespace'],
    [{ memory: '4g' }, 'invalid driver option memory for driver kubernetes'],
  ])('%j is refused: %s', (given, words) => {
    expect(errorOf(() => parseKubernetesOpts(given as Record<string, string>))).toContain(words);
  });

  test('an env value never shows in the error', () => {
    expect(errorOf(() => parseDriverOpts('env.TOKEN=s3cret,bogus=1', 'kubernetes'))).not.toContain('s3cret');
  });

  test('a field without = is refused before the options are read', () => {
    expect(errorOf(() => parseDriverOpts('replicas', 'kubernetes'))).toContain('each option must be key=value');
  });
});

describe('kubernetes manifest', () => {
  const base = (given: Record<string, string>, more: Partial<Parameters<typeof buildManifest>[0]> = {}) =>
    buildManifest({
      name: 'kb0',
      namespace: 'ci',
      opts: parseKubernetesOpts(given),
      flags: ['--allow-insecure-entitlement=network.host'],
      files: {},
      platforms: [],
      owner,
      ...more,
    });

  test('the Deployment buildx makes, plus the run owner labels', () => {
    const { workload, configMaps } = base({});
    expect(configMaps).toEqual([]);
    expect(workload).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'kb0', namespace: 'ci', labels: { app: 'kb0', ...owner }, annotations: {} },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'kb0' } },
        template: {
          metadata: { labels: { app: 'kb0', ...owner }, annotations: {} },
          spec: {
            containers: [
              {
                name: 'buildkitd',
                image: 'moby/buildkit:buildx-stable-1',
                args: ['--allow-insecure-entitlement=network.host'],
                securityContext: { privileged: true },
                readinessProbe: expect.objectContaining({
                  exec: { command: ['buildctl', 'debug', 'workers'] },
                  initialDelaySeconds: 5,
                  periodSeconds: 30,
                }),
                livenessProbe: expect.objectContaining({ exec: { command: ['buildctl', 'debug', 'workers'] } }),
                resources: { requests: {}, limits: {} },
              },
            ],
          },
        },
      },
    });
  });

  test('pod spec from driver-opts: resources, placement, platforms, qemu, env', () => {
    const { workload } = base(
      {
        replicas: '3',
        'requests.cpu': '1',
        'requests.ephemeral-storage': '1Gi',
        'limits.memory': '2Gi',
        nodeselector: 'kubernetes.io/arch=arm64',
        tolerations: 'key=arm,operator=Exists,effect=NoSchedule',
        serviceaccount: 'sa',
        schedulername: 'sched',
        annotations: 'x=1',
        labels: 'team=ci',
        'qemu.install': 'true',
        'env.A': 'b',
      },
      {
        platforms: [
          { os: 'linux', architecture: 'arm64' },
          { os: 'linux', architecture: 'arm', variant: 'v7' },
        ],
      },
    );
    expect(workload.spec.replicas).toBe(3);
    expect(workload.spec.selector.matchLabels).toEqual({ app: 'kb0', team: 'ci' });
    expect(workload.metadata.annotations).toEqual({ 'buildx.docker.com/platform': 'linux/arm64,linux/arm/v7', x: '1' });
    const pod = workload.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(pod.tolerations).toEqual([{ key: 'arm', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(pod.serviceAccountName).toBe('sa');
    expect(pod.schedulerName).toBe('sched');
    expect(pod.initContainers).toEqual([
      { name: 'qemu', image: 'tonistiigi/binfmt:latest', args: ['--install', 'all'], securityContext: { privileged: true } },
    ]);
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '1', 'ephemeral-storage': '1Gi' }, limits: { memory: '2Gi' } });
    expect(pod.containers[0].env).toEqual([{ name: 'A', value: 'b' }]);
    expect(workload.spec.template.metadata.labels).toEqual({ app: 'kb0', team: 'ci', ...owner });
  });

  test('rootless: no privilege, seccomp and apparmor unconfined, its own data directory', () => {
    const pod = base({ rootless: 'true', 'buildkit-root-volume-memory': '1Gi' }).workload.spec.template;
    expect(pod.spec.containers[0].securityContext).toEqual({ seccompProfile: { type: 'Unconfined' } });
    expect(pod.spec.containers[0].args).toContain('--oci-worker-no-process-sandbox');
    expect(pod.metadata.annotations['container.apparmor.security.beta.kubernetes.io/buildkitd']).toBe('unconfined');
    expect(pod.spec.volumes).toEqual([{ name: 'buildkitd', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } }]);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'buildkitd', mountPath: '/home/user/.local/share/buildkit' }]);
  });

  test('a volume claim makes a StatefulSet with the claim mounted at /var/lib/buildkit', () => {
    const { workload } = base({ 'persistent-volume-claim.requests.storage': '5Gi' });
    expect(workload.kind).toBe('StatefulSet');
    expect(workload.spec).toMatchObject({
      serviceName: 'buildkitd',
      podManagementPolicy: 'Parallel',
      volumeClaimTemplates: [
        { metadata: { name: 'buildkitd' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } },
      ],
    });
    expect(workload.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'buildkitd', mountPath: '/var/lib/buildkit' }]);
  });

  test('buildkitd.toml and its certificates: one ConfigMap per directory, mounted under /etc/buildkit', () => {
    const files = {
      'buildkitd.toml': Buffer.from('debug = true\n'),
      'certs/r/ca.pem': Buffer.from('CA'),
      'certs/r/key.pem': Buffer.from('K'),
    };
    const { workload, configMaps } = base({}, { files });
    expect(configMaps.map((c) => [c.metadata.name, c.data])).toEqual([
      ['kb0-config', { 'buildkitd.toml': 'debug = true\n' }],
      ['kb0-config-1', { 'ca.pem': 'CA', 'key.pem': 'K' }],
    ]);
    expect(configMaps[0].metadata.labels).toEqual(owner);
    expect(workload.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'config', mountPath: '/etc/buildkit' },
      { name: 'config-1', mountPath: '/etc/buildkit/certs/r' },
    ]);
    expect(workload.spec.template.spec.volumes).toEqual([
      { name: 'config', configMap: { name: 'kb0-config' } },
      { name: 'config-1', configMap: { name: 'kb0-config-1' } },
    ]);
  });

  test('config groups are numbered in order of first appearance', () => {
    expect(configGroups({ 'a/x': Buffer.from(''), 'b/y': Buffer.from(''), 'a/z': Buffer.from('') }).map((g) => [g.name, g.dir])).toEqual([
      ['config-1', 'a'],
      ['config-2', 'b'],
    ]);
  });

  test('deployment names replace underscores as buildx does', () => {
    expect(deploymentName('my_builder0')).toBe('my-builder0');
  });
});

describe('kubernetes endpoint and kubeconfig', () => {
  test('the endpoint buildx stores', () => {
    expect(kubernetesEndpoint('kb', 'kb0', '/run/setup-buildkit/kubeconfig')).toBe(
      'kubernetes:///kb?deployment=kb0&kubeconfig=%2Frun%2Fsetup-buildkit%2Fkubeconfig',
    );
    expect(kubernetesEndpoint('kb', 'kb0', '')).toBe('kubernetes:///kb?deployment=kb0&kubeconfig=');
    expect(endpointKubeconfig(kubernetesEndpoint('kb', 'kb0', '/a b/c'))).toBe('/a b/c');
  });

  const files =
    (...present: string[]) =>
    (p: string) =>
      present.includes(p);
  test('KUBECONFIG lists files, the existing ones used in order', () => {
    expect(kubeconfigSource({ KUBECONFIG: '/a:/b:/c' }, '/home/u', files('/b', '/c'))).toEqual({ kind: 'files', paths: ['/b', '/c'] });
  });
  test('else ~/.kube/config', () => {
    expect(kubeconfigSource({}, '/home/u', files('/home/u/.kube/config'))).toEqual({ kind: 'files', paths: ['/home/u/.kube/config'] });
  });
  test("the stored endpoint's kubeconfig comes after KUBECONFIG", () => {
    expect(kubeconfigSource({}, '/home/u', files('/k'), '/k')).toEqual({ kind: 'files', paths: ['/k'] });
  });
  test('in a pod: its service account', () => {
    const env = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
    expect(kubeconfigSource(env, '/root', files('/var/run/secrets/kubernetes.io/serviceaccount/token'))).toEqual({ kind: 'in-cluster' });
    expect(kubeconfigSource({}, '/root', files('/var/run/secrets/kubernetes.io/serviceaccount/token'))).toEqual({
      kind: 'none',
      looked: ['/root/.kube/config'],
    });
  });
});

describe('kubernetes errors users hit', () => {
  const req = { verb: 'create', resource: 'deployments.apps', namespace: 'ci' };
  test('RBAC names the verb, the resource and the namespace', () => {
    const line = explainRefusal({ code: 403, reason: 'Forbidden', message: 'deployments.apps is forbidden' }, req, 'kubeconfig user "sa"');
    expect(line).toMatch(/^RBAC forbids "create" on deployments\.apps in namespace "ci" for kubeconfig user "sa"/);
    expect(line).not.toContain('\n');
  });
  test('a missing namespace', () => {
    expect(explainRefusal({ code: 404, reason: 'NotFound', details: { name: 'nope', kind: 'namespaces' } }, req, 'x')).toContain(
      'namespace "nope" does not exist',
    );
    expect(explainRefusal({ code: 404, reason: 'NotFound', details: { name: 'kb0', kind: 'deployments' } }, req, 'x')).toBeUndefined();
  });
  test('not ready: unschedulable, image pull back-off, a crash, a warning, the probe', () => {
    const pod = (status: object) => ({ metadata: { name: 'p1' }, status });
    expect(
      podNotReadyReason(
        pod({
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: "0/1 nodes are available:\n 1 node(s) didn't match",
            },
          ],
        }),
        [],
      ),
    ).toBe("Unschedulable: 0/1 nodes are available: 1 node(s) didn't match");
    expect(
      podNotReadyReason(
        pod({
          containerStatuses: [
            { name: 'buildkitd', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope:1"' } } },
          ],
        }),
        [],
      ),
    ).toBe('container buildkitd: ImagePullBackOff: Back-off pulling image "nope:1"');
    expect(
      podNotReadyReason(pod({ containerStatuses: [{ name: 'buildkitd', state: { terminated: { reason: 'Error', exitCode: 1 } } }] }), []),
    ).toBe('container buildkitd: Error with code 1');
    expect(
      podNotReadyReason(pod({ phase: 'Pending' }), [
        { type: 'Warning', reason: 'FailedMount', message: 'no cm', involvedObject: { name: 'p1' } },
      ]),
    ).toBe('FailedMount: no cm');
    expect(podNotReadyReason(pod({ conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] }), [])).toContain(
      'readiness probe',
    );
  });
  test('the workload line names each pod, or the workload when no pod was made', () => {
    expect(notReadyReason('Deployment', 'kb0', 2, 0, [], [{ type: 'Warning', reason: 'FailedCreate', message: 'quota' }])).toBe(
      'Deployment kb0: 0 of 2 replicas ready; no pod was created (FailedCreate: quota)',
    );
    expect(notReadyReason('Deployment', 'kb0', 1, 0, [{ metadata: { name: 'p' }, status: { phase: 'Pending' } }], [])).toBe(
      'Deployment kb0: 0 of 1 replicas ready; pod p: phase Pending',
    );
  });
});

/**
 * The kubernetes node's objects, pure, as buildx v0.38's `driver/kubernetes/manifest` makes them: a
 * Deployment (a StatefulSet with a volume claim when `persistent-volume-claim.requests.storage` is
 * asked) running BuildKit privileged (unless rootless), its ConfigMaps holding the node's buildkitd.toml
 * and the certificates it names, mounted under /etc/buildkit. Plain JSON objects: the client sends
 * them as they are, and the tests compare them as they are.
 *
 * Two differences from buildx, both deliberate: every object also carries this run's owner labels
 * (post finds what the run made by label, and never touches another run's), and
 * `requests.ephemeral-storage` is a request (buildx v0.38 files it under limits).
 */
import { posix } from 'node:path';

import { ANNOTATION_PLATFORM, type KubernetesOpts, LABEL_APP, type Resources } from '../../../inputs/kubernetes-opts.js';
import { formatPlatform, type Platform } from '../../../util/platforms.js';

const CONTAINER = 'buildkitd';
const PVC_NAME = 'buildkitd';
const ROOT_VOLUME = 'buildkit-memory';
/** buildx's probes: `buildctl debug workers` every 30 s after 5 s. */
const PROBE = {
  exec: { command: ['buildctl', 'debug', 'workers'] },
  failureThreshold: 3,
  initialDelaySeconds: 5,
  periodSeconds: 30,
  successThreshold: 1,
  timeoutSeconds: 60,
};

/** What the objects are made from. */
export interface ManifestInput {
  /** The Deployment's name: buildx's node name with `_` as `-`. */
  name: string;
  namespace: string;
  opts: KubernetesOpts;
  /** buildkitd's arguments (the store's Flags). */
  flags: string[];
  /** The node's buildkitd.toml and the certificates it names, by path relative to /etc/buildkit. */
  files: Record<string, Buffer>;
  /** The node's declared platforms: the pods' platform annotation. */
  platforms: Platform[];
  /** This run's owner labels (ownerLabels). */
  owner: Record<string, string>;
}

interface ObjectMeta {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data: Record<string, string>;
}

/** The workload: kind says which API it goes to. */
export interface Workload {
  apiVersion: 'apps/v1';
  kind: 'Deployment' | 'StatefulSet';
  metadata: ObjectMeta;
  spec: Record<string, unknown> & { replicas: number; selector: { matchLabels: Record<string, string> }; template: PodTemplate };
}

interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: PodSpec;
}

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value: string }[];
  securityContext?: Record<string, unknown>;
  readinessProbe?: typeof PROBE;
  livenessProbe?: typeof PROBE;
  resources?: { requests?: Resources; limits?: Resources };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Record<string, unknown>[];
  serviceAccountName?: string;
  schedulerName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: KubernetesOpts['tolerations'];
}

export interface Manifest {
  workload: Workload;
  configMaps: ConfigMap[];
}

/** buildx's Deployment name for a node: its node name with `_` replaced by `-`. */
export function deploymentName(node: string): string {
  return node.replace(/_/g, '-');
}

/**
 * buildx's splitConfigFiles: one ConfigMap per directory of the files, `config` for the top one and
 * `config-<n>` for the others, in order of first appearance.
 */
export function configGroups(files: Record<string, Buffer>): { name: string; dir: string; data: Record<string, string> }[] {
  const groups: { name: string; dir: string; data: Record<string, string> }[] = [];
  for (const [path, content] of Object.entries(files)) {
    const dir = posix.dirname(path);
    let group = groups.find((g) => g.dir === dir);
    if (!group) {
      const nested = groups.filter((g) => g.dir !== '.').length;
      group = { name: dir === '.' ? 'config' : `config-${nested + 1}`, dir, data: {} };
      groups.push(group);
    }
    group.data[posix.basename(path)] = content.toString('utf8');
  }
  return groups;
}

function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}

export function buildManifest(input: ManifestInput): Manifest {
  const { opts, name, namespace } = input;
  const selector = { [LABEL_APP]: name, ...opts.labels };
  const labels = { ...selector, ...input.owner };
  const annotations: Record<string, string> = {};
  if (input.platforms.length > 0) annotations[ANNOTATION_PLATFORM] = input.platforms.map(formatPlatform).join(',');
  Object.assign(annotations, opts.annotations);

  const container: Container = {
    name: CONTAINER,
    image: opts.image,
    args: [...input.flags],
    securityContext: { privileged: true },
    readinessProbe: PROBE,
    livenessProbe: PROBE,
    resources: { requests: { ...opts.requests }, limits: { ...opts.limits } },
    volumeMounts: [],
  };
  const volumes: Record<string, unknown>[] = [];
  const configMaps: ConfigMap[] = configGroups(input.files).map((group) => {
    const cm: ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-${group.name}`, namespace, labels: { ...input.owner }, annotations: { ...annotations } },
      data: group.data,
    };
    container.volumeMounts!.push({ name: group.name, mountPath: posix.join('/etc/buildkit', group.dir) });
    volumes.push({ name: group.name, configMap: { name: cm.metadata.name } });
    return cm;
  });
  const podAnnotations = { ...annotations };
  const spec: PodSpec = { containers: [container] };
  if (opts.serviceAccount) spec.serviceAccountName = opts.serviceAccount;
  if (opts.schedulerName) spec.schedulerName = opts.schedulerName;
  if (opts.qemu.install)
    spec.initContainers = [{ name: 'qemu', image: opts.qemu.image, args: ['--install', 'all'], securityContext: { privileged: true } }];

  if (opts.rootless) {
    container.args!.push('--oci-worker-no-process-sandbox');
    container.securityContext = { seccompProfile: { type: 'Unconfined' } };
    podAnnotations[`container.apparmor.security.beta.kubernetes.io/${CONTAINER}`] = 'unconfined';
    // The image's VOLUME does not work where the node mounts it nosuid,nodev (moby/buildkit#879).
    container.volumeMounts!.push({ name: PVC_NAME, mountPath: '/home/user/.local/share/buildkit' });
    volumes.push({
      name: PVC_NAME,
      emptyDir: opts.rootVolumeMemory ? { medium: 'Memory', sizeLimit: opts.rootVolumeMemory } : {},
    });
  } else if (opts.rootVolumeMemory) {
    volumes.push({ name: ROOT_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: opts.rootVolumeMemory } });
    container.volumeMounts!.push({ name: ROOT_VOLUME, mountPath: '/var/lib/buildkit' });
  }
  if (Object.keys(opts.nodeSelector).length > 0) spec.nodeSelector = opts.nodeSelector;
  if (opts.tolerations.length > 0) spec.tolerations = opts.tolerations;
  const env = Object.entries(opts.env).map(([n, value]) => ({ name: n, value }));
  if (env.length > 0) container.env = env;
  if (volumes.length > 0) spec.volumes = volumes;
  if (container.volumeMounts!.length === 0) delete container.volumeMounts;

  const template: PodTemplate = { metadata: { labels, annotations: podAnnotations }, spec };
  const metadata: ObjectMeta = { name, namespace, labels, annotations: nonEmpty(annotations) ?? {} };
  if (opts.persistentStorage) {
    // Rootless already mounts its data directory.
    if (!opts.rootless) container.volumeMounts = [{ name: PVC_NAME, mountPath: '/var/lib/buildkit' }];
    return {
      configMaps,
      workload: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata,
        spec: {
          serviceName: 'buildkitd',
          podManagementPolicy: 'Parallel',
          replicas: opts.replicas,
          selector: { matchLabels: selector },
          template,
          volumeClaimTemplates: [
            {
              metadata: { name: PVC_NAME },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: opts.persistentStorage } } },
            },
          ],
        },
      },
    };
  }
  return {
    configMaps,
    workload: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: { replicas: opts.replicas, selector: { matchLabels: selector }, template },
    },
  };
}

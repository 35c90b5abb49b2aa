/**
 * The `driver-opts` input for `driver: kubernetes`, validated as buildx v0.38's kubernetes driver
 * factory (`driver/kubernetes/factory.go` processDriverOpts, `manifest.NewDeployment`) validates it, but
 * before anything is created. Each error quotes buildx's own words (what a buildx user searches for)
 * and says what is accepted.
 */
import { InputError } from '../util/errors.js';
import { goBool } from '../util/units.js';
import { DEFAULT_BUILDKIT_IMAGE } from './values.js';

const INPUT = 'driver-opts';

/** buildx's images for the kubernetes driver (driver/bkimage). */
const DEFAULT_ROOTLESS_IMAGE = 'moby/buildkit:buildx-stable-1-rootless';
const DEFAULT_QEMU_IMAGE = 'tonistiigi/binfmt:latest';
/** buildx's bootstrap timeout for kubernetes nodes. */
const DEFAULT_KUBERNETES_TIMEOUT_MS = 120000;
/** Reserved by buildx: the pods' platforms and the Deployment's selector. */
export const ANNOTATION_PLATFORM = 'buildx.docker.com/platform';
export const LABEL_APP = 'app';

type Loadbalance = 'sticky' | 'random';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** The pod's resources, as Kubernetes quantities (validated). */
export interface Resources {
  cpu?: string;
  memory?: string;
  'ephemeral-storage'?: string;
}

export interface KubernetesOpts {
  image: string;
  /** Absent: the kubeconfig context's namespace. */
  namespace?: string;
  replicas: number;
  requests: Resources;
  limits: Resources;
  /** `persistent-volume-claim.requests.storage`: a StatefulSet with a volume claim instead of a Deployment. */
  persistentStorage?: string;
  rootless: boolean;
  rootVolumeMemory?: string;
  schedulerName?: string;
  serviceAccount?: string;
  nodeSelector: Record<string, string>;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  tolerations: Toleration[];
  loadbalance: Loadbalance;
  qemu: { install: boolean; image: string };
  defaultLoad: boolean;
  timeoutMs: number;
  env: Record<string, string>;
}

const KNOWN =
  'image, namespace, replicas, requests.cpu, requests.memory, requests.ephemeral-storage, limits.cpu, limits.memory, ' +
  'limits.ephemeral-storage, persistent-volume-claim.requests.storage, rootless, buildkit-root-volume-memory, schedulername, ' +
  'serviceaccount, nodeselector, annotations, labels, tolerations, loadbalance, qemu.install, qemu.image, default-load, timeout, env.<NAME>';

/** `env.*` values are often secrets and are not masked yet when the input is parsed. */
function optError(key: string, value: string, why: string): InputError {
  return new InputError(INPUT, key.startsWith('env.') ? `${key}=***` : `${key}=${value}`, why);
}

/** Go's strconv.ParseBool, with its error. */
function bool(key: string, value: string): boolean {
  const parsed = goBool(value);
  if (parsed === undefined)
    throw optError(key, value, `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax (${key} must be true or false)`);
  return parsed;
}

/** buildx's splitMultiValues: `k=v,k2=v2`, surrounding double quotes trimmed, every item one `=`. */
function keyValues(key: string, value: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of value.replace(/^"+|"+$/g, '').split(',')) {
    const kv = item.split('=');
    if (kv.length !== 2)
      throw optError(
        key,
        value,
        `cannot parse ${what}: invalid key-value pair: ${item} (${key} takes key=value pairs separated by commas)`,
      );
    out[kv[0]] = kv[1];
  }
  return out;
}

/**
 * A Kubernetes quantity (apimachinery's resource.ParseQuantity): a signed decimal number, then a binary
 * suffix (Ki … Ei), a decimal suffix (n, u, m, k, M … E) or a decimal exponent (e3, E-2).
 */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

function quantity(key: string, value: string): string {
  if (!QUANTITY.test(value))
    throw optError(
      key,
      value,
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (${key} is a Kubernetes quantity such as 500m, 2, 512Mi or 10Gi)`,
    );
  return value;
}

/** Go's time.ParseDuration: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h; "0" alone. */
function goDurationMs(key: string, value: string): number {
  const scale: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  const sign = value.startsWith('-') ? -1 : 1;
  const body = value.replace(/^[+-]/, '');
  const invalid = () =>
    optError(key, value, `cannot parse timeout: time: invalid duration ${JSON.stringify(value)} (a Go duration such as 90s, 2m or 1m30s)`);
  if (body === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let end = 0;
  for (let m = part.exec(body); m; m = part.exec(body)) {
    total += Number(m[1]) * scale[m[2]];
    end = part.lastIndex;
  }
  if (end === 0 || end !== body.length) throw invalid();
  return sign * total;
}

/** buildx's tolerations: `;` between tolerations, `,` between fields, each field `name=value`. */
function tolerations(value: string): Toleration[] {
  return value.split(';').map((entry) => {
    const t: Toleration = {};
    for (const field of entry.split(',')) {
      const kv = field.split('=');
      // buildx skips a field that is not exactly name=value.
      if (kv.length !== 2) continue;
      const [name, v] = kv;
      switch (name) {
        case 'key':
        case 'operator':
        case 'value':
        case 'effect':
          t[name] = v;
          break;
        case 'tolerationSeconds':
          if (!/^[+-]?\d+$/.test(v))
            throw optError(
              'tolerations',
              value,
              `strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax (tolerationSeconds must be an integer)`,
            );
          t.tolerationSeconds = Number(v);
          break;
        default:
          // buildx's own spelling, so that its users find the message.
          throw optError(
            'tolerations',
            value,
            `invalid tolaration ${JSON.stringify(value)} (fields are key, operator, value, effect, tolerationSeconds)`,
          );
      }
    }
    return t;
  });
}

/** The kubernetes driver's options from `key=value` pairs (the driver-opts fields, in order). */
export function parseKubernetesOpts(given: Record<string, string>): KubernetesOpts {
  const opts: KubernetesOpts = {
    image: DEFAULT_BUILDKIT_IMAGE,
    replicas: 1,
    requests: {},
    limits: {},
    rootless: false,
    nodeSelector: {},
    annotations: {},
    labels: {},
    tolerations: [],
    loadbalance: 'sticky',
    qemu: { install: false, image: DEFAULT_QEMU_IMAGE },
    defaultLoad: false,
    timeoutMs: DEFAULT_KUBERNETES_TIMEOUT_MS,
    env: {},
  };
  for (const [key, value] of Object.entries(given)) {
    switch (key) {
      case 'image':
        if (value !== '') opts.image = value;
        break;
      case 'namespace':
        opts.namespace = value;
        break;
      case 'replicas':
        // strconv.ParseInt(v, 10, 32)
        if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > 2 ** 31 - 1)
          throw optError(key, value, `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax (replicas must be an integer)`);
        if (Number(value) < 1) throw optError(key, value, 'replicas must be at least 1 (a builder with no pod never becomes ready)');
        opts.replicas = Number(value);
        break;
      case 'requests.cpu':
      case 'requests.memory':
      case 'requests.ephemeral-storage':
        opts.requests[key.slice('requests.'.length) as keyof Resources] = quantity(key, value);
        break;
      case 'limits.cpu':
      case 'limits.memory':
      case 'limits.ephemeral-storage':
        opts.limits[key.slice('limits.'.length) as keyof Resources] = quantity(key, value);
        break;
      case 'persistent-volume-claim.requests.storage':
        opts.persistentStorage = quantity(key, value);
        break;
      case 'rootless':
        opts.rootless = bool(key, value);
        break;
      case 'buildkit-root-volume-memory':
        if (value !== '') opts.rootVolumeMemory = quantity(key, value);
        break;
      case 'schedulername':
        opts.schedulerName = value;
        break;
      case 'serviceaccount':
        opts.serviceAccount = value;
        break;
      case 'nodeselector':
        opts.nodeSelector = keyValues(key, value, 'node selector');
        break;
      case 'annotations':
        opts.annotations = keyValues(key, value, 'annotations');
        if (ANNOTATION_PLATFORM in opts.annotations)
          throw optError(
            key,
            value,
            `the annotation "${ANNOTATION_PLATFORM}" is reserved and cannot be customized (buildx sets it from the platforms)`,
          );
        break;
      case 'labels':
        opts.labels = keyValues(key, value, 'labels');
        if (LABEL_APP in opts.labels)
          throw optError(key, value, `the label "${LABEL_APP}" is reserved and cannot be customized (it selects the builder's pods)`);
        break;
      case 'tolerations':
        opts.tolerations = tolerations(value);
        break;
      case 'loadbalance':
        if (value !== 'sticky' && value !== 'random')
          throw optError(key, value, `invalid loadbalance ${JSON.stringify(value)} (sticky or random)`);
        opts.loadbalance = value;
        break;
      case 'qemu.install':
        opts.qemu.install = bool(key, value);
        break;
      case 'qemu.image':
        if (value !== '') opts.qemu.image = value;
        break;
      case 'default-load':
        opts.defaultLoad = bool(key, value);
        break;
      case 'timeout':
        opts.timeoutMs = goDurationMs(key, value);
        break;
      default:
        if (key.startsWith('env.')) {
          if (key === 'env.') throw optError(key, value, `invalid env option "${key}", expecting env.FOO=bar`);
          opts.env[key.slice(4)] = value;
          break;
        }
        throw optError(key, value, `invalid driver option ${key} for driver kubernetes (accepted: ${KNOWN})`);
    }
  }
  // buildx: rootless without an image of one's own runs the rootless image.
  if (opts.rootless && !('image' in given)) opts.image = DEFAULT_ROOTLESS_IMAGE;
  return opts;
}

export const id = 294;
export const ids = [294];
export const modules = {

/***/ 128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hq: () => (/* binding */ LABEL_APP),
/* harmony export */   i7: () => (/* binding */ parseKubernetesOpts),
/* harmony export */   "if": () => (/* binding */ ANNOTATION_PLATFORM)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/* harmony import */ var _util_units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6127);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2000);
/**
 * The `driver-opts` input for `driver: kubernetes`, validated as buildx v0.38's kubernetes driver
 * factory (`driver/kubernetes/factory.go` processDriverOpts, `manifest.NewDeployment`) validates it, but
 * before anything is created. Each error quotes buildx's own words (what a buildx user searches for)
 * and says what is accepted.
 */



const INPUT = 'driver-opts';
/** buildx's images for the kubernetes driver (driver/bkimage). */
const DEFAULT_ROOTLESS_IMAGE = 'moby/buildkit:buildx-stable-1-rootless';
const DEFAULT_QEMU_IMAGE = 'tonistiigi/binfmt:latest';
/** buildx's bootstrap timeout for kubernetes nodes. */
const DEFAULT_KUBERNETES_TIMEOUT_MS = 120000;
/** Reserved by buildx: the pods' platforms and the Deployment's selector. */
const ANNOTATION_PLATFORM = 'buildx.docker.com/platform';
const LABEL_APP = 'app';
const KNOWN = 'image, namespace, replicas, requests.cpu, requests.memory, requests.ephemeral-storage, limits.cpu, limits.memory, ' +
    'limits.ephemeral-storage, persistent-volume-claim.requests.storage, rootless, buildkit-root-volume-memory, schedulername, ' +
    'serviceaccount, nodeselector, annotations, labels, tolerations, loadbalance, qemu.install, qemu.image, default-load, timeout, env.<NAME>';
/** `env.*` values are often secrets and are not masked yet when the input is parsed. */
function optError(key, value, why) {
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(INPUT, key.startsWith('env.') ? `${key}=***` : `${key}=${value}`, why);
}
/** Go's strconv.ParseBool, with its error. */
function bool(key, value) {
    const parsed = (0,_util_units_js__WEBPACK_IMPORTED_MODULE_1__/* .goBool */ .B7)(value);
    if (parsed === undefined)
        throw optError(key, value, `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax (${key} must be true or false)`);
    return parsed;
}
/** buildx's splitMultiValues: `k=v,k2=v2`, surrounding double quotes trimmed, every item one `=`. */
function keyValues(key, value, what) {
    const out = {};
    for (const item of value.replace(/^"+|"+$/g, '').split(',')) {
        const kv = item.split('=');
        if (kv.length !== 2)
            throw optError(key, value, `cannot parse ${what}: invalid key-value pair: ${item} (${key} takes key=value pairs separated by commas)`);
        out[kv[0]] = kv[1];
    }
    return out;
}
/**
 * A Kubernetes quantity (apimachinery's resource.ParseQuantity): a signed decimal number, then a binary
 * suffix (Ki … Ei), a decimal suffix (n, u, m, k, M … E) or a decimal exponent (e3, E-2).
 */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
function quantity(key, value) {
    if (!QUANTITY.test(value))
        throw optError(key, value, `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (${key} is a Kubernetes quantity such as 500m, 2, 512Mi or 10Gi)`);
    return value;
}
/** Go's time.ParseDuration: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h; "0" alone. */
function goDurationMs(key, value) {
    const scale = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
    const sign = value.startsWith('-') ? -1 : 1;
    const body = value.replace(/^[+-]/, '');
    const invalid = () => optError(key, value, `cannot parse timeout: time: invalid duration ${JSON.stringify(value)} (a Go duration such as 90s, 2m or 1m30s)`);
    if (body === '0')
        return 0;
    const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
    let total = 0;
    let end = 0;
    for (let m = part.exec(body); m; m = part.exec(body)) {
        total += Number(m[1]) * scale[m[2]];
        end = part.lastIndex;
    }
    if (end === 0 || end !== body.length)
        throw invalid();
    return sign * total;
}
/** buildx's tolerations: `;` between tolerations, `,` between fields, each field `name=value`. */
function tolerations(value) {
    return value.split(';').map((entry) => {
        const t = {};
        for (const field of entry.split(',')) {
            const kv = field.split('=');
            // buildx skips a field that is not exactly name=value.
            if (kv.length !== 2)
                continue;
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
                        throw optError('tolerations', value, `strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax (tolerationSeconds must be an integer)`);
                    t.tolerationSeconds = Number(v);
                    break;
                default:
                    // buildx's own spelling, so that its users find the message.
                    throw optError('tolerations', value, `invalid tolaration ${JSON.stringify(value)} (fields are key, operator, value, effect, tolerationSeconds)`);
            }
        }
        return t;
    });
}
/** The kubernetes driver's options from `key=value` pairs (the driver-opts fields, in order). */
function parseKubernetesOpts(given) {
    const opts = {
        image: _values_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_BUILDKIT_IMAGE */ .LX,
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
                if (value !== '')
                    opts.image = value;
                break;
            case 'namespace':
                opts.namespace = value;
                break;
            case 'replicas':
                // strconv.ParseInt(v, 10, 32)
                if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > 2 ** 31 - 1)
                    throw optError(key, value, `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax (replicas must be an integer)`);
                if (Number(value) < 1)
                    throw optError(key, value, 'replicas must be at least 1 (a builder with no pod never becomes ready)');
                opts.replicas = Number(value);
                break;
            case 'requests.cpu':
            case 'requests.memory':
            case 'requests.ephemeral-storage':
                opts.requests[key.slice('requests.'.length)] = quantity(key, value);
                break;
            case 'limits.cpu':
            case 'limits.memory':
            case 'limits.ephemeral-storage':
                opts.limits[key.slice('limits.'.length)] = quantity(key, value);
                break;
            case 'persistent-volume-claim.requests.storage':
                opts.persistentStorage = quantity(key, value);
                break;
            case 'rootless':
                opts.rootless = bool(key, value);
                break;
            case 'buildkit-root-volume-memory':
                if (value !== '')
                    opts.rootVolumeMemory = quantity(key, value);
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
                    throw optError(key, value, `the annotation "${ANNOTATION_PLATFORM}" is reserved and cannot be customized (buildx sets it from the platforms)`);
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
                if (value !== '')
                    opts.qemu.image = value;
                break;
            case 'default-load':
                opts.defaultLoad = bool(key, value);
                break;
            case 'timeout':
                opts.timeoutMs = goDurationMs(key, value);
                break;
            default:
                if (key.startsWith('env.')) {
                    if (key === 'env.')
                        throw optError(key, value, `invalid env option "${key}", expecting env.FOO=bar`);
                    opts.env[key.slice(4)] = value;
                    break;
                }
                throw optError(key, value, `invalid driver option ${key} for driver kubernetes (accepted: ${KNOWN})`);
        }
    }
    // buildx: rootless without an image of one's own runs the rootless image.
    if (opts.rootless && !('image' in given))
        opts.image = DEFAULT_ROOTLESS_IMAGE;
    return opts;
}


/***/ }),

/***/ 2000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ji: () => (/* binding */ DEFAULT_BUILDKITD_FLAGS),
  LX: () => (/* binding */ DEFAULT_BUILDKIT_IMAGE),
  b2: () => (/* binding */ POLICY_GATE),
  zJ: () => (/* binding */ PULL_POLICIES),
  xs: () => (/* binding */ defaultPolicyEnabled),
  dt: () => (/* binding */ listInput),
  q6: () => (/* binding */ parseBool),
  Zx: () => (/* binding */ parseBuildkitdFlags),
  qA: () => (/* binding */ parsePlatforms)
});

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/platforms.ts
var platforms = __webpack_require__(4956);
;// CONCATENATED MODULE: ./src/util/shlex.ts
/**
 * Splits a command line the way buildx splits --buildkitd-flags (shlex): whitespace separates words,
 * single quotes are literal, double quotes allow backslash escapes, a backslash escapes outside quotes.
 * Returns undefined when a quote is left open.
 */
function shellSplit(text) {
    const words = [];
    let word = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote === "'") {
            if (c === "'")
                quote = undefined;
            else
                word += c;
        }
        else if (quote === '"') {
            if (c === '"')
                quote = undefined;
            else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]))
                word += text[++i];
            else
                word += c;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            inWord = true;
            if (c === "'" || c === '"')
                quote = c;
            else if (c === '\\' && i + 1 < text.length)
                word += text[++i];
            else
                word += c;
        }
    }
    if (quote)
        return undefined;
    if (inWord)
        words.push(word);
    return words;
}

// EXTERNAL MODULE: ./src/util/units.ts
var units = __webpack_require__(6127);
;// CONCATENATED MODULE: ./src/inputs/values.ts
/**
 * Values shared by the inputs' parsers and the modules they configure: defaults, the pull policy, and
 * the parsers of list, boolean, platform and flag inputs that the node-level inputs (append, qemu) reuse.
 */




const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
const DEFAULT_BUILDKITD_FLAGS = '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';
const PULL_POLICIES = ['always', 'missing', 'never'];
function parseBool(input, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* InputError */.dz(input, value, 'true or false');
}
/** A list input: items separated by commas or newlines, blanks dropped. */
function listInput(value) {
    return value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
}
function parsePlatforms(input, value) {
    return listInput(value).map((item) => {
        const p = (0,platforms/* parsePlatform */.FL)(item);
        if (!p)
            throw new errors/* InputError */.dz(input, item, platforms/* ACCEPTED_PLATFORMS */.jm);
        return p;
    });
}
function parseBuildkitdFlags(value) {
    const words = shellSplit(value === '' ? DEFAULT_BUILDKITD_FLAGS : value);
    if (!words)
        throw new errors/* InputError */.dz('buildkitd-flags', value, 'a quote is not closed; flags are split like a shell command line');
    return words;
}
/** buildx's gate for its default policy, which checks the builder image (node/image-policy.ts). */
const POLICY_GATE = 'BUILDX_DEFAULT_POLICY';
/**
 * Whether the job asked for buildx's default policy, read as buildx reads it (Go's ParseBool). buildx
 * treats a value ParseBool refuses as unset; here it is an error, since a job that wrote
 * `BUILDX_DEFAULT_POLICY=yes` believes its builder image is checked.
 */
function defaultPolicyEnabled(env = process.env) {
    const value = env[POLICY_GATE];
    if (value === undefined || value === '')
        return false;
    const on = (0,units/* goBool */.B7)(value);
    if (on === undefined)
        throw new errors/* UserError */.yo(`environment variable ${POLICY_GATE}: invalid value ${JSON.stringify(value)}: one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False`);
    return on;
}


/***/ }),

/***/ 7294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  kubernetes: () => (/* binding */ kubernetes)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/inputs/kubernetes-opts.ts
var kubernetes_opts = __webpack_require__(128);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/platforms.ts
var platforms = __webpack_require__(4956);
// EXTERNAL MODULE: ./src/node/owner.ts
var node_owner = __webpack_require__(1535);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/node/drivers/kubernetes/endpoint.ts
/**
 * Where buildx finds a kubernetes node: the store's endpoint and the kubeconfig it dials with (pure).
 */

/** Go's url.QueryEscape: everything but letters, digits and -_.~ escaped, spaces as +. */
function goQueryEscape(text) {
    return encodeURIComponent(text)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+');
}
/**
 * The endpoint buildx v0.38 stores for a kubernetes node (builder/builder.go): the builder in the
 * path, the Deployment and the KUBECONFIG of the creating process in the query (url.Values.Encode:
 * keys sorted, an empty KUBECONFIG kept as `kubeconfig=`).
 */
function kubernetesEndpoint(builder, node, kubeconfigEnv) {
    return `kubernetes:///${builder}?deployment=${goQueryEscape(node)}&kubeconfig=${goQueryEscape(kubeconfigEnv)}`;
}
/** The kubeconfig an endpoint names, back from its query ('' when none). */
function endpointKubeconfig(endpoint) {
    return new URL(endpoint).searchParams.get('kubeconfig') ?? '';
}
/** The in-cluster service account's files (a runner that is itself a pod). */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/**
 * The kubeconfig as buildx finds it: KUBECONFIG (a list, separated by `:`, of which the existing files
 * merge, the first one winning), the endpoint's own `kubeconfig` (buildx appends it to the list), else
 * ~/.kube/config; if none exists, the pod's service account when KUBERNETES_SERVICE_HOST is set.
 */
function kubeconfigSource(env, home, exists, extra = '') {
    const listed = (env.KUBECONFIG ?? '').split(':').filter(Boolean);
    if (extra && !listed.includes(extra))
        listed.push(extra);
    const candidates = listed.length > 0 ? listed : [external_node_path_.posix.join(home, '.kube', 'config')];
    const paths = candidates.filter(exists);
    if (paths.length > 0)
        return { kind: 'files', paths };
    if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT && exists(external_node_path_.posix.join(SERVICE_ACCOUNT_DIR, 'token')))
        return { kind: 'in-cluster' };
    return { kind: 'none', looked: candidates };
}

;// CONCATENATED MODULE: ./src/node/drivers/kubernetes/explain.ts
/**
 * The one line a user reads when the cluster says no (pure): which verb RBAC forbids on which resource
 * in which namespace, a namespace that does not exist, or why the replicas are not ready (from the
 * pods' conditions, container states and warning events).
 */
/** A refusal as one line, or undefined when the status is not one of the refusals users hit. */
function explainRefusal(status, req, who) {
    if (status.code === 403 || status.reason === 'Forbidden')
        return (`RBAC forbids "${req.verb}" on ${req.resource} in namespace "${req.namespace}" for ${who}: ` +
            `grant it with a Role (verbs ${req.verb} on ${req.resource}) bound to that identity (API: ${status.message ?? 'forbidden'})`);
    if ((status.code === 404 || status.reason === 'NotFound') && status.details?.kind === 'namespaces')
        return `namespace "${status.details.name ?? req.namespace}" does not exist in the cluster: create it (kubectl create namespace ${status.details.name ?? req.namespace}) or set driver-opts namespace=<an existing namespace>`;
    return undefined;
}
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/** Why one pod is not ready, most telling first: scheduling, a waiting or failed container, its latest warning, the readiness probe. */
function podNotReadyReason(pod, events) {
    const conditions = pod.status?.conditions ?? [];
    const scheduled = conditions.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False')
        return oneLine(`${scheduled.reason ?? 'not scheduled'}: ${scheduled.message ?? ''}`);
    for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
        const waiting = c.state?.waiting;
        if (waiting?.reason && waiting.reason !== 'ContainerCreating' && waiting.reason !== 'PodInitializing')
            return oneLine(`container ${c.name}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`);
        const terminated = c.state?.terminated ?? c.lastState?.terminated;
        if (terminated && terminated.exitCode !== 0)
            return oneLine(`container ${c.name}: ${terminated.reason ?? 'exited'} with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`);
    }
    const warning = events.filter((e) => e.type === 'Warning' && e.involvedObject?.name === pod.metadata?.name).at(-1);
    if (warning)
        return oneLine(`${warning.reason ?? 'Warning'}: ${warning.message ?? ''}`);
    const ready = conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'False')
        return oneLine(`${ready.reason ?? 'not ready'}${ready.message ? `: ${ready.message}` : ''} (BuildKit not answering its readiness probe yet)`);
    return `phase ${pod.status?.phase ?? 'unknown'}`;
}
/** Why the workload is not ready, one line: each pod's reason, or the workload's own when no pod exists. */
function notReadyReason(kind, name, want, ready, pods, events) {
    const head = `${kind} ${name}: ${ready} of ${want} replicas ready`;
    if (pods.length === 0) {
        const warning = events.filter((e) => e.type === 'Warning').at(-1);
        return `${head}; no pod was created${warning ? ` (${oneLine(`${warning.reason ?? 'Warning'}: ${warning.message ?? ''}`)})` : ''}`;
    }
    return `${head}; ${pods.map((p) => `pod ${p.metadata?.name}: ${podNotReadyReason(p, events)}`).join('; ')}`;
}

;// CONCATENATED MODULE: ./src/node/drivers/kubernetes/manifest.ts
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
/** buildx's Deployment name for a node: its node name with `_` replaced by `-`. */
function deploymentName(node) {
    return node.replace(/_/g, '-');
}
/**
 * buildx's splitConfigFiles: one ConfigMap per directory of the files, `config` for the top one and
 * `config-<n>` for the others, in order of first appearance.
 */
function configGroups(files) {
    const groups = [];
    for (const [path, content] of Object.entries(files)) {
        const dir = external_node_path_.posix.dirname(path);
        let group = groups.find((g) => g.dir === dir);
        if (!group) {
            const nested = groups.filter((g) => g.dir !== '.').length;
            group = { name: dir === '.' ? 'config' : `config-${nested + 1}`, dir, data: {} };
            groups.push(group);
        }
        group.data[external_node_path_.posix.basename(path)] = content.toString('utf8');
    }
    return groups;
}
function nonEmpty(o) {
    return Object.keys(o).length > 0 ? o : undefined;
}
function buildManifest(input) {
    const { opts, name, namespace } = input;
    const selector = { [kubernetes_opts/* LABEL_APP */.hq]: name, ...opts.labels };
    const labels = { ...selector, ...input.owner };
    const annotations = {};
    if (input.platforms.length > 0)
        annotations[kubernetes_opts/* ANNOTATION_PLATFORM */["if"]] = input.platforms.map(platforms/* formatPlatform */.Bq).join(',');
    Object.assign(annotations, opts.annotations);
    const container = {
        name: CONTAINER,
        image: opts.image,
        args: [...input.flags],
        securityContext: { privileged: true },
        readinessProbe: PROBE,
        livenessProbe: PROBE,
        resources: { requests: { ...opts.requests }, limits: { ...opts.limits } },
        volumeMounts: [],
    };
    const volumes = [];
    const configMaps = configGroups(input.files).map((group) => {
        const cm = {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: `${name}-${group.name}`, namespace, labels: { ...input.owner }, annotations: { ...annotations } },
            data: group.data,
        };
        container.volumeMounts.push({ name: group.name, mountPath: external_node_path_.posix.join('/etc/buildkit', group.dir) });
        volumes.push({ name: group.name, configMap: { name: cm.metadata.name } });
        return cm;
    });
    const podAnnotations = { ...annotations };
    const spec = { containers: [container] };
    if (opts.serviceAccount)
        spec.serviceAccountName = opts.serviceAccount;
    if (opts.schedulerName)
        spec.schedulerName = opts.schedulerName;
    if (opts.qemu.install)
        spec.initContainers = [{ name: 'qemu', image: opts.qemu.image, args: ['--install', 'all'], securityContext: { privileged: true } }];
    if (opts.rootless) {
        container.args.push('--oci-worker-no-process-sandbox');
        container.securityContext = { seccompProfile: { type: 'Unconfined' } };
        podAnnotations[`container.apparmor.security.beta.kubernetes.io/${CONTAINER}`] = 'unconfined';
        // The image's VOLUME does not work where the node mounts it nosuid,nodev (moby/buildkit#879).
        container.volumeMounts.push({ name: PVC_NAME, mountPath: '/home/user/.local/share/buildkit' });
        volumes.push({
            name: PVC_NAME,
            emptyDir: opts.rootVolumeMemory ? { medium: 'Memory', sizeLimit: opts.rootVolumeMemory } : {},
        });
    }
    else if (opts.rootVolumeMemory) {
        volumes.push({ name: ROOT_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: opts.rootVolumeMemory } });
        container.volumeMounts.push({ name: ROOT_VOLUME, mountPath: '/var/lib/buildkit' });
    }
    if (Object.keys(opts.nodeSelector).length > 0)
        spec.nodeSelector = opts.nodeSelector;
    if (opts.tolerations.length > 0)
        spec.tolerations = opts.tolerations;
    const env = Object.entries(opts.env).map(([n, value]) => ({ name: n, value }));
    if (env.length > 0)
        container.env = env;
    if (volumes.length > 0)
        spec.volumes = volumes;
    if (container.volumeMounts.length === 0)
        delete container.volumeMounts;
    const template = { metadata: { labels, annotations: podAnnotations }, spec };
    const metadata = { name, namespace, labels, annotations: nonEmpty(annotations) ?? {} };
    if (opts.persistentStorage) {
        // Rootless already mounts its data directory.
        if (!opts.rootless)
            container.volumeMounts = [{ name: PVC_NAME, mountPath: '/var/lib/buildkit' }];
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

;// CONCATENATED MODULE: ./src/node/drivers/kubernetes/index.ts
/**
 * The kubernetes driver: the node is a Deployment of BuildKit pods (a StatefulSet when a volume claim
 * is asked) with its ConfigMaps, as `docker buildx create --driver kubernetes` makes them
 * (manifest.ts), reached through the cluster's API with @kubernetes/client-node.
 *
 * Why that client, and 1.4.0: a well-kept client rather than hand-written HTTP (kubeconfig auth
 * plugins, in-cluster credentials, exec over WebSocket); 2.x needs Node ≥ 22.19 and crashes on import
 * under Node 20. This module is loaded by drivers/index.ts only when a node asks for kubernetes, so
 * the docker-container path never loads the client.
 *
 * connect: the kubeconfig as buildx finds it (endpoint.ts), the API answering, and RBAC asked up front
 * (SelfSubjectAccessReview, which every authenticated identity may send) for each verb the node needs,
 * so a refusal is one line naming the verb, the resource and the namespace with nothing created.
 * setUp: ConfigMaps, then the workload, each recorded as soon as the API acknowledged it; then the
 * replicas ready (polled, bounded by the `timeout` driver-opt, else bootstrap-timeout) and BuildKit
 * answering `buildctl debug workers` through pods/exec in a pod. A replica that is not ready in time is
 * explained from its pod's conditions, container states and warning events.
 * tearDown: deletes what the record names and what carries this run's label, in parallel, bounded;
 * an unreachable cluster is one line with the kubectl command that finishes the job.
 * No hooks: keep-state and cached images are the docker-container driver's.
 */










/** How often the replicas are asked for: a ready builder is seen within this much. */
const POLL_MS = 250;
/** Reasons a pod never gets past: no use waiting out the timeout. */
const HOPELESS = new Set(['InvalidImageName', 'ErrImageNeverPull', 'CreateContainerConfigError']);
function optsOf(plan) {
    return plan.opts.kubernetes ?? (0,kubernetes_opts/* parseKubernetesOpts */.i7)(plan.opts.given);
}
/** An error's one line; client-node also rejects with WebSocket events and plain objects. */
function describe(err) {
    if (err instanceof Error)
        return (0,errors/* errorLine */.BP)(err);
    if (err && typeof err === 'object' && 'message' in err)
        return String(err.message);
    return typeof err === 'object' ? JSON.stringify(err) : String(err);
}
/** Bounds a request: the API's answer, or an error naming what did not answer in time. */
async function bounded(what, ms, request) {
    let timer;
    try {
        return await Promise.race([
            request,
            new Promise((_, reject) => (timer = setTimeout(() => reject(new errors/* UserError */.yo(`${what}: no answer within ${ms / 1000} s`)), ms))),
        ]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** The Status an API error carries (client-node's ApiException), if it is one. */
function apiStatus(err) {
    if (!err || typeof err !== 'object' || !('code' in err) || !('body' in err))
        return undefined;
    let body = err.body;
    if (typeof body === 'string') {
        try {
            body = JSON.parse(body);
        }
        catch {
            body = { message: body };
        }
    }
    return { ...body, code: Number(err.code) };
}
/** Runs one API request as `req`: a refusal users hit becomes its one line; any other error names the request. */
async function ask(cluster, req, ms, request) {
    try {
        return await bounded(`kubernetes API at ${cluster.server} (${req.verb} ${req.resource})`, ms, request());
    }
    catch (err) {
        const status = apiStatus(err);
        if (!status)
            throw err instanceof errors/* UserError */.yo
                ? err
                : new errors/* UserError */.yo(`kubernetes API at ${cluster.server}: ${req.verb} ${req.resource}: ${describe(err)}`);
        const line = explainRefusal(status, req, cluster.who);
        throw Object.assign(new errors/* UserError */.yo(line ?? `kubernetes API: ${req.verb} ${req.resource} in namespace "${req.namespace}": ${status.message ?? `HTTP ${status.code}`}`), {
            status,
        });
    }
}
function isNotFound(err) {
    return err.status?.code === 404 || apiStatus(err)?.code === 404;
}
/** The API clients for the kubeconfig buildx would use (a stored endpoint's own kubeconfig included). */
async function reach(namespaceOpt, extraKubeconfig = '') {
    const source = kubeconfigSource(process.env, (0,external_node_os_.homedir)(), external_node_fs_.existsSync, extraKubeconfig);
    if (source.kind === 'none')
        throw new errors/* UserError */.yo(`the kubernetes driver needs a kubeconfig: none at ${source.looked.join(', ')}, and this runner is not a pod with a service account; set KUBECONFIG`);
    const k8s = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(204), __webpack_require__.e(543)]).then(__webpack_require__.bind(__webpack_require__, 5543));
    const kc = new k8s.KubeConfig();
    let namespace = namespaceOpt;
    let kubectl;
    if (source.kind === 'in-cluster') {
        kc.loadFromCluster();
        namespace ??= (0,external_node_fs_.readFileSync)(`${SERVICE_ACCOUNT_DIR}/namespace`, 'utf8').trim();
        kubectl = 'kubectl';
    }
    else {
        kc.loadFromFile(source.paths[0]);
        // client-go merges the listed files, the first one's values winning.
        for (const path of source.paths.slice(1)) {
            const more = new k8s.KubeConfig();
            more.loadFromFile(path);
            try {
                kc.mergeConfig(more, true);
            }
            catch {
                // A name defined twice: the first file's stands, as in client-go.
            }
        }
        namespace ??= kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
        kubectl = `kubectl --kubeconfig ${source.paths.join(':')}`;
    }
    const server = kc.getCurrentCluster()?.server ?? 'unknown';
    const user = kc.getCurrentUser()?.name;
    return {
        k8s,
        kc,
        apps: kc.makeApiClient(k8s.AppsV1Api),
        core: kc.makeApiClient(k8s.CoreV1Api),
        namespace,
        who: source.kind === 'in-cluster' ? "the pod's service account" : `kubeconfig user "${user}"`,
        server,
        kubectl,
    };
}
/** The verbs the node needs, asked before anything is created: the first one refused is the error. */
async function checkAccess(cluster, workload, configMaps, ms) {
    const { namespace } = cluster;
    const plural = workload.kind === 'Deployment' ? 'deployments' : 'statefulsets';
    const needs = [
        { verb: 'get', group: 'apps', resource: plural },
        { verb: 'create', group: 'apps', resource: plural },
        { verb: 'delete', group: 'apps', resource: plural },
        { verb: 'list', group: '', resource: 'pods' },
        { verb: 'create', group: '', resource: 'pods', subresource: 'exec' },
        ...(configMaps ? ['create', 'delete'].map((verb) => ({ verb, group: '', resource: 'configmaps' })) : []),
    ];
    const authz = cluster.kc.makeApiClient(cluster.k8s.AuthorizationV1Api);
    const answers = await Promise.all(needs.map(async (need) => {
        const resource = `${need.resource}${need.subresource ? `/${need.subresource}` : ''}${need.group ? `.${need.group}` : ''}`;
        const review = await ask(cluster, { verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io', namespace }, ms, () => authz.createSelfSubjectAccessReview({
            body: {
                spec: {
                    resourceAttributes: { namespace, verb: need.verb, group: need.group, resource: need.resource, subresource: need.subresource },
                },
            },
        }));
        return { resource, verb: need.verb, allowed: review.status?.allowed === true, reason: review.status?.reason };
    }));
    const refused = answers.find((a) => !a.allowed);
    if (refused)
        throw new errors/* UserError */.yo(explainRefusal({ code: 403, message: refused.reason || `${cluster.who} cannot ${refused.verb} ${refused.resource}` }, { ...refused, namespace }, cluster.who));
}
/** Creates the ConfigMaps, then the workload, each recorded as soon as it exists. */
async function create(cluster, manifest, ctx, ms) {
    const { namespace } = cluster;
    for (const cm of manifest.configMaps) {
        ctx.signal.throwIfAborted();
        await ask(cluster, { verb: 'create', resource: 'configmaps', namespace }, ms, () => cluster.core.createNamespacedConfigMap({ namespace, body: cm }));
        ctx.record({ kind: 'configmap', name: `${namespace}/${cm.metadata.name}` });
    }
    ctx.signal.throwIfAborted();
    const { workload } = manifest;
    if (workload.kind === 'Deployment')
        await ask(cluster, { verb: 'create', resource: 'deployments.apps', namespace }, ms, () => cluster.apps.createNamespacedDeployment({ namespace, body: workload }));
    else
        await ask(cluster, { verb: 'create', resource: 'statefulsets.apps', namespace }, ms, () => cluster.apps.createNamespacedStatefulSet({ namespace, body: workload }));
    ctx.record({ kind: workload.kind.toLowerCase(), name: `${namespace}/${workload.metadata.name}` });
}
function readyReplicas(cluster, workload, ms) {
    const { namespace } = cluster;
    const name = workload.metadata.name;
    const read = workload.kind === 'Deployment'
        ? () => cluster.apps.readNamespacedDeployment({ name, namespace })
        : () => cluster.apps.readNamespacedStatefulSet({ name, namespace });
    return ask(cluster, { verb: 'get', resource: `${workload.kind.toLowerCase()}s.apps`, namespace }, ms, read).then((w) => w.status?.readyReplicas ?? 0);
}
async function podsOf(cluster, workload, ms) {
    const { namespace } = cluster;
    const labelSelector = Object.entries(workload.spec.selector.matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
    const list = await ask(cluster, { verb: 'list', resource: 'pods', namespace }, ms, () => cluster.core.listNamespacedPod({ namespace, labelSelector }));
    return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}
/** Why the replicas are not ready, from the pods and the namespace's events (events may be unreadable: then the pods alone). */
async function whyNotReady(cluster, workload, ready, ms) {
    const pods = await podsOf(cluster, workload, ms).catch(() => []);
    const events = await cluster.core
        .listNamespacedEvent({ namespace: cluster.namespace })
        .then((l) => l.items)
        .catch(() => []);
    return notReadyReason(workload.kind, workload.metadata.name, workload.spec.replicas, ready, pods, events);
}
/** A reason the pods will never get past, or undefined. */
function hopeless(pods) {
    return pods.some((p) => [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].some((c) => HOPELESS.has(c.state?.waiting?.reason ?? '')));
}
/** Runs a command in the pod's BuildKit container through pods/exec; its stdout, or an error with its stderr. */
async function execIn(cluster, pod, command, ms) {
    const out = [];
    const err = [];
    const sink = (to) => new external_node_stream_.Writable({
        write(chunk, _enc, done) {
            to.push(chunk);
            done();
        },
    });
    const exec = new cluster.k8s.Exec(cluster.kc);
    // The status arrives before the last output: the exec is over when its socket closes.
    let result;
    const done = new Promise((resolve, reject) => {
        exec
            .exec(cluster.namespace, pod, 'buildkitd', command, sink(out), sink(err), null, false, (status) => (result = status))
            .then((ws) => {
            ws.on('close', () => resolve(result));
            ws.on('error', (e) => reject(new Error(describe(e))));
        })
            .catch((e) => reject(apiStatus(e) ? e : new Error(describe(e))));
    });
    const status = await bounded(`kubernetes: exec in pod ${pod}`, ms, done).catch((e) => {
        const s = apiStatus(e);
        throw s
            ? new errors/* UserError */.yo(explainRefusal(s, { verb: 'create', resource: 'pods/exec', namespace: cluster.namespace }, cluster.who) ?? s.message ?? String(e))
            : e;
    });
    if (status && status.status !== 'Success')
        throw new Error(Buffer.concat(err).toString().trim() || status.message || 'exec failed');
    return Buffer.concat(out).toString();
}
function workersStatus(json) {
    const workers = JSON.parse(json);
    const labels = workers[0]?.labels ?? {};
    return {
        platforms: [...new Set(workers.flatMap((w) => w.platforms ?? []).map(platforms/* formatPlatform */.Bq))],
        snapshotter: labels['org.mobyproject.buildkit.worker.snapshotter'] ?? 'unknown',
        buildkitVersion: workers[0]?.buildkitVersion?.version ?? 'unknown',
        labels,
        gcPolicy: workers[0]?.gcPolicy ?? [],
    };
}
/** The replicas ready, then BuildKit answering in one of the pods: its status. */
async function waitReady(cluster, workload, timeoutMs, ctx, requestMs) {
    const deadline = Date.now() + timeoutMs;
    const want = workload.spec.replicas;
    let ready;
    let lastProbe = '';
    ctx.progress.note(`waiting for ${want} pods to be ready, timeout: ${timeoutMs / 1000} s`);
    for (let polls = 1;; polls++) {
        ctx.signal.throwIfAborted();
        ready = await readyReplicas(cluster, workload, requestMs);
        if (ready >= want) {
            const pods = (await podsOf(cluster, workload, requestMs)).filter((p) => p.status?.phase === 'Running');
            if (pods.length > 0) {
                try {
                    return workersStatus(await execIn(cluster, pods[0].metadata.name, ['buildctl', 'debug', 'workers', '--format', '{{json .}}'], requestMs));
                }
                catch (err) {
                    lastProbe = describe(err);
                }
            }
        }
        else if (polls % 8 === 0 && hopeless(await podsOf(cluster, workload, requestMs)))
            break;
        if (Date.now() > deadline)
            break;
        await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const why = ready >= want ? `BuildKit did not answer through pods/exec (${lastProbe})` : await whyNotReady(cluster, workload, ready, requestMs);
    throw new errors/* UserError */.yo(`kubernetes node not ready within ${timeoutMs / 1000} s: ${why}`);
}
async function connectNode(plan, owner, bound) {
    const opts = optsOf(plan);
    const cluster = await reach(opts.namespace);
    const name = deploymentName(plan.names.node);
    const manifest = buildManifest({
        name,
        namespace: cluster.namespace,
        opts,
        flags: plan.flags,
        files: plan.files,
        platforms: plan.platforms,
        owner: (0,node_owner/* ownerLabels */.H0)(owner),
    });
    const { workload } = manifest;
    await bounded(`kubernetes API at ${cluster.server}`, bound.connectMs, cluster.kc.makeApiClient(cluster.k8s.VersionApi).getCode()).catch((err) => {
        throw new errors/* UserError */.yo(`kubernetes API at ${cluster.server} did not answer: ${describe(err)}`);
    });
    await checkAccess(cluster, workload, manifest.configMaps.length > 0, bound.requestMs);
    // A workload of this name already there is not ours to replace (buildx would reuse it, whatever it runs).
    const existing = await readyReplicas(cluster, workload, bound.requestMs).then(() => true, (err) => {
        if (isNotFound(err))
            return false;
        throw err;
    });
    if (existing)
        throw new errors/* UserError */.yo(`${workload.kind} ${name} already exists in namespace "${cluster.namespace}" (another builder, or one a cancelled run left): ` +
            `remove it (${cluster.kubectl} -n ${cluster.namespace} delete ${workload.kind.toLowerCase()} ${name}) or choose another builder name`);
    const record = {
        name: plan.names.node,
        driver: 'kubernetes',
        endpoint: kubernetesEndpoint(plan.names.builder, plan.names.node, process.env.KUBECONFIG ?? ''),
        host: cluster.server,
        run: owner,
        created: [],
    };
    const setUp = async (ctx) => {
        // The summary's timeline: the objects' creation, then the wait for ready replicas and BuildKit's answer.
        await ctx.phases.time(`${workload.kind} create`, () => create(cluster, manifest, ctx, bound.requestMs));
        const timeoutMs = 'timeout' in plan.opts.given ? opts.timeoutMs : plan.bootTimeoutMs;
        return ctx.phases.time('readiness', () => waitReady(cluster, workload, timeoutMs, ctx, bound.requestMs));
    };
    return { record, setUp };
}
/** `namespace/name` of a recorded resource. */
function split(name) {
    const i = name.indexOf('/');
    return { namespace: name.slice(0, i), name: name.slice(i + 1) };
}
async function tearDown(record, ctx) {
    const report = { name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] };
    if (record.created.length === 0)
        return report;
    const namespaces = [...new Set(record.created.map((r) => split(r.name).namespace))];
    const selector = `${node_owner/* RUN_LABEL */.jQ}=${record.run.run}`;
    let finish = `kubectl -n ${namespaces[0]} delete deployments,statefulsets,configmaps -l ${selector}`;
    try {
        const cluster = await reach(namespaces[0], endpointKubeconfig(record.endpoint));
        finish = `${cluster.kubectl} -n ${namespaces[0]} delete deployments,statefulsets,configmaps -l ${selector}`;
        const ms = ctx.timeoutMs;
        const gone = (err) => {
            if (!isNotFound(err))
                throw err;
        };
        const byName = record.created.map(async (r) => {
            const { namespace, name } = split(r.name);
            const req = { verb: 'delete', resource: r.kind === 'configmap' ? 'configmaps' : `${r.kind}s.apps`, namespace };
            // Background: the API deletes the pods after answering; post does not wait for them.
            const propagationPolicy = 'Background';
            const del = r.kind === 'configmap'
                ? () => cluster.core.deleteNamespacedConfigMap({ name, namespace })
                : r.kind === 'deployment'
                    ? () => cluster.apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy })
                    : () => cluster.apps.deleteNamespacedStatefulSet({ name, namespace, propagationPolicy });
            await ask(cluster, req, ms, del).catch(gone);
            report.removed.push(`${r.kind} ${name}`);
        });
        // What a creation in flight made before it was recorded carries the run's label.
        const byLabel = namespaces.map(async (namespace) => {
            await Promise.all([
                ask(cluster, { verb: 'delete', resource: 'deployments.apps', namespace }, ms, () => cluster.apps.deleteCollectionNamespacedDeployment({ namespace, labelSelector: selector, propagationPolicy: 'Background' })),
                ask(cluster, { verb: 'delete', resource: 'configmaps', namespace }, ms, () => cluster.core.deleteCollectionNamespacedConfigMap({ namespace, labelSelector: selector })),
            ]).catch(() => undefined);
        });
        const results = await Promise.allSettled([...byName, ...byLabel]);
        for (const r of results)
            if (r.status === 'rejected')
                report.problems.push(`${(0,errors/* errorLine */.BP)(r.reason)}; finish with: ${finish}`);
    }
    catch (err) {
        report.unreachable = `${describe(err)}; finish with: ${finish}`;
    }
    return report;
}
function storeEntry(plan) {
    return {
        name: plan.names.node,
        endpoint: kubernetesEndpoint(plan.names.builder, plan.names.node, process.env.KUBECONFIG ?? ''),
        platforms: plan.platforms,
        driverOpts: plan.opts.given,
        flags: plan.flags,
        files: plan.files,
    };
}
const kubernetes = { name: 'kubernetes', connect: connectNode, storeEntry, tearDown };


/***/ }),

/***/ 1535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H0: () => (/* binding */ ownerLabels),
/* harmony export */   jQ: () => (/* binding */ RUN_LABEL),
/* harmony export */   pM: () => (/* binding */ JOB_LABEL),
/* harmony export */   pk: () => (/* binding */ OWNER_LABEL)
/* harmony export */ });
/**
 * Who made a resource: the labels every container, volume or cluster object of this run carries, so
 * it is found and removed by label, and never one another run made.
 */
/** Marks what this action created (value: the builder's name), so it never removes what is not its own. */
const OWNER_LABEL = 'com.github.setup-buildkit.builder';
/** The run that created a resource (see RunOwner.run): removal touches only this run's resources. */
const RUN_LABEL = 'com.github.setup-buildkit.run';
/** For people reading `docker ps`: the workflow job that created it (GITHUB_JOB). */
const JOB_LABEL = 'com.github.setup-buildkit.job';
/** The labels every resource this run creates carries, on every engine and driver. */
function ownerLabels(owner) {
    return { [OWNER_LABEL]: owner.builder, [RUN_LABEL]: owner.run, ...(owner.job ? { [JOB_LABEL]: owner.job } : {}) };
}


/***/ }),

/***/ 4956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   FL: () => (/* binding */ parsePlatform),
/* harmony export */   Mi: () => (/* binding */ platformPair),
/* harmony export */   jm: () => (/* binding */ ACCEPTED_PLATFORMS)
/* harmony export */ });
const KNOWN_OS = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'illumos', 'solaris'];
const KNOWN_ARCHITECTURES = [
    'amd64',
    '386',
    'arm64',
    'arm',
    'ppc64le',
    'ppc64',
    's390x',
    'riscv64',
    'mips64le',
    'mips64',
    'mipsle',
    'mips',
    'loong64',
];
/** containerd's architecture aliases, with the variant they imply. */
const ARCH_ALIASES = {
    x86_64: ['amd64'],
    'x86-64': ['amd64'],
    aarch64: ['arm64'],
    i386: ['386'],
    i686: ['386'],
    armhf: ['arm', 'v7'],
    armel: ['arm', 'v6'],
};
const VARIANTS = {
    arm: ['v5', 'v6', 'v7', 'v8'],
    arm64: ['v8', 'v8.0', 'v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v9', 'v9.0', 'v9.1', 'v9.2'],
    amd64: ['v1', 'v2', 'v3', 'v4'],
};
const ACCEPTED_PLATFORMS = 'os/arch[/variant] or arch, with os one of ' + KNOWN_OS.join(', ') + ' and arch one of ' + KNOWN_ARCHITECTURES.join(', ');
/** The normalised platform, or undefined when the text names no known os/architecture. */
function parsePlatform(text) {
    const parts = text.trim().toLowerCase().split('/');
    if (parts.length > 3 || parts.some((p) => p === ''))
        return undefined;
    const [os, parsedArch, parsedVariant] = parts.length === 1 ? ['linux', parts[0]] : parts;
    if (!os || !parsedArch)
        return undefined;
    let arch = parsedArch;
    let variant = parsedVariant;
    const alias = ARCH_ALIASES[arch];
    if (alias)
        [arch, variant] = [alias[0], variant ?? alias[1]];
    if (!KNOWN_OS.includes(os) || !KNOWN_ARCHITECTURES.includes(arch))
        return undefined;
    if (variant !== undefined && !(VARIANTS[arch] ?? []).includes(variant))
        return undefined;
    // containerd: arm defaults to v7; arm64/v8 and amd64/v1 are the plain architectures.
    if (arch === 'arm' && variant === undefined)
        variant = 'v7';
    if ((arch === 'arm64' && variant === 'v8') || (arch === 'amd64' && variant === 'v1'))
        variant = undefined;
    return variant ? { os, architecture: arch, variant } : { os, architecture: arch };
}
function formatPlatform(p) {
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/**
 * A name for a set of platforms that fits where a slash does not (artifact names, cache scopes,
 * tags): "linux/arm/v7" is "linux-arm-v7", several are joined by "_".
 */
function platformPair(platforms) {
    return platforms.map((p) => p.replaceAll('/', '-')).join('_');
}


/***/ })

};

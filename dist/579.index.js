export const id = 579;
export const ids = [579,670];
export const modules = {

/***/ 4514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   imageCacheKeys: () => (/* binding */ imageCacheKeys),
/* harmony export */   restoreImage: () => (/* binding */ restoreImage),
/* harmony export */   saveImages: () => (/* binding */ saveImages)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _engine_connect_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1941);
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3620);
/* harmony import */ var _engine_endpoint_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(605);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(17);
/* harmony import */ var _util_units_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6127);
/* harmony import */ var _service_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4647);
/**
 * cache-image: the BuildKit image and the QEMU installer image kept in the Actions cache, as
 * setup-qemu-action's `cache-image` keeps its image, for runners that pull from a rate-limited or
 * flaky registry. main: an image that is not on the engine is loaded from the cache before the pull,
 * so a pull that fails (Docker Hub's rate limits, an outage) falls back to that copy as to any local
 * image, while a pull that works still brings a moved tag up to date. post: an image whose ID is not
 * the one restored is saved (`docker save`, through the engine API) under a key that carries the ID,
 * so an unchanged image is uploaded once. Cache problems are warnings: @actions/cache's own, one or
 * two per refused request, are held back (heldBack) and said in one warning of ours per image in
 * main, and one for all the images in post, which stops at the first refusal.
 */










/** Every key of the image starts with the prefix; the full key adds the image ID. */
function imageCacheKeys(ref, arch, imageId = '') {
    const prefix = `setup-buildkit-image-${arch}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(ref).digest('hex').slice(0, 16)}-`;
    return { prefix, key: `${prefix}${imageId.replace(/^sha256:/, '').slice(0, 16)}` };
}
function paths(image) {
    const shared = (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .sharedPath */ .nk)('image', `${imageCacheKeys(image.ref, image.arch).prefix}image.tar`);
    return { shared, own: `${shared}.${process.pid}` };
}
/** Loads the newest cached copy of an image the engine does not have. Never throws. */
async function restoreImage(docker, image, host) {
    const { shared, own } = paths(image);
    try {
        if (await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_5__/* .imageExists */ .US)(docker, image.ref))
            return image;
        if (!(await (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .cacheAvailable */ .g7)())) {
            host.warning(`cache-image: no cache service: ${image.ref} is pulled without a cached copy to fall back on`);
            return image;
        }
        const started = Date.now();
        const { prefix } = imageCacheKeys(image.ref, image.arch);
        // A refused lookup is a miss to @actions/cache, with its own warnings: held back, said below.
        const problems = [];
        const matched = await (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .heldBack */ .Zg)(problems, () => (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .restoreFile */ .VX)(shared, own, prefix, [prefix]));
        if (!matched && problems.length > 0) {
            host.warning(`cache-image: the cache service refused the lookup of ${image.ref} (${problems[0]}): it is pulled without a cached copy to fall back on`);
            return image;
        }
        if (!matched) {
            host.info(`cache-image: no cached copy of ${image.ref} yet`);
            return image;
        }
        const bytes = node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync(own).size;
        await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_5__/* .loadImage */ .yt)(docker, node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream(own));
        host.info(`cache-image: loaded ${image.ref} from the cache (${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_8__/* .megabytes */ .ix)(bytes)} MB, ${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_8__/* .secondsSince */ .wv)(started)} s)`);
        return { ...image, restoredKey: matched };
    }
    catch (err) {
        host.warning(`cache-image: ${image.ref} could not be loaded from the cache: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorLine */ .BP)(err)}`);
        return image;
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(own, { force: true });
    }
}
/**
 * Saves the image when it is not the copy that was restored and not cached yet. Never throws: returns
 * what went wrong (a warning's text), and whether the cache service refused a request (the caller
 * asks it no more in this step).
 */
async function saveImage(docker, image, host) {
    const { shared, own } = paths(image);
    // @actions/cache's warnings about refused requests, held back: the caller's one warning says them.
    const problems = [];
    const refusal = () => (problems.length > 0 ? { problem: `${image.ref} was not saved: ${problems[0]}`, refused: true } : undefined);
    try {
        const { Id } = await docker.getImage(image.ref).inspect();
        const { key } = imageCacheKeys(image.ref, image.arch, Id);
        if (key === image.restoredKey) {
            host.info(`cache-image: ${image.ref} is cached already (${key})`);
            return {};
        }
        const cached = await (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .heldBack */ .Zg)(problems, () => (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .cacheHas */ .fw)(shared, key));
        // A refused lookup is no answer: the image is not archived for a service that refuses.
        if (!cached && problems.length > 0)
            return refusal();
        if (cached) {
            host.info(`cache-image: ${image.ref} is cached already (${key})`);
            return {};
        }
        const started = Date.now();
        node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(own), { recursive: true });
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((await docker.getImage(image.ref).get()), node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream(own));
        const bytes = node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync(own).size;
        try {
            await (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .heldBack */ .Zg)(problems, () => (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .saveFile */ .OJ)(shared, own, key));
        }
        catch (err) {
            // The jobs of a matrix save the same image at the same time: one of them gets the key.
            if (!(await (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .heldBack */ .Zg)([], () => (0,_service_js__WEBPACK_IMPORTED_MODULE_9__/* .cacheHas */ .fw)(shared, key))))
                return { problem: `${image.ref} was not saved: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorLine */ .BP)(err)}`, refused: problems.length > 0 };
            host.info(`cache-image: ${image.ref} was saved by another job meanwhile (${key})`);
            return {};
        }
        host.info(`cache-image: saved ${image.ref} under ${key} (${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_8__/* .megabytes */ .ix)(bytes)} MB, ${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_8__/* .secondsSince */ .wv)(started)} s)`);
        return {};
    }
    catch (err) {
        return refusal() ?? { problem: `${image.ref} was not saved: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorLine */ .BP)(err)}` };
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(own, { force: true });
    }
}
/**
 * post, cache-image: after the builder, whether or not it was removed, on node 0's engine (`endpoint`
 * as stored); problems are one warning. After the cache service refused a request, the images left
 * are not tried: each would be refused too, and a rate limit only lasts longer for more requests.
 */
async function saveImages(images, endpoint, host) {
    let docker;
    try {
        ({ docker } = await (0,_engine_connect_js__WEBPACK_IMPORTED_MODULE_4__/* .connect */ .Ng)((0,_engine_endpoint_js__WEBPACK_IMPORTED_MODULE_6__/* .storedAddress */ ._D)(endpoint)));
    }
    catch (err) {
        host.warning(`cache-image: no image was saved: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorLine */ .BP)(err)}`);
        return;
    }
    const problems = [];
    for (const [i, image] of images.entries()) {
        const { problem, refused } = await saveImage(docker, image, host);
        if (problem)
            problems.push(problem);
        if (refused) {
            const left = images.slice(i + 1).map((im) => im.ref);
            if (left.length > 0)
                problems.push(`${left.join(', ')} not tried (the cache service refused)`);
            break;
        }
    }
    if (problems.length > 0)
        host.warning(`cache-image: ${problems.join('; ')}`);
}


/***/ }),

/***/ 8670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restoreBuilderAlias: () => (/* binding */ restoreBuilderAlias),
/* harmony export */   setBuilderAlias: () => (/* binding */ setBuilderAlias),
/* harmony export */   undoAlias: () => (/* binding */ undoAlias)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _engine_credentials_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3656);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);
/**
 * `install: true`: what `docker buildx install` does, the docker CLI's `builder` alias set to buildx
 * in its config.json, so that `docker build` runs `docker buildx build` on the current builder; the
 * post step puts back what was there (`docker buildx uninstall`). The rest of config.json is kept.
 */




function readConfig(file) {
    let text;
    try {
        text = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return {};
        throw err;
    }
    return text.trim() === '' ? {} : JSON.parse(text);
}
/** As the docker CLI writes it: mode 0600, through a temporary file and a rename. */
function writeConfig(file, config) {
    node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(tmp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
    node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync(tmp, file);
}
function setBuilderAlias(env = process.env) {
    const configFile = node_path__WEBPACK_IMPORTED_MODULE_1__.join((0,_engine_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .dockerConfigDir */ .kG)(env), 'config.json');
    let config;
    try {
        config = readConfig(configFile);
    }
    catch (err) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`install: the docker CLI config ${configFile} cannot be read: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err)}`);
    }
    const previous = config.aliases?.builder ?? null;
    if (previous !== 'buildx')
        writeConfig(configFile, { ...config, aliases: { ...config.aliases, builder: 'buildx' } });
    return { configFile, previous };
}
/** Puts the alias back as it was, unless someone changed it since. Returns what it did, for the log. */
function restoreBuilderAlias(alias) {
    const config = readConfig(alias.configFile);
    if (alias.previous === 'buildx' || config.aliases?.builder !== 'buildx')
        return 'docker build is left as it is';
    const aliases = { ...config.aliases };
    if (alias.previous === null)
        delete aliases.builder;
    else
        aliases.builder = alias.previous;
    const next = { ...config, aliases };
    // As the docker CLI saves it: no empty "aliases" object.
    if (Object.keys(aliases).length === 0)
        delete next.aliases;
    writeConfig(alias.configFile, next);
    return alias.previous === null ? 'docker build is the docker CLI builder again' : `docker build uses ${alias.previous} again`;
}
/** post, install: the docker CLI's builder alias as it was before main; problems are warnings. Returns post's summary line. */
function undoAlias(alias, host) {
    try {
        const done = restoreBuilderAlias(alias);
        host.info(`install: ${done}`);
        return done;
    }
    catch (err) {
        host.warning(`install: the builder alias in ${alias.configFile} was not undone: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err)}`);
        return `builder alias not undone: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err)}`;
    }
}


/***/ }),

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

/***/ 1579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/actions-cache/image-cache.ts
var image_cache = __webpack_require__(4514);
// EXTERNAL MODULE: ./src/buildx/builder-alias.ts
var builder_alias = __webpack_require__(8670);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 2 modules
var exec = __webpack_require__(5260);
// EXTERNAL MODULE: ./src/engine/credentials.ts
var credentials = __webpack_require__(3656);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
;// CONCATENATED MODULE: ./src/buildx/buildx-plan.ts
/**
 * Which buildx the job gets, decided from the runner's files before anything is created: the one
 * already there (the docker CLI plugin, or a standalone `buildx` on PATH where there is no docker
 * CLI), else a release installed through buildx-install.ts, `buildx-version` when given, else the
 * release this action pins. As setup-buildx-action does, a runner without the docker CLI gets
 * `buildx` on PATH as a standalone binary, which is where docker/build-push-action looks for it then.
 */






/**
 * The release installed on a runner without buildx when `buildx-version` is empty. A pin, not
 * `latest`: the step then needs no GitHub API call (rate-limited without a token) and gives the same
 * buildx on every run; it moves with this action's releases. The harness builds the same release.
 */
const PINNED_BUILDX = 'v0.38.2';
const PLUGIN_DIRS = [
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
];
/** An executable named `name` in one of PATH's directories, as a shell would find it. */
function onPath(name, env = process.env) {
    for (const dir of (env.PATH ?? '').split(external_node_path_.delimiter)) {
        if (dir === '')
            continue;
        const file = external_node_path_.join(dir, name);
        try {
            external_node_fs_.accessSync(file, external_node_fs_.constants.X_OK);
            if (external_node_fs_.statSync(file).isFile())
                return file;
        }
        catch {
            // Not here.
        }
    }
    return undefined;
}
/** The docker CLI plugin, where the docker CLI looks for it (the user's directory first). */
function findPlugin(env) {
    return [external_node_path_.join((0,credentials/* dockerConfigDir */.kG)(env), 'cli-plugins'), ...PLUGIN_DIRS]
        .map((dir) => external_node_path_.join(dir, 'docker-buildx'))
        .find((file) => external_node_fs_.existsSync(file));
}
/**
 * The plan, and every reason to refuse it, before anything is created. `install` makes `docker build`
 * run buildx through the docker CLI's config: without the docker CLI there is nothing to alias.
 */
function planBuildx(inputs, env = process.env) {
    const dockerCli = onPath('docker', env) !== undefined;
    if (inputs.install && !dockerCli)
        throw new errors/* InputError */.dz('install', 'true', 'false on a runner without the docker CLI (docker is not on PATH): install makes `docker build` run buildx, which needs the docker CLI; buildx is put on PATH as a standalone binary anyway');
    const found = dockerCli ? findPlugin(env) : (onPath('buildx', env) ?? findPlugin(env));
    if (inputs.version)
        return { dockerCli, found, install: inputs.version };
    return found ? { dockerCli, found } : { dockerCli, install: PINNED_BUILDX };
}
/** The buildx release a binary reports in its plugin metadata (standalone binaries answer it too). */
async function versionOf(binary) {
    const out = await exec/* getExecOutput */.H(binary, ['docker-cli-plugin-metadata'], { silent: true, ignoreReturnCode: true });
    try {
        return JSON.parse(out.stdout).Version;
    }
    catch {
        return undefined;
    }
}
/**
 * Puts `binary` on PATH as `buildx` for the later steps: a directory of its own (under RUNNER_TEMP,
 * which the runner empties after the job) holding a hard link to it, or a copy across filesystems.
 */
function installStandalone(binary, addPath, log, env) {
    const dir = external_node_fs_.mkdtempSync(external_node_path_.join(env.RUNNER_TEMP || external_node_os_.tmpdir(), 'setup-buildkit-buildx-'));
    const file = external_node_path_.join(dir, 'buildx');
    try {
        external_node_fs_.linkSync(binary, file);
    }
    catch {
        external_node_fs_.copyFileSync(binary, file);
    }
    external_node_fs_.chmodSync(file, 0o755);
    addPath(dir);
    log(`buildx: no docker CLI on this runner; ${file} is on PATH for the later steps`);
}
/**
 * Carries the plan out: installs (buildx-install.ts, loaded only then) or reads the version of the
 * buildx found. Without the docker CLI the binary goes on PATH as `buildx`, a found plugin as well as
 * an installed release.
 */
function setUpBuildx(plan, inputs, log, addPath, env = process.env) {
    const standalone = (binary) => {
        if (!plan.dockerCli && external_node_path_.basename(binary) !== 'buildx')
            installStandalone(binary, addPath, log, env);
    };
    if (plan.install === undefined) {
        const found = plan.found;
        const version = Promise.resolve().then(async () => {
            standalone(found);
            return versionOf(found).catch(() => undefined);
        });
        return { installed: version.then(() => undefined), version };
    }
    const version = plan.install;
    if (!inputs.version)
        log(`buildx: none on this runner; installing ${version}, the release this action pins`);
    const installed = Promise.all(/* import() */[__webpack_require__.e(805), __webpack_require__.e(811)]).then(__webpack_require__.bind(__webpack_require__, 9192)).then(async (m) => {
        const got = await m.installBuildx({ ...inputs, version }, log, env);
        standalone(got.plugin);
        return got;
    });
    return { installed, version: installed.then((b) => b.tag) };
}

// EXTERNAL MODULE: ./src/buildx/buildx-store.ts
var buildx_store = __webpack_require__(6330);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 9 modules
var sync = __webpack_require__(5175);
// EXTERNAL MODULE: ./src/util/units.ts
var units = __webpack_require__(6127);
// EXTERNAL MODULE: ./src/inputs/kubernetes-opts.ts
var kubernetes_opts = __webpack_require__(128);
;// CONCATENATED MODULE: ./src/inputs/driver-opts.ts
/**
 * The `driver-opts` input: docker-container driver options, validated as buildx's driver factory
 * validates them, but before anything is created, with errors that name the input and the value.
 */




const INPUT = 'driver-opts';
/** Every key buildx's docker-container driver knows, with the buildx release that introduced it. */
const DRIVER_OPT_SINCE = {
    image: '0.3.0',
    network: '0.3.0',
    'cgroup-parent': '0.7.0',
    memory: '0.12.0',
    'memory-swap': '0.12.0',
    'cpu-quota': '0.12.0',
    'cpu-period': '0.12.0',
    'cpu-shares': '0.12.0',
    'cpuset-cpus': '0.12.0',
    'cpuset-mems': '0.12.0',
    'restart-policy': '0.13.0',
    'default-load': '0.14.0',
    'provenance-add-gha': '0.30.0',
    'allow-untrusted-image': '0.36.0',
    'env.': '0.4.0',
};
const ACCEPTED_KEYS = Object.keys(DRIVER_OPT_SINCE)
    .map((k) => (k === 'env.' ? 'env.<KEY>' : k))
    .join(', ');
/**
 * The error for a bad option. `env.*` values are often secrets and are not masked yet when the input
 * is parsed, so the quoted value never shows them.
 */
function optError(value, accepted) {
    return new errors/* InputError */.dz(INPUT, value.replace(/(env\.[^=,"\s]*=)[^,"\n]*/g, '$1***'), accepted);
}
const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'];
const CPUSET = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
/** What csv-parse's error means for a driver-opts line, in the words of the other errors here. */
function csvProblem(err) {
    const quoteWhole = 'quote the whole field, as in "env.X=a,b"';
    switch (err.code) {
        case 'CSV_QUOTE_NOT_CLOSED':
            return `a quoted field is not closed; ${quoteWhole}`;
        case 'CSV_INVALID_CLOSING_QUOTE':
        case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
            return `text after a closing quote; ${quoteWhole}`;
        case 'CSV_INVALID_OPENING_QUOTE':
            return `a quote inside an unquoted field; ${quoteWhole}`;
        default:
            return `not CSV as buildx reads it; ${quoteWhole}`;
    }
}
/**
 * Splits the input into `key=value` fields: one or more per line, comma-separated as buildx's CSV
 * reader does (csv-parse, RFC 4180 as Go's encoding/csv): a field wrapped in double quotes may hold
 * commas and `""` is a literal quote. Spaces around a field are dropped, as are empty fields.
 */
function splitDriverOpts(text) {
    const fields = [];
    for (const line of text.split(/\r?\n/)) {
        if (line.trim() === '')
            continue;
        let records;
        try {
            records = (0,sync/* parse */.qg)(line, { trim: true, relax_column_count: true });
        }
        catch (err) {
            throw optError(line, csvProblem(err));
        }
        for (const field of records.flat())
            if (field !== '')
                fields.push(field);
    }
    return fields;
}
function integer(key, value) {
    if (!/^[+-]?\d+$/.test(value))
        throw optError(`${key}=${value}`, `${key} must be an integer`);
    return exact(key, value, Number(value));
}
function bytes(key, value) {
    const n = (0,units/* ramInBytes */.h$)(value);
    if (n === undefined)
        throw optError(`${key}=${value}`, `${key} must be a size such as 512m, 4g or 1073741824 (units b, k, m, g, t, p)`);
    return exact(key, value, n);
}
/** A number the engine gets exactly: JSON numbers beyond 2^53 are rounded, beyond int64 refused. */
function exact(key, value, n) {
    if (!Number.isSafeInteger(n))
        throw optError(`${key}=${value}`, `${key} is too large (at most ${Number.MAX_SAFE_INTEGER})`);
    return n;
}
function bool(key, value) {
    const parsed = (0,units/* goBool */.B7)(value);
    if (parsed === undefined)
        throw optError(`${key}=${value}`, `${key} must be true or false`);
    return parsed;
}
function restartPolicy(value) {
    if (value === '')
        return { Name: '', MaximumRetryCount: 0 };
    const [name, count, ...rest] = value.split(':');
    const accepted = `restart-policy must be one of ${RESTART_POLICIES.join(', ')}, with an optional :<max retries> for on-failure`;
    if (rest.length > 0 || !RESTART_POLICIES.includes(name))
        throw optError(`restart-policy=${value}`, accepted);
    if (count === undefined)
        return { Name: name, MaximumRetryCount: 0 };
    if (name !== 'on-failure' || !/^\d+$/.test(count))
        throw optError(`restart-policy=${value}`, accepted);
    return { Name: name, MaximumRetryCount: Number(count) };
}
function cpuset(key, value) {
    if (!CPUSET.test(value))
        throw optError(`${key}=${value}`, `${key} must be a list of CPU or memory-node numbers and ranges such as 0-3 or 0,2`);
    return value;
}
/** The options of a node of `driver`; docker-container's unless said. */
function parseDriverOpts(text, driver = 'docker-container') {
    if (driver === 'kubernetes')
        return kubernetesDriverOpts(text);
    const opts = { env: {}, given: {} };
    for (const field of splitDriverOpts(text)) {
        const eq = field.indexOf('=');
        if (eq <= 0)
            throw optError(field, 'each option must be key=value');
        const key = field.slice(0, eq);
        const value = field.slice(eq + 1);
        if (key.startsWith('env.')) {
            const name = key.slice(4);
            if (name === '' || name.includes('='))
                throw optError(field, 'env options are env.<NAME>=<value> with a non-empty NAME');
            opts.env[name] = value;
            opts.given[key] = value;
            continue;
        }
        switch (key) {
            case 'image':
                if (value === '')
                    throw optError(field, 'image must name an image');
                opts.image = value;
                break;
            case 'network':
                opts.network = value;
                break;
            case 'cgroup-parent':
                opts.cgroupParent = value;
                break;
            case 'memory':
                opts.memory = bytes(key, value);
                break;
            case 'memory-swap':
                opts.memorySwap = value === '-1' ? -1 : bytes(key, value);
                break;
            case 'cpu-quota':
                opts.cpuQuota = integer(key, value);
                break;
            case 'cpu-period':
                opts.cpuPeriod = integer(key, value);
                break;
            case 'cpu-shares':
                opts.cpuShares = integer(key, value);
                break;
            case 'cpuset-cpus':
                opts.cpusetCpus = cpuset(key, value);
                break;
            case 'cpuset-mems':
                opts.cpusetMems = cpuset(key, value);
                break;
            case 'restart-policy':
                opts.restartPolicy = restartPolicy(value);
                break;
            case 'default-load':
                opts.defaultLoad = bool(key, value);
                break;
            case 'provenance-add-gha':
                opts.provenanceAddGha = bool(key, value);
                break;
            case 'allow-untrusted-image':
                opts.allowUntrustedImage = bool(key, value);
                break;
            default:
                throw optError(field, `unknown option "${key}"; the docker-container driver accepts ${ACCEPTED_KEYS}`);
        }
        opts.given[key] = value;
    }
    return opts;
}
function kubernetesDriverOpts(text) {
    const given = {};
    for (const field of splitDriverOpts(text)) {
        const eq = field.indexOf('=');
        if (eq <= 0)
            throw optError(field, 'each option must be key=value');
        given[field.slice(0, eq)] = field.slice(eq + 1);
    }
    const kubernetes = (0,kubernetes_opts/* parseKubernetesOpts */.i7)(given);
    return { image: kubernetes.image, defaultLoad: kubernetes.defaultLoad, env: kubernetes.env, given, kubernetes };
}

;// CONCATENATED MODULE: ./src/buildx/store-options.ts
/**
 * What an installed buildx release can load from its store: buildx rejects a whole builder whose entry
 * holds a driver-opt it does not know, so the entry main writes leaves out the ones newer than it.
 */


/** The node as the store holds it for the installed buildx (see optsForBuildx). */
function nodeEntry(node, buildxVersion) {
    return { ...node, driverOpts: optsForBuildx(node.driverOpts, buildxVersion) };
}
/** Whether a buildx release is `minimum` or newer; a pre-release counts as its release (an rc knows its options). */
function versionAtLeast(version, minimum) {
    const v = semver_default().coerce(version);
    // An unversioned build (v0.0.0+unknown, a source build) is taken to be current.
    if (!v || v.version === '0.0.0')
        return true;
    return semver_default().gte(v, minimum);
}
/**
 * The driver-opts an installed buildx can load: buildx rejects a whole builder whose entry holds an
 * option it does not know, so options newer than it are left out of the entry (the container still
 * has them). Without buildx, everything is written for whichever buildx comes later.
 */
function optsForBuildx(given, buildxVersion) {
    if (!buildxVersion)
        return given;
    return Object.fromEntries(Object.entries(given).filter(([k]) => versionAtLeast(buildxVersion, DRIVER_OPT_SINCE[k.startsWith('env.') ? 'env.' : k] ?? '0.0.0')));
}

// EXTERNAL MODULE: ./src/engine/docker-context.ts
var docker_context = __webpack_require__(9610);
// EXTERNAL MODULE: ./src/engine/endpoint.ts
var engine_endpoint = __webpack_require__(605);
// EXTERNAL MODULE: ./src/inputs/names.ts
var inputs_names = __webpack_require__(5585);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/util/platforms.ts
var util_platforms = __webpack_require__(4956);
// EXTERNAL MODULE: ./node_modules/@iarna/toml/toml.js
var toml = __webpack_require__(4572);
;// CONCATENATED MODULE: ./src/inputs/toml-keys.ts
/**
 * Every key a TOML document names, at every depth (table headers, dotted keys, inline tables, arrays
 * of inline tables), decoded as the parser will decode it, read without building anything: a
 * skimming pass over TOML 1.0's grammar that only separates keys from comments, strings and other
 * values. It lets the config guard look at keys before @iarna/toml builds objects from them (see
 * buildkitd-config.ts), and leave comments and values alone. Where the text stops being TOML this
 * pass can follow, `unreadFrom` says where: the keys before it are all there; the parser refuses the
 * text there or earlier, and the caller is cautious about the rest.
 */
class Unreadable extends Error {
}
const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
function tomlKeys(text) {
    const skimmer = new Skimmer(text);
    try {
        skimmer.document();
        return { keys: skimmer.keys };
    }
    catch (err) {
        if (err instanceof Unreadable)
            return { keys: skimmer.keys, unreadFrom: skimmer.lineStart };
        throw err;
    }
}
class Skimmer {
    text;
    i = 0;
    keys = [];
    /** Where the expression being read began: a key in it may not have been recorded yet. */
    lineStart = 0;
    constructor(text) {
        this.text = text;
    }
    document() {
        while (this.i < this.text.length) {
            this.lineStart = this.i;
            this.spaces();
            const c = this.text[this.i];
            if (c === '[') {
                const double = this.text[this.i + 1] === '[';
                this.i += double ? 2 : 1;
                this.key();
                this.expect(double ? ']]' : ']');
            }
            else if (c !== undefined && c !== '#' && c !== '\n' && c !== '\r') {
                this.keyValue();
            }
            this.lineEnd();
        }
    }
    fail() {
        throw new Unreadable();
    }
    spaces() {
        while (this.text[this.i] === ' ' || this.text[this.i] === '\t')
            this.i++;
    }
    /** Spaces, newlines and comments, as between an array's values. */
    blank() {
        for (;;) {
            this.spaces();
            const c = this.text[this.i];
            if (c === '#')
                while (this.i < this.text.length && this.text[this.i] !== '\n')
                    this.i++;
            else if (c === '\n' || c === '\r')
                this.i++;
            else
                return;
        }
    }
    lineEnd() {
        this.spaces();
        if (this.text[this.i] === '#')
            while (this.i < this.text.length && this.text[this.i] !== '\n')
                this.i++;
        if (this.text[this.i] === '\r')
            this.i++;
        if (this.i < this.text.length && this.text[this.i] !== '\n')
            this.fail();
        this.i++;
    }
    expect(token) {
        this.spaces();
        if (!this.text.startsWith(token, this.i))
            this.fail();
        this.i += token.length;
    }
    /** A dotted key; each part is recorded. */
    key() {
        for (;;) {
            this.spaces();
            const at = this.i;
            this.keys.push({ name: this.simpleKey(), at });
            this.spaces();
            if (this.text[this.i] !== '.')
                return;
            this.i++;
        }
    }
    simpleKey() {
        const c = this.text[this.i];
        if (c === '"')
            return this.basicString();
        if (c === "'")
            return this.literalString();
        const start = this.i;
        while (this.i < this.text.length && BARE_KEY.test(this.text[this.i]))
            this.i++;
        if (this.i === start)
            this.fail();
        return this.text.slice(start, this.i);
    }
    keyValue() {
        this.key();
        this.expect('=');
        this.spaces();
        this.value();
    }
    value() {
        const t = this.text;
        if (t.startsWith('"""', this.i))
            this.multiLine('"""');
        else if (t.startsWith("'''", this.i))
            this.multiLine("'''");
        else if (t[this.i] === '"')
            this.basicString();
        else if (t[this.i] === "'")
            this.literalString();
        else if (t[this.i] === '[')
            this.array();
        else if (t[this.i] === '{')
            this.inlineTable();
        else {
            // A number, boolean or date-time (which may hold one space): up to what ends a value.
            const start = this.i;
            while (this.i < t.length && !/[,\]}#\r\n]/.test(t[this.i]))
                this.i++;
            if (t.slice(start, this.i).trim() === '')
                this.fail();
        }
    }
    array() {
        this.i++;
        for (;;) {
            this.blank();
            if (this.text[this.i] === ']')
                break;
            this.value();
            this.blank();
            if (this.text[this.i] === ',')
                this.i++;
            else if (this.text[this.i] !== ']')
                this.fail();
        }
        this.i++;
    }
    inlineTable() {
        this.i++;
        this.spaces();
        if (this.text[this.i] === '}') {
            this.i++;
            return;
        }
        for (;;) {
            this.keyValue();
            this.spaces();
            if (this.text[this.i] === '}')
                break;
            if (this.text[this.i] !== ',')
                this.fail();
            this.i++;
        }
        this.i++;
    }
    basicString() {
        let out = '';
        for (this.i++;;) {
            const c = this.text[this.i++];
            if (c === undefined || c === '\n')
                this.fail();
            if (c === '"')
                return out;
            if (c !== '\\') {
                out += c;
                continue;
            }
            const e = this.text[this.i++];
            if (e === 'u' || e === 'U') {
                const hex = this.text.slice(this.i, this.i + (e === 'u' ? 4 : 8));
                if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== (e === 'u' ? 4 : 8))
                    this.fail();
                const cp = parseInt(hex, 16);
                if (cp > 0x10ffff)
                    this.fail();
                out += String.fromCodePoint(cp);
                this.i += hex.length;
            }
            else if (e !== undefined && ESCAPES[e] !== undefined)
                out += ESCAPES[e];
            else
                this.fail();
        }
    }
    literalString() {
        const end = this.text.indexOf("'", this.i + 1);
        const nl = this.text.indexOf('\n', this.i + 1);
        if (end === -1 || (nl !== -1 && nl < end))
            this.fail();
        const out = this.text.slice(this.i + 1, end);
        this.i = end + 1;
        return out;
    }
    /** A multi-line string: up to the closing delimiter, which may be followed by one or two more quotes. */
    multiLine(delim) {
        let j = this.i + 3;
        for (;;) {
            if (delim === '"""' && this.text[j] === '\\') {
                j += 2;
                continue;
            }
            if (j >= this.text.length)
                this.fail();
            if (this.text.startsWith(delim, j))
                break;
            j++;
        }
        // Up to two quotes just before the delimiter belong to the string.
        for (let extra = 0; extra < 2 && this.text[j + 3] === delim[0]; extra++)
            j++;
        this.i = j + 3;
    }
}

;// CONCATENATED MODULE: ./src/inputs/buildkitd-config.ts
/**
 * The `buildkitd-config` / `buildkitd-config-inline` inputs: a buildkitd.toml, loaded the way
 * `docker buildx create --config` loads it (buildx `confutil.LoadConfigFiles`):
 *
 * - the TOML is checked for the value types BuildKit's config loader would reject, so a bad config
 *   fails here, naming the key, instead of as a crash-looping buildkitd container later;
 * - every registry CA / client key pair file is read from the runner and rewritten to
 *   `/etc/buildkit/certs/<sanitized host>/<basename>`, where the container will find it;
 * - the result is re-serialized (comments and formatting are lost, as with buildx).
 *
 * Pure apart from reading files: nothing is written and nothing is logged. The caller puts `files`
 * into the container under /etc/buildkit. File modes inside the container are chosen by whoever
 * writes the tar (buildx uses 0644 files / 0755 dirs), not by this module.
 */






const INPUT_PATH = 'buildkitd-config';
const INPUT_INLINE = 'buildkitd-config-inline';
/** buildx reads at most 1 MiB of the config (`io.LimitReader`) and silently drops the rest. */
const CONFIG_LIMIT = 1024 * 1024;
/**
 * buildx reads cert files without a limit. A bound keeps a path such as /dev/zero from eating
 * the runner's memory; real CA bundles are a few hundred KiB at most.
 */
const CERT_LIMIT = 4 * 1024 * 1024;
/** Where the container sees the files (the tar is extracted at /etc, under `buildkit/`). */
const CONTAINER_DIR = '/etc/buildkit';
/** buildx's sanitizer for the per-registry certs directory: `[^a-zA-Z0-9.-]+` → `_`. */
function sanitizeRegistryHost(host) {
    return host.replace(/[^a-zA-Z0-9.-]+/g, '_');
}
/**
 * Loads the config given by either input. Returns undefined when neither is set; throws a
 * UserError (one line, naming the input) for anything buildx or BuildKit would reject.
 */
function loadBuildkitdConfig(opts) {
    const given = opts.path ?? '';
    const inline = opts.inline ?? '';
    if (given !== '' && inline.trim() !== '') {
        throw new errors/* InputError */.dz(INPUT_PATH, given, `set either "${INPUT_PATH}" or "${INPUT_INLINE}", not both`);
    }
    let source;
    let text;
    if (given !== '') {
        const file = external_node_path_.resolve(opts.cwd, given);
        source = { label: `input "${INPUT_PATH}" (${quote(file)})` };
        text = readConfigFile(given, file).toString('utf8');
    }
    else if (inline.trim() !== '') {
        source = { label: `input "${INPUT_INLINE}"` };
        if (Buffer.byteLength(inline, 'utf8') > CONFIG_LIMIT) {
            throw new errors/* UserError */.yo(`${source.label}: the config is larger than 1 MiB, the most buildx reads (it would silently cut the rest)`);
        }
        text = inline;
    }
    else {
        return undefined;
    }
    const doc = parseToml(text, source);
    validate(doc, CONFIG_SCHEMA, [], source);
    refuseUnwritableNumbers(doc, [], source);
    const { doc: rewritten, files, secrets, privateFiles } = rewriteRegistryFiles(doc, opts.cwd, source);
    const toml = Buffer.from(serialize(rewritten, source), 'utf8');
    return {
        files: { 'buildkitd.toml': toml, ...files },
        secrets,
        privateFiles,
        debug: doc.debug === true,
        insecureEntitlements: stringsAt(doc['insecure-entitlements']),
        dockerHubMirrors: stringsAt(tableAt(tableAt(doc.registry)?.['docker.io'])?.mirrors).map(mirrorHost),
        digest: (0,external_node_crypto_.createHash)('sha256').update(toml).digest('hex'),
    };
}
function readConfigFile(given, file) {
    const shown = given === file ? quote(file) : `${quote(given)} (resolved to ${quote(file)})`;
    const read = readBounded(file, CONFIG_LIMIT);
    if (!read.ok)
        throw new errors/* UserError */.yo(`input "${INPUT_PATH}": cannot read ${shown}: ${read.reason}`);
    if (read.tooLarge) {
        throw new errors/* UserError */.yo(`input "${INPUT_PATH}": ${shown} is larger than 1 MiB, the most buildx reads (it would silently cut the rest)`);
    }
    return read.data;
}
/**
 * Reads a regular file, stopping once it is past `limit` bytes (then `tooLarge`). Devices and FIFOs are
 * refused up front: reading one could block or never end. Errors become a short reason built from
 * the error code, since Node's messages repeat the path (which may hold any character).
 */
function readBounded(file, limit) {
    let fd;
    try {
        const st = external_node_fs_.statSync(file);
        if (st.isDirectory())
            return { ok: false, reason: 'it is a directory, not a file' };
        if (!st.isFile())
            return { ok: false, reason: 'it is not a regular file' };
        fd = external_node_fs_.openSync(file, 'r');
        const chunks = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.alloc(64 * 1024);
            const got = external_node_fs_.readSync(fd, chunk, 0, chunk.length, null);
            if (got === 0)
                break;
            chunks.push(chunk.subarray(0, got));
            total += got;
            if (total > limit)
                return { ok: true, data: Buffer.alloc(0), tooLarge: true };
        }
        return { ok: true, data: Buffer.concat(chunks, total), tooLarge: false };
    }
    catch (err) {
        return { ok: false, reason: errnoReason(err) };
    }
    finally {
        if (fd !== undefined)
            external_node_fs_.closeSync(fd);
    }
}
function errnoReason(err) {
    const code = err?.code;
    switch (code) {
        case 'ENOENT':
            return 'no such file';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EISDIR':
            return 'it is a directory, not a file';
        case 'ENOTDIR':
            return 'a parent of it is not a directory';
        case 'ERR_INVALID_ARG_VALUE':
        case 'ERR_INVALID_ARG_TYPE':
            return 'not a valid path (it holds a NUL character)';
        case 'ENAMETOOLONG':
            return 'the path is too long';
        default:
            return code ?? 'read error';
    }
}
/**
 * @iarna/toml 3.0.0 looks keys up through the prototype chain (`ctx[key] || Table()`), so a key
 * named like an Object.prototype member (`[constructor]`, `toString.x = 1`) makes the parser write
 * into the global `Object` or a built-in function: `[hasOwnProperty]` + `call = 1` breaks every
 * later parse in the process. BuildKit has no such keys, so keys with these names are refused before
 * the parser sees them, at any depth, as decoded (`"\u0063onstructor"` is `constructor`); comments
 * and values may say anything. `__proto__` is not among them: the parser defines it as an own key,
 * and the rest of this module keeps it one.
 */
const INHERITED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).filter((n) => n !== '__proto__'));
/** The cautious rule for text the key reader could not follow: the names anywhere, as words. */
const INHERITED_WORD = new RegExp(`(?<![A-Za-z0-9_$-])(${[...INHERITED_NAMES].join('|')})(?![A-Za-z0-9_$-])`);
const UNICODE_ESCAPE = /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))/g;
function refuseParserTraps(text, source) {
    const refuse = (name, where) => {
        throw new errors/* UserError */.yo(`${source.label}: ${where}the key ${quote(name)} cannot be used in the config (the TOML parser would mistake it for a built-in JavaScript property); BuildKit has no key of that name`);
    };
    const line = (index) => `line ${text.slice(0, index).split('\n').length}: `;
    const { keys, unreadFrom } = tomlKeys(text);
    const trap = keys.find((k) => INHERITED_NAMES.has(k.name));
    if (trap)
        refuse(trap.name, line(trap.at));
    if (unreadFrom === undefined)
        return;
    // Past where the reader stopped, the parser fails too, but maybe only after building a key there.
    const rest = text.slice(unreadFrom);
    const at = (index) => line(unreadFrom + index);
    const name = INHERITED_WORD.exec(rest);
    if (name)
        refuse(name[1], at(name.index));
    for (const m of rest.matchAll(UNICODE_ESCAPE)) {
        const cp = parseInt(m[1] ?? m[2], 16);
        if (cp < 0x80 && /[A-Za-z0-9_$]/.test(String.fromCharCode(cp))) {
            throw new errors/* UserError */.yo(`${source.label}: ${at(m.index)}write ${quote(String.fromCharCode(cp))} as itself, not as the escape ${m[0]}`);
        }
    }
}
function parseToml(text, source) {
    refuseParserTraps(text, source);
    try {
        return toml.parse(text);
    }
    catch (err) {
        // @iarna/toml's TomlError has 0-based .line/.col and a multi-line message whose first line
        // ends in " at row R, col C, pos P:"; keep only the description, and count from 1.
        const e = err;
        const first = String(e.message ?? err).split(/\r?\n/)[0] ?? '';
        const what = first.replace(/ at row \d+, col \d+, pos \d+:?\s*$/, '').trim() || 'invalid TOML';
        const where = typeof e.line === 'number' && typeof e.col === 'number' ? ` at line ${e.line + 1}, column ${e.col + 1}` : '';
        throw new errors/* UserError */.yo(`${source.label}: TOML syntax error${where}: ${oneLine(what)}`);
    }
}
function serialize(doc, source) {
    try {
        return toml.stringify(doc);
    }
    catch (err) {
        // Should not happen for a parsed document; still, say which input rather than crash.
        throw new errors/* UserError */.yo(`${source.label}: cannot re-serialize the config: ${oneLine(err instanceof Error ? err.message : String(err))}`);
    }
}
const GC_POLICY = {
    all: 'bool',
    filters: 'strings',
    keepDuration: 'duration',
    keepBytes: 'size',
    reservedSpace: 'size',
    maxUsedSpace: 'size',
    minFreeSpace: 'size',
};
/** Keys shared by [worker.oci] and [worker.containerd]. */
const WORKER = {
    enabled: 'bool',
    labels: { mapOf: 'string' },
    platforms: 'strings',
    snapshotter: 'string',
    rootless: 'bool',
    gc: 'bool',
    gckeepstorage: 'size',
    reservedSpace: 'size',
    maxUsedSpace: 'size',
    minFreeSpace: 'size',
    gcpolicy: { tables: GC_POLICY },
    'max-parallelism': 'integer',
    networkMode: 'string',
    cniConfigPath: 'string',
    cniBinaryPath: 'string',
    cniPoolSize: 'integer',
    apparmor: 'string',
    selinux: 'bool',
    defaultCgroupParent: 'string',
};
const REGISTRY = {
    mirrors: 'strings',
    http: 'bool',
    insecure: 'bool',
    ca: 'strings',
    keypair: { tables: { key: 'string', cert: 'string' } },
    tlsconfigdir: 'strings',
};
const CONFIG_SCHEMA = {
    debug: 'bool',
    trace: 'bool',
    root: 'string',
    logFormat: 'string',
    'insecure-entitlements': 'strings',
    grpc: {
        table: {
            address: 'strings',
            debugAddress: 'string',
            uid: 'integer',
            gid: 'integer',
            tls: { table: { cert: 'string', key: 'string', ca: 'string' } },
        },
    },
    worker: {
        table: {
            oci: { table: { ...WORKER, noProcessSandbox: 'bool', binary: 'string' } },
            containerd: { table: { ...WORKER, address: 'string', namespace: 'string' } },
        },
    },
    registry: { mapOf: { table: REGISTRY } },
    dns: { table: { nameservers: 'strings', options: 'strings', searchDomains: 'strings' } },
    history: { table: { maxAge: 'duration', maxEntries: 'integer' } },
};
function validate(table, schema, at, source) {
    for (const [key, rule] of Object.entries(schema)) {
        if (Object.hasOwn(table, key))
            check(table[key], rule, [...at, key], source);
    }
}
function check(value, rule, at, source) {
    const fail = (expected, v = value, where = at) => {
        throw new errors/* UserError */.yo(`${source.label}: ${formatKey(where)}: expected ${expected}, got ${describe(v)}`);
    };
    if (rule === 'bool') {
        if (typeof value !== 'boolean')
            fail('a boolean (true or false)');
    }
    else if (rule === 'string') {
        if (typeof value !== 'string')
            fail('a string');
    }
    else if (rule === 'integer') {
        if (!isInteger(value))
            fail('an integer');
    }
    else if (rule === 'size') {
        if (!isInteger(value) && typeof value !== 'string')
            fail('an integer (bytes) or a string such as "10GB" or "10%"');
    }
    else if (rule === 'duration') {
        if (!isInteger(value) && typeof value !== 'string')
            fail('an integer (seconds) or a string such as "48h"');
    }
    else if (rule === 'strings') {
        if (!Array.isArray(value))
            fail('an array of strings');
        value.forEach((v, i) => {
            if (typeof v !== 'string')
                fail('a string', v, [...at, i]);
        });
    }
    else if ('table' in rule) {
        if (!isTable(value))
            fail('a table');
        validate(value, rule.table, at, source);
    }
    else if ('tables' in rule) {
        if (!Array.isArray(value))
            fail('an array of tables');
        value.forEach((v, i) => {
            if (!isTable(v))
                fail('a table', v, [...at, i]);
            validate(v, rule.tables, [...at, i], source);
        });
    }
    else {
        if (!isTable(value))
            fail('a table');
        for (const [k, v] of Object.entries(value))
            check(v, rule.mapOf, [...at, k], source);
    }
}
/**
 * @iarna/toml's `stringify` writes a float such as 1e-7 as "1e-7.undefined" (invalid TOML), and a
 * float such as 1e20 as an integer literal beyond int64. BuildKit has no float settings, so such a
 * value can only sit under a key BuildKit ignores; refuse it rather than write a broken file.
 */
function refuseUnwritableNumbers(value, at, source) {
    if (typeof value === 'number') {
        if (Number.isFinite(value) && (/e/i.test(String(value)) || Math.abs(value) >= 2 ** 63)) {
            throw new errors/* UserError */.yo(`${source.label}: ${formatKey(at)}: the number ${value} cannot be written back to TOML; BuildKit has no setting that takes it`);
        }
    }
    else if (Array.isArray(value)) {
        value.forEach((v, i) => refuseUnwritableNumbers(v, [...at, i], source));
    }
    else if (isTable(value)) {
        for (const [k, v] of Object.entries(value))
            refuseUnwritableNumbers(v, [...at, k], source);
    }
}
/**
 * TOML integers arrive as numbers (bigint beyond 2^53). A float with no fractional part, such as
 * `4.0`, is indistinguishable from `4` after parsing, so it passes; `4.5`, nan and inf do not.
 */
function isInteger(v) {
    return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}
function isTable(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
/** A short, one-line description of a TOML value, for "got ..." in errors. */
function describe(v) {
    if (typeof v === 'string')
        return `a string ${quote(truncate(v))}`;
    if (typeof v === 'boolean')
        return `a boolean (${v})`;
    if (typeof v === 'bigint')
        return `an integer (${v})`;
    if (typeof v === 'number')
        return Number.isInteger(v) ? `an integer (${v})` : `a float (${v})`;
    if (v instanceof Date)
        return 'a date-time';
    if (Array.isArray(v))
        return 'an array';
    return 'a table';
}
/** A TOML dotted key as the user would write it: bare where possible, quoted otherwise. */
function formatKey(at) {
    let out = '';
    for (const part of at) {
        if (typeof part === 'number')
            out += `[${part}]`;
        else
            out += (out === '' ? '' : '.') + (/^[A-Za-z0-9_-]+$/.test(part) ? part : quote(part));
    }
    return out;
}
/** Returns a copy of the (validated) document with registry file paths rewritten. */
function rewriteRegistryFiles(doc, cwd, source) {
    const registries = tableAt(doc.registry);
    if (!registries)
        return { doc, files: {}, secrets: [], privateFiles: [] };
    const files = {};
    const secrets = [];
    const privateFiles = [];
    // No prototype: a registry named "__proto__" must stay an ordinary key.
    const newRegistries = Object.create(null);
    for (const [host, value] of Object.entries(registries)) {
        const reg = value;
        const dir = `certs/${sanitizeRegistryHost(host)}`;
        const store = (file, field, isKey) => {
            const where = `registry ${quote(host)} ${field}`;
            if (dir === 'certs/' || dir === 'certs/.' || dir === 'certs/..') {
                throw new errors/* UserError */.yo(`${source.label}: ${where}: the registry name ${quote(host)} cannot hold certificate files`);
            }
            const data = readCertFile(file, cwd, `${source.label}: ${where}`);
            const name = `${dir}/${external_node_path_.basename(file)}`;
            // buildx silently lets files with the same basename overwrite each other; refuse instead
            // when that would lose a different file.
            const earlier = files[name];
            if (earlier && !earlier.equals(data)) {
                throw new errors/* UserError */.yo(`${source.label}: ${where}: ${quote(file)} has the same file name as another certificate file of this registry but different contents; rename one of them`);
            }
            files[name] = data;
            if (isKey) {
                if (!privateFiles.includes(name))
                    privateFiles.push(name);
                const secret = data.toString('utf8');
                if (secret.trim() !== '' && !secrets.includes(secret))
                    secrets.push(secret);
            }
            return `${CONTAINER_DIR}/${name}`;
        };
        const copy = { ...reg };
        if (Array.isArray(reg.ca)) {
            copy.ca = reg.ca.map((file, i) => store(file, `ca[${i}]`, false));
        }
        if (Array.isArray(reg.keypair)) {
            copy.keypair = reg.keypair.map((pair, i) => {
                const out = { ...pair };
                // As in buildx, only non-empty fields are files to copy.
                if (typeof pair.key === 'string' && pair.key !== '')
                    out.key = store(pair.key, `keypair[${i}].key`, true);
                if (typeof pair.cert === 'string' && pair.cert !== '')
                    out.cert = store(pair.cert, `keypair[${i}].cert`, false);
                return out;
            });
        }
        newRegistries[host] = copy;
    }
    return { doc: { ...doc, registry: newRegistries }, files, secrets, privateFiles };
}
/** Reads a cert/key file from the runner; a relative path resolves against cwd, as in buildx. */
function readCertFile(file, cwd, prefix) {
    if (file === '')
        throw new errors/* UserError */.yo(`${prefix}: the path is empty`);
    const abs = external_node_path_.resolve(cwd, file);
    const shown = abs === file ? quote(file) : `${quote(file)} (resolved to ${quote(abs)})`;
    const read = readBounded(abs, CERT_LIMIT);
    if (!read.ok)
        throw new errors/* UserError */.yo(`${prefix}: cannot read ${shown}: ${read.reason}`);
    if (read.tooLarge)
        throw new errors/* UserError */.yo(`${prefix}: ${shown} is larger than 4 MiB; that is not a certificate or key file`);
    return read.data;
}
// ---------------------------------------------------------------------------------------------
// Small helpers.
function tableAt(v) {
    return isTable(v) ? v : undefined;
}
function stringsAt(v) {
    return Array.isArray(v) ? v.filter((s) => typeof s === 'string') : [];
}
/** BuildKit mirrors are host[:port][/path]; users sometimes add a scheme or a trailing slash. */
function mirrorHost(mirror) {
    return mirror.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}
/** JSON quoting, plus the two line separators JSON leaves alone: the result is always one line. */
function quote(s) {
    return JSON.stringify(s)
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
function oneLine(s) {
    return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
function truncate(s, max = 60) {
    return s.length > max ? `${s.slice(0, max)}…` : s;
}

// EXTERNAL MODULE: ./src/inputs/values.ts + 1 modules
var values = __webpack_require__(2000);
;// CONCATENATED MODULE: ./src/inputs/drivers.ts
/**
 * The `driver` input and what each driver accepts, checked before anything is reached:
 * - `remote` (buildx's driver/remote): an existing BuildKit daemon at `endpoint` (tcp:// or unix://, else
 *   BUILDKIT_HOST), mutual TLS through driver-opts `cacert`, `cert`, `key`, `servername` or, as
 *   setup-buildx-action does, BUILDER_NODE_<i>_AUTH_TLS_CACERT/CERT/KEY written to buildx's certs
 *   directory (`cacert_<host>-<port>.pem`, ...) and named in those driver-opts.
 * - `docker` (buildx's driver/docker): the engine's own BuildKit; the builder is the docker context's
 *   (named as the context, `default` for most runners), nothing is created.
 * Inputs that only make sense for a container this action creates are errors naming why: a daemon it
 * does not own takes no buildkitd config, flags, QEMU (that is the daemon's host's kernel) or keep-state
 * (buildx refuses config and flags for both; `buildx rm --keep-state` is docker-container only).
 */





const DRIVERS = ['docker-container', 'kubernetes', 'remote', 'docker'];
function parseDriver(value) {
    const driver = value || 'docker-container';
    if (!DRIVERS.includes(driver))
        throw new errors/* InputError */.dz('driver', driver, DRIVERS.join(', '));
    return driver;
}
/** Refuses, for a driver whose BuildKit this action does not create, every input that needs one. */
function refuseContainerInputs(driver, given) {
    const daemon = driver === 'remote'
        ? 'the remote driver uses a BuildKit daemon this action does not run'
        : "the docker driver uses the engine's own BuildKit";
    const refuse = (input, why) => {
        throw new errors/* InputError */.dz(input, given[input], `${daemon}: ${why}`);
    };
    if (given['buildkitd-config'] || given['buildkitd-config-inline'])
        refuse(given['buildkitd-config'] ? 'buildkitd-config' : 'buildkitd-config-inline', 'configure the daemon itself (buildx refuses a config with this driver); leave it empty');
    if (given['buildkitd-flags'] && given['buildkitd-flags'] !== values/* DEFAULT_BUILDKITD_FLAGS */.Ji)
        refuse('buildkitd-flags', 'its flags are set where it is started (buildx refuses them with this driver); leave the input out');
    const qemu = given.qemu.toLowerCase();
    if (qemu !== '' && qemu !== 'false')
        refuse('qemu', 'emulators would go into the kernel of a host this action does not own; register them there (docker/setup-qemu-action) or use false');
    if ((0,units/* goBool */.B7)(given['keep-state']))
        refuse('keep-state', "its state is the daemon's own and outlives the job by itself; keep-state is for a docker-container builder (use false)");
    if ((0,units/* goBool */.B7)(given['cache-image']))
        refuse('cache-image', 'no BuildKit image is pulled; use false');
    if (driver === 'docker' && given.append.trim() !== '')
        refuse('append', 'it is one node, the engine itself; append nodes to a docker-container, kubernetes or remote builder');
}
/** The docker driver's builder: the docker context's own, named as the context. */
function dockerBuilderName(given, context) {
    if (!context)
        throw new errors/* InputError */.dz('endpoint', '', "the docker driver uses a docker context's engine: name a context (docker context ls), or leave endpoint empty for the current one");
    if (given !== '' && given !== context)
        throw new errors/* InputError */.dz('name', given, `the docker driver's builder is the docker context's own, named ${context}: leave name empty`);
    return context;
}
/** The docker driver takes no driver-opts (buildx's factory has none). */
function noDriverOpts(text) {
    if (text.trim() !== '')
        throw new errors/* InputError */.dz('driver-opts', text.split('\n')[0], "the docker driver takes none: the engine's own BuildKit is configured in the engine's daemon.json");
    return { env: {}, given: {} };
}
/** A BuildKit address the remote driver dials: tcp://host:port or unix:///path, as given (buildx stores it as typed). */
function remoteEndpoint(value, env = process.env) {
    const input = value ? 'endpoint' : 'BUILDKIT_HOST';
    const endpoint = value || env.BUILDKIT_HOST || '';
    const accepted = "the BuildKit daemon's address, tcp://HOST:PORT or unix:///PATH (BUILDKIT_HOST when endpoint is empty)";
    if (endpoint === '')
        throw new errors/* InputError */.dz('endpoint', '', `the remote driver needs ${accepted}`);
    let url;
    try {
        url = new URL(endpoint);
    }
    catch {
        throw new errors/* InputError */.dz(input, endpoint, accepted);
    }
    if (url.protocol === 'tcp:' && url.hostname && url.port && (url.pathname === '' || url.pathname === '/'))
        return endpoint;
    if (url.protocol === 'unix:' && !url.hostname && url.pathname.length > 1)
        return endpoint;
    throw new errors/* InputError */.dz(input, endpoint, accepted);
}
const TLS_ENV = { cacert: 'CACERT', cert: 'CERT', key: 'KEY' };
/**
 * The remote driver's driver-opts (buildx's factory: cacert, cert, key, servername, default-load), with
 * the certificates of BUILDER_NODE_<index>_AUTH_TLS_* (setup-buildx-action's variables) added as
 * files under `<buildx dir>/certs`, named as setup-buildx-action names them, for a tcp:// endpoint.
 * The files are written by the driver before it connects and removed by post.
 */
function parseRemoteOpts(text, endpoint, index, certsDir, env = process.env) {
    const given = {};
    const tls = { files: {} };
    let defaultLoad;
    for (const field of splitDriverOpts(text)) {
        const eq = field.indexOf('=');
        if (eq <= 0)
            throw new errors/* InputError */.dz('driver-opts', field, 'each option must be key=value');
        const key = field.slice(0, eq);
        const value = field.slice(eq + 1);
        switch (key) {
            case 'cacert':
            case 'cert':
            case 'key':
                // buildx reads them at every connection, from wherever docker buildx runs: a relative path would move.
                if (!external_node_path_.isAbsolute(value))
                    throw new errors/* InputError */.dz('driver-opts', field, `${key} is an absolute path to a PEM file`);
                tls[key === 'cacert' ? 'caCert' : key] = value;
                break;
            case 'servername':
                tls.serverName = value;
                break;
            case 'default-load':
                defaultLoad = (0,units/* goBool */.B7)(value);
                if (defaultLoad === undefined)
                    throw new errors/* InputError */.dz('driver-opts', field, 'default-load must be true or false');
                break;
            default:
                throw new errors/* InputError */.dz('driver-opts', field, `unknown option "${key}"; the remote driver accepts cacert, cert, key, servername, default-load`);
        }
        given[key] = value;
    }
    const url = new URL(endpoint);
    if (url.protocol === 'tcp:') {
        const hostPort = `${url.hostname}-${url.port}`;
        for (const [opt, suffix] of Object.entries(TLS_ENV)) {
            const pem = env[`BUILDER_NODE_${index}_AUTH_TLS_${suffix}`];
            if (!pem)
                continue;
            const file = external_node_path_.join(certsDir, `${opt}_${hostPort}.pem`);
            tls.files[file] = pem;
            tls[opt === 'cacert' ? 'caCert' : opt] = file;
            given[opt] = file;
        }
    }
    const on = tls.caCert || tls.cert || tls.key || tls.serverName;
    if (on) {
        const missing = [!tls.caCert && 'cacert', tls.cert && !tls.key && 'key', tls.key && !tls.cert && 'cert'].filter(Boolean);
        if (missing.length > 0)
            throw new errors/* InputError */.dz('driver-opts', text.split('\n')[0], `TLS is on but ${missing.join(' and ')} is missing (cacert always, cert and key together; or BUILDER_NODE_${index}_AUTH_TLS_CACERT/CERT/KEY)`);
        if (url.protocol !== 'tcp:')
            throw new errors/* InputError */.dz('driver-opts', text.split('\n')[0], 'TLS options are for a tcp:// endpoint');
    }
    return { env: {}, given, ...(defaultLoad === undefined ? {} : { defaultLoad }), ...(on ? { remote: tls } : {}) };
}

;// CONCATENATED MODULE: ./src/inputs/append.ts
/**
 * The `append` input: more nodes for the builder, as a YAML list in setup-buildx-action's format
 * (name, endpoint, platforms, driver-opts, buildkitd-flags) plus a buildkitd config per node. Read and
 * checked before any engine is contacted: every problem is one InputError naming the item.
 */









const append_INPUT = 'append';
const KEYS = ['name', 'endpoint', 'platforms', 'driver-opts', 'buildkitd-flags', 'buildkitd-config', 'buildkitd-config-inline'];
/** buildx's node-name rule (`ValidateName`); the name is then lowercased, as buildx stores it. */
const NODE_NAME = /^[a-zA-Z][a-zA-Z0-9._-]*$/;
function itemError(index, value, accepted) {
    return new errors/* InputError */.dz(append_INPUT, value, `node ${index + 1}: ${accepted}`);
}
/** A scalar or a list of scalars, as one text of lines (platforms and driver-opts take both). */
function lines(index, key, value) {
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
        return value.join('\n');
    throw itemError(index, JSON.stringify(value), `${key} is a string or a list of strings`);
}
function append_text(index, key, value) {
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'string')
        return value;
    throw itemError(index, JSON.stringify(value), `${key} is a string`);
}
/** Reads an input's error again as the node's: the item's number in front of what is accepted. */
function asNodeError(index, read) {
    try {
        return read();
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            throw itemError(index, err.value, `${err.input}: ${err.accepted}`);
        if (err instanceof errors/* UserError */.yo)
            throw new errors/* UserError */.yo(`input "${append_INPUT}": node ${index + 1}: ${err.message}`, { cause: err });
        throw err;
    }
}
/**
 * The nodes, as buildx's `create --append` makes them for the builder's driver. A docker-container
 * node lives on a Docker engine, one node per endpoint. A kubernetes node is a Deployment of its own
 * (named after the node) in the cluster the kubeconfig names: no endpoint (buildx: "kubernetes driver
 * does not support endpoint args"), the pod options in its driver-opts, its emulators its pods' own
 * (qemu.install). A remote node is a BuildKit daemon at its endpoint, one node per address, its TLS
 * from its driver-opts or from BUILDER_NODE_<i>_AUTH_TLS_* (i: its place in the builder, node 0 first),
 * and no flags or config (the daemon is configured where it runs).
 */
function parseAppend(value, node0, context) {
    const { cwd, env = process.env, driver = 'docker-container', certsDir = '' } = context;
    if (value.trim() === '')
        return [];
    let items;
    try {
        items = (0,dist/* parse */.qg)(value);
    }
    catch (err) {
        throw new errors/* InputError */.dz(append_INPUT, value.split('\n')[0], `YAML: ${err.message.split('\n')[0]}`);
    }
    if (!Array.isArray(items))
        throw new errors/* InputError */.dz(append_INPUT, value.split('\n')[0], 'a YAML list of nodes (- name: …, endpoint: …, platforms: …)');
    const names = new Set([node0.name]);
    const endpoints = new Map([[node0.endpoint, 'node 0']]);
    const declared = new Map(node0.platforms.map((p) => [(0,util_platforms/* formatPlatform */.Bq)(p), 'node 0']));
    const nodes = [];
    items.forEach((item, index) => {
        if (!item || typeof item !== 'object' || Array.isArray(item))
            throw itemError(index, JSON.stringify(item), 'each node is a mapping of name, endpoint, platforms, …');
        const fields = item;
        for (const key of Object.keys(fields)) {
            if (!KEYS.includes(key))
                throw itemError(index, key, `unknown key; the keys are ${KEYS.join(', ')}`);
        }
        const given = append_text(index, 'name', fields.name);
        if (given !== '' && !NODE_NAME.test(given))
            throw itemError(index, given, 'a node name starts with a letter and holds only letters, digits, ".", "-" and "_"');
        if (given.length > inputs_names/* MAX_NODE_NAME */.Y)
            throw itemError(index, given, `a node name has at most ${inputs_names/* MAX_NODE_NAME */.Y} characters (the engine refuses longer volume names)`);
        const name = given !== '' ? given.toLowerCase() : nextNodeName(node0.name, names);
        if (names.has(name))
            throw itemError(index, name, 'a second node of that name; node names are unique in a builder');
        names.add(name);
        const endpointText = append_text(index, 'endpoint', fields.endpoint);
        if (driver === 'kubernetes' && endpointText !== '')
            throw itemError(index, endpointText, 'no endpoint with driver kubernetes (buildx: "kubernetes driver does not support endpoint args"); each node is a Deployment in the cluster the kubeconfig names');
        if (driver === 'remote' && endpointText === '')
            throw itemError(index, '', "a remote node needs its endpoint: the BuildKit daemon's address, tcp://HOST:PORT or unix:///PATH");
        const engine = asNodeError(index, () => nodeEngine(driver, endpointText, env));
        if (engine.tlsFromEnv)
            throw itemError(index, endpointText, 'TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH is for node 0 only; name a docker context');
        if (driver !== 'kubernetes') {
            const seen = endpoints.get(engine.endpoint);
            if (seen)
                throw itemError(index, engine.endpoint, `the endpoint of ${seen} too; buildx allows one node per endpoint (a second context to one engine is another endpoint)`);
            endpoints.set(engine.endpoint, `node ${index + 1}`);
        }
        const platforms = asNodeError(index, () => (0,values/* parsePlatforms */.qA)('platforms', fields.platforms === undefined ? '' : lines(index, 'platforms', fields.platforms)));
        for (const p of platforms) {
            const key = (0,util_platforms/* formatPlatform */.Bq)(p);
            const other = declared.get(key);
            // buildx would silently keep it on the last node that declares it.
            if (other)
                throw itemError(index, key, `declared by ${other} too; each platform goes to one node`);
            declared.set(key, `node ${index + 1}`);
        }
        const optsText = fields['driver-opts'] === undefined ? '' : lines(index, 'driver-opts', fields['driver-opts']);
        const driverOpts = asNodeError(index, () => driver === 'remote' ? parseRemoteOpts(optsText, engine.endpoint, index + 1, certsDir, env) : parseDriverOpts(optsText, driver));
        const flagsText = append_text(index, 'buildkitd-flags', fields['buildkitd-flags']);
        const path = append_text(index, 'buildkitd-config', fields['buildkitd-config']);
        const inline = append_text(index, 'buildkitd-config-inline', fields['buildkitd-config-inline']);
        if (driver === 'remote') {
            const given = flagsText ? 'buildkitd-flags' : path ? 'buildkitd-config' : inline ? 'buildkitd-config-inline' : '';
            if (given)
                throw itemError(index, given, 'no buildkitd flags or config for a remote node: the daemon is configured where it runs (buildx refuses them)');
            nodes.push({ name, engine, platforms, driverOpts, buildkitdFlags: [] });
            return;
        }
        const buildkitdFlags = asNodeError(index, () => (0,values/* parseBuildkitdFlags */.Zx)(flagsText));
        const config = path || inline ? asNodeError(index, () => loadBuildkitdConfig({ path, inline, cwd })) : node0.config;
        nodes.push({ name, engine, platforms, driverOpts, buildkitdFlags, config });
    });
    return nodes;
}
/** A node's address: a Docker engine (the endpoint, else the current one), or a remote daemon's own. */
function nodeEngine(driver, endpoint, env) {
    if (driver !== 'remote')
        return endpoint !== '' ? (0,engine_endpoint/* resolveEndpoint */.sO)(endpoint, append_INPUT, env) : (0,engine_endpoint/* currentEndpoint */.n4)(env);
    const address = remoteEndpoint(endpoint, env);
    return { endpoint: address, host: address, source: 'the append input' };
}
/**
 * buildx's `nextNodeName`: the builder's name and the first unused index. The nodes named further
 * down the list are not known yet when buildx names one, nor are they here: a later duplicate is an error.
 */
function nextNodeName(node0, taken) {
    const base = node0.slice(0, -1);
    let i = 0;
    while (taken.has(`${base}${i}`))
        i++;
    return `${base}${i}`;
}

;// CONCATENATED MODULE: ./src/inputs/read.ts
/**
 * All inputs, read and validated before anything is created. Every bad value is an InputError.
 */













const STATE_SAVES = ['on-success', 'always', 'never'];
const STATE_PRUNES = ['unused', 'size'];
/** buildx's builder-name rule (`ValidateName`); `default` names the context builder. */
const NAME = /^[a-zA-Z][a-zA-Z0-9._-]*$/;
function parseName(value) {
    if (value === '')
        return `builder-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    if (!NAME.test(value) || value === 'default') {
        throw new errors/* InputError */.dz('name', value, 'a builder name starts with a letter and holds only letters, digits, ".", "-" and "_" ("default" is reserved)');
    }
    // The node is <name>0 and its volume buildx_buildkit_<node>_state, a file name on the engine's disk.
    if (value.length + 1 > inputs_names/* MAX_NODE_NAME */.Y) {
        throw new errors/* InputError */.dz('name', value, `at most ${inputs_names/* MAX_NODE_NAME */.Y - 1} characters: the engine refuses longer volume names (buildx_buildkit_<name>0_state, 255 at most)`);
    }
    return value;
}
function parseDuration(input, value, fallbackMs) {
    if (value === '')
        return fallbackMs;
    const ms = (0,units/* durationMs */.pc)(value);
    if (ms === undefined || ms <= 0 || !Number.isFinite(ms))
        throw new errors/* InputError */.dz(input, value, 'a positive duration such as 90, 90s, 2m or 1m30s');
    return ms;
}
/** `cleanup` is the input of that name, read once by readInputs. */
function parseKeepState(host, cleanup = true) {
    const prefix = host.input('state-key') || 'setup-buildkit-state';
    // @actions/cache refuses commas and keys over 512 characters; the rest of the key takes ~100.
    if (prefix.includes(',') || prefix.length > 300 || /\s/.test(prefix)) {
        throw new errors/* InputError */.dz('state-key', prefix, 'a cache key prefix of at most 300 characters, without commas or spaces');
    }
    const budget = host.input('state-max-size') || '2g';
    const maxBytes = (0,units/* ramInBytes */.h$)(budget);
    if (!maxBytes || maxBytes < 1e6)
        throw new errors/* InputError */.dz('state-max-size', budget, 'a size of at least 1 MB such as 500m, 2g or 10gb');
    const save = host.input('state-save') || 'on-success';
    if (!STATE_SAVES.includes(save))
        throw new errors/* InputError */.dz('state-save', save, STATE_SAVES.join(', '));
    const prune = host.input('state-prune') || 'unused';
    if (!STATE_PRUNES.includes(prune))
        throw new errors/* InputError */.dz('state-prune', prune, STATE_PRUNES.join(', '));
    return {
        enabled: (0,values/* parseBool */.q6)('keep-state', host.input('keep-state'), false),
        prefix,
        maxBytes,
        save: save,
        prune: prune,
        fixedName: host.input('name') !== '',
        cleanup,
        leg: host.input('state-leg'),
    };
}
const RELEASE_TAG = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/;
function parseBuildxInputs(host) {
    const version = host.input('buildx-version');
    if (version !== '' && version !== 'latest' && !RELEASE_TAG.test(version)) {
        throw new errors/* InputError */.dz('buildx-version', version, 'empty (the installed buildx), latest, or a docker/buildx release such as v0.38.2');
    }
    const mirror = host.input('buildx-mirror').replace(/\/+$/, '');
    if (mirror !== '') {
        let url;
        try {
            url = new URL(mirror);
        }
        catch {
            url = undefined;
        }
        if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
            throw new errors/* InputError */.dz('buildx-mirror', mirror, 'an http(s) URL standing in for https://github.com/docker/buildx/releases (assets under <url>/download/<tag>/)');
        }
    }
    return {
        version: version === '' || version === 'latest' || version.startsWith('v') ? version : `v${version}`,
        mirror,
        cacheBinary: (0,values/* parseBool */.q6)('cache-binary', host.input('cache-binary'), true),
        install: (0,values/* parseBool */.q6)('install', host.input('install'), false),
    };
}
/** What a kubernetes builder cannot take, each refused before anything is created. */
function refuseForKubernetes(host) {
    const endpoint = host.input('endpoint');
    if (endpoint)
        throw new errors/* InputError */.dz('endpoint', endpoint, 'none with driver kubernetes (buildx: "kubernetes driver does not support endpoint args"); the kubeconfig names the cluster');
    if ((0,values/* parseBool */.q6)('keep-state', host.input('keep-state'), false))
        throw new errors/* InputError */.dz('keep-state', host.input('keep-state'), 'false with driver kubernetes: a kubernetes node keeps its state in a volume claim (driver-opts persistent-volume-claim.requests.storage)');
}
/**
 * Linux only, said once before anything else: the docker-container driver runs BuildKit privileged in
 * a Linux engine, which GitHub's Windows runners cannot run and its macOS runners do not have. The
 * runner's own RUNNER_OS and Node's process.platform both count (a Linux container on another OS is
 * still that OS's runner to the job).
 */
function refuseUnsupportedRunner(env = process.env, platform = process.platform) {
    const runnerOs = env.RUNNER_OS ?? '';
    if (platform === 'linux' && (runnerOs === '' || runnerOs === 'Linux'))
        return;
    const seen = [...(runnerOs ? [`RUNNER_OS=${runnerOs}`] : []), `process.platform=${platform}`].join(', ');
    throw new errors/* UserError */.yo(`setup-buildkit supports Linux runners only (ubuntu-*, ubuntu-*-arm, or a self-hosted Linux runner with a Docker engine), not this one (${seen}): BuildKit's docker-container builder needs a Linux Docker engine; run the job on a Linux runner`);
}
function readInputs(host) {
    refuseUnsupportedRunner();
    const driver = parseDriver(host.input('driver'));
    if (driver === 'kubernetes')
        refuseForKubernetes(host);
    else if (driver !== 'docker-container') {
        const inputs = [
            'buildkitd-config',
            'buildkitd-config-inline',
            'buildkitd-flags',
            'qemu',
            'keep-state',
            'cache-image',
            'append',
        ];
        refuseContainerInputs(driver, Object.fromEntries(inputs.map((i) => [i, host.input(i)])));
    }
    const pullPolicy = host.input('pull-policy') || 'always';
    if (!values/* PULL_POLICIES */.zJ.includes(pullPolicy))
        throw new errors/* InputError */.dz('pull-policy', pullPolicy, values/* PULL_POLICIES */.zJ.join(', '));
    const engine = driverEngine(driver, host.input('endpoint'));
    const given = host.input('endpoint');
    const context = given === '' ? (0,docker_context/* currentContextName */.mX)() : (engine.context ?? (given === docker_context/* DEFAULT_CONTEXT */.A2 ? given : undefined));
    const name = driver === 'docker' ? dockerBuilderName(host.input('name'), context) : parseName(host.input('name'));
    // Relative paths resolve against the working directory, as buildx resolves them against its own.
    const config = loadBuildkitdConfig({
        path: host.input('buildkitd-config'),
        inline: host.input('buildkitd-config-inline'),
        cwd: process.cwd(),
    });
    const platforms = (0,values/* parsePlatforms */.qA)('platforms', host.input('platforms'));
    const optsText = host.input('driver-opts');
    const cleanup = (0,values/* parseBool */.q6)('cleanup', host.input('cleanup'), true);
    return {
        name,
        engine,
        driver,
        driverOpts: driver === 'remote'
            ? parseRemoteOpts(optsText, engine.endpoint, 0, external_node_path_.join((0,credentials/* buildxDir */.g3)(), 'certs'))
            : driver === 'docker'
                ? noDriverOpts(optsText)
                : parseDriverOpts(optsText, driver),
        buildkitdFlags: driver === 'docker-container' || driver === 'kubernetes' ? (0,values/* parseBuildkitdFlags */.Zx)(host.input('buildkitd-flags')) : [],
        config,
        platforms,
        use: (0,values/* parseBool */.q6)('use', host.input('use'), true),
        cleanup,
        bootstrapTimeoutMs: parseDuration('bootstrap-timeout', host.input('bootstrap-timeout'), 120000),
        pullPolicy: pullPolicy,
        imagePolicy: driver === 'docker-container' && (0,values/* defaultPolicyEnabled */.xs)(process.env),
        keepState: parseKeepState(host, cleanup),
        cacheImage: (0,values/* parseBool */.q6)('cache-image', host.input('cache-image'), false),
        buildx: parseBuildxInputs(host),
        append: parseAppend(host.input('append'), { name: (0,inputs_names/* nodeNames */.t)(name).node, endpoint: engine.endpoint, platforms, config }, 
        // docker was refused an append above.
        { cwd: process.cwd(), driver: driver === 'docker' ? undefined : driver, certsDir: external_node_path_.join((0,credentials/* buildxDir */.g3)(), 'certs') }),
    };
}
/**
 * Node 0's address: a Docker engine for docker-container and docker (the endpoint input, else the
 * current one); the daemon's own address for remote (stored by buildx as given, dialled as is).
 */
function driverEngine(driver, endpoint) {
    if (driver !== 'remote')
        return endpoint ? (0,engine_endpoint/* resolveEndpoint */.sO)(endpoint, 'endpoint') : (0,engine_endpoint/* currentEndpoint */.n4)();
    const address = remoteEndpoint(endpoint);
    return { endpoint: address, host: address, source: endpoint ? 'the endpoint input' : 'BUILDKIT_HOST' };
}

// EXTERNAL MODULE: ./src/keep-state/node-hooks.ts + 16 modules
var node_hooks = __webpack_require__(790);
// EXTERNAL MODULE: ./src/node/drivers/index.ts
var drivers = __webpack_require__(8328);
// EXTERNAL MODULE: ./src/node/image-policy.ts
var image_policy = __webpack_require__(3179);
// EXTERNAL MODULE: ./src/node/lifecycle.ts
var node_lifecycle = __webpack_require__(6940);
// EXTERNAL MODULE: ./src/node/container-spec.ts
var container_spec = __webpack_require__(3779);
;// CONCATENATED MODULE: ./src/node/log-groups.ts

function engineGroup(endpoint, engine) {
    if (!engine)
        return { title: 'Docker engine', lines: [`endpoint ${endpoint}`, 'GET /info failed: no details'] };
    const about = engine.about ?? {};
    const where = [about.os, about.kernel && `kernel ${about.kernel}`, engine.architecture].filter(Boolean).join(', ');
    const cgroup = [engine.cgroupDriver && `cgroup driver ${engine.cgroupDriver}`, about.cgroupVersion && `cgroup v${about.cgroupVersion}`]
        .filter(Boolean)
        .join(', ');
    return {
        title: `Docker engine ${about.version ?? '(version unknown)'}`,
        lines: [
            `endpoint ${endpoint}`,
            ...(where ? [where] : []),
            `storage driver ${engine.storageDriver ?? 'unknown'}${cgroup ? `, ${cgroup}` : ''}${engine.userns ? ', user namespaces on' : ''}`,
        ],
    };
}
function buildkitGroup(f) {
    const { 'buildkitd.toml': config, ...certs } = f.files;
    const lines = [`image ${f.image}, container ${f.container}`, `buildkitd flags: ${f.node['buildkitd-flags'] || '(none)'}`];
    if (config) {
        lines.push(`buildkitd config (${container_spec/* CONFIG_PATH */.tF}):`, ...config
            .toString('utf8')
            .trimEnd()
            .split('\n')
            .map((l) => (l ? `  ${l}` : '')));
    }
    else {
        lines.push("buildkitd config: none (BuildKit's defaults)");
    }
    const certFiles = Object.keys(certs);
    if (certFiles.length > 0)
        lines.push(`registry certificates: ${certFiles.map((c) => `/etc/buildkit/${c}`).join(', ')}`);
    return { title: `BuildKit ${f.node.buildkit}`, lines };
}
function nodeGroup(node, container) {
    const on = Object.entries(node.features)
        .filter(([, v]) => v)
        .map(([k]) => k);
    const off = Object.entries(node.features)
        .filter(([, v]) => !v)
        .map(([k]) => k);
    const lines = [
        `address docker-container://${container}`,
        `platforms: ${node.platforms.split(',').join(', ')}`,
        `features: ${on.join(', ')}${off.length ? `; off: ${off.join(', ')}` : ''}`,
    ];
    const labels = Object.entries(node.labels).sort(([a], [b]) => a.localeCompare(b));
    if (labels.length > 0)
        lines.push('labels:', ...labels.map(([k, v]) => `  ${k}: ${v}`));
    (node.gcPolicy ?? []).forEach((rule, i) => {
        const parts = [`all ${rule.all}`];
        if (rule.filter)
            parts.push(`filters ${rule.filter.join(',')}`);
        if (rule.keepDuration)
            parts.push(`keep duration ${rule.keepDuration}`);
        if (rule.reservedSpace)
            parts.push(`reserved space ${rule.reservedSpace}`);
        if (rule.maxUsedSpace)
            parts.push(`max used space ${rule.maxUsedSpace}`);
        if (rule.minFreeSpace)
            parts.push(`min free space ${rule.minFreeSpace}`);
        lines.push(`GC policy rule#${i}: ${parts.join(', ')}`);
    });
    return { title: `Node ${node.name}`, lines };
}
function logGroups(f) {
    return [engineGroup(f.engineEndpoint, f.engine), buildkitGroup(f), nodeGroup(f.node, f.container)];
}

;// CONCATENATED MODULE: ./src/node/node-info.ts
/**
 * The builder node as the `nodes` output describes it: the keys and value formats of
 * setup-buildx-action's `nodes` (what `docker buildx inspect` prints, parsed), filled from what the
 * readiness probe's workers JSON already told. Pure: facts in, JSON-ready object out.
 */

/**
 * What buildx's docker-container driver reports for every such builder (driver.Features): all of
 * them always on, except loading into the engine's image store, which is the `default-load` opt.
 */
function dockerContainerFeatures(defaultLoad) {
    return {
        'Automatically load images to the Docker Engine image store': defaultLoad,
        'Cache export': true,
        'Direct push': true,
        'Docker exporter': true,
        'Multi-platform build': true,
        'OCI exporter': true,
    };
}
/** A rule with buildx's formatting; zero values are left out, as buildx inspect leaves them out. */
function gcPolicyRule(rule) {
    const out = { all: rule.all === true };
    // BuildKit keeps a rule's conditions in one comma-joined string; the peer's parsing splits them.
    const filter = (rule.filter ?? []).flatMap((f) => f.split(',')).filter(Boolean);
    if (filter.length > 0)
        out.filter = filter;
    if (rule.keepDuration)
        out.keepDuration = (0,units/* goDuration */.Lm)(rule.keepDuration);
    if (rule.reservedSpace)
        out.reservedSpace = (0,units/* bytesSize */.VC)(rule.reservedSpace);
    if (rule.maxUsedSpace)
        out.maxUsedSpace = (0,units/* bytesSize */.VC)(rule.maxUsedSpace);
    if (rule.minFreeSpace)
        out.minFreeSpace = (0,units/* bytesSize */.VC)(rule.minFreeSpace);
    return out;
}
function nodeInfo(p) {
    const gcPolicy = p.status.gcPolicy.map(gcPolicyRule);
    return {
        name: p.name,
        endpoint: p.endpoint,
        status: 'running',
        'buildkitd-flags': p.flags.join(' '),
        buildkit: p.status.buildkitVersion,
        platforms: p.status.platforms.join(','),
        features: dockerContainerFeatures(p.defaultLoad),
        labels: p.status.labels,
        ...(gcPolicy.length > 0 ? { gcPolicy } : {}),
    };
}

;// CONCATENATED MODULE: ./src/node/provenance.ts
/**
 * buildx's GitHub Actions provenance context (driver-opt `provenance-add-gha`, on by default since
 * buildx v0.30): a JSON file at /etc/buildkit/provenance.d/github_actions_context.json, which
 * buildkitd merges into the provenance of every build on the builder. The keys are buildx's
 * (util/ghutil), each group only when all of its variables are set; the JSON is written as Go's
 * encoder writes it (keys sorted at every level; <, >, &, U+2028 and U+2029 escaped).
 */



/** Its path under /etc/buildkit. buildx sends it to the container only, never to its store. */
const PROVENANCE_CONTEXT_FILE = 'provenance.d/github_actions_context.json';
/** Each group: [key, variable] pairs, written only when every variable is set. */
const GROUPS = [
    [
        ['github_actor', 'GITHUB_ACTOR'],
        ['github_actor_id', 'GITHUB_ACTOR_ID'],
        ['github_triggering_actor', 'GITHUB_TRIGGERING_ACTOR'],
    ],
    [
        ['github_ref', 'GITHUB_REF'],
        ['github_ref_name', 'GITHUB_REF_NAME'],
        ['github_ref_protected', 'GITHUB_REF_PROTECTED'],
        ['github_ref_type', 'GITHUB_REF_TYPE'],
    ],
    [
        ['github_repository', 'GITHUB_REPOSITORY'],
        ['github_repository_id', 'GITHUB_REPOSITORY_ID'],
        ['github_repository_owner', 'GITHUB_REPOSITORY_OWNER'],
        ['github_repository_owner_id', 'GITHUB_REPOSITORY_OWNER_ID'],
    ],
    [
        ['github_job', 'GITHUB_JOB'],
        ['github_run_attempt', 'GITHUB_RUN_ATTEMPT'],
        ['github_run_id', 'GITHUB_RUN_ID'],
        ['github_run_number', 'GITHUB_RUN_NUMBER'],
        ['github_server_url', 'GITHUB_SERVER_URL'],
        ['github_workflow', 'GITHUB_WORKFLOW'],
        ['github_workflow_ref', 'GITHUB_WORKFLOW_REF'],
        ['github_workflow_sha', 'GITHUB_WORKFLOW_SHA'],
    ],
    [
        ['github_runner_image_os', 'ImageOS'],
        ['github_runner_image_version', 'ImageVersion'],
        ['github_runner_os', 'RUNNER_OS'],
        ['github_runner_arch', 'RUNNER_ARCH'],
        ['github_runner_environment', 'RUNNER_ENVIRONMENT'],
        ['github_runner_tracking_id', 'RUNNER_TRACKING_ID'],
        ['github_runner_name', 'RUNNER_NAME'],
    ],
];
/**
 * The context file's content, or undefined outside GitHub Actions or without an event (buildx then
 * writes nothing either). An unreadable event file is an error, as it is for buildx.
 */
function githubActionsContext(env, readFile = (f) => external_node_fs_.readFileSync(f, 'utf8')) {
    if ((0,units/* goBool */.B7)(env.GITHUB_ACTIONS ?? '') !== true)
        return undefined;
    const eventName = env.GITHUB_EVENT_NAME;
    const eventPath = env.GITHUB_EVENT_PATH;
    if (!eventName || !eventPath)
        return undefined;
    const skip = 'or set driver-opts provenance-add-gha=false to leave the GitHub context out of provenance';
    let payload;
    try {
        payload = JSON.parse(readFile(eventPath));
    }
    catch (err) {
        throw new errors/* UserError */.yo(`GITHUB_EVENT_PATH ${eventPath}: cannot read the GitHub event (${(0,errors/* errorLine */.BP)(err)}); ${skip}`);
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
        throw new errors/* UserError */.yo(`GITHUB_EVENT_PATH ${eventPath}: the GitHub event is not a JSON object; ${skip}`);
    }
    const context = { github_event_name: eventName, github_event_payload: payload };
    for (const group of GROUPS) {
        if (group.every(([, variable]) => env[variable]))
            for (const [key, variable] of group)
                context[key] = env[variable];
    }
    return Buffer.from(goJson(context));
}
/** JSON as Go's encoding/json writes a map: keys sorted, HTML-sensitive characters escaped. */
function goJson(value) {
    return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (typeof value !== 'object' || value === null)
        return value;
    return Object.fromEntries(Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]));
}

// EXTERNAL MODULE: ./src/node/qemu.ts
var node_qemu = __webpack_require__(194);
;// CONCATENATED MODULE: ./src/node/plan.ts
/**
 * The builder's nodes planned from the inputs (pure): node 0 from the builder's own inputs, then the
 * appended nodes (the append input), each with its names, engine, image, flags, files and QEMU targets.
 */






/**
 * Each node's plan: pure, from the parsed nodes to what is created on each engine. Node 0 comes
 * first, under buildx's name for it (`<builder>0`, see nodeNames); the appended nodes follow.
 */
function planNodes(builder, nodes, qemu, keepState, githubContext, shared) {
    const driver = shared.driver ?? 'docker-container';
    return nodes.map((node, index) => {
        const files = node.config?.files ?? {};
        const provenance = node.driverOpts.provenanceAddGha === false ? undefined : githubContext();
        return {
            driver,
            index,
            names: (0,inputs_names/* nodeNames */.t)(builder, node.name),
            engine: node.engine,
            image: node.driverOpts.image ?? values/* DEFAULT_BUILDKIT_IMAGE */.LX,
            opts: node.driverOpts,
            // A daemon this action does not start (remote, docker) takes no flags, nor buildx's default entitlement.
            flags: driver === 'remote' || driver === 'docker'
                ? []
                : (0,container_spec/* buildkitdFlags */.Yc)(node.buildkitdFlags, node.driverOpts.network === 'host', node.config?.insecureEntitlements),
            files,
            containerFiles: provenance ? { ...files, [PROVENANCE_CONTEXT_FILE]: provenance } : files,
            privateFiles: new Set(node.config?.privateFiles),
            hasConfig: node.config !== undefined,
            platforms: node.platforms,
            // A kubernetes node's emulators are its pods' (driver-opts qemu.install), not the runner's engine's.
            qemu: driver === 'docker-container' ? (0,node_qemu/* parseQemuInputs */.$P)(qemu, node.platforms) : undefined,
            keepState,
            pullPolicy: shared.pullPolicy,
            imagePolicy: shared.imagePolicy ?? false,
            mirrors: shared.mirrors,
            bootTimeoutMs: shared.bootTimeoutMs,
        };
    });
}
/**
 * This run as the owner of what it creates (see ownerLabels): the workflow run, its attempt, and a
 * random part that tells apart two jobs of one run, or two steps of one job.
 */
function runOwner(builder, env = process.env) {
    const run = `${env.GITHUB_RUN_ID || 'local'}.${env.GITHUB_RUN_ATTEMPT || '1'}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    return { builder, run, job: env.GITHUB_JOB ?? '' };
}

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/step/cancel.ts
var cancel = __webpack_require__(3930);
// EXTERNAL MODULE: ./src/step/summary.ts
var summary = __webpack_require__(6962);
;// CONCATENATED MODULE: ./src/step/timeline.ts
/**
 * The main step's phases on a timeline: a recorder that notes when each named phase starts and ends
 * (milliseconds since the step began, per lane: one lane per builder node), and a pure renderer to a
 * Mermaid gantt chart, which GitHub draws in the job summary. The chart shows what a table of durations
 * cannot: which phases overlapped (the pull beside QEMU, the state restore beside the emulators'
 * registration) and where the step's seconds went.
 */
class Timeline {
    now;
    origin;
    started = [];
    /** `now` is a monotonic clock in milliseconds; tests pass their own. */
    constructor(now = () => performance.now()) {
        this.now = now;
        this.origin = now();
    }
    elapsed() {
        return this.now() - this.origin;
    }
    /** Starts a phase; the returned function ends it (the first call counts, later ones change nothing). */
    begin(lane, name) {
        const phase = { lane, name, startMs: this.elapsed() };
        this.started.push(phase);
        return () => {
            phase.endMs ??= this.elapsed();
        };
    }
    /** Times `work` as a phase, ended whether it succeeds or fails. */
    async time(lane, name, work) {
        const end = this.begin(lane, name);
        try {
            return await work();
        }
        finally {
            end();
        }
    }
    /** The phases of one lane, for a part that only knows its own (a node's setup). */
    lane(lane) {
        return { begin: (name) => this.begin(lane, name), time: (name, work) => this.time(lane, name, work) };
    }
    /** Every phase begun so far, in the order begun; one still running ends now and is marked open. */
    phases() {
        const now = this.elapsed();
        return this.started.map(({ lane, name, startMs, endMs }) => endMs === undefined ? { lane, name, startMs, endMs: now, open: true } : { lane, name, startMs, endMs });
    }
}
// Mermaid's gantt lexer ends a task's or a section's text at `:`, `#`, `;` or a line break, and takes
// a line that starts with `%%` for a comment. Mermaid turns entity codes (`#58;`) back into their
// characters in the drawing, so the text reads as given.
const ENTITY = { '#': '#35;', ':': '#58;', ';': '#59;', '%': '#37;' };
/** Text as a gantt task or section name: one line, with the characters Mermaid's lexer stops at as entity codes. */
function ganttText(text) {
    return text
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[#:;%]/g, (c) => ENTITY[c]);
}
// Times are written as clock times on a fixed day, since a gantt chart's axis is a calendar: Mermaid
// parses them in the viewer's time zone and draws the axis in the same one, so the offsets come out
// as written wherever the chart is read (unix milliseconds would be shifted by the zone's offset).
// 1 January has no daylight-saving change.
const DAY = Date.UTC(2000, 0, 1);
const DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss.SSS';
function clockTime(ms) {
    return new Date(DAY + Math.round(ms)).toISOString().replace('T', ' ').replace('Z', '');
}
/**
 * A Mermaid gantt chart of the phases in a ```mermaid block: one section per lane, lanes in the order of
 * their first phase's start (then first seen), phases in a lane by start, then end. Each task is named
 * with its duration; a phase of zero length is a milestone (a bar of no width would not show), an open
 * one is marked active. No phases, no chart.
 */
function timelineMermaid(phases, title) {
    if (phases.length === 0)
        return '';
    const lanes = new Map();
    for (const phase of [...phases].sort((a, b) => a.startMs - b.startMs)) {
        const lane = lanes.get(phase.lane) ?? [];
        lane.push(phase);
        lanes.set(phase.lane, lane);
    }
    const spanMs = Math.max(...phases.map((p) => p.endMs));
    const lines = [
        '```mermaid',
        'gantt',
        `  title ${ganttText(title)}`,
        `  dateFormat ${DATE_FORMAT}`,
        // Seconds (and milliseconds) since the step began; minutes too when it took a minute or more.
        `  axisFormat ${spanMs >= 60_000 ? '%M:%S' : '%S.%L s'}`,
        '  todayMarker off',
    ];
    for (const [lane, inLane] of lanes) {
        lines.push(`  section ${ganttText(lane)}`);
        for (const p of inLane.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)) {
            const endMs = Math.max(p.endMs, p.startMs);
            const tags = [...(endMs === p.startMs ? ['milestone'] : []), ...(p.open ? ['active'] : [])];
            const seconds = `${((endMs - p.startMs) / 1000).toFixed(2)} s${p.open ? ', unfinished' : ''}`;
            lines.push(`    ${ganttText(p.name)} (${seconds}) :${[...tags, clockTime(p.startMs), clockTime(endMs)].join(', ')}`);
        }
    }
    lines.push('```', '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The main step: inputs → plan → connect every engine → set up every node in parallel, all or
 * nothing → buildx store entry → report. Orchestration only: how a node is made is its driver's
 * (src/node/drivers), the order of it the node lifecycle's (src/node/lifecycle.ts).
 */























/** The timeline's lane for what the step does once for every node (the engines, buildx). */
const STEP_LANE = 'step';
async function main(host) {
    // The step's phases, for the summary's chart: the step's own lane, and one per node.
    const timeline = new Timeline();
    const recorder = new state/* StateRecorder */.w(host);
    const inputs = readInputs(host);
    const buildxPlan = planBuildx(inputs.buildx);
    // Registered before anything can print them.
    for (const node of [inputs, ...inputs.append])
        for (const value of [...Object.values(node.driverOpts.env), ...(node.config?.secrets ?? [])])
            host.setSecret(value);
    recorder.update((s) => {
        s.builder = inputs.name;
        s.cleanup = inputs.cleanup;
        s.debug = host.isDebug() || !!inputs.config?.debug;
    });
    // The docker driver's builder is the context's own: nothing is written for it, a context neither.
    const engine = inputs.driver === 'docker' ? inputs.engine : storableEngine(inputs.engine, inputs.name, recorder);
    // Registered before anything can print them: a remote node's private key from BUILDER_NODE_0_AUTH_TLS_KEY.
    const remoteKey = inputs.driverOpts.remote?.key && inputs.driverOpts.remote.files[inputs.driverOpts.remote.key];
    if (remoteKey)
        for (const line of pemBody(remoteKey))
            host.setSecret(line);
    const plans = planNodes(inputs.name, [{ ...inputs, name: inputs.driver === 'docker' ? inputs.name : (0,inputs_names/* nodeNames */.t)(inputs.name).node, engine }, ...inputs.append], { qemu: host.input('qemu'), platforms: host.input('qemu-platforms'), image: host.input('qemu-image') }, inputs.keepState.enabled, () => githubActionsContext(process.env), {
        driver: inputs.driver,
        pullPolicy: inputs.pullPolicy,
        imagePolicy: inputs.imagePolicy,
        mirrors: inputs.config?.dockerHubMirrors,
        bootTimeoutMs: inputs.bootstrapTimeoutMs,
    });
    // Every engine answers before anything is created on any of them; from here on, post has engines to clean up.
    const nodes = await timeline.time(STEP_LANE, 'engines answer', () => node_lifecycle/* Nodes */.G9.connect(plans, runOwner(inputs.name)));
    recorder.update((s) => (s.nodes = nodes.records));
    const keptState = (0,node_hooks.node0State)(inputs.keepState, plans[0].flags, inputs.config?.digest, host);
    const node0Hooks = { ...keptState.hooks, ...(inputs.cacheImage ? cachedImages(recorder, host) : {}) };
    const appendedHooks = (0,node_hooks.appendedState)(inputs.keepState);
    // buildx, when the runner has none or buildx-version asks, is installed while the builders boot; a
    // failure removes what was made, as any other. Only the store entry and `install` need it.
    const buildx = setUpBuildx(buildxPlan, inputs.buildx, (l) => host.info(l), (dir) => host.addPath(dir));
    // Awaited later; this only keeps an early failure from counting as an unhandled rejection meanwhile.
    buildx.version.catch(() => undefined);
    const installing = buildxPlan.install;
    if (installing)
        timeline.time(STEP_LANE, `buildx ${installing}`, () => buildx.installed).catch(() => undefined);
    else
        buildx.installed.catch(() => undefined);
    const lifecycle = {
        hooksFor: (plan) => (plan.index === 0 ? node0Hooks : appendedHooks),
        log: (l) => host.info(l),
        recorded: () => recorder.update(() => undefined),
        warn: (l) => host.warning(l),
        timeline,
    };
    // Nothing is left half-created: what this run made goes (a signal meanwhile shares the removal).
    const cancelled = (0,cancel/* onCancel */.Ao)(() => nodes.remove(lifecycle));
    let statuses;
    try {
        statuses = await nodes.setUp(lifecycle);
        await timeline.time(STEP_LANE, 'buildx store entry', () => writeStore(inputs, plans, buildx, recorder));
    }
    catch (err) {
        await nodes.remove(lifecycle);
        throw err;
    }
    finally {
        cancelled();
    }
    await report(host, inputs, plans, statuses, await buildx.installed, timeline);
    const kept = await keptState.finish();
    if (kept)
        recorder.update((s) => (s.keptState = kept));
    const platforms = allPlatforms(statuses);
    host.info(`builder ${inputs.name} is ready: BuildKit ${statuses[0].buildkitVersion} on ${platforms}${inputs.platforms.length ? ` (declared ${inputs.platforms.map(util_platforms/* formatPlatform */.Bq).join(',')})` : ''}`);
}
/** cache-image: a cached copy of each image is loaded before its pull (see image-cache.ts). */
function cachedImages(recorder, host) {
    return {
        beforePull: async (ref, at) => {
            const cached = await (0,image_cache.restoreImage)(at.docker, { ref, arch: at.facts?.architecture ?? 'unknown' }, host);
            recorder.update((s) => (s.cachedImages ??= []).push(cached));
        },
    };
}
/**
 * The buildx store entry (every node, as buildx writes it), the downloaded binary and the builder alias.
 * The docker driver's builder is the context's own: buildx lists it by itself, so no entry is written.
 */
async function writeStore(inputs, plans, buildx, recorder) {
    const storeDir = (0,credentials/* buildxDir */.g3)();
    const installedBuildx = await buildx.version;
    const entry = inputs.driver === 'docker' ? undefined : await builderEntry(plans, installedBuildx);
    const toSave = (await buildx.installed)?.toSave;
    if (toSave)
        recorder.update((s) => (s.buildxBinary = toSave));
    if (inputs.buildx.install) {
        const alias = (0,builder_alias.setBuilderAlias)();
        recorder.update((s) => (s.builderAlias = alias));
    }
    if (!entry)
        return;
    // Last: nothing can fail after the store entry and `current` are written.
    const written = (0,buildx_store/* writeBuilder */.Vl)(storeDir, entry, inputs.use ? { key: (0,engine_endpoint/* currentEndpointKey */.oE)() } : undefined);
    recorder.update((s) => {
        s.storeDir = storeDir;
        s.previousCurrent = written.previousCurrent;
    });
}
async function builderEntry(plans, installedBuildx) {
    const [node0, ...appended] = await Promise.all(plans.map(async (plan) => nodeEntry((await (0,drivers.driverFor)(plan.driver)).storeEntry(plan), installedBuildx)));
    return (0,buildx_store/* storeEntry */.IO)({ ...node0, names: plans[0].names, appended, driver: plans[0].driver });
}
/** As setup-buildx-action: every node's platforms, once each. */
function allPlatforms(statuses) {
    return [...new Set(statuses.flatMap((s) => s.platforms))].join(',');
}
/** The step's outputs, log groups and summary. */
async function report(host, inputs, plans, statuses, installed, timeline) {
    if (inputs.use)
        host.exportVariable('BUILDX_BUILDER', inputs.name);
    const infos = plans.map((plan, i) => nodeInfo({
        name: plan.names.node,
        endpoint: plan.engine.endpoint,
        flags: plan.flags,
        status: statuses[i],
        defaultLoad: plan.opts.defaultLoad ?? false,
    }));
    const [node0, status] = [plans[0], statuses[0]];
    if (inputs.driver === 'docker-container')
        for (const group of logGroups({
            engineEndpoint: node0.engine.endpoint,
            engine: status.engine,
            image: node0.image,
            container: node0.names.container,
            files: node0.files,
            node: infos[0],
        }))
            host.group(group.title, group.lines);
    host.setOutput('name', inputs.name);
    host.setOutput('driver', inputs.driver);
    // buildctl --addr: the container through its engine; a kubernetes node has none of its own, so its
    // output is the store's endpoint, as buildx inspect shows it; a remote daemon's own address; the docker driver's context.
    const buildctlAddr = node0.driver === 'docker-container'
        ? (0,engine_endpoint/* buildctlAddress */.m_)(node0.names.endpoint, node0.engine.endpoint)
        : node0.driver === 'kubernetes'
            ? (await (0,drivers.driverFor)(node0.driver)).storeEntry(node0).endpoint
            : node0.engine.endpoint;
    host.setOutput('endpoint', buildctlAddr);
    host.setOutput('platforms', allPlatforms(statuses));
    // For a matrix leg's artifact names: its declared platforms, else the node's native one (BuildKit lists it first).
    host.setOutput('platform-pair', (0,util_platforms/* platformPair */.Mi)(inputs.platforms.length ? inputs.platforms.map(util_platforms/* formatPlatform */.Bq) : status.platforms.slice(0, 1)));
    host.setOutput('nodes', JSON.stringify(infos));
    host.setOutput('buildkit-version', status.buildkitVersion);
    const emulated = status.emulated;
    if (emulated)
        host.setOutput('qemu-platforms', emulated.platforms.join(','));
    // The chart follows the table after a blank line (a code block must not touch the table).
    const chart = timelineMermaid(timeline.phases(), `main step of ${inputs.name}, seconds since it began`);
    await host.summary((0,summary/* summaryMarkdown */.eH)({
        builder: inputs.name,
        node: node0.names.node,
        endpoint: buildctlAddr,
        image: node0.image,
        buildkitVersion: status.buildkitVersion,
        platforms: status.platforms,
        rows: [
            ...plans
                .slice(1)
                .map((plan, i) => [
                'Node',
                `\`${plan.names.node}\` — \`${plan.engine.endpoint}\` (BuildKit ${statuses[i + 1].buildkitVersion}; ${infos[i + 1].platforms})`,
            ]),
            ...statuses.flatMap((s, i) => s.imageCheck ? [(0,image_policy/* imageCheckRow */.gc)(s.imageCheck, plans.length > 1 ? plans[i].names.node : undefined)] : []),
            ...(emulated ? [(0,summary/* emulatorsRow */.VU)(emulated.platforms, emulated.installed)] : []),
            ...buildxRows(installed, inputs.buildx.install),
        ],
    }) + `\n${chart}`);
}
/** The base64 lines of a PEM block, each a secret to mask (the BEGIN/END lines are not). */
function pemBody(pem) {
    return pem
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('-----'));
}
/** The summary's buildx row, when this step installed buildx or the builder alias. */
function buildxRows(installed, alias) {
    const parts = [
        ...(installed ? [`${installed.tag} from the ${installed.source}`] : []),
        ...(alias ? ['`docker build` runs `docker buildx build`'] : []),
    ];
    return parts.length > 0 ? [['buildx', parts.join('; ')]] : [];
}
/**
 * The node's engine as the store will name it. buildx refuses a node whose TLS comes from the
 * environment (DOCKER_TLS_VERIFY/DOCKER_CERT_PATH): later docker buildx commands, and post, could not
 * reach it from the store entry or the step's state (which holds no key). As setup-buildx-action does,
 * that TLS goes into a context written for the builder and named as the node's endpoint; post removes
 * it after the node.
 */
function storableEngine(address, builder, recorder) {
    if (!address.tlsFromEnv)
        return address;
    const name = (0,engine_endpoint/* temporaryContextName */.Qx)(builder);
    (0,docker_context/* writeContext */.pv)({ name, host: address.host, tls: address.tls });
    recorder.update((s) => (s.temporaryContext = name));
    return { ...address, endpoint: name, context: name };
}


/***/ })

};

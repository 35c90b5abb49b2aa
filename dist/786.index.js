export const id = 786;
export const ids = [786];
export const modules = {

/***/ 6330:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IO: () => (/* binding */ storeEntry),
/* harmony export */   JT: () => (/* binding */ nodeEntry),
/* harmony export */   Vl: () => (/* binding */ writeBuilder),
/* harmony export */   hH: () => (/* binding */ keepOnlyNodes),
/* harmony export */   iq: () => (/* binding */ removeBuilder)
/* harmony export */ });
/* unused harmony exports versionAtLeast, optsForBuildx */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _inputs_driver_opts_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6886);
/**
 * docker buildx's on-disk builder store (~/.docker/buildx): the instance entry that makes
 * `docker buildx ls`, `build --builder` and `rm` work on a builder this action created, and the
 * `current` file that `use` writes. Format: shared/reference/buildx-interop.md §6.
 */





/** The node as the store holds it for the installed buildx (see optsForBuildx). */
function nodeEntry(node, buildxVersion) {
    return { ...node, driverOpts: optsForBuildx(node.driverOpts, buildxVersion) };
}
function storeNode(n) {
    const files = Object.entries(n.files);
    const opts = Object.entries(n.driverOpts);
    return {
        Name: n.name,
        Endpoint: n.endpoint,
        // In the key order of Go's ocispecs.Platform, as buildx writes it.
        Platforms: n.platforms.length > 0
            ? n.platforms.map((p) => ({ architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) }))
            : null,
        DriverOpts: opts.length > 0 ? Object.fromEntries(opts) : null,
        Flags: n.flags.length > 0 ? n.flags : null,
        Files: files.length > 0 ? Object.fromEntries(files.map(([k, v]) => [k, v.toString('base64')])) : null,
    };
}
function storeEntry(p) {
    return {
        Name: p.names.builder,
        Driver: p.driver ?? 'docker-container',
        Nodes: [storeNode({ ...p, name: p.names.node }), ...(p.appended ?? []).map(storeNode)],
        Dynamic: false,
    };
}
/** Whether a buildx release is `minimum` or newer; a pre-release counts as its release (an rc knows its options). */
function versionAtLeast(version, minimum) {
    const v = semver__WEBPACK_IMPORTED_MODULE_3___default().coerce(version);
    // An unversioned build (v0.0.0+unknown, a source build) is taken to be current.
    if (!v || v.version === '0.0.0')
        return true;
    return semver__WEBPACK_IMPORTED_MODULE_3___default().gte(v, minimum);
}
/**
 * The driver-opts an installed buildx can load: buildx rejects a whole builder whose entry holds an
 * option it does not know, so options newer than it are left out of the entry (the container still
 * has them). Without buildx, everything is written for whichever buildx comes later.
 */
function optsForBuildx(given, buildxVersion) {
    if (!buildxVersion)
        return given;
    return Object.fromEntries(Object.entries(given).filter(([k]) => versionAtLeast(buildxVersion, _inputs_driver_opts_js__WEBPACK_IMPORTED_MODULE_4__/* .DRIVER_OPT_SINCE */ .cF[k.startsWith('env.') ? 'env.' : k] ?? '0.0.0')));
}
/** Writes a file the way buildx does: mode 0600, through a temporary file and a rename. */
function writeAtomic(file, data) {
    node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync(tmp, data, { mode: 0o600 });
    node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync(tmp, file);
}
function readOrUndefined(file) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(file, 'utf8');
    }
    catch {
        return undefined;
    }
}
function writeBuilder(dir, entry, use) {
    const name = entry.Name.toLowerCase();
    writeAtomic(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'instances', name), JSON.stringify(entry));
    writeAtomic(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'activity', name), new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    if (!use)
        return {};
    const previousCurrent = readOrUndefined(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'current'));
    writeAtomic(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'current'), JSON.stringify({ Key: use.key, Name: entry.Name, Global: false }));
    return { previousCurrent };
}
/**
 * Keeps only the named nodes in the entry: the ones post could not remove, so that a later
 * `docker buildx rm` finishes the job on them (buildx itself would forget them).
 */
function keepOnlyNodes(dir, builder, nodes) {
    const file = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'instances', builder.toLowerCase());
    const text = readOrUndefined(file);
    if (!text)
        return;
    const entry = JSON.parse(text);
    writeAtomic(file, JSON.stringify({ ...entry, Nodes: entry.Nodes.filter((n) => nodes.includes(n.Name)) }));
}
/**
 * Removes the entry as `docker buildx rm` does (instance, activity, build refs) and, where `current`
 * still names this builder, puts back what it held before.
 */
function removeBuilder(dir, builder, previousCurrent) {
    const name = builder.toLowerCase();
    for (const p of [node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'instances', name), node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'activity', name), node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'refs', name)]) {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(p, { recursive: true, force: true });
    }
    const currentFile = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'current');
    const current = readOrUndefined(currentFile);
    let currentName;
    try {
        currentName = current ? JSON.parse(current).Name : undefined;
    }
    catch {
        return;
    }
    if (currentName !== builder)
        return;
    if (previousCurrent && stillExists(dir, previousCurrent))
        writeAtomic(currentFile, previousCurrent);
    else
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(currentFile, { force: true });
}
/**
 * Whether the builder a saved `current` names is still there: the default, a builder in the store,
 * or a docker context. Builders made and removed by concurrent jobs on one runner may be gone, and
 * `current` must not point at one of them.
 */
function stillExists(dir, current) {
    let name;
    try {
        name = JSON.parse(current).Name;
    }
    catch {
        return false;
    }
    if (!name || name === 'default')
        return true;
    if (node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, 'instances', name.toLowerCase())))
        return true;
    const contextMeta = node_path__WEBPACK_IMPORTED_MODULE_2__.join(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(dir), 'contexts', 'meta', (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(name).digest('hex'));
    return node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync(contextMeta);
}


/***/ }),

/***/ 3656:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I3: () => (/* binding */ registryAuth),
/* harmony export */   Q: () => (/* binding */ parseImageRef),
/* harmony export */   g3: () => (/* binding */ buildxDir),
/* harmony export */   kG: () => (/* binding */ dockerConfigDir)
/* harmony export */ });
/* unused harmony exports registryOf, credentialSource, helperCredentials */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17);
/**
 * Registry credentials for the images the action pulls (BuildKit, the QEMU installer), found as the
 * docker CLI finds them in its config (DOCKER_CONFIG or ~/.docker/config.json): a credential helper
 * named for the registry in `credHelpers`, else the `credsStore` helper, else the `auths` entry.
 * Helpers speak the docker-credential-helpers protocol (`docker-credential-<name> get`, the server
 * address on stdin, JSON on stdout). dockerode sends the result as X-Registry-Auth; it is never logged.
 */





/** The docker CLI's configuration directory (config.json, cli-plugins, buildx). */
function dockerConfigDir(env = process.env) {
    return env.DOCKER_CONFIG || node_path__WEBPACK_IMPORTED_MODULE_3__.join(node_os__WEBPACK_IMPORTED_MODULE_2__.homedir(), '.docker');
}
/** buildx's own directory (its builder store, and the remote driver's certificates): BUILDX_CONFIG, else the docker config dir's buildx. */
function buildxDir(env = process.env) {
    if (env.BUILDX_CONFIG)
        return env.BUILDX_CONFIG;
    return node_path__WEBPACK_IMPORTED_MODULE_3__.join(dockerConfigDir(env), 'buildx');
}
/** Docker Hub's hosts: the name images use, its index, and its registry API. */
const HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];
/** The key the docker CLI keeps Docker Hub's credentials under (`docker login` without a server). */
const HUB_CREDENTIALS_KEY = 'https://index.docker.io/v1/';
/**
 * The one rule for which registry an image is on: the first path component is a host when it holds
 * a `.` or a `:` or is `localhost`; otherwise, and for `docker.io`, `index.docker.io` and
 * `registry-1.docker.io` (all Docker Hub; the docker CLI normalizes the first two, and the third is
 * the host Hub's registry API answers on, with the same accounts), the image is on Docker Hub.
 */
function parseImageRef(ref) {
    const slash = ref.indexOf('/');
    const first = slash === -1 ? '' : ref.slice(0, slash);
    const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
    const host = isHost ? first.toLowerCase() : 'docker.io';
    const hub = HUB_HOSTS.includes(host);
    let rest = isHost ? ref.slice(slash + 1) : ref;
    const at = rest.indexOf('@');
    const digest = at === -1 ? undefined : rest.slice(at + 1);
    if (at !== -1)
        rest = rest.slice(0, at);
    const colon = rest.lastIndexOf(':');
    const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
    if (tag !== undefined)
        rest = rest.slice(0, colon);
    if (hub && !rest.includes('/'))
        rest = `library/${rest}`;
    return { registry: hub ? 'docker.io' : host, hub, path: rest, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}
/** The key the docker CLI keeps an image's registry credentials under: Docker Hub's index URL, else the host. */
function registryOf(ref) {
    const image = parseImageRef(ref);
    return image.hub ? HUB_CREDENTIALS_KEY : image.registry;
}
/** A config key's host, as the docker CLI's ConvertToHostname reads it (`https://ghcr.io/v2/` → `ghcr.io`). */
function keyHost(key) {
    return key
        .replace(/^https?:\/\//, '')
        .split('/')[0]
        .toLowerCase();
}
/**
 * The config entry for a registry: the exact key, else one whose host is the registry (the docker
 * CLI's rule for keys written with a scheme or path). For Docker Hub, a key naming any of its hosts
 * counts too: configs written by hand say `docker.io`, and the CLI would find nothing and pull
 * anonymously, which is what Docker Hub rate-limits.
 */
function entryFor(entries, registry) {
    if (!entries)
        return undefined;
    if (entries[registry] !== undefined)
        return entries[registry];
    const hosts = registry === HUB_CREDENTIALS_KEY ? HUB_HOSTS : [registry];
    const key = Object.keys(entries).find((k) => hosts.includes(keyHost(k)));
    return key === undefined ? undefined : entries[key];
}
/**
 * The docker CLI's order: a `credHelpers` entry for the registry, then `credsStore`; a helper, once
 * configured, is the only source (the CLI does not fall back to `auths` when it finds nothing).
 */
function credentialSource(config, registry) {
    const helper = entryFor(config.credHelpers, registry) || config.credsStore;
    if (helper)
        return { helper };
    const entry = entryFor(config.auths, registry);
    if (!entry?.auth && !entry?.identitytoken)
        return undefined;
    return { auth: entry.auth ?? '', identityToken: entry.identitytoken };
}
/** A helper's answer as the docker CLI reads it: the user "<token>" means the secret is an identity token. */
function helperCredentials(stdout, registry) {
    const creds = JSON.parse(stdout);
    if (!creds.Secret)
        return undefined;
    if (creds.Username === '<token>')
        return { identitytoken: creds.Secret, serveraddress: registry };
    return { username: creds.Username ?? '', password: creds.Secret, serveraddress: registry };
}
/** How long a helper may take (helpers for cloud registries call their cloud's API). */
const HELPER_TIMEOUT_MS = 60000;
async function registryAuth(ref, env = process.env) {
    let config;
    try {
        config = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dockerConfigDir(env), 'config.json'), 'utf8'));
    }
    catch {
        return {};
    }
    const registry = registryOf(ref);
    const source = credentialSource(config, registry);
    if (!source)
        return {};
    if ('auth' in source) {
        if (source.identityToken)
            return { auth: { identitytoken: source.identityToken, serveraddress: registry } };
        const decoded = Buffer.from(source.auth, 'base64').toString();
        const colon = decoded.indexOf(':');
        return { auth: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: registry } };
    }
    const program = `docker-credential-${source.helper}`;
    try {
        const stdout = await runHelper(program, registry, env);
        const auth = helperCredentials(stdout, registry);
        return auth ? { auth } : { problem: `${program} has no credentials for ${registry}` };
    }
    catch (err) {
        return { problem: `${program} get failed for ${registry}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorLine */ .BP)(err)}` };
    }
}
function runHelper(program, registry, env) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(program, ['get'], { env, timeout: HELPER_TIMEOUT_MS, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
            // "credentials not found in native keychain": the helper's way of saying there are none.
            if (err && /credentials not found/i.test(`${stdout}${stderr}`))
                resolve('{}');
            else if (err)
                reject(new Error(stderr.trim() || err.message));
            else
                resolve(stdout);
        });
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(registry);
    });
}


/***/ }),

/***/ 9610:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A2: () => (/* binding */ DEFAULT_CONTEXT),
/* harmony export */   mX: () => (/* binding */ currentContextName),
/* harmony export */   pv: () => (/* binding */ writeContext),
/* harmony export */   wr: () => (/* binding */ removeContext),
/* harmony export */   yI: () => (/* binding */ readContext)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);
/* harmony import */ var _credentials_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3656);
/**
 * The docker CLI's contexts, as the CLI and buildx read them: which context is current, and what a
 * context holds (its engine's host and TLS material). Layout of the store under the docker config dir:
 *   contexts/meta/<sha256 of the name>/meta.json          {"Name", "Endpoints": {"docker": {"Host", "SkipTLSVerify"}}}
 *   contexts/tls/<sha256 of the name>/docker/{ca,cert,key}.pem
 */





const DEFAULT_CONTEXT = 'default';
const TLS_FILES = ['ca', 'cert', 'key'];
function storeDir(name, env) {
    const id = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(name).digest('hex');
    const root = node_path__WEBPACK_IMPORTED_MODULE_2__.join((0,_credentials_js__WEBPACK_IMPORTED_MODULE_4__/* .dockerConfigDir */ .kG)(env), 'contexts');
    return { meta: node_path__WEBPACK_IMPORTED_MODULE_2__.join(root, 'meta', id), tls: node_path__WEBPACK_IMPORTED_MODULE_2__.join(root, 'tls', id) };
}
/**
 * The current context, as the CLI picks it: DOCKER_HOST set means the default context (it beats
 * DOCKER_CONTEXT), then DOCKER_CONTEXT, then `currentContext` in config.json, then the default.
 */
function currentContextName(env = process.env) {
    if (env.DOCKER_HOST)
        return DEFAULT_CONTEXT;
    if (env.DOCKER_CONTEXT)
        return env.DOCKER_CONTEXT;
    try {
        const config = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(node_path__WEBPACK_IMPORTED_MODULE_2__.join((0,_credentials_js__WEBPACK_IMPORTED_MODULE_4__/* .dockerConfigDir */ .kG)(env), 'config.json'), 'utf8'));
        if (config.currentContext)
            return config.currentContext;
    }
    catch {
        // No config, or one the CLI would also fail on: the default context.
    }
    return DEFAULT_CONTEXT;
}
/** A key of meta.json, read case-insensitively as the CLI reads it. */
function field(obj, key) {
    if (!obj || typeof obj !== 'object')
        return undefined;
    const found = Object.entries(obj).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return found?.[1];
}
/** A context from the store; undefined when there is none of that name. */
function readContext(name, env = process.env) {
    const dirs = storeDir(name, env);
    let meta;
    try {
        meta = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dirs.meta, 'meta.json'), 'utf8'));
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`docker context ${name}: unreadable meta.json: ${err.message}`, { cause: err });
    }
    const docker = field(field(meta, 'Endpoints'), 'docker');
    const host = field(docker, 'Host');
    if (typeof host !== 'string' || host === '')
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`docker context ${name} has no docker endpoint`);
    const tls = { skipVerify: field(docker, 'SkipTLSVerify') === true };
    for (const file of TLS_FILES) {
        const p = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dirs.tls, 'docker', `${file}.pem`);
        if (node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync(p))
            tls[file] = node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(p);
    }
    const hasTls = tls.skipVerify || TLS_FILES.some((f) => tls[f]);
    return { name, host, tls: hasTls ? tls : undefined };
}
/** Writes a context as `docker context create` does (meta 0644 in 0755 dirs, TLS files 0600 in 0700 dirs). */
function writeContext(context, env = process.env) {
    const dirs = storeDir(context.name, env);
    node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(dirs.meta, { recursive: true, mode: 0o755 });
    const endpoint = { Host: context.host, SkipTLSVerify: context.tls?.skipVerify ?? false };
    node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync(node_path__WEBPACK_IMPORTED_MODULE_2__.join(dirs.meta, 'meta.json'), JSON.stringify({ Name: context.name, Metadata: {}, Endpoints: { docker: endpoint } }), { mode: 0o644 });
    const tlsDir = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dirs.tls, 'docker');
    for (const file of TLS_FILES) {
        const data = context.tls?.[file];
        if (!data)
            continue;
        node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
        node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync(node_path__WEBPACK_IMPORTED_MODULE_2__.join(tlsDir, `${file}.pem`), data, { mode: 0o600 });
    }
}
function removeContext(name, env = process.env) {
    const dirs = storeDir(name, env);
    for (const dir of [dirs.meta, dirs.tls])
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(dir, { recursive: true, force: true });
}


/***/ }),

/***/ 8372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  lT: () => (/* binding */ REFUSED_CLIENT),
  JI: () => (/* binding */ UNTRUSTED_SERVER),
  Ng: () => (/* binding */ connect),
  g4: () => (/* binding */ engineMessage),
  Xm: () => (/* binding */ execIn),
  xO: () => (/* binding */ finalLogTail),
  US: () => (/* binding */ imageExists),
  wS: () => (/* binding */ isLocalEngine),
  yt: () => (/* binding */ loadImage),
  RB: () => (/* binding */ logTail),
  a$: () => (/* binding */ pull),
  po: () => (/* binding */ putFiles),
  se: () => (/* binding */ statusCode)
});

// UNUSED EXPORTS: connectionProblem, engineClient

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./node_modules/docker-modem/lib/modem.js
var modem = __webpack_require__(7133);
var modem_default = /*#__PURE__*/__webpack_require__.n(modem);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/container.js
var container = __webpack_require__(8521);
var container_default = /*#__PURE__*/__webpack_require__.n(container);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/image.js
var lib_image = __webpack_require__(9607);
var image_default = /*#__PURE__*/__webpack_require__.n(lib_image);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/util.js
var util = __webpack_require__(8300);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/volume.js
var volume = __webpack_require__(8302);
var volume_default = /*#__PURE__*/__webpack_require__.n(volume);
;// CONCATENATED MODULE: ./src/engine/docker-client.ts





class DockerClient {
    modem;
    /** Takes what dockerode's `new Docker(opts)` takes; none: DOCKER_HOST, or the default socket. */
    constructor(opts, bounds = {}) {
        this.modem = new (modem_default())(opts);
        // dockerode's objects build their promises with the modem's Promise, which its Docker class sets.
        this.modem.Promise = Promise;
        if (bounds.answerMs !== undefined || bounds.signal)
            boundRequests(this.modem, bounds);
    }
    dial(options) {
        return new Promise((resolve, reject) => this.modem.dial(options, (err, data) => (err ? reject(err) : resolve(data))));
    }
    ping(opts = {}) {
        return this.dial({ path: '/_ping', method: 'GET', abortSignal: opts.abortSignal, statusCodes: { 200: true, 500: 'server error' } });
    }
    info() {
        return this.dial({ path: '/info', method: 'GET', statusCodes: { 200: true, 500: 'server error' } });
    }
    async createContainer(spec) {
        const created = await this.dial({
            path: '/containers/create?',
            method: 'POST',
            options: spec,
            statusCodes: {
                200: true,
                201: true,
                400: 'bad parameter',
                404: 'no such container',
                406: 'impossible to attach',
                500: 'server error',
            },
        });
        return this.getContainer(created.Id);
    }
    async createVolume(spec) {
        const created = await this.dial({
            path: '/volumes/create?',
            method: 'POST',
            options: spec,
            statusCodes: { 200: true, 201: true, 500: 'server error' },
        });
        return this.getVolume(created.Name);
    }
    /** Pulls (`POST /images/create`): the engine's progress stream, to be read to its end. */
    pull(ref, opts = {}) {
        const { repository, tag } = (0,util.parseRepositoryTag)(ref);
        return this.dial({
            path: '/images/create?',
            method: 'POST',
            options: { fromImage: repository, tag: tag || 'latest' },
            authconfig: opts.authconfig,
            isStream: true,
            statusCodes: { 200: true, 500: 'server error' },
        });
    }
    /** Loads an image archive (`docker load`): the engine's progress stream, to be read to its end. */
    loadImage(archive) {
        return this.dial({
            path: '/images/load?',
            method: 'POST',
            file: archive,
            isStream: true,
            statusCodes: { 200: true, 500: 'server error' },
        });
    }
    /** `GET /containers/json`; `filters` as the engine takes them (JSON). */
    listContainers(opts = {}) {
        return this.dial({
            path: '/containers/json?',
            method: 'GET',
            options: opts,
            statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        });
    }
    /** `GET /volumes`; `filters` as the engine takes them (JSON). */
    listVolumes(opts = {}) {
        return this.dial({
            path: '/volumes?',
            method: 'GET',
            options: opts,
            statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        });
    }
    /**
     * The engine's own BuildKit: `POST /grpc` upgraded to h2c, the stream buildx's docker driver runs its
     * gRPC client over (`DialHijack(ctx, "/grpc", "h2c")`).
     */
    buildkitStream() {
        return this.dial({
            path: '/grpc',
            method: 'POST',
            hijack: true,
            headers: { Upgrade: 'h2c' },
            statusCodes: { 101: true, 200: true, 400: 'bad parameter', 404: 'no BuildKit in this engine', 500: 'server error' },
        });
    }
    /** `GET /version`: the engine's release (Version) among others. */
    version() {
        return this.dial({ path: '/version', method: 'GET', statusCodes: { 200: true, 500: 'server error' } });
    }
    getContainer(id) {
        return new (container_default())(this.modem, id);
    }
    getImage(name) {
        return new (image_default())(this.modem, name);
    }
    getVolume(name) {
        return new (volume_default())(this.modem, name);
    }
}
/**
 * Every request through the modem (dockerode's objects dial it directly) gets the bounds: an abort
 * signal combining the caller's, the client's and a timer, the timer cleared once the engine answers.
 */
function boundRequests(modem, bounds) {
    const dial = modem.dial.bind(modem);
    modem.dial = (options, callback) => {
        const waits = options.file !== undefined || /\/wait\?/.test(options.path ?? '');
        // A creation is not cut short: the engine may complete it anyway, and then its caller records it.
        const creates = options.method === 'POST' && /^\/(containers|volumes)\/create/.test(options.path ?? '');
        const signals = [creates ? undefined : bounds.signal, options.abortSignal].filter((s) => s !== undefined);
        let timer;
        let timedOut = false;
        if (bounds.answerMs !== undefined && !waits) {
            const timeout = new AbortController();
            timer = setTimeout(() => {
                timedOut = true;
                timeout.abort();
            }, bounds.answerMs);
            signals.push(timeout.signal);
        }
        const answered = (err, data) => {
            clearTimeout(timer);
            if (err && timedOut) {
                const where = bounds.engine ? `the Docker engine at ${bounds.engine}` : 'the Docker engine';
                return callback?.(new Error(`${where} did not answer ${options.method ?? 'GET'} ${(options.path ?? '').replace(/\?.*$/, '')} within ${bounds.answerMs / 1000} s`), null);
            }
            callback?.(err, data);
        };
        return dial({ ...options, abortSignal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] }, answered);
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/engine/ssh-transport.ts
/**
 * ssh:// engines, reached as the docker CLI reaches them: the system OpenSSH client runs
 * `docker system dial-stdio` on the remote host and the Engine API is spoken over its stdin/stdout.
 * So ~/.ssh/config, known_hosts, the agent and ProxyJump apply exactly as for the docker and buildx
 * commands of later steps, and an unknown host key is refused (ssh runs without a terminal, in its
 * own session, so it can never ask).
 */



/** The ssh command line for an ssh:// URL (docker/cli connhelper/ssh). */
function sshCommand(host) {
    const url = new URL(host);
    const args = [];
    if (url.username)
        args.push('-l', decodeURIComponent(url.username));
    if (url.port)
        args.push('-p', url.port);
    args.push('-o', 'ConnectTimeout=30', '-T', '--', url.hostname, 'docker');
    if (url.pathname && url.pathname !== '/')
        args.push(`--host=unix://${url.pathname}`);
    args.push('system', 'dial-stdio');
    return args;
}
/** The tail of ssh's stderr that says why it failed (host key, auth, refused connection). */
function reason(stderr) {
    return (stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(-2)
        .join(' ') || 'no message');
}
/**
 * One ssh child as a socket for node's HTTP client: writes go to its stdin, its stdout is read. An
 * exit before the stream ended is an error carrying ssh's own message, in the docker CLI's words.
 */
class SshStream extends external_node_stream_.Duplex {
    child;
    stderr = '';
    answered = false;
    constructor(child, argv) {
        super();
        this.child = child;
        child.stderr.on('data', (c) => (this.stderr = (this.stderr + c.toString()).slice(-4096)));
        child.stdout.on('data', (c) => {
            this.answered = true;
            if (!this.push(c))
                child.stdout.pause();
        });
        child.on('error', (err) => this.destroy(new Error(`cannot run ssh: ${err.message}`)));
        // The stream ends when ssh has exited, so that a failure before the engine answered (host key,
        // auth, refused) is the error the client sees, rather than the end of an empty answer.
        child.on('close', (code, signal) => {
            if (this.destroyed)
                return;
            if (code === 0 || this.answered)
                this.push(null);
            else
                this.destroy(new Error(`command [ssh ${argv.join(' ')}] has exited with ${code !== null ? `exit status ${code}` : `signal ${signal}`}: ${reason(this.stderr)}`));
        });
    }
    _read() {
        this.child.stdout.resume();
    }
    _write(chunk, _enc, done) {
        this.child.stdin.write(chunk, done);
    }
    _final(done) {
        this.child.stdin.end(done);
    }
    _destroy(err, done) {
        if (this.child.exitCode === null)
            this.child.kill();
        done(err);
    }
    // What node's HTTP client and agent call on a socket.
    setNoDelay() {
        return this;
    }
    setKeepAlive() {
        return this;
    }
    setTimeout() {
        return this;
    }
    /** An idle kept-alive connection does not keep the process alive. */
    unref() {
        this.child.unref();
        for (const s of [this.child.stdin, this.child.stdout, this.child.stderr])
            s.unref?.();
        return this;
    }
    ref() {
        this.child.ref();
        for (const s of [this.child.stdin, this.child.stdout, this.child.stderr])
            s.ref?.();
        return this;
    }
}
/**
 * An HTTP agent whose connections are ssh children; idle ones are kept for the next request (one ssh
 * handshake serves many API calls), and an upgraded (exec) connection takes its child with it.
 */
class SshAgent extends external_node_http_.Agent {
    host;
    constructor(host) {
        super({ keepAlive: true });
        this.host = host;
    }
    createConnection() {
        const argv = sshCommand(this.host);
        // Its own session: no controlling terminal, so ssh cannot prompt for a host key or a password.
        const child = (0,external_node_child_process_.spawn)('ssh', argv, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        return new SshStream(child, argv);
    }
}

;// CONCATENATED MODULE: ./src/engine/docker.ts
/**
 * The Docker Engine API, through dockerode's objects (docker-client.ts): connecting, pulling, exec,
 * archives and logs.
 * No API version is pinned: unversioned paths get the engine's own API version, which is how the
 * docker CLI's negotiation ends up on an older engine too.
 */






/**
 * A client for one engine. Every connection field is set, so that nothing of DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH or SSH_AUTH_SOCK leaks in from dockerode's environment defaults.
 */
function engineClient(address, bounds = {}) {
    const none = {
        socketPath: undefined,
        host: undefined,
        port: undefined,
        ca: undefined,
        cert: undefined,
        key: undefined,
        agent: undefined,
        timeout: undefined,
        username: undefined,
        pathPrefix: undefined,
    };
    const url = new URL(address.host);
    switch (url.protocol) {
        case 'unix:':
            return new DockerClient({ ...none, socketPath: url.pathname, protocol: 'http' }, bounds);
        case 'ssh:':
            // The host name only fills the Host header: the ssh child is the connection.
            return new DockerClient({ ...none, host: 'docker', protocol: 'http', agent: new SshAgent(address.host) }, bounds);
        case 'tcp:': {
            const tls = address.tls;
            const base = {
                ...none,
                host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
                port: url.port,
                pathPrefix: url.pathname === '/' ? undefined : url.pathname,
            };
            if (!tls)
                return new DockerClient({ ...base, protocol: 'http' }, bounds);
            return new DockerClient({
                ...base,
                protocol: 'https',
                ca: tls.ca,
                cert: tls.cert,
                key: tls.key,
                // dockerode passes no rejectUnauthorized of its own: a context's SkipTLSVerify needs an agent.
                agent: tls.skipVerify ? new external_node_https_.Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key }) : undefined,
            }, bounds);
        }
        default:
            throw new errors/* UserError */.yo(`${address.host}: not an address this action can reach (unix://, tcp:// or ssh://)`);
    }
}
/** An address and where it came from, for messages. */
function describeAddress(address) {
    return `${address.host} (${address.source})`;
}
/** How long an engine has to answer its first request: the docker CLI's ssh ConnectTimeout. */
const CONNECT_TIMEOUT_MS = 30000;
/**
 * Connects to an engine and checks that it answers, within a bound: a silent host must not hang the step.
 * `bounds` are those of the client's later requests (see RequestBounds).
 */
async function connect(address, timeoutMs = CONNECT_TIMEOUT_MS, bounds = {}) {
    const docker = engineClient(address, bounds);
    try {
        await docker.ping({ abortSignal: AbortSignal.timeout(timeoutMs) });
    }
    catch (err) {
        const problem = err?.name === 'AbortError' || err?.name === 'TimeoutError'
            ? `no answer within ${timeoutMs / 1000} s`
            : connectionProblem(err);
        throw new errors/* UserError */.yo(`Docker engine not reachable at ${describeAddress(address)}: ${problem}`);
    }
    return { docker, endpoint: address.endpoint, address };
}
const UNTRUSTED_SERVER = new Set([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_SIGNATURE_FAILURE',
]);
const REFUSED_CLIENT = new Set([
    'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
    'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
    'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
]);
/** Why a connection failed, on one line; TLS failures say which side refused whom. */
function connectionProblem(err) {
    const code = err?.code ?? '';
    const line = (0,errors/* errorLine */.BP)(err)
        .split('\n')[0]
        .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/, '');
    if (UNTRUSTED_SERVER.has(code))
        return `${line}: the engine's certificate is not signed by the CA given (ca.pem)`;
    if (REFUSED_CLIENT.has(code))
        return `the engine refused the TLS handshake (${line.replace(/:.*$/, '')}): it asks for a client certificate signed by a CA it trusts (cert.pem and key.pem)`;
    return line;
}
/** The engine listens on a unix socket, so it shares this machine's kernel and filesystem. */
function isLocalEngine(docker) {
    return !!docker.modem.socketPath;
}
function statusCode(err) {
    return err?.statusCode;
}
/** The engine's error text, without dockerode's "(HTTP code N) unexpected -" prefix. */
function engineMessage(err) {
    const json = err?.json;
    return (json?.message ?? (0,errors/* errorLine */.BP)(err).replace(/^\(HTTP code \d+\) [^-]*- /, '')).trim();
}
/** Pulls an image, reading the progress stream to its end so that errors inside it surface. */
async function pull(docker, ref, auth) {
    await followToEnd(docker, (await docker.pull(ref, auth ? { authconfig: auth } : {})));
}
/** Loads an image archive (`docker load`), reading the engine's answer to its end for errors. */
async function loadImage(docker, archive) {
    await followToEnd(docker, (await docker.loadImage(archive)));
}
/** Reads an engine progress stream (JSON messages) to its end; an `error` message in it rejects. */
function followToEnd(docker, stream) {
    return new Promise((resolve, reject) => {
        docker.modem.followProgress(stream, (err, events) => {
            const failed = events?.find((e) => e.error);
            if (err || failed)
                reject(err ?? new Error(failed?.error));
            else
                resolve();
        });
    });
}
async function imageExists(docker, ref) {
    try {
        await docker.getImage(ref).inspect();
        return true;
    }
    catch (err) {
        if (statusCode(err) === 404)
            return false;
        throw err;
    }
}
/** Runs a command in a running container and collects its output and exit code. */
async function execIn(container, cmd) {
    const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = new external_node_stream_.PassThrough();
    const err = new external_node_stream_.PassThrough();
    const chunks = { out: [], err: [] };
    out.on('data', (c) => chunks.out.push(c));
    err.on('data', (c) => chunks.err.push(c));
    container.modem.demuxStream(stream, out, err);
    await new Promise((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
    });
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(chunks.out).toString(), stderr: Buffer.concat(chunks.err).toString() };
}
/** Splits a multiplexed (non-TTY) engine stream held in memory: 8-byte frame headers, 1 = stdout, 2 = stderr. */
function demuxBuffer(buf) {
    const parts = [];
    for (let i = 0; i + 8 <= buf.length;) {
        const size = buf.readUInt32BE(i + 4);
        parts.push(buf.subarray(i + 8, i + 8 + size));
        i += 8 + size;
    }
    return Buffer.concat(parts).toString();
}
/**
 * The last lines of a container that has just exited, for an error message. Its stderr (where
 * buildkitd's errors go) is what counts: the engine copies stdout and stderr to the log separately and
 * asynchronously, so in the interleaved log an error can sit above a screen of usage text, or land
 * a moment after the exit. The engine counts `tail` over the interleaved log before it picks the
 * streams (buildkitd's one error line lands above its 65 lines of usage in about half the runs, on
 * 20.10 and 29 alike, and a stderr read with a tail of 30 then finds nothing), so stderr is read whole:
 * a container that has just failed to start wrote little. Reads until stderr has something and two reads 100 ms apart agree, for two
 * seconds at most; without any stderr, the interleaved log.
 */
async function finalLogTail(container, lines) {
    const deadline = Date.now() + 2000;
    let previous = await stderrTail(container, lines);
    while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        const current = await stderrTail(container, lines);
        if (current && current === previous)
            return current;
        previous = current;
    }
    return previous || logTail(container, lines);
}
/** The last lines of a container's stderr, from the whole log (see finalLogTail). */
async function stderrTail(container, lines) {
    return (await readLog(container, { stdout: false, stderr: true })).split('\n').slice(-lines).join('\n');
}
/** The last lines of a container's log, stdout and stderr interleaved as they were written. */
function logTail(container, lines) {
    return readLog(container, { stdout: true, stderr: true, tail: lines });
}
async function readLog(container, opts) {
    try {
        const buf = (await container.logs({ ...opts, follow: false }));
        return demuxBuffer(buf).trimEnd();
    }
    catch (err) {
        return `(no log: ${engineMessage(err)})`;
    }
}
/** Writes files into a (created, not yet started) container through PUT /archive. */
async function putFiles(container, dir, entries) {
    const pack = tar_stream.pack();
    for (const e of entries) {
        if (e.data)
            pack.entry({ name: e.name, mode: e.mode, uid: 0, gid: 0, type: 'file' }, e.data);
        else
            pack.entry({ name: e.name, mode: e.mode, uid: 0, gid: 0, type: 'directory' });
    }
    pack.finalize();
    const chunks = [];
    for await (const c of pack)
        chunks.push(c);
    await container.putArchive(Buffer.concat(chunks), { path: dir });
}


/***/ }),

/***/ 3504:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ Client)
/* harmony export */ });
/**
 * What the bundle gets for `ssh2` (tsconfig.json's `paths`, which ncc applies to every import in the
 * bundle, docker-modem's included). docker-modem requires ssh2 as it loads, for `ssh://` engines,
 * but this action never gives it an `ssh` protocol: ssh engines go through the system's OpenSSH
 * (ssh-transport.ts), so the real ssh2 only cost every step its loading and a native addon.
 */
class Client {
    constructor() {
        throw new Error("ssh2 is not bundled: ssh:// engines go through the system's ssh (ssh-transport.ts)");
    }
}


/***/ }),

/***/ 6886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cF: () => (/* binding */ DRIVER_OPT_SINCE),
/* harmony export */   uk: () => (/* binding */ parseDriverOpts),
/* harmony export */   zY: () => (/* binding */ splitDriverOpts)
/* harmony export */ });
/* harmony import */ var csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5175);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);
/* harmony import */ var _util_units_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6127);
/* harmony import */ var _kubernetes_opts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(128);
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
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(INPUT, value.replace(/(env\.[^=,"\s]*=)[^,"\n]*/g, '$1***'), accepted);
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
            records = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(line, { trim: true, relax_column_count: true });
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
    const n = (0,_util_units_js__WEBPACK_IMPORTED_MODULE_2__/* .ramInBytes */ .h$)(value);
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
    const parsed = (0,_util_units_js__WEBPACK_IMPORTED_MODULE_2__/* .goBool */ .B7)(value);
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
    const kubernetes = (0,_kubernetes_opts_js__WEBPACK_IMPORTED_MODULE_3__/* .parseKubernetesOpts */ .i7)(given);
    return { image: kubernetes.image, defaultLoad: kubernetes.defaultLoad, env: kubernetes.env, given, kubernetes };
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

/***/ 5585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ MAX_NODE_NAME),
/* harmony export */   t: () => (/* binding */ nodeNames)
/* harmony export */ });
/**
 * The builder's and its nodes' names, as buildx derives them: node 0 is `<builder>0`, its container
 * `buildx_buildkit_<node>` and its state volume `<container>_state`. The name inputs are checked against them.
 */
const CONTAINER_PREFIX = 'buildx_buildkit_';
const VOLUME_SUFFIX = '_state';
/** The longest node name whose volume name (a directory on the engine's disk) fits in 255 bytes. */
const MAX_NODE_NAME = 255 - CONTAINER_PREFIX.length - VOLUME_SUFFIX.length;
/** A node's names; node 0 is `<builder>0`, as buildx names the first node. */
function nodeNames(builder, node = `${builder.toLowerCase()}0`) {
    const container = `${CONTAINER_PREFIX}${node}`;
    return { builder, node, container, volume: `${container}${VOLUME_SUFFIX}`, endpoint: `docker-container://${container}` };
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

/***/ 8328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   driverFor: () => (/* binding */ driverFor)
/* harmony export */ });
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(17);
/**
 * The drivers, by buildx's name: adding a driver is adding its module and its line here; the node
 * lifecycle, main and post find it through `driverFor`. Each is loaded only when a node asks for it,
 * so that no run pays for a driver's client it does not use.
 */

const DRIVERS = {
    'docker-container': async () => (await Promise.all(/* import() */[__webpack_require__.e(967), __webpack_require__.e(80)]).then(__webpack_require__.bind(__webpack_require__, 7080))).dockerContainer,
    remote: async () => (await __webpack_require__.e(/* import() */ 696).then(__webpack_require__.bind(__webpack_require__, 4696))).remote,
    docker: async () => (await __webpack_require__.e(/* import() */ 594).then(__webpack_require__.bind(__webpack_require__, 8594))).docker,
    kubernetes: async () => (await __webpack_require__.e(/* import() */ 294).then(__webpack_require__.bind(__webpack_require__, 7294))).kubernetes,
};
async function driverFor(name) {
    const load = DRIVERS[name];
    if (!load)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`driver ${name} is not available in this version of setup-buildkit`);
    return load();
}


/***/ }),

/***/ 6940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G9: () => (/* binding */ Nodes),
/* harmony export */   Tw: () => (/* binding */ reportProblems),
/* harmony export */   g2: () => (/* binding */ tearDownNodes)
/* harmony export */ });
/* harmony import */ var _step_progress_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5751);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);
/* harmony import */ var _drivers_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8328);



/** How long an engine has to answer its first request: the docker CLI's ssh ConnectTimeout. */
const CONNECT_MS = 30000;
/** How long an engine has to answer any later request (see RequestBounds): a stalled engine is an error, not a hang. */
const REQUEST_MS = 30000;
/** How long a removal has, per node. */
const TEARDOWN_MS = 60000;
/** How long a failed or cancelled setup waits for the other nodes to stop (a creation in flight to be recorded). */
const SETTLE_MS = 10000;
/** An error of node 0 is the builder's own; another node's names it. */
function nodeError(plan, err) {
    return plan.index === 0 ? err : new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`node ${plan.names.node}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorLine */ .BP)(err)}`, { cause: err });
}
/** The builder's nodes, every engine reached; `records` are what the step's state holds. */
class Nodes {
    plans;
    connections;
    records;
    abort;
    setups = [];
    /** The first node that failed, and why: what setUp throws. */
    failure;
    removal;
    constructor(plans, connections, abort) {
        this.plans = plans;
        this.connections = connections;
        this.records = connections.map((c) => c.record);
        this.abort = abort;
    }
    /** Reaches every node's engine in parallel; nothing is created before all of them answer. */
    static async connect(plans, owner) {
        const abort = new AbortController();
        const bound = { connectMs: CONNECT_MS, requestMs: REQUEST_MS, signal: abort.signal };
        const connections = await Promise.all(plans.map(async (plan) => {
            try {
                return await (await (0,_drivers_index_js__WEBPACK_IMPORTED_MODULE_2__.driverFor)(plan.driver)).connect(plan, owner, bound);
            }
            catch (err) {
                abort.abort();
                throw nodeError(plan, err);
            }
        }));
        return new Nodes(plans, connections, abort);
    }
    /**
     * Sets every node up in parallel. The first failure aborts the others at once (their requests in
     * flight are cut, but a creation, which the engine completes anyway), removes what every node made,
     * and is thrown.
     */
    async setUp(opts) {
        const signal = this.abort.signal;
        this.setups = this.connections.map(async (connection, i) => {
            const plan = this.plans[i];
            const progress = nodeProgress(plan, opts.log);
            try {
                const status = await connection.setUp({
                    hooks: opts.hooksFor(plan),
                    signal,
                    record: (resource) => {
                        connection.record.created.push(resource);
                        opts.recorded();
                    },
                    progress,
                    log: opts.log,
                    nextProgressId: progressId(plan) + 1,
                    phases: opts.timeline.lane(plan.names.node),
                });
                progress.done();
                return status;
            }
            catch (err) {
                if (signal.aborted)
                    progress.note('CANCELED');
                else {
                    progress.error((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorLine */ .BP)(err).split('\n')[0]);
                    this.failure = { plan, err };
                    this.abort.abort(err);
                }
                throw err;
            }
        });
        try {
            return (await Promise.all(this.setups));
        }
        catch (err) {
            await this.remove(opts);
            throw this.failure ? nodeError(this.failure.plan, this.failure.err) : err;
        }
    }
    /**
     * Removes what this run made on every node: main's failure path and a signal meanwhile share one
     * removal. The setups still running are aborted first and given SETTLE_MS to stop, so that a
     * creation in flight is recorded (and, carrying the run's label, found) before the removal.
     */
    remove(opts) {
        return (this.removal ??= (async () => {
            this.abort.abort();
            let timer;
            await Promise.race([Promise.allSettled(this.setups), new Promise((r) => (timer = setTimeout(r, SETTLE_MS)))]);
            clearTimeout(timer);
            // A failed setup's storage holds nothing worth keeping: kept storage goes too.
            const reports = await tearDownNodes(this.records, () => ({}), true);
            for (const [i, report] of reports.entries()) {
                for (const line of reportProblems(report, i))
                    opts.warn(line);
                this.records[i].created = [];
            }
            opts.recorded();
        })());
    }
}
/** Node 0's lines are `#1`, its installer's `#2`; node i's `#(1+2i)` and `#(2+2i)`. */
function progressId(plan) {
    return 1 + 2 * plan.index;
}
function nodeProgress(plan, log) {
    const title = plan.index === 0 ? '[internal] booting buildkit' : `[internal] booting buildkit on node ${plan.names.node} (${plan.engine.endpoint})`;
    return new _step_progress_js__WEBPACK_IMPORTED_MODULE_0__/* .Progress */ .k(log, progressId(plan), title);
}
/** A removal's problems as warnings; node 0's as the builder's own, another node's naming it. */
function reportProblems(report, index) {
    const lines = report.unreachable ? [...report.problems, `not removed: ${report.unreachable}`] : report.problems;
    return index === 0 ? lines : lines.map((l) => `node ${report.name}: ${l}`);
}
/** Removes every node in parallel, each within TEARDOWN_MS; never throws. */
function tearDownNodes(records, hooksFor, removeKept = false) {
    return Promise.all(records.map(async (record, i) => (await (0,_drivers_index_js__WEBPACK_IMPORTED_MODULE_2__.driverFor)(record.driver)).tearDown(record, { hooks: hooksFor(record, i), timeoutMs: TEARDOWN_MS, removeKept })));
}


/***/ }),

/***/ 2462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ loadState),
/* harmony export */   w: () => (/* binding */ StateRecorder)
/* harmony export */ });
class StateRecorder {
    host;
    state = { cleanup: true, debug: false };
    constructor(host) {
        this.host = host;
        // Saved before anything else: its presence is also what tells the post step from the main step.
        this.save();
    }
    update(change) {
        change(this.state);
        this.save();
    }
    save() {
        this.host.saveState(JSON.stringify(this.state));
    }
}
function loadState(host) {
    const raw = host.loadState();
    return raw ? JSON.parse(raw) : undefined;
}


/***/ }),

/***/ 5751:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ Progress)
/* harmony export */ });
/* harmony import */ var _util_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6127);
/**
 * Progress lines in buildx's plain style, with timings:
 *   #1 [internal] booting buildkit
 *   #1 pulling image moby/buildkit:buildx-stable-1
 *   #1 pulling image moby/buildkit:buildx-stable-1 1.9s done
 *   #1 DONE 2.4s
 */

class Progress {
    log;
    id;
    started = Date.now();
    constructor(log, id, title) {
        this.log = log;
        this.id = id;
        this.log(`#${id} ${title}`);
    }
    static seconds(since) {
        return `${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_0__/* .secondsSince */ .wv)(since)}s`;
    }
    note(text) {
        this.log(`#${this.id} ${text}`);
    }
    /** Runs one sub-step, logging its start and its time. */
    async step(text, work) {
        const t = Date.now();
        this.note(text);
        const result = await work();
        this.note(`${text} ${Progress.seconds(t)} done`);
        return result;
    }
    done() {
        this.log(`#${this.id} DONE ${Progress.seconds(this.started)}`);
    }
    error(message) {
        this.log(`#${this.id} ERROR: ${message}`);
    }
}


/***/ }),

/***/ 6962:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gd: () => (/* binding */ summarySection),
/* harmony export */   VU: () => (/* binding */ emulatorsRow),
/* harmony export */   eH: () => (/* binding */ summaryMarkdown)
/* harmony export */ });
/**
 * The job summary: each step writes one complete section, a heading and a two-column table, so a
 * run's page answers "which builder, which BuildKit, which platforms, what did post do" without
 * opening the log. Pure: facts in, markdown out.
 */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/** One section: `### title` and a table of label | value rows. */
function summarySection(title, rows) {
    return [`### ${title}`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), ''].join('\n');
}
function summaryMarkdown(f) {
    return summarySection('setup-buildkit', [
        ['Builder', `\`${f.builder}\` (docker-container)`],
        ['Node', `\`${f.node}\` — \`${f.endpoint}\``],
        ['BuildKit', `${f.buildkitVersion} (\`${f.image}\`)`],
        ['Platforms', f.platforms.join(', ') || '—'],
        ...(f.rows ?? []),
    ]);
}
/** The Emulators row: what the kernel now runs through QEMU, and whether this run had to register any of it. */
function emulatorsRow(platforms, installed) {
    if (installed.length)
        return ['Emulators', `${platforms.join(', ')} (installed now: ${installed.join(', ')})`];
    if (platforms.length)
        return ['Emulators', `${platforms.join(', ')} (already registered)`];
    return ['Emulators', 'none needed (every platform runs natively)'];
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


/***/ }),

/***/ 6127:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B7: () => (/* binding */ goBool),
/* harmony export */   Lm: () => (/* binding */ goDuration),
/* harmony export */   VC: () => (/* binding */ bytesSize),
/* harmony export */   h$: () => (/* binding */ ramInBytes),
/* harmony export */   ix: () => (/* binding */ megabytes),
/* harmony export */   pc: () => (/* binding */ durationMs),
/* harmony export */   wv: () => (/* binding */ secondsSince)
/* harmony export */ });
/**
 * Docker's and Go's notations, and how sizes and times are shown.
 *
 * Docker's size notation (go-units RAMInBytes, what buildx uses for memory and memory-swap):
 * a decimal number, an optional space, an optional binary unit k/m/g/t/p, optional "i" and "b".
 */
const SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp])?(i)?(b)?$/i;
const POWERS = { k: 1, m: 2, g: 3, t: 4, p: 5 };
/** Bytes, or undefined when the text is not a size. */
function ramInBytes(text) {
    const m = SIZE.exec(text);
    if (!m)
        return undefined;
    const unit = m[2]?.toLowerCase();
    // "i" without a unit ("4ib") is not a size; a bare "b" is bytes.
    if (m[3] && !unit)
        return undefined;
    return Math.trunc(Number(m[1]) * 1024 ** (unit ? POWERS[unit] : 0));
}
/** Bytes as megabytes with one decimal, as the logs and the summary show sizes. */
function megabytes(bytes) {
    return (bytes / 1e6).toFixed(1);
}
/** The seconds since `start` (a Date.now()), with one decimal. */
function secondsSince(start) {
    return ((Date.now() - start) / 1000).toFixed(1);
}
/** Go's strconv.ParseBool, which buildx applies to driver-opts and to GITHUB_ACTIONS: undefined when not a bool. */
function goBool(text) {
    if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text))
        return true;
    if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text))
        return false;
    return undefined;
}
/** A Go-style duration ("90s", "2m", "1m30s", "500ms") or a bare number of seconds, in milliseconds. */
function durationMs(text) {
    if (/^\d+(\.\d+)?$/.test(text))
        return Number(text) * 1000;
    const part = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
    const scale = { ms: 1, s: 1000, m: 60000, h: 3600000 };
    let total = 0;
    let end = 0;
    for (let m = part.exec(text); m; m = part.exec(text)) {
        total += Number(m[1]) * scale[m[2]];
        end = part.lastIndex;
    }
    return end > 0 && end === text.length ? total : undefined;
}
/** A number without trailing zeros, at most `digits` decimals ("1.5", "48"). */
function trimmed(n, digits) {
    return String(Number(n.toFixed(digits)));
}
/** Go's time.Duration String() of nanoseconds: "48h0m0s", "1m30s", "1.5s", "500ms", "0s". */
function goDuration(ns) {
    if (ns < 0)
        return `-${goDuration(-ns)}`;
    if (ns === 0)
        return '0s';
    if (ns < 1e3)
        return `${ns}ns`;
    if (ns < 1e6)
        return `${trimmed(ns / 1e3, 3)}µs`;
    if (ns < 1e9)
        return `${trimmed(ns / 1e6, 6)}ms`;
    const h = Math.floor(ns / 3.6e12);
    const m = Math.floor((ns % 3.6e12) / 6e10);
    const s = (ns % 6e10) / 1e9;
    return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${trimmed(s, 9)}s`;
}
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
/** go-units BytesSize, as buildx shows sizes: binary units, four significant digits ("1.863GiB", "512MiB"). */
function bytesSize(bytes) {
    let size = bytes;
    let unit = 0;
    while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
        size /= 1024;
        unit++;
    }
    return `${Number(size.toPrecision(4))}${BINARY_UNITS[unit]}`;
}


/***/ })

};

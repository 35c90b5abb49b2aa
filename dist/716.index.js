export const id = 716;
export const ids = [716];
export const modules = {

/***/ 6330:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IO: () => (/* binding */ storeEntry),
/* harmony export */   Vl: () => (/* binding */ writeBuilder),
/* harmony export */   hH: () => (/* binding */ keepOnlyNodes),
/* harmony export */   iq: () => (/* binding */ removeBuilder)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * docker buildx's on-disk builder store (~/.docker/buildx): the instance entry that makes
 * `docker buildx ls`, `build --builder` and `rm` work on a builder this action created, and the
 * `current` file that `use` writes. Format: shared/reference/buildx-interop.md §6. What an installed
 * buildx can load of it is store-options.ts, so that post, which only removes entries, does not load it.
 */



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
    'docker-container': async () => (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(540), __webpack_require__.e(376), __webpack_require__.e(440)]).then(__webpack_require__.bind(__webpack_require__, 3440))).dockerContainer,
    remote: async () => (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(540), __webpack_require__.e(630), __webpack_require__.e(696)]).then(__webpack_require__.bind(__webpack_require__, 4696))).remote,
    docker: async () => (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(540), __webpack_require__.e(630), __webpack_require__.e(594)]).then(__webpack_require__.bind(__webpack_require__, 8594))).docker,
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

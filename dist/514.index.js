export const id = 514;
export const ids = [514];
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
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8372);
/* harmony import */ var _engine_endpoint_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(605);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(17);
/* harmony import */ var _util_units_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6127);
/* harmony import */ var _service_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4647);
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
    const shared = (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .sharedPath */ .nk)('image', `${imageCacheKeys(image.ref, image.arch).prefix}image.tar`);
    return { shared, own: `${shared}.${process.pid}` };
}
/** Loads the newest cached copy of an image the engine does not have. Never throws. */
async function restoreImage(docker, image, host) {
    const { shared, own } = paths(image);
    try {
        if (await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_4__/* .imageExists */ .US)(docker, image.ref))
            return image;
        if (!(await (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .cacheAvailable */ .g7)())) {
            host.warning(`cache-image: no cache service: ${image.ref} is pulled without a cached copy to fall back on`);
            return image;
        }
        const started = Date.now();
        const { prefix } = imageCacheKeys(image.ref, image.arch);
        // A refused lookup is a miss to @actions/cache, with its own warnings: held back, said below.
        const problems = [];
        const matched = await (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .heldBack */ .Zg)(problems, () => (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .restoreFile */ .VX)(shared, own, prefix, [prefix]));
        if (!matched && problems.length > 0) {
            host.warning(`cache-image: the cache service refused the lookup of ${image.ref} (${problems[0]}): it is pulled without a cached copy to fall back on`);
            return image;
        }
        if (!matched) {
            host.info(`cache-image: no cached copy of ${image.ref} yet`);
            return image;
        }
        const bytes = node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync(own).size;
        await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_4__/* .loadImage */ .yt)(docker, node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream(own));
        host.info(`cache-image: loaded ${image.ref} from the cache (${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_7__/* .megabytes */ .ix)(bytes)} MB, ${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_7__/* .secondsSince */ .wv)(started)} s)`);
        return { ...image, restoredKey: matched };
    }
    catch (err) {
        host.warning(`cache-image: ${image.ref} could not be loaded from the cache: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorLine */ .BP)(err)}`);
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
        const cached = await (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .heldBack */ .Zg)(problems, () => (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .cacheHas */ .fw)(shared, key));
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
            await (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .heldBack */ .Zg)(problems, () => (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .saveFile */ .OJ)(shared, own, key));
        }
        catch (err) {
            // The jobs of a matrix save the same image at the same time: one of them gets the key.
            if (!(await (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .heldBack */ .Zg)([], () => (0,_service_js__WEBPACK_IMPORTED_MODULE_8__/* .cacheHas */ .fw)(shared, key))))
                return { problem: `${image.ref} was not saved: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorLine */ .BP)(err)}`, refused: problems.length > 0 };
            host.info(`cache-image: ${image.ref} was saved by another job meanwhile (${key})`);
            return {};
        }
        host.info(`cache-image: saved ${image.ref} under ${key} (${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_7__/* .megabytes */ .ix)(bytes)} MB, ${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_7__/* .secondsSince */ .wv)(started)} s)`);
        return {};
    }
    catch (err) {
        return refusal() ?? { problem: `${image.ref} was not saved: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorLine */ .BP)(err)}` };
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
        ({ docker } = await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_4__/* .connect */ .Ng)((0,_engine_endpoint_js__WEBPACK_IMPORTED_MODULE_5__/* .storedAddress */ ._D)(endpoint)));
    }
    catch (err) {
        host.warning(`cache-image: no image was saved: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorLine */ .BP)(err)}`);
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

/***/ 4647:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C3: () => (/* binding */ retryAfterSeconds),
/* harmony export */   GC: () => (/* binding */ cacheWriteRefusal),
/* harmony export */   OJ: () => (/* binding */ saveFile),
/* harmony export */   VX: () => (/* binding */ restoreFile),
/* harmony export */   Zg: () => (/* binding */ heldBack),
/* harmony export */   fQ: () => (/* binding */ cacheLookup),
/* harmony export */   fw: () => (/* binding */ cacheHas),
/* harmony export */   g7: () => (/* binding */ cacheAvailable),
/* harmony export */   nk: () => (/* binding */ sharedPath)
/* harmony export */ });
/* unused harmony export cacheServiceDown */
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var proper_lockfile__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3648);
/* harmony import */ var proper_lockfile__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(proper_lockfile__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(17);
/**
 * The Actions cache service, through @actions/cache, for the files the action carries from run to
 * run (the builder's state, cached images): each kind goes through one fixed path, because
 * @actions/cache makes the path part of the cache version, so it must be the same in every run: not
 * under RUNNER_TEMP, which is a fresh directory per run under act and differs between self-hosted
 * runners. Jobs of several runners on one machine share that path, so each use holds a lock.
 */







/** How long the probe waits for the cache service's address to take a connection. */
const PROBE_TIMEOUT_MS = 5000;
/** Set, any of them sends @actions/cache's requests through a proxy: the service's address is not dialled directly. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** Why a TCP connection to `url`'s host and port failed (an error code, or the timeout); undefined when it was taken. */
function connectFailure(url) {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return new Promise((resolve) => {
        const socket = node_net__WEBPACK_IMPORTED_MODULE_2__.connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port, timeout: PROBE_TIMEOUT_MS });
        socket.once('connect', () => {
            socket.destroy();
            resolve(undefined);
        });
        socket.once('timeout', () => {
            socket.destroy();
            resolve(`no connection in ${PROBE_TIMEOUT_MS / 1000} s`);
        });
        socket.once('error', (err) => resolve(err.code ?? err.message));
    });
}
/**
 * Why the cache service cannot be reached, or undefined when it may be. A dead service costs every
 * call through @actions/cache its retries (protocol 1: two attempts 5 s apart) and a warning of its
 * own, many of them in a keep-state save; one connection to each address the runner gave tells it
 * at once. The service is called down only when every address refuses; behind a proxy nothing is
 * dialled, and @actions/cache finds out as before.
 */
async function cacheServiceDown(env) {
    if (PROXY_VARIABLES.some((v) => env[v]))
        return undefined;
    const urls = [];
    for (const value of [env.ACTIONS_CACHE_URL, env.ACTIONS_RESULTS_URL]) {
        if (!value)
            continue;
        try {
            urls.push(new URL(value));
        }
        catch {
            return undefined;
        }
    }
    const failures = await Promise.all(urls.map(connectFailure));
    if (urls.length === 0 || failures.some((f) => f === undefined))
        return undefined;
    return `the cache service does not take connections (${urls.map((u, i) => `${u.origin}: ${failures[i]}`).join(', ')})`;
}
/**
 * A caller that reports the service's problems itself (one warning per step, see heldBack) hands
 * its list here; calls of this module made within it hold @actions/cache's warnings back into it.
 */
const problemSink = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
/** Set only around a call into @actions/cache: what it writes there is its own, never ours. */
const inLibrary = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
let libraryOutputHeld = false;
/** A workflow command's message as @actions/core escapes it. */
function unescapeCommand(text) {
    return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
/**
 * @actions/cache warns (core.warning, core.error) for every request the service refuses, rate-limits
 * or fails, twice for a 429 ("You've hit a rate limit", then "Failed to restore"), so a keep-state
 * save of tens of entries would be tens of warnings. Within heldBack, its warning and error commands
 * become debug lines and their messages go to the caller's list, which gives one warning of its own.
 */
function holdLibraryOutput() {
    if (libraryOutputHeld)
        return;
    libraryOutputHeld = true;
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk, ...rest) => {
        const held = inLibrary.getStore();
        const command = held && /^::(?:warning|error)(?: [^:]*)?::(.*)(\r?\n)?$/s.exec(String(chunk));
        if (!held || !command)
            return write(chunk, ...rest);
        held.push(unescapeCommand(command[1].trimEnd()));
        return write(`::debug::${command[1]}${command[2] ?? '\n'}`, ...rest);
    });
}
/** Runs `work`, holding back into `problems` what @actions/cache would warn about meanwhile. */
function heldBack(problems, work) {
    return problemSink.run(problems, work);
}
/** A call into @actions/cache, its warnings held back when the caller asked for it. */
function libraryCall(call) {
    const sink = problemSink.getStore();
    if (!sink)
        return call();
    holdLibraryOutput();
    return inLibrary.run(sink, call);
}
/**
 * The seconds the service asked to wait (429 with Retry-After, as @actions/cache words it), when
 * one of `problems` is a rate limit; undefined otherwise.
 */
function retryAfterSeconds(problems) {
    for (const p of problems) {
        const m = /rate limit will reset in (\d+) seconds/.exec(p);
        if (m)
            return Number(m[1]);
    }
    return problems.some((p) => /Rate limited|\(429\)/.test(p)) ? 0 : undefined;
}
/** The probe, made once per step, before the first call to the service. */
let probe;
/**
 * @actions/cache (with the Azure SDK under it) is loaded only when a cache is used: loading it costs
 * about a third of a second at every start of the action otherwise. Throws at once when the service
 * is down (see cacheServiceDown).
 */
async function actionsCache() {
    probe ??= cacheServiceDown(process.env);
    const down = await probe;
    if (down)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(down);
    return __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 1691));
}
/**
 * Why the runner's cache mode (ACTIONS_CACHE_MODE, as @actions/cache reads it) forbids saving, or
 * undefined when it permits it. @actions/cache would skip each save with a line of its own; asked
 * first, a keep-state save does not archive a state it may not store. An unknown mode permits, as
 * in @actions/cache.
 */
function cacheWriteRefusal(env) {
    const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    return mode === 'read' || mode === 'none' ? `the runner's cache mode is '${mode}', which does not permit saving` : undefined;
}
/** The fixed path for one kind of cached file (`state`, `image-<hash>`), under the system's temp dir. */
function sharedPath(kind, file) {
    return node_path__WEBPACK_IMPORTED_MODULE_4__.join(node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir(), `setup-buildkit-${kind}`, file);
}
/**
 * Runs `work` while holding the lock of `shared` (proper-lockfile: a lock directory whose mtime the
 * holder refreshes, so a lock left by a job that died is taken over within a minute, and a long
 * transfer is never mistaken for one). Waits for the other jobs meanwhile.
 */
async function withLock(shared, work) {
    node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_4__.dirname(shared), { recursive: true });
    const release = await proper_lockfile__WEBPACK_IMPORTED_MODULE_5___default().lock(shared, {
        realpath: false,
        stale: 60000,
        update: 10000,
        retries: { forever: true, minTimeout: 200, maxTimeout: 1000 },
        // A lock another job took over after a stall of a minute: this transfer goes on; at worst the
        // restore misses or the save fails, which the callers already take as such.
        onCompromised: () => undefined,
    });
    try {
        return await work();
    }
    finally {
        await release().catch(() => undefined);
    }
}
/** The cache service answers (the runner gives JavaScript actions its URL and token). */
async function cacheAvailable() {
    try {
        return (await __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 1691))).isFeatureAvailable();
    }
    catch {
        return false;
    }
}
/**
 * Fetches the entry of `key`, or the newest one under a prefix of `restoreKeys`, through `shared`
 * into this job's own file `dest`. Returns the key that matched, or undefined on a miss.
 */
async function restoreFile(shared, dest, key, restoreKeys) {
    const cache = await actionsCache();
    return withLock(shared, async () => {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(shared, { force: true });
        const matched = await libraryCall(() => cache.restoreCache([shared], key, restoreKeys));
        if (!matched || !node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync(shared))
            return undefined;
        node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync(shared, dest);
        return matched;
    });
}
/** Saves this job's file `src` under `key`, through `shared`; `src` is gone afterwards. */
async function saveFile(shared, src, key) {
    const cache = await actionsCache();
    const id = await withLock(shared, async () => {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync(src, shared);
        try {
            return await libraryCall(() => cache.saveCache([shared], key));
        }
        finally {
            node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(shared, { force: true });
        }
    });
    if (id === -1) {
        const why = problemSink.getStore()?.at(-1);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UserError */ .yo(`the cache service did not take key ${key}${why ? `: ${why}` : ' (see the message above)'}`);
    }
}
/**
 * The key of the entry that a restore of `key`, or else of the newest entry under a prefix in
 * `restoreKeys`, would fetch; undefined when none. A lookup: nothing is downloaded.
 */
async function cacheLookup(shared, key, restoreKeys = []) {
    const cache = await actionsCache();
    return libraryCall(() => cache.restoreCache([shared], key, restoreKeys, { lookupOnly: true }));
}
/** Whether an entry of exactly `key` exists (a lookup: nothing is downloaded). */
async function cacheHas(shared, key) {
    return (await cacheLookup(shared, key)) === key;
}


/***/ }),

/***/ 605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qx: () => (/* binding */ temporaryContextName),
/* harmony export */   _D: () => (/* binding */ storedAddress),
/* harmony export */   m_: () => (/* binding */ buildctlAddress),
/* harmony export */   n4: () => (/* binding */ currentEndpoint),
/* harmony export */   oE: () => (/* binding */ currentEndpointKey),
/* harmony export */   sO: () => (/* binding */ resolveEndpoint)
/* harmony export */ });
/* unused harmony export parseHost */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(17);
/* harmony import */ var _credentials_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3656);
/* harmony import */ var _docker_context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9610);
/**
 * A node's engine: from the `endpoint` input (or the docker CLI's current context when it is empty) to
 * the address dialled and the string buildx stores as the node's Endpoint, as the docker CLI and buildx
 * resolve them. TLS comes from a context only (buildx attaches none to a raw tcp:// URL); TLS from the
 * environment (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) goes through a context written for the builder.
 */





const DEFAULT_HOST = 'unix:///var/run/docker.sock';
/**
 * The docker CLI's host normalization (`opts.ParseHost`): no scheme means tcp; tcp gets localhost and
 * port 2375 (2376 with TLS) where they are missing; `unix://` alone is the default socket; ssh:// and
 * fd:// are kept as they are. Throws on anything else.
 */
function parseHost(value, tls = false) {
    const sep = value.indexOf('://');
    const scheme = sep < 0 ? 'tcp' : value.slice(0, sep);
    const rest = sep < 0 ? value : value.slice(sep + 3);
    switch (scheme) {
        case 'unix':
            return `unix://${rest || DEFAULT_HOST.slice('unix://'.length)}`;
        case 'ssh':
        case 'fd':
            return `${scheme}://${rest}`;
        case 'tcp': {
            let url;
            try {
                // An empty host (tcp://:2375) is localhost, which URL would refuse.
                url = new URL(`tcp://${rest.startsWith(':') ? `localhost${rest}` : rest}`);
            }
            catch {
                throw new Error(`invalid bind address format: ${value}`);
            }
            if (url.username || url.password)
                throw new Error(`invalid bind address format: ${value}`);
            const hostname = url.hostname || 'localhost';
            return `tcp://${hostname}:${url.port || (tls ? '2376' : '2375')}${url.pathname === '/' ? '' : url.pathname}`;
        }
        default:
            throw new Error(`invalid bind address format: ${value}`);
    }
}
/** The docker CLI's default context: DOCKER_HOST or the default socket, with TLS from the environment. */
function defaultContextAddress(env) {
    const tlsWanted = !!env.DOCKER_TLS_VERIFY || !!env.DOCKER_TLS;
    let host;
    try {
        host = env.DOCKER_HOST ? parseHost(env.DOCKER_HOST, tlsWanted) : DEFAULT_HOST;
    }
    catch (err) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`DOCKER_HOST=${env.DOCKER_HOST} is not a Docker endpoint: ${err.message}`);
    }
    const source = env.DOCKER_HOST ? 'DOCKER_HOST' : 'the default socket; set DOCKER_HOST or the endpoint input for another';
    if (!tlsWanted || !host.startsWith('tcp://'))
        return { endpoint: host, host, source };
    // As the CLI: the files default to the docker config dir, and a missing one is left out.
    const certDir = env.DOCKER_CERT_PATH || (0,_credentials_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerConfigDir */ .kG)(env);
    const tls = { skipVerify: !env.DOCKER_TLS_VERIFY };
    for (const file of ['ca', 'cert', 'key']) {
        const p = node_path__WEBPACK_IMPORTED_MODULE_1__.join(certDir, `${file}.pem`);
        if (node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(p))
            tls[file] = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(p);
    }
    return { endpoint: host, host, source: `${source}, TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH`, tls, tlsFromEnv: true };
}
function contextAddress(name, env) {
    if (name === _docker_context_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_CONTEXT */ .A2)
        return defaultContextAddress(env);
    const context = (0,_docker_context_js__WEBPACK_IMPORTED_MODULE_4__/* .readContext */ .yI)(name, env);
    return context && { endpoint: name, host: context.host, context: name, source: `docker context ${name}`, tls: context.tls };
}
/**
 * buildx's current endpoint (`GetCurrentEndpoint`): the current context's name, or when that is the
 * default context, its host.
 */
function currentEndpoint(env = process.env) {
    const name = (0,_docker_context_js__WEBPACK_IMPORTED_MODULE_4__/* .currentContextName */ .mX)(env);
    const address = contextAddress(name, env);
    if (!address) {
        const source = env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : `currentContext in ${node_path__WEBPACK_IMPORTED_MODULE_1__.join((0,_credentials_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerConfigDir */ .kG)(env), 'config.json')}`;
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`docker context "${name}" (${source}) does not exist; list contexts with docker context ls`);
    }
    return address;
}
/**
 * The key `docker buildx use` writes in `current`: the current context's name, or the default
 * context's host, whichever endpoint the builder's nodes are on.
 */
function currentEndpointKey(env = process.env) {
    const name = (0,_docker_context_js__WEBPACK_IMPORTED_MODULE_4__/* .currentContextName */ .mX)(env);
    if (name !== _docker_context_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_CONTEXT */ .A2)
        return name;
    try {
        return defaultContextAddress(env).endpoint;
    }
    catch {
        return env.DOCKER_HOST ?? DEFAULT_HOST;
    }
}
/** A docker context name as the CLI accepts one. */
const CONTEXT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;
/**
 * An explicit endpoint, as buildx's `validateEndpoint`: a context of that name first, else a host
 * address. A bare word that names no context is refused (buildx would dial tcp://WORD:2375).
 */
function resolveEndpoint(value, input, env = process.env) {
    if (CONTEXT_NAME.test(value)) {
        const address = contextAddress(value, env);
        if (address)
            return address;
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, value, 'no docker context of that name (docker context ls); an address needs its scheme: unix://, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT]');
    }
    let host;
    try {
        host = parseHost(value);
    }
    catch (err) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, value, `${err.message}; a docker context name, unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT][/SOCKET]`);
    }
    if (host.startsWith('fd://'))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, value, 'fd:// is for a daemon, not a client; use unix://, tcp:// or ssh://');
    if (host.startsWith('ssh://'))
        checkSshUrl(host, input);
    return { endpoint: host, host, source: `input "${input}"` };
}
/** The docker CLI's ssh URL rule: ssh://[user@]host[:port][/path], without password, query or fragment. */
function checkSshUrl(host, input) {
    let url;
    try {
        url = new URL(host);
    }
    catch {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, host, 'ssh://[USER@]HOST[:PORT][/SOCKET]');
    }
    if (!url.hostname || url.password || url.search || url.hash) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, host, 'ssh://[USER@]HOST[:PORT][/SOCKET], without a password, query or fragment');
    }
}
/**
 * The address behind an Endpoint this action stored: the context of that name, else the host URL.
 * For the post step, which must reach the engine main used.
 */
function storedAddress(endpoint, env = process.env) {
    if (!endpoint.includes('://')) {
        const address = contextAddress(endpoint, env);
        if (!address)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`docker context ${endpoint}, the builder's endpoint, no longer exists`);
        return address;
    }
    return { endpoint, host: endpoint, source: "the builder's endpoint" };
}
/** The context written for a node whose TLS comes from the environment (buildx stores no such node). */
function temporaryContextName(builder) {
    return `setup-buildkit-${builder.toLowerCase()}`;
}
/**
 * buildctl's address of a node: its docker-container:// address, with the context when the node's
 * engine is one (BuildKit's connection helper then runs `docker --context=NAME exec`).
 */
function buildctlAddress(containerAddress, storedEndpoint) {
    return storedEndpoint.includes('://') ? containerAddress : `${containerAddress}?context=${encodeURIComponent(storedEndpoint)}`;
}


/***/ })

};

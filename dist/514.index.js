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
    return Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(88), __webpack_require__.e(691)]).then(__webpack_require__.bind(__webpack_require__, 1691));
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
        return (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(88), __webpack_require__.e(691)]).then(__webpack_require__.bind(__webpack_require__, 1691))).isFeatureAvailable();
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

/***/ 3620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   US: () => (/* binding */ imageExists),
/* harmony export */   Xm: () => (/* binding */ execIn),
/* harmony export */   a$: () => (/* binding */ pull),
/* harmony export */   logTail: () => (/* binding */ logTail),
/* harmony export */   po: () => (/* binding */ putFiles),
/* harmony export */   wS: () => (/* binding */ isLocalEngine),
/* harmony export */   xO: () => (/* binding */ finalLogTail),
/* harmony export */   yt: () => (/* binding */ loadImage)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6118);
/* harmony import */ var _docker_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6310);
/**
 * The Docker Engine API, through dockerode's objects (docker-client.ts): pulling, exec, archives and
 * logs (connecting is connect.ts).
 * No API version is pinned: unversioned paths get the engine's own API version, which is how the
 * docker CLI's negotiation ends up on an older engine too.
 */



/** The engine listens on a unix socket, so it shares this machine's kernel and filesystem. */
function isLocalEngine(docker) {
    return !!docker.modem.socketPath;
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
        if ((0,_docker_client_js__WEBPACK_IMPORTED_MODULE_2__/* .statusCode */ .se)(err) === 404)
            return false;
        throw err;
    }
}
/** Runs a command in a running container and collects its output and exit code. */
async function execIn(container, cmd) {
    const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = new node_stream__WEBPACK_IMPORTED_MODULE_0__.PassThrough();
    const err = new node_stream__WEBPACK_IMPORTED_MODULE_0__.PassThrough();
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
        return `(no log: ${(0,_docker_client_js__WEBPACK_IMPORTED_MODULE_2__/* .engineMessage */ .g4)(err)})`;
    }
}
/** Writes files into a (created, not yet started) container through PUT /archive. */
async function putFiles(container, dir, entries) {
    const pack = tar_stream__WEBPACK_IMPORTED_MODULE_1__.pack();
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


/***/ })

};

export const id = 192;
export const ids = [192,811];
export const modules = {

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

/***/ 9192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GITHUB_LATEST_API: () => (/* binding */ GITHUB_LATEST_API),
/* harmony export */   GITHUB_RELEASES: () => (/* binding */ GITHUB_RELEASES),
/* harmony export */   assetName: () => (/* binding */ assetName),
/* harmony export */   binaryCacheKey: () => (/* binding */ binaryCacheKey),
/* harmony export */   checksumOf: () => (/* binding */ checksumOf),
/* harmony export */   installBuildx: () => (/* binding */ installBuildx),
/* harmony export */   latestFromApi: () => (/* binding */ latestFromApi),
/* harmony export */   latestFromMirror: () => (/* binding */ latestFromMirror),
/* harmony export */   saveBinary: () => (/* binding */ saveBinary)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(929);
/* harmony import */ var _actions_tool_cache__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9805);
/* harmony import */ var _actions_cache_service_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4647);
/* harmony import */ var _engine_credentials_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3656);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(17);
/* harmony import */ var _util_units_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(6127);
/**
 * `buildx-version`: a docker-buildx release installed as the docker CLI plugin
 * (DOCKER_CONFIG/cli-plugins/docker-buildx), so that `docker buildx` and docker/build-push-action
 * use it. Found, in order, in the runner's tool cache (@actions/tool-cache), in the Actions cache
 * (`cache-binary`), or downloaded from the release (github.com, or `buildx-mirror` laid out the same
 * way) and checked against the release's checksums.txt before anything is kept. Loaded only when
 * `buildx-version` is set: the default path never pays for it.
 */










const GITHUB_RELEASES = 'https://github.com/docker/buildx/releases';
const GITHUB_LATEST_API = 'https://api.github.com/repos/docker/buildx/releases/latest';
const TOOL = 'docker-buildx';
/** One path for every version: @actions/cache makes the path part of an entry's version. */
const SHARED = (0,_actions_cache_service_js__WEBPACK_IMPORTED_MODULE_6__/* .sharedPath */ .nk)('buildx', TOOL);
const USER_AGENT = 'setup-buildkit';
/** The release's name for this runner's binary: `buildx-v0.38.2.linux-amd64` (`.exe` on Windows). */
function assetName(tag, platform = process.platform, arch = process.arch, armVersion = armVariant()) {
    const osName = platform === 'win32' ? 'windows' : platform;
    const archName = {
        x64: 'amd64',
        arm64: 'arm64',
        arm: `arm-v${armVersion}`,
        ppc64: 'ppc64le',
        s390x: 's390x',
        riscv64: 'riscv64',
    };
    if (!archName[arch])
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version: docker-buildx has no release for this runner's architecture (${arch})`);
    return `buildx-${tag}.${osName}-${archName[arch]}${platform === 'win32' ? '.exe' : ''}`;
}
function armVariant() {
    return String(process.config.variables.arm_version ?? '7');
}
/** The sha256 `checksums.txt` (sha256sum's format, text or binary mode) gives for `asset`. */
function checksumOf(checksums, asset) {
    for (const line of checksums.split('\n')) {
        const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
        if (m && m[2] === asset)
            return m[1];
    }
    return undefined;
}
/** The Actions cache key of one release's binary for one runner platform. */
function binaryCacheKey(tag, asset) {
    return `setup-buildkit-buildx-${tag}-${asset}`;
}
function http() {
    return new _actions_http_client__WEBPACK_IMPORTED_MODULE_4__/* .HttpClient */ .Qq(USER_AGENT, [], { allowRedirects: false });
}
/**
 * `latest` through the GitHub API (GITHUB_TOKEN raises the anonymous limit of 60 calls an hour a
 * runner IP). The token goes to api.github.com only, never to a mirror.
 */
async function latestFromApi(url, token) {
    const headers = { accept: 'application/vnd.github+json' };
    if (token)
        headers.authorization = `Bearer ${token}`;
    const res = await http().get(url, headers);
    const body = await res.readBody();
    const status = res.message.statusCode ?? 0;
    const remaining = res.message.headers['x-ratelimit-remaining'];
    if (status === 429 || (status === 403 && remaining === '0')) {
        const reset = Number(res.message.headers['x-ratelimit-reset']);
        const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : '';
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version latest: the GitHub API's rate limit is used up${when} (${token ? 'with' : 'without'} GITHUB_TOKEN); ${token ? '' : 'give the step GITHUB_TOKEN (env: GITHUB_TOKEN: ${{ github.token }}) or '}pin buildx-version to a release such as v0.38.2`);
    }
    if (status !== 200)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version latest: ${url} answered HTTP ${status}`);
    return tagFromJson(body, url);
}
function tagFromJson(body, url) {
    let tag;
    try {
        tag = JSON.parse(body).tag_name;
    }
    catch {
        tag = undefined;
    }
    if (typeof tag !== 'string' || !/^v\d+\.\d+\.\d+/.test(tag))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version latest: ${url} did not give a release tag (tag_name)`);
    return tag;
}
/**
 * `latest` through a mirror: `<mirror>/latest` either redirects to the release (as
 * github.com/docker/buildx/releases/latest does, to `.../tag/<tag>`) or serves the API's JSON for
 * it (a file holding the answer of api.github.com/repos/docker/buildx/releases/latest).
 */
async function latestFromMirror(mirror) {
    const url = `${mirror}/latest`;
    let res;
    try {
        res = await http().get(url);
    }
    catch (err) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version latest: ${url} did not answer: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorLine */ .BP)(err)}`);
    }
    const body = await res.readBody();
    const status = res.message.statusCode ?? 0;
    const location = res.message.headers.location;
    if (status >= 300 && status < 400 && location) {
        const tag = new URL(location, url).pathname.split('/').filter(Boolean).pop() ?? '';
        if (/^v\d+\.\d+\.\d+/.test(tag))
            return tag;
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version latest: ${url} redirects to ${location}, which names no release tag`);
    }
    if (status !== 200)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version latest: ${url} answered HTTP ${status}`);
    return tagFromJson(body, url);
}
/** A file fetched into `dest` through @actions/tool-cache (retries included), errors naming what and where. */
async function download(url, dest, what) {
    try {
        await _actions_tool_cache__WEBPACK_IMPORTED_MODULE_5__/* .downloadTool */ .bq(url, dest);
    }
    catch (err) {
        const code = err.code;
        const status = err instanceof _actions_tool_cache__WEBPACK_IMPORTED_MODULE_5__/* .HTTPError */ .Hl ? `HTTP ${err.httpStatusCode}` : `${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorLine */ .BP)(err)}${code ? ` (${code})` : ''}`;
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version: downloading ${what} from ${url} failed: ${status}`);
    }
}
function sha256(file) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(file)).digest('hex');
}
/**
 * @actions/tool-cache keeps tools under RUNNER_TOOL_CACHE; outside a runner (the command line) a
 * per-user directory stands in for it.
 */
function useToolCacheFallback() {
    process.env.RUNNER_TOOL_CACHE ||= node_path__WEBPACK_IMPORTED_MODULE_3__.join(node_os__WEBPACK_IMPORTED_MODULE_2__.homedir(), '.cache', 'setup-buildkit', 'tool-cache');
}
/** The binary's path in the tool cache, fetched into it first when it is not there. */
async function cachedBinary(tag, asset, inputs, log) {
    useToolCacheFallback();
    const found = _actions_tool_cache__WEBPACK_IMPORTED_MODULE_5__/* .find */ .I6(TOOL, tag);
    if (found)
        return { file: node_path__WEBPACK_IMPORTED_MODULE_3__.join(found, TOOL), source: 'tool cache' };
    const work = node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync(node_path__WEBPACK_IMPORTED_MODULE_3__.join(node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir(), 'setup-buildkit-buildx-'));
    try {
        const file = node_path__WEBPACK_IMPORTED_MODULE_3__.join(work, asset);
        const key = binaryCacheKey(tag, asset);
        const keep = async () => node_path__WEBPACK_IMPORTED_MODULE_3__.join(await _actions_tool_cache__WEBPACK_IMPORTED_MODULE_5__/* .cacheFile */ .NJ(file, TOOL, TOOL, tag), TOOL);
        if (inputs.cacheBinary && (await (0,_actions_cache_service_js__WEBPACK_IMPORTED_MODULE_6__/* .cacheAvailable */ .g7)())) {
            try {
                if (await (0,_actions_cache_service_js__WEBPACK_IMPORTED_MODULE_6__/* .restoreFile */ .VX)(SHARED, file, key, [])) {
                    node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync(file, 0o755);
                    return { file: await keep(), source: 'Actions cache' };
                }
            }
            catch (err) {
                log(`buildx: the Actions cache did not give ${asset} (${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorLine */ .BP)(err)}): downloading it`);
            }
        }
        const base = inputs.mirror || GITHUB_RELEASES;
        const started = Date.now();
        await download(`${base}/download/${tag}/checksums.txt`, node_path__WEBPACK_IMPORTED_MODULE_3__.join(work, 'checksums.txt'), `checksums.txt of ${tag}`);
        const expected = checksumOf(node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(node_path__WEBPACK_IMPORTED_MODULE_3__.join(work, 'checksums.txt'), 'utf8'), asset);
        if (!expected)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version: checksums.txt of ${tag} (${base}) has no line for ${asset}`);
        await download(`${base}/download/${tag}/${asset}`, file, asset);
        const actual = sha256(file);
        if (actual !== expected)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`buildx-version: ${asset} does not match checksums.txt: expected sha256 ${expected}, downloaded ${actual} (from ${base})`);
        log(`buildx: downloaded ${asset} (${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_9__/* .megabytes */ .ix)(node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync(file).size)} MB, ${(0,_util_units_js__WEBPACK_IMPORTED_MODULE_9__/* .secondsSince */ .wv)(started)} s), sha256 as checksums.txt says`);
        node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync(file, 0o755);
        const kept = await keep();
        return { file: kept, source: 'release', ...(inputs.cacheBinary ? { toSave: { key, file: kept } } : {}) };
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(work, { recursive: true, force: true });
    }
}
/** Resolves the version, finds or fetches the binary, and installs it as the docker CLI plugin. */
async function installBuildx(inputs, log, env = process.env) {
    const tag = inputs.version === 'latest'
        ? await (inputs.mirror ? latestFromMirror(inputs.mirror) : latestFromApi(GITHUB_LATEST_API, env.GITHUB_TOKEN || undefined))
        : inputs.version;
    if (inputs.version === 'latest')
        log(`buildx: latest is ${tag}`);
    const asset = assetName(tag);
    const { file: binary, ...got } = await cachedBinary(tag, asset, inputs, log);
    const plugin = node_path__WEBPACK_IMPORTED_MODULE_3__.join((0,_engine_credentials_js__WEBPACK_IMPORTED_MODULE_7__/* .dockerConfigDir */ .kG)(env), 'cli-plugins', TOOL);
    // Through a temporary file and a rename: a job on the same runner may be running the old plugin.
    node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_3__.dirname(plugin), { recursive: true });
    const tmp = `${plugin}.${process.pid}.tmp`;
    node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(tmp, { force: true });
    // A hard link where both are on one filesystem: the tool cache's copy never changes, and 70 MB
    // need not be copied on every run.
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.linkSync(binary, tmp);
    }
    catch {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.copyFileSync(binary, tmp);
    }
    node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync(tmp, 0o755);
    node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync(tmp, plugin);
    log(`buildx: ${tag} installed as ${plugin} (from the ${got.source})`);
    return { ...got, tag, plugin };
}
/** post, with cache-binary: saves a downloaded binary to the Actions cache once. Never throws. */
async function saveBinary(toSave, log, warn) {
    const own = `${SHARED}.${process.pid}`;
    try {
        if (!(await (0,_actions_cache_service_js__WEBPACK_IMPORTED_MODULE_6__/* .cacheAvailable */ .g7)()))
            return;
        if (await (0,_actions_cache_service_js__WEBPACK_IMPORTED_MODULE_6__/* .cacheHas */ .fw)(SHARED, toSave.key)) {
            log(`buildx: cached already (${toSave.key})`);
            return;
        }
        node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_3__.dirname(own), { recursive: true });
        node_fs__WEBPACK_IMPORTED_MODULE_1__.copyFileSync(toSave.file, own);
        await (0,_actions_cache_service_js__WEBPACK_IMPORTED_MODULE_6__/* .saveFile */ .OJ)(SHARED, own, toSave.key);
        log(`buildx: saved to the Actions cache under ${toSave.key}`);
    }
    catch (err) {
        warn(`buildx: the binary was not saved to the Actions cache: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorLine */ .BP)(err)}`);
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync(own, { force: true });
    }
}


/***/ })

};

export const id = 790;
export const ids = [790];
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

/***/ 790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  appendedState: () => (/* binding */ appendedState),
  node0State: () => (/* binding */ node0State),
  saveHooks: () => (/* binding */ saveHooks)
});

// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/units.ts
var units = __webpack_require__(6127);
// EXTERNAL MODULE: ./src/engine/docker.ts
var engine_docker = __webpack_require__(3620);
// EXTERNAL MODULE: ./src/engine/docker-client.ts
var docker_client = __webpack_require__(6310);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/keep-state/state-key.ts
/**
 * keep-state's names for things, as pure functions: the cache key a run saves under, the prefix it
 * restores by, and a fingerprint of BuildKit's records that tells whether anything changed.
 *
 * Cache keys are immutable (a second save of a key is a 409), so every run saves under a key of its
 * own, `<prefix>-<compat>-<run>`, and restores the newest entry that starts with `<prefix>-<compat>-`.
 * That entry is the manifest; the pieces it names are entries of their own (`partKey`).
 */

/** @actions/cache refuses keys over 512 characters and keys with commas. */
const KEY_LIMIT = 512;
function clean(part) {
    return part.replace(/[^A-Za-z0-9._]+/g, '_');
}
function compatHash(compat) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const part of [compat.imageId, compat.storageDriver, compat.configDigest ?? '', ...compat.flags])
        h.update(`${part}\0`);
    return h.digest('hex').slice(0, 16);
}
function runSuffix(env, now = Date.now) {
    if (!env.GITHUB_RUN_ID)
        return `local-${now()}`;
    return [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT || '1', env.GITHUB_JOB]
        .filter(Boolean)
        .map((p) => clean(p))
        .join('-');
}
/** JSON with every object's keys sorted: the same matrix values give the same text, however printed. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object')
        return `{${Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
            .join(',')}}`;
    return JSON.stringify(value);
}
/**
 * A matrix leg's name in the key (the `state-leg` input, by default `toJSON(matrix)`): a hash of its
 * matrix values, '' outside a matrix (`null` or nothing). The values, not `strategy.job-index`: an
 * index shifts to another leg when a matrix gains or loses a value, and each leg would then restore
 * its neighbour's state; the values stay with the leg. A value that is not JSON is hashed as it is.
 */
function legId(leg) {
    const text = leg.trim();
    if (text === '' || text === 'null')
        return '';
    let canonical = text;
    try {
        canonical = canonicalJson(JSON.parse(text));
    }
    catch {
        // Not JSON (set by hand, or from the command line): its text is its identity.
    }
    return (0,external_node_crypto_.createHash)('sha256').update(canonical).digest('hex').slice(0, 12);
}
/**
 * `<prefix>-<arch>-<driver>-<compat>-[leg-<leg>-]<run>`: each leg of a matrix restores the newest
 * state of its own leg first, and only then, as a first run of a new leg, any leg's.
 */
function stateKeys(prefix, compat, run, leg = '') {
    // The architecture and driver stay readable in the key, for whoever browses the cache list.
    const restorePrefix = `${prefix}-${clean(compat.arch)}-${clean(compat.storageDriver)}-${compatHash(compat)}-`;
    const legPrefix = leg ? `${restorePrefix}leg-${leg}-` : restorePrefix;
    return {
        key: `${legPrefix}${run}`.slice(0, KEY_LIMIT),
        restorePrefix,
        restoreKeys: leg ? [legPrefix, restorePrefix] : [restorePrefix],
    };
}
/**
 * What the keys of every part of a bundle start with (see state-pieces.ts): under the restore
 * prefix, so that they share the state's compatibility, but never matched by it, because each part
 * has its own path and @actions/cache makes the path part of the cache version.
 */
function bundleKeyPrefix(restorePrefix, bundleId) {
    return `${restorePrefix}piece-${bundleId}-`;
}
/** Part k (from 0) of an upload of a bundle: `<bundle prefix><tag>-<k + 1>of<parts>`. */
function partKey(restorePrefix, bundle, k) {
    return `${bundleKeyPrefix(restorePrefix, bundle.id)}${bundle.tag}-${k + 1}of${bundle.parts}`;
}
/** The upload a first part's key names (after the bundle's prefix), or undefined when it is not one. */
function parseFirstPartKey(rest) {
    const m = /^([0-9a-f]{12})-1of([1-9]\d*)$/.exec(rest);
    return m ? { tag: m[1], parts: Number(m[2]) } : undefined;
}
const DAY_MS = 24 * 3600 * 1000;
/**
 * Equal before and after the job's builds when they added and removed nothing, so that a fully
 * cached job does not upload the same state again. Builds refresh "last used" times, which GC rule #0
 * reads (cache mounts unused for 48 h go first); the day of the newest use is part of the
 * fingerprint so that a daily job still saves once a day and restored records never look older
 * than about a day to that rule.
 */
function recordsFingerprint(records) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const r of [...records].sort((a, b) => a.id.localeCompare(b.id)))
        h.update(`${r.id}:${r.size}\n`);
    const newest = Math.max(0, ...records.map((r) => Date.parse(r.lastUsedAt ?? '') || 0));
    h.update(`day:${Math.floor(newest / DAY_MS)}`);
    return h.digest('hex');
}
function totalSize(records) {
    return records.reduce((sum, r) => sum + (r.size > 0 ? r.size : 0), 0);
}

;// CONCATENATED MODULE: ./src/keep-state/buildctl.ts




/** A buildctl command in the container; its stdout, or its error as a UserError. */
async function buildctl(container, args) {
    const out = await (0,engine_docker/* execIn */.Xm)(container, ['buildctl', ...args]);
    if (out.exitCode !== 0)
        throw new errors/* UserError */.yo(`buildctl ${args[0]}: ${(out.stderr || out.stdout).trim()}`);
    return out.stdout;
}
async function duRecords(container) {
    return JSON.parse((await buildctl(container, ['du', '--format', '{{json .}}'])) || '[]') ?? [];
}
async function stateFingerprint(container) {
    return recordsFingerprint(await duRecords(container));
}
/** docker stop: BuildKit gets SIGTERM and closes its databases before the volume is read. */
async function stopCleanly(container) {
    try {
        await container.stop({ t: 30 });
    }
    catch (err) {
        // 304: already stopped.
        if ((0,docker_client/* statusCode */.se)(err) !== 304)
            throw new errors/* UserError */.yo(`stopping BuildKit: ${(0,docker_client/* engineMessage */.g4)(err)}`);
    }
}

;// CONCATENATED MODULE: ./src/keep-state/finish.ts



/**
 * After BuildKit is up: the outputs, the summary, and what post needs (undefined when keep-state is
 * off). The fingerprint is taken now, before the job's builds.
 */
async function finishRestore(container, plan, report, host) {
    if (!container || !plan || !report) {
        host.setOutput('state-restored', 'disabled');
        return undefined;
    }
    let fingerprint;
    try {
        fingerprint = await stateFingerprint(container);
    }
    catch (err) {
        host.warning(`keep-state: ${(0,errors/* errorLine */.BP)(err)}`);
    }
    host.setOutput('state-restored', report.restored);
    // Empty when this run does not save: nothing will be under the key.
    host.setOutput('state-key', plan.kept.noSave ? '' : plan.kept.key);
    host.setOutput('state-restored-key', report.matchedKey ?? '');
    host.setOutput('state-restore-size', String(report.bytes));
    host.setOutput('state-restore-seconds', report.seconds.toFixed(1));
    host.info(`keep-state: ${restoreLine(report)}; ${saveLine(plan.kept)}`);
    await host.summary(restoreSummary(report, plan.kept));
    return { ...plan.kept, restored: report.restored, fingerprint, usedSince: Date.now(), previous: report.previous };
}
function restoreLine(r) {
    return r.restored === 'exact' || r.restored === 'prefix'
        ? `restored ${r.matchedKey} (${r.restored} match): ${r.pieces} pieces in ${r.entries} entries and the manifest, ${(0,units/* megabytes */.ix)(r.bytes)} MB in ${r.seconds.toFixed(1)} s`
        : r.restored === 'volume'
            ? 'reused the state volume kept on this machine'
            : 'no saved state: starting empty';
}
/** The one line main says about the save: under which key, or why this run does not save. */
function saveLine(kept) {
    if (kept.noSave)
        return `this run does not save the state: ${kept.noSave}`;
    return kept.save === 'on-success' ? `this run saves under ${kept.key} if the job succeeds` : `this run saves under ${kept.key}`;
}
function restoreSummary(r, kept) {
    const save = kept.noSave ? `not saved: ${kept.noSave}` : `\`${kept.key}\``;
    return `### BuildKit state\n\n| step | result |\n| --- | --- |\n| restore | ${restoreLine(r)} |\n| save | ${save} |\n`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/actions-cache/service.ts
var service = __webpack_require__(4647);
;// CONCATENATED MODULE: ./src/keep-state/save-policy.ts
/** Whether the policy saves, given the job's status as the post step's `job-status` input reads it. */
function shouldSave(save, jobStatus) {
    if (save === 'never')
        return false;
    return save === 'always' || jobStatus === '' || jobStatus === 'success';
}
/**
 * Why this run's code is not the repository's own, or undefined when it is. A restored state is
 * code that runs in the next build (cached layers are used as they are, a cache mount's files are
 * read), so a run whose code a stranger wrote must not save: under `pull_request_target` the job
 * runs with the base branch's cache scope, and a pull request from a fork builds the fork's code.
 * A pull request whose head repository is gone (a deleted fork) counts as a fork.
 */
function untrustedRun(eventName, event) {
    if (eventName === 'pull_request_target')
        return 'the event is pull_request_target';
    if (!eventName.startsWith('pull_request'))
        return undefined;
    const pr = event?.pull_request;
    if (!pr)
        return undefined;
    const head = pr.head?.repo;
    if (!head || head.fork === true || (head.full_name && head.full_name !== pr.base?.repo?.full_name))
        return `the pull request comes from a fork (${head?.full_name ?? 'a deleted repository'})`;
    return undefined;
}
/**
 * Whether this run's post step saves the state under `key`, or why not. state-save on-success is
 * still read against the job's status in post (shouldSave): main cannot know it.
 */
function saveDecision(facts, key) {
    const no = (reason) => ({ save: false, reason });
    if (!facts.cleanup)
        return no('cleanup is off, so the builder stays as it is');
    if (facts.save === 'never')
        return no('state-save is never');
    if (facts.untrusted && facts.save !== 'always')
        return no(`${facts.untrusted}, whose builds must not write a state a later run restores (state-save: always would)`);
    if (facts.keepVolume)
        return no('there is no cache service; the state volume is kept on this machine for the next run instead');
    if (!facts.useCache)
        return no('there is no usable cache service');
    if (facts.cacheRefusal)
        return no(facts.cacheRefusal);
    return { save: true, key };
}
/**
 * state-prune unused: `buildctl prune --keep-duration` keeps the records last used within the
 * duration, so one that reaches back to when BuildKit was up keeps what this job's builds used
 * (and the records they stand on) and drops what was restored and not used: a restored record keeps
 * its last use of an earlier run, which ended before this job's builder was up. As with
 * `type=gha,mode=max`, the state is then what the last build needed, not everything built since the
 * state began: without it every run's changed layers stay, and each restore grows until
 * state-max-size. Whole seconds, rounded up, and never 0, which BuildKit reads as "no limit" and
 * would prune everything.
 */
function unusedCutoffSeconds(usedSince, now) {
    return Math.max(1, Math.ceil((now - usedSince) / 1000));
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/node/owner.ts
var owner = __webpack_require__(1535);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/keep-state/state-pieces.ts
/**
 * keep-state's state as content-addressed pieces, as pure functions: what a listing of the state
 * volume splits into, how pieces are grouped into cache entries (bundles), and the manifest that
 * names them.
 *
 * - A piece is a content-store blob (`runc-<snapshotter>/content/blobs/sha256/<digest>`) or a
 *   snapshot directory (`runc-<snapshotter>/snapshots/snapshots/<n>`) with what is below it.
 * - A piece is named by its bytes: the sha256 of its archive, a tar that GNU tar writes the same way
 *   for the same content every time (PIECE_TAR in state-archive.ts: no access or change times, no
 *   process id in header names, one archive per piece). The name covers every byte of every file,
 *   its path, type, mode, owner, modification time, link target and extended attributes: a file
 *   rewritten with the same size and time (SOURCE_DATE_EPOCH, `cp -p`, `touch -d`) makes a new
 *   name. The engine's host computes it where the bytes are (state-archive.ts hashPieces), and the
 *   restore checks every piece against it before BuildKit starts (PieceCheck).
 * - A snapshot piece holds its files, links and devices (whiteouts), not its directories: those go
 *   with the meta part, with the overlay `work/` directory (scratch space the kernel empties at each
 *   mount). Mounting a snapshot does not rename it, and neither does a restore: the engine sets a
 *   directory's extended attributes in an order of its own (a Go map's), and GNU tar archives them
 *   in the order the filesystem lists them, so a directory with two (`trusted.overlay.impure` and
 *   another) would archive differently after each restore. The meta part is saved every time, so
 *   the directories it holds are always this save's; it is unpacked last, so that their times are
 *   set after the files in them are made.
 * - A snapshot of SPLIT_AT bytes or more is cut into buckets of its files (see SPLIT_AT).
 * - Everything else (the bolt databases, the directories, small files) is the `meta` part, saved
 *   every time inside the manifest's own entry.
 *
 * A bundle is pieces archived together: a large piece alone, small ones together in packs. Its
 * archive is its members' archives one after the other (each without its two-block end, one end
 * after the last), so that each member's bytes are a range of the bundle's tar that hashes to the
 * member's name. A bundle is named by the hash of its members' names, so a save that has the same
 * pieces as an earlier one finds its bundles in the cache and uploads nothing but the manifest. A
 * bundle's archive is cut into parts of PART_BYTES, each a cache entry of its own (see PART_BYTES).
 */

/** The zero blocks that end a tar: the end of each piece's archive, and of a bundle's. */
const TAR_END = 1024;
const BLOB = /^runc-[^/]+\/content\/blobs\/sha256\/([0-9a-f]{64})$/;
const SNAPSHOT = /^runc-[^/]+\/snapshots\/snapshots\/\d+$/;
/**
 * A snapshot of this many bytes or more (a cache mount, a big layer) is cut into BUCKETS pieces by a
 * hash of each file's path, so that a build that changes a few files of a big cache mount uploads
 * the buckets those files fall in, not the whole mount.
 */
const SPLIT_AT = 64e6;
const BUCKETS = 16;
/** Parses `find . -mindepth 1 -printf '%y %m %U %G %s %T@ %C@ %i\0%l\0%P\0'`. */
function parseListing(text) {
    const fields = text.split('\0');
    const out = [];
    for (let i = 0; i + 2 < fields.length; i += 3) {
        const [type, mode, uid, gid, size, mtime, ctime, inode] = fields[i].split(' ');
        out.push({ type, mode, uid, gid, size: Number(size), mtime, link: fields[i + 1], path: fields[i + 2], ctime, inode });
    }
    return out;
}
/** The sha256 of entries' listing lines, in order of path; with `stamped`, their change times and inodes too. */
function listingDigest(entries, stamped) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const e of entries) {
        const stamp = stamped ? ` ${e.ctime} ${e.inode}` : '';
        hash.update(`${e.type} ${e.mode} ${e.uid} ${e.gid} ${e.size} ${e.mtime}${stamp}\0${e.link}\0${e.path}\0`, 'latin1');
    }
    return hash.digest('hex');
}
function bucketOf(rel) {
    return (0,external_node_crypto_.createHash)('sha256').update(rel).digest().readUInt32BE(0) % BUCKETS;
}
function spanOf(kind, entries) {
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
        kind,
        paths: sorted.map((e) => e.path),
        size: filesSize(sorted),
        listed: listingDigest(sorted, false),
        stamp: listingDigest(sorted, true),
        changed: sorted.reduce((t, e) => Math.max(t, Number(e.ctime)), 0),
    };
}
function filesSize(entries) {
    return entries.reduce((n, e) => n + (e.type === 'f' ? e.size : 0), 0);
}
/** The overlay scratch space of a snapshot, `<root>/work` and below. */
function isScratch(rel) {
    return rel === '/work' || rel.startsWith('/work/');
}
/** Splits a listing into pieces (not named yet) and the meta part. */
function splitVolume(entries) {
    const pieces = [];
    const snapshots = new Map();
    for (const e of entries)
        if (e.type === 'd' && SNAPSHOT.test(e.path))
            snapshots.set(e.path, []);
    const meta = [];
    for (const e of entries) {
        const blob = e.type === 'f' ? BLOB.exec(e.path) : null;
        const root = blob ? undefined : snapshotRoot(e.path);
        if (blob)
            pieces.push(spanOf('blob', [e]));
        else if (root !== undefined && snapshots.has(root) && e.type !== 'd' && !isScratch(e.path.slice(root.length)))
            snapshots.get(root).push(e);
        else
            meta.push(e);
    }
    for (const [root, held] of snapshots) {
        if (held.length === 0)
            continue;
        if (filesSize(held) < SPLIT_AT) {
            pieces.push(spanOf('snapshot', held));
            continue;
        }
        const buckets = Array.from({ length: BUCKETS }, () => []);
        for (const e of held)
            buckets[bucketOf(e.path.slice(root.length))].push(e);
        for (const b of buckets)
            if (b.length)
                pieces.push(spanOf('snapshot', b));
    }
    return {
        pieces: pieces.sort((a, b) => (a.paths[0] < b.paths[0] ? -1 : a.paths[0] > b.paths[0] ? 1 : 0)),
        meta: meta.map((e) => e.path).sort(),
        metaSize: filesSize(meta),
    };
}
/** The pieces with the names their archives gave them (`digests` in the order of `spans`), in order of name. */
function namePieces(spans, digests) {
    if (digests.length !== spans.length)
        throw new Error(`${digests.length} digests for ${spans.length} pieces`);
    return spans.map((s, i) => ({ ...s, ...digests[i] })).sort((a, b) => a.id.localeCompare(b.id));
}
/** The snapshot directory a path is in or is, or undefined. */
function snapshotRoot(p) {
    const m = /^(runc-[^/]+\/snapshots\/snapshots\/\d+)(\/|$)/.exec(p);
    return m?.[1];
}
/**
 * A pack that loses a member is uploaded again whole, so packs stay small; pieces of 8 MB and more
 * (layers, cache mounts) are worth an entry of their own.
 */
const BUNDLE_LIMITS = { alone: 8e6, pack: 16e6, keptPacks: 12 };
function bundleId(members) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update([...members].sort().join('\n'))
        .digest('hex');
}
function bundleOf(pieces) {
    const sorted = [...pieces].sort((a, b) => a.id.localeCompare(b.id));
    const members = sorted.map((p) => p.id);
    return {
        id: bundleId(members),
        members,
        lengths: sorted.map((p) => p.bytes),
        size: pieces.reduce((s, p) => s + p.size, 0),
        paths: pieces.reduce((n, p) => n + p.paths.length, 0),
    };
}
/**
 * Groups the pieces into bundles. A pack of the previous manifest whose pieces are all still there
 * is kept as it is (it is in the cache already); the largest `keptPacks` of those are kept, so the
 * number of entries a restore fetches stays bounded. Large pieces stand alone. The other small
 * pieces fill new packs in id order, in two kinds: settled ones (in the previous manifest; on a first
 * save, blobs, which never change) and fresh ones (new, or changed since: a build context, a cache
 * mount). A piece that changed once tends to change again, and every change of a member re-uploads
 * its whole pack, so the fresh ones are kept apart from those that rarely change.
 */
function planBundles(pieces, previous = [], limits = BUNDLE_LIMITS) {
    const byId = new Map(pieces.map((p) => [p.id, p]));
    const seen = new Set(previous.flatMap((b) => b.members));
    const placed = new Set();
    const out = [];
    const whole = previous.filter((b) => b.members.every((m) => byId.has(m) && byId.get(m).size < limits.alone));
    const kept = new Set([...whole].sort((a, b) => b.size - a.size || a.id.localeCompare(b.id)).slice(0, limits.keptPacks));
    for (const b of whole) {
        if (!kept.has(b) || b.members.some((m) => placed.has(m)))
            continue;
        out.push(bundleOf(b.members.map((m) => byId.get(m))));
        for (const m of b.members)
            placed.add(m);
    }
    const settled = [];
    const fresh = [];
    for (const p of pieces) {
        if (placed.has(p.id))
            continue;
        if (p.size >= limits.alone)
            out.push(bundleOf([p]));
        else
            (seen.has(p.id) || (seen.size === 0 && p.kind === 'blob') ? settled : fresh).push(p);
    }
    for (const group of [settled, fresh]) {
        let pack = [];
        let packSize = 0;
        for (const p of group) {
            if (packSize > 0 && packSize + p.size > limits.pack) {
                out.push(bundleOf(pack));
                pack = [];
                packSize = 0;
            }
            pack.push(p);
            packSize += p.size;
        }
        if (pack.length)
            out.push(bundleOf(pack));
    }
    return out;
}
/**
 * A bundle's compressed archive is cut into parts of this many bytes, each its own cache entry, so
 * that one big piece (a layer of one large file, a big blob) downloads as several entries side by
 * side and its unpacking starts with its first part, instead of waiting for the whole entry to be
 * fetched and taken out of @actions/cache's own archive. Parts are fetched in order, so the unpacking
 * follows the download a part behind.
 */
const PART_BYTES = 64e6;
const TAG = /^[0-9a-f]{12}$/;
const DIGEST = /^[0-9a-f]{64}$/;
/** A tar's length: whole 512-byte blocks, its end included. */
function isTarLength(n) {
    return Number.isSafeInteger(n) && n >= TAR_END && n % 512 === 0;
}
/**
 * What unpacking one path costs, in bytes written: the engine makes files at about 0.4 ms each and
 * writes about 300 MB/s on this project's 2-core machines (bench/state.sh: 3000 small files took
 * 1.1 s, 105 MB of one file 0.3 s).
 */
const PATH_COST = 128e3;
/**
 * The order a restore fetches bundles in: most unpacking per entry fetched first. Unpacking costs
 * about what the bundle holds (a GB of text that compresses to one part is seconds of writing;
 * thousands of small files are one or two), fetching what it weighs compressed (parts). Bundles
 * that cost more to unpack than to fetch go first, so that their unpacking overlaps the rest of the
 * download; the ones the link limits (random data in many parts) go last, where the unpacking keeps
 * up with the download and what is left after it is a part or two.
 */
function restoreOrder(bundles) {
    const cost = (b) => (b.size + b.paths * PATH_COST) / b.parts;
    return [...bundles].sort((a, b) => cost(b) - cost(a) || a.id.localeCompare(b.id));
}
/**
 * 3: pieces named by the sha256 of their archives, which a bundle holds one after the other
 * (`lengths`). A manifest of another format is not restored: its pieces were named otherwise.
 */
const MANIFEST_FORMAT = 3;
/**
 * The manifest entry's file: the manifest as one JSON line, then the meta part's tar.zst. One entry
 * per save, read first by a restore, which needs the meta part anyway.
 */
function manifestHeader(m) {
    return Buffer.from(`${JSON.stringify(m)}\n`);
}
/** The manifest at the head of an entry's file, and where the meta part starts; throws when it is not one. */
function parseManifestHeader(head) {
    const nl = head.indexOf(0x0a);
    if (nl < 0)
        throw new Error('the manifest line is cut short');
    const m = JSON.parse(head.subarray(0, nl).toString('utf8'));
    if (m?.format !== MANIFEST_FORMAT || !Array.isArray(m.bundles))
        throw new Error(`not a manifest of format ${MANIFEST_FORMAT}`);
    for (const b of m.bundles) {
        if (!Array.isArray(b.members) || bundleId(b.members) !== b.id)
            throw new Error(`bundle ${String(b.id)} does not match its members`);
        if (!TAG.test(String(b.tag)) || !Number.isInteger(b.parts) || b.parts < 1)
            throw new Error(`bundle ${b.id} has no valid parts`);
        if (!Number.isFinite(b.size) || !Number.isFinite(b.paths))
            throw new Error(`bundle ${b.id} has no size or count of paths`);
        if (!b.members.every((m) => DIGEST.test(String(m))))
            throw new Error(`bundle ${b.id} has a member that is not a sha256`);
        if (!Array.isArray(b.lengths) || b.lengths.length !== b.members.length || !b.lengths.every(isTarLength))
            throw new Error(`bundle ${b.id} has no valid lengths of its members`);
    }
    if (m.listed !== undefined &&
        (typeof m.listed !== 'object' || !Object.entries(m.listed).every(([l, id]) => DIGEST.test(l) && DIGEST.test(String(id)))))
        throw new Error('the listing digests are not sha256 pairs');
    return { manifest: m, metaOffset: nl + 1 };
}

;// CONCATENATED MODULE: ./src/keep-state/piece-check.ts
/**
 * The restore's check of a bundle against the names of its pieces, on the bundle's tar as it flows
 * from zstd to the engine. A bundle's tar is its members' archives one after the other, each whole
 * (state-pieces.ts): each member's bytes hash to its name. The engine's tar reader stops at the first
 * end of archive, so the check passes on each member without its end and ends the stream with one.
 *
 * A member whose bytes do not hash to its name stops the flow there: what follows is read and
 * dropped, and the stream ends on a member's boundary, so the engine takes a well-formed archive and
 * the caller learns of the mismatch from `failure` (it empties the volume: a state is restored whole
 * or not at all). Hashing here costs no second read: the bytes pass through this process anyway.
 */



class PieceCheck extends external_node_stream_.Transform {
    members;
    /** Why the bundle is not what its manifest names, once that is known. */
    failure;
    member = 0;
    taken = 0;
    hash = (0,external_node_crypto_.createHash)('sha256');
    constructor(members) {
        super();
        this.members = members;
    }
    _transform(chunk, _encoding, done) {
        let at = 0;
        while (at < chunk.length) {
            const m = this.members[this.member];
            if (!m) {
                this.failure ??= `the bundle holds more than its ${this.members.length} pieces`;
                break;
            }
            const n = Math.min(chunk.length - at, m.bytes - this.taken);
            const bytes = chunk.subarray(at, at + n);
            this.hash.update(bytes);
            // The member's own end of archive stays here; one ends the whole stream.
            const kept = Math.max(0, Math.min(n, m.bytes - TAR_END - this.taken));
            if (!this.failure && kept > 0)
                this.push(bytes.subarray(0, kept));
            this.taken += n;
            at += n;
            if (this.taken === m.bytes)
                this.endOf(m);
        }
        done();
    }
    _flush(done) {
        if (!this.failure && this.member < this.members.length) {
            // Cut inside a member: no end is added, the engine sees a truncated archive.
            this.failure = `the bundle ends inside piece ${this.members[this.member].id.slice(0, 12)}`;
            return done();
        }
        // Whole, or stopped at a member's boundary by a failure: a well-formed end either way.
        this.push(Buffer.alloc(TAR_END));
        done();
    }
    endOf(m) {
        const digest = this.hash.digest('hex');
        if (digest !== m.id)
            this.failure ??= `piece ${m.id.slice(0, 12)} does not hold what its name says (its bytes hash to ${digest.slice(0, 12)})`;
        this.member++;
        this.taken = 0;
        this.hash = (0,external_node_crypto_.createHash)('sha256');
    }
}

;// CONCATENATED MODULE: ./src/keep-state/state-archive.ts
/**
 * The state volume's pieces as zstd-compressed tars, faithful to what overlayfs snapshots need: whiteout
 * devices (char 0:0), `trusted.overlay.*` extended attributes (opaque directories), ownership,
 * modes and sparse bolt files.
 *
 * Reading: the engine's GET archive keeps only `security.capability`, and an unprivileged reader
 * cannot see `trusted.*` at all, so the volume is read by GNU tar as root on the engine's host, on
 * its Mountpoint (root, or passwordless sudo). Writing: PUT archive into the created, never started
 * container keeps the devices and applies the `SCHILY.xattr.*` records GNU tar writes, so a restore
 * needs nothing but the API (and works for a remote engine too).
 */










/** GNU tar's flags for a faithful copy: pax headers carry the xattrs of every namespace. */
const FAITHFUL = ['--format=posix', '--xattrs', '--xattrs-include=*', '--numeric-owner'];
/** The meta part: bolt databases are sparse. */
const TAR_FLAGS = [...FAITHFUL, '-S'];
/**
 * A piece's archive, the same bytes for the same content every time (its sha256 is the piece's
 * name, state-pieces.ts): no access or change times (reading a file changes the one, restoring it
 * the other), pax header names without the process id, 512-byte records (the archive ends with
 * exactly TAR_END zero bytes). Without -S: whether a file has holes on disk is not content (the
 * engine writes them out on restore), so a sparse file is archived as its bytes.
 */
const PIECE_TAR = [...FAITHFUL, '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime', '-b1'];
/**
 * One archive per piece, as root in the volume (bash, for pipefail): `hash` prints each archive's
 * sha256 and length, one line per piece; `cat` writes the archives one after the other. Each piece's
 * paths are a NUL-separated list file in $3, taken in the order of the files' names. openssl's sha256
 * is about three times coreutils' where the CPU has SHA instructions (1.0 against 0.28 GB/s here).
 */
const PIECES_SCRIPT = `set -euo pipefail
mode=$1 lists=$3
cd "$2"
shift 3
if command -v openssl >/dev/null; then sha() { openssl dgst -sha256 -r; }; else sha() { sha256sum; }; fi
err=$(mktemp)
trap 'rm -f "$err"' EXIT
written='Total bytes written: ([0-9]+)'
for list in "$lists"/*; do
  if [ "$mode" = cat ]; then
    tar "$@" --null --no-recursion -T "$list" -cf -
  elif digest=$(tar --totals "$@" --null --no-recursion -T "$list" -cf - 2>"$err" | sha); then
    [[ $(<"$err") =~ $written ]]
    echo "\${digest:0:64} \${BASH_REMATCH[1]}"
  else
    cat "$err" >&2
    exit 1
  fi
done`;
/**
 * The volume's directory when this process can read it as root, else why not (a warning's text).
 * Only a local engine's volumes are on this filesystem.
 */
async function volumeAccess(docker, volume) {
    if (!(0,engine_docker/* isLocalEngine */.wS)(docker))
        return 'the engine is not on this machine';
    let dir;
    try {
        dir = (await docker.getVolume(volume).inspect()).Mountpoint;
    }
    catch (err) {
        return `volume ${volume}: ${(0,docker_client/* engineMessage */.g4)(err)}`;
    }
    const root = process.getuid?.() === 0;
    const sudo = !root && (0,external_node_child_process_.spawnSync)('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
    if (!root && !sudo)
        return 'reading trusted.* extended attributes needs root or passwordless sudo';
    const exists = root ? external_node_fs_.existsSync(dir) : (0,external_node_child_process_.spawnSync)('sudo', ['-n', 'test', '-d', dir], { stdio: 'ignore' }).status === 0;
    return exists ? { dir, sudo } : `${dir} is not on this machine (an engine in a VM or another mount namespace)`;
}
/** A child process's end: resolves on exit 0, rejects with the tail of its stderr otherwise. */
function finished(child, what) {
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr = (stderr + d.toString()).slice(-2000)));
    return new Promise((resolve, reject) => {
        child.on('error', (err) => reject(new errors/* UserError */.yo(`${what}: ${err.message}`)));
        child.on('close', (code, signal) => {
            if (code === 0)
                resolve();
            else
                reject(new errors/* UserError */.yo(`${what} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join('; ')}`));
        });
    });
}
/** Every process of a pipeline ended: resolves when all succeeded, else rejects with the first failure once all are done. */
async function allFinished(...ends) {
    const failed = (await Promise.allSettled(ends)).find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
function asRoot(access, argv) {
    const [cmd, ...args] = access.sudo ? ['sudo', '-n', ...argv] : argv;
    return [cmd, args];
}
/**
 * Every path in the volume with what identifies a snapshot's content (see state-pieces.ts), read as
 * root by GNU find. The volume must be quiescent: BuildKit stopped.
 */
async function listVolume(access) {
    const find = (0,external_node_child_process_.spawn)(...asRoot(access, ['find', access.dir, '-mindepth', '1', '-printf', '%y %m %U %G %s %T@ %C@ %i\\0%l\\0%P\\0']), {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    find.stdout.on('data', (d) => chunks.push(d));
    await finished(find, 'listing the state volume');
    // latin1 keeps any byte of a file name as one character, and back (archivePaths).
    return parseListing(Buffer.concat(chunks).toString('latin1'));
}
/** tar of `paths` (relative to the volume's root, each named: a directory is an entry of its own, without what is below it). */
function tarOf(access, paths) {
    const tarArgs = ['tar', ...TAR_FLAGS, '-C', access.dir, '--null', '--no-recursion', '-T', '-', '-cf', '-'];
    const tar = (0,external_node_child_process_.spawn)(...asRoot(access, tarArgs), { stdio: ['pipe', 'pipe', 'pipe'] });
    tar.stdin.end(Buffer.from(paths.map((p) => `${p}\0`).join(''), 'latin1'));
    return tar;
}
/**
 * Starts `argv` reading `from`'s output. A process's output pipe becomes the next one's input as it
 * is: the bytes go from one process to the other without passing through this one (which costs
 * about a fifth more time on a few hundred MB).
 */
function piped(from, argv, stdout) {
    const child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), { stdio: [from.stdout, stdout, 'pipe'] });
    // The child holds its own copy of the pipe; this process's copy would only keep the writer waiting.
    from.stdout.destroy();
    return child;
}
const ZSTD = ['zstd', '-T0', '-3', '-q'];
/** tar | zstd -T0 of `paths` into `file` (the meta part). */
async function archivePaths(access, paths, file) {
    const tar = tarOf(access, paths);
    const zstd = piped(tar, [...ZSTD, '-f', '-o', file], 'ignore');
    await allFinished(finished(tar, 'tar'), finished(zstd, 'zstd'));
}
/**
 * A list file per piece (NUL-separated paths, latin1 as listVolume read them) in a new directory,
 * named by `order` (the piece's place among all, so the script takes them in that order).
 */
function writeLists(pieces, order = pieces.map((_, i) => i)) {
    const dir = external_node_fs_.mkdtempSync(external_node_path_.join(external_node_os_.tmpdir(), 'setup-buildkit-pieces-'));
    pieces.forEach((paths, i) => external_node_fs_.writeFileSync(external_node_path_.join(dir, String(order[i]).padStart(6, '0')), Buffer.from(paths.map((p) => `${p}\0`).join(''), 'latin1')));
    return dir;
}
function piecesScript(access, mode, lists) {
    return (0,external_node_child_process_.spawn)(...asRoot(access, ['bash', '-c', PIECES_SCRIPT, 'pieces', mode, access.dir, lists, ...PIECE_TAR]), {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
}
const HASH_LINE = /^([0-9a-f]{64}) (\d+)$/;
/**
 * How many hashing scripts run at once: one per core. Each is tar into openssl, about 1.3 cores
 * busy at best (tar's reads and headers, openssl's sha256), so one alone leaves a 2-core runner
 * partly idle.
 */
const HASH_JOBS = Math.max(1, Math.min(4, external_node_os_.availableParallelism()));
/**
 * The pieces' indices split into `jobs` groups of about equal bytes (largest first, each to the
 * lightest group), each group in ascending order.
 */
function hashGroups(sizes, jobs) {
    const groups = Array.from({ length: Math.max(1, Math.min(jobs, sizes.length)) }, () => ({ bytes: 0, items: [] }));
    const bySize = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
    for (const i of bySize) {
        const lightest = groups.reduce((l, g) => (g.bytes < l.bytes ? g : l));
        lightest.items.push(i);
        lightest.bytes += sizes[i];
    }
    return groups.map((g) => g.items.sort((a, b) => a - b));
}
/** One hashing script over some of the pieces: their digests, in the order of `pieces`. */
async function hashGroup(access, pieces, order) {
    const lists = writeLists(pieces, order);
    try {
        const script = piecesScript(access, 'hash', lists);
        let out = '';
        script.stdout.on('data', (d) => (out += d.toString()));
        await finished(script, 'hashing the pieces');
        const lines = out.trim().split('\n');
        const digests = lines.map((line) => HASH_LINE.exec(line)).map((m) => m && { id: m[1], bytes: Number(m[2]) });
        if (digests.length !== pieces.length || digests.some((d) => !d))
            throw new errors/* UserError */.yo(`hashing the pieces gave ${JSON.stringify(out.slice(0, 200))}`);
        return digests;
    }
    finally {
        external_node_fs_.rmSync(lists, { recursive: true, force: true });
    }
}
/**
 * Each piece's name (the sha256 of its archive) and its archive's length, computed as root next to
 * the volume, HASH_JOBS scripts at once over groups of about equal bytes: the bytes are read once,
 * from the disk into the hash, and only the names come back (the archive of a new piece reads them
 * again, from the page cache). `pieces` holds each piece's paths and size. The volume must be
 * quiescent: BuildKit stopped.
 */
async function hashPieces(access, pieces) {
    if (pieces.length === 0)
        return [];
    const groups = hashGroups(pieces.map((p) => p.size), HASH_JOBS);
    // Every script ended before a failure is reported: none is left reading the volume.
    const settled = await Promise.allSettled(groups.map((g) => hashGroup(access, g.map((i) => pieces[i].paths), g)));
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
    const hashed = settled.map((r) => r.value);
    const digests = new Array(pieces.length);
    groups.forEach((g, j) => g.forEach((i, k) => (digests[i] = hashed[j][k])));
    return digests;
}
/**
 * The pieces' archives one after the other (a bundle's archive, state-pieces.ts) | zstd -T0 | split
 * into parts of `partBytes` (state-pieces.ts PART_BYTES): files `<prefix>0000`, `<prefix>0001`, ...
 * whose concatenation is the compressed archive. `pieces` holds each member's paths, in the bundle's
 * order. Returns the parts in order; on a failure none is left.
 */
async function archiveParts(access, pieces, prefix, partBytes) {
    const lists = writeLists(pieces);
    const tar = piecesScript(access, 'cat', lists);
    const zstd = piped(tar, [...ZSTD, '-c'], 'pipe');
    const split = piped(zstd, ['split', '-b', String(partBytes), '-d', '-a', '4', '-', prefix], 'ignore');
    const dir = external_node_path_.dirname(prefix);
    const made = () => external_node_fs_.readdirSync(dir)
        .filter((f) => f.startsWith(external_node_path_.basename(prefix)) && /^\d{4}$/.test(f.slice(external_node_path_.basename(prefix).length)))
        .sort()
        .map((f) => external_node_path_.join(dir, f));
    try {
        // All three ended: none writes a part after those made are removed.
        await allFinished(finished(tar, 'archiving the pieces'), finished(zstd, 'zstd'), finished(split, 'split'));
    }
    catch (err) {
        for (const f of made())
            external_node_fs_.rmSync(f, { force: true });
        throw err;
    }
    finally {
        external_node_fs_.rmSync(lists, { recursive: true, force: true });
    }
    return made();
}
/**
 * Unpacks a tar.zst stream into `dir` of a created (not started) container: zstd -d into PUT archive.
 * zstd checks the frame's checksum at its end, so a corrupt or cut piece fails here. A bundle's
 * stream is checked against the names of its `members` on its way (PieceCheck), so a piece whose
 * bytes are not what the manifest names fails too, even when its entry arrived as it was uploaded.
 * What the engine wrote before a failure is for the caller to remove (see emptyVolume).
 */
async function unpackInto(container, source, dir, members) {
    const zstd = (0,external_node_child_process_.spawn)('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const done = finished(zstd, 'zstd -d');
    // zstd may fail while the engine still reads: awaited below, not an unhandled rejection meanwhile.
    done.catch(() => undefined);
    source.on('error', (err) => zstd.stdin.destroy(err));
    zstd.stdin.on('error', () => undefined);
    source.pipe(zstd.stdin);
    const check = members && zstd.stdout.pipe(new PieceCheck(members));
    try {
        await container.putArchive(check ?? zstd.stdout, { path: dir });
    }
    catch (err) {
        zstd.kill();
        // The engine may refuse the archive before reading it all: what is left in zstd's output pipe is
        // read by nobody, and the process's close would never come while that end is open.
        zstd.stdout.destroy();
        check?.destroy();
        await done.catch(() => undefined);
        throw new errors/* UserError */.yo(`unpacking the state into ${dir}: ${(0,docker_client/* engineMessage */.g4)(err)}`);
    }
    await done;
    if (check?.failure)
        throw new errors/* UserError */.yo(check.failure);
}
/**
 * Empties the created container's state volume after a restore that failed half-way: a throwaway
 * container of the same (BuildKit) image, with the volume, removes everything in it. Only the
 * engine can do it for every kind of engine (a remote one too).
 */
async function emptyVolume(docker, container, dir) {
    const info = await container.inspect();
    const volume = info.Mounts.find((m) => m.Destination === dir)?.Name;
    if (!volume)
        throw new errors/* UserError */.yo(`no volume at ${dir} in ${info.Name}`);
    const wiper = await docker.createContainer({
        Image: info.Image,
        Entrypoint: ['/bin/sh', '-c', 'find /state -mindepth 1 -maxdepth 1 -exec rm -rf {} +'],
        Cmd: [],
        Labels: { [owner/* OWNER_LABEL */.pk]: 'state-wiper' },
        HostConfig: { Binds: [`${volume}:/state`], NetworkMode: 'none' },
    });
    try {
        await wiper.start();
        const { StatusCode } = (await wiper.wait());
        if (StatusCode !== 0)
            throw new errors/* UserError */.yo(`emptying volume ${volume} failed (exit ${StatusCode})`);
    }
    finally {
        // v: the image declares a volume at /var/lib/buildkit, which the wiper gets anonymously.
        await wiper.remove({ force: true, v: true }).catch(() => undefined);
    }
}
/** Whether zstd is on PATH (the runner images have it; @actions/cache uses it too). */
function hasZstd() {
    return (0,external_node_child_process_.spawnSync)('zstd', ['--version'], { stdio: 'ignore' }).status === 0;
}

;// CONCATENATED MODULE: ./src/keep-state/plan.ts
/**
 * keep-state's plan, made in main before the container starts: the keys this run saves under and
 * restores by, whether the cache service is usable, and what main hands to post (KeptState).
 */





/** Engine and image facts that make up the key; all known before the container starts. */
async function stateCompat(docker, image, engine, flags, configDigest) {
    const img = await docker.getImage(image).inspect();
    return {
        imageId: img.Id,
        arch: engine?.architecture ?? 'unknown',
        storageDriver: engine?.storageDriver ?? 'unknown',
        configDigest,
        flags,
    };
}
/** The event's payload (GITHUB_EVENT_PATH), when the runner wrote one that reads as JSON. */
function eventPayload(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    try {
        return JSON.parse(external_node_fs_.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
}
async function planState(opts, compat, host) {
    const { key, restorePrefix, restoreKeys } = stateKeys(opts.prefix, await compat(), runSuffix(process.env), legId(opts.leg));
    let useCache = await (0,service/* cacheAvailable */.g7)();
    if (useCache && !hasZstd()) {
        host.warning('keep-state: zstd is not installed: the state is neither restored nor saved');
        useCache = false;
    }
    const keepVolume = !useCache && opts.fixedName;
    if (!useCache && !opts.fixedName)
        host.warning('keep-state: no cache service and no fixed builder name: the state will not be kept');
    const untrusted = untrustedRun(process.env.GITHUB_EVENT_NAME ?? '', eventPayload(process.env));
    const decision = saveDecision({ cleanup: opts.cleanup, save: opts.save, useCache, keepVolume, cacheRefusal: (0,service/* cacheWriteRefusal */.GC)(process.env), untrusted }, key);
    return {
        useCache,
        kept: {
            key,
            restorePrefix,
            restoreKeys,
            noSave: decision.save ? undefined : decision.reason,
            untrusted: opts.save === 'always' ? undefined : untrusted,
            save: opts.save,
            maxBytes: opts.maxBytes,
            prune: opts.prune,
            keepVolume,
            restored: 'miss',
        },
    };
}

// EXTERNAL MODULE: ./src/node/container-spec.ts
var container_spec = __webpack_require__(3779);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/keep-state/fetch-turns.ts
/**
 * When a restore starts fetching each part. A runner's downloads share its one link to the cache
 * service, evenly: parts started together share the link and land together, so with four at a time
 * the first bundle's unpacking waited for four parts' worth of download (a quarter of a 400 MB
 * restore) and the last four parts were all unpacked after the link went quiet. Fetched one after
 * another instead, the link would idle while each entry is looked up and @actions/cache takes its
 * own archive around the part apart.
 *
 * So parts take turns, in order: the first goes alone (it lands at the link's full rate, and its
 * unpacking starts at once), then each next part starts once the one before it has had half as long
 * as the last part took, and never more than FETCHES_AT_ONCE at a time. Two parts in flight, one
 * about half done, keep the link busy while one of them is between downloads; and staggered parts
 * stay staggered: the older one always lands first and alone, while the younger fills the link, so
 * the unpacking takes a part every part's worth of download. Gaps come from measured durations,
 * never from a rate written down: the link may be anything.
 */

/** Parts in flight at most: one landing, the next on its way. */
const FETCHES_AT_ONCE = 2;
function nextTurn(now, turns) {
    if (turns.lastStart === undefined)
        return { start: true };
    if (turns.running >= FETCHES_AT_ONCE || turns.lastTook === undefined)
        return { wait: 'a fetch' };
    const left = turns.lastTook / 2 - (now - turns.lastStart);
    return left <= 0 ? { start: true } : { wait: left };
}
const processClock = {
    now: () => performance.now(),
    sleep: (ms, signal) => (0,promises_.setTimeout)(ms, undefined, { signal }).catch(() => undefined),
};
/**
 * `fetch` for every item in order, started as nextTurn says. After the first failure nothing new
 * starts; it rejects with that failure once the fetches running have settled.
 */
async function fetchInTurns(items, fetch, clock = processClock) {
    const turns = { running: 0 };
    const inFlight = new Set();
    let failure;
    let next = 0;
    while (!failure && next < items.length) {
        const turn = nextTurn(clock.now(), turns);
        if ('start' in turn) {
            const item = items[next++];
            const started = clock.now();
            turns.lastStart = started;
            turns.running++;
            const settled = fetch(item)
                .then(() => void (turns.lastTook = clock.now() - started), (err) => void (failure ??= { err }))
                .finally(() => {
                turns.running--;
                inFlight.delete(settled);
            });
            inFlight.add(settled);
            continue;
        }
        const timer = new AbortController();
        const waits = [...inFlight];
        if (turn.wait !== 'a fetch')
            waits.push(clock.sleep(turn.wait, timer.signal));
        await Promise.race(waits);
        timer.abort();
    }
    await Promise.all(inFlight);
    if (failure)
        throw failure.err;
}

;// CONCATENATED MODULE: ./src/keep-state/known-pieces.ts
/** A piece changed this recently before the restore's listing is not kept (its change time's tick may not have ended). */
const SETTLED_S = 0.2;
/**
 * The restored pieces a save may name without hashing. `spans`: the volume's pieces as listed after
 * the restore, which started at `listedAt` (seconds since the epoch, this machine's clock);
 * `listed`: the manifest's listing digests and names; `bundles`: what the restore checked.
 */
function restoredPieces(spans, listed, bundles, listedAt) {
    const checked = new Map(bundles.flatMap((b) => b.members.map((id, i) => [id, b.lengths[i]])));
    const known = [];
    for (const s of spans) {
        const id = Object.hasOwn(listed, s.listed) ? listed[s.listed] : undefined;
        const bytes = id === undefined ? undefined : checked.get(id);
        if (id !== undefined && bytes !== undefined && s.changed < listedAt - SETTLED_S)
            known.push({ id, bytes, stamp: s.stamp });
    }
    return known;
}
/**
 * How long to wait before listing the restored volume again, when a piece changed within SETTLED_S
 * of the listing (the restore's last bundle): seconds, 0 when every piece had settled. Nothing writes
 * to the volume meanwhile (BuildKit has not started), so a second listing after the wait keeps them.
 */
function settleWait(spans, listedAt) {
    const newest = spans.reduce((t, s) => Math.max(t, s.changed), 0);
    return Math.max(0, newest + SETTLED_S - listedAt);
}
/** For each span, its name when a restored piece has its stamp, else undefined (to be hashed). */
function knownDigests(spans, known) {
    const byStamp = new Map(known.map((k) => [k.stamp, { id: k.id, bytes: k.bytes }]));
    return spans.map((s) => byStamp.get(s.stamp));
}
/** The manifest's map of listing digests to names (Manifest.listed). */
function listedNames(pieces) {
    return Object.fromEntries(pieces.map((p) => [p.listed, p.id]));
}

;// CONCATENATED MODULE: ./src/keep-state/parts.ts
/**
 * keep-state's transport: the cache entries a state travels in (the manifest and every part of every
 * bundle, see state-pieces.ts), the fixed paths they go through, and how many go at once.
 */


/**
 * The fixed paths entries go through (see actions-cache/service.ts): the manifest's, and one per part of a
 * bundle, named after it (its key names it too, so a path per part costs nothing, and the parts of
 * one bundle download side by side). Each job works on its own copy next to it.
 */
/** @public (bench/state-stages.mjs fetches through the same paths) */
const MANIFEST_PATH = (0,service/* sharedPath */.nk)('state', 'manifest');
/** @public (bench/state-stages.mjs) */
function partPath(bundleId, k) {
    return (0,service/* sharedPath */.nk)('state', `piece-${bundleId}.${k + 1}.tar.zst`);
}
/** @public (bench/state-stages.mjs) */
function partsOf(bundles) {
    return bundles.flatMap((bundle) => Array.from({ length: bundle.parts }, (_, k) => ({ bundle, k })));
}
function partInCache(restorePrefix, p) {
    return (0,service/* cacheHas */.fw)(partPath(p.bundle.id, p.k), partKey(restorePrefix, p.bundle, p.k));
}
function ownCopy(shared) {
    return `${shared}.${process.pid}`;
}
/** Parts looked up at once, and uploaded at once: the service rate-limits, the runner has few cores. */
const LOOKUPS = 8;
const UPLOADS = 3;
/**
 * fn over items, at most `limit` at a time, results in order. After the first failure nothing new
 * starts; it rejects with that failure once the running ones have settled.
 * @public (bench/state-stages.mjs)
 */
async function inParallel(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (!failure && next < items.length) {
            const i = next++;
            try {
                results[i] = await fn(items[i]);
            }
            catch (err) {
                failure ??= { err };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failure)
        throw failure.err;
    return results;
}

;// CONCATENATED MODULE: ./src/keep-state/rate-limit.ts
/**
 * The cache service's rate limit (GitHub: 200 cache-entry uploads a minute per repository, then 429
 * with Retry-After): a step waits it out once, when the wait fits RATE_LIMIT_WAIT_S, and tries again;
 * a second refusal is the caller's one warning.
 */

/**
 * The longest wait a step spends on the rate limit, once: the service's window is a minute, so a
 * Retry-After never asks for more, and a save or restore that waits longer would cost the job more
 * than the state saves it.
 */
const RATE_LIMIT_WAIT_S = 60;
let waited = false;
/**
 * When `problems` (what @actions/cache was refused, held back) say the service rate-limited a
 * request, and this step has not waited yet, waits as long as the service asked and returns true:
 * the caller tries once more. Otherwise returns false at once.
 */
async function waitOutRateLimit(problems, host) {
    const seconds = (0,service/* retryAfterSeconds */.C3)(problems);
    if (waited || seconds === undefined || seconds > RATE_LIMIT_WAIT_S)
        return false;
    waited = true;
    host.info(`keep-state: the cache service is rate-limited: waiting ${seconds} s as it asks, then trying once more`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return true;
}

;// CONCATENATED MODULE: ./src/keep-state/restore.ts
/**
 * keep-state's restore, main's beforeStart step: fetch the newest compatible manifest, check that every
 * part of every bundle it names is in the cache, then fetch the parts in parallel and unpack each
 * bundle into the new, empty volume as its parts arrive, each piece checked against the digest the
 * manifest names it by, all before BuildKit starts. A bundle that fails on the way (a part missing,
 * a corrupt frame, a piece whose bytes are not its name's) empties the volume again: a state is
 * restored whole or not at all.
 */















/**
 * The beforeStart step: a fresh volume gets the newest compatible state; a volume that was there
 * already (kept on this machine) is used as it is. Every cache problem leaves the volume empty.
 * Throws only when a half-restored volume could not be emptied again.
 */
async function restoreState(docker, container, plan, volumeIsNew, host) {
    const started = Date.now();
    const report = (restored, more = {}) => ({
        restored,
        bytes: 0,
        entries: 0,
        pieces: 0,
        ...more,
        seconds: (Date.now() - started) / 1000,
    });
    if (!volumeIsNew)
        return report('volume');
    if (!plan.useCache)
        return report('miss');
    const { key, restorePrefix } = plan.kept;
    const own = ownCopy(MANIFEST_PATH);
    let written = false;
    // What @actions/cache would have warned about, held back: the one warning below says it.
    const problems = [];
    const refused = () => (problems.length > 0 ? `: ${problems[0]}` : '');
    try {
        // A rate-limited lookup is waited out once (the service says how long), then looked up again.
        let found = await (0,service/* heldBack */.Zg)(problems, () => findState(own, plan.kept));
        if ((!found.matched || found.missing) && (await waitOutRateLimit(problems, host))) {
            problems.length = 0;
            found = await (0,service/* heldBack */.Zg)(problems, () => findState(own, plan.kept));
        }
        const { matched, missing } = found;
        if (!matched) {
            if (problems.length > 0)
                host.warning(`keep-state: the state could not be looked up${refused()}; starting from an empty state`);
            return report('miss');
        }
        if (missing) {
            host.warning(`keep-state: piece entry ${missing.bundle.id.slice(0, 12)} part ${missing.k + 1} of ${matched} is not in the cache ` +
                `(${problems.length > 0 ? `the lookup was refused${refused()}` : 'evicted'}): starting from an empty state`);
            return report('miss');
        }
        const entry = external_node_fs_.readFileSync(own);
        const { manifest, metaOffset } = parseManifestHeader(entry);
        const parts = partsOf(manifest.bundles);
        written = true;
        const fetched = await (0,service/* heldBack */.Zg)(problems, () => fetchAndUnpack(container, manifest.bundles, restorePrefix, entry.subarray(metaOffset)));
        const previous = external_node_path_.join(process.env.RUNNER_TEMP || external_node_os_.tmpdir(), `setup-buildkit-manifest-${process.pid}.json`);
        const handed = { bundles: manifest.bundles, known: await checkedPieces(docker, container, manifest) };
        external_node_fs_.writeFileSync(previous, JSON.stringify(handed));
        host.info(`keep-state: fetched and unpacked ${parts.length} piece entries and the manifest, ${(0,units/* megabytes */.ix)(entry.length + fetched)} MB, in ${(0,units/* secondsSince */.wv)(started)} s`);
        return report(matched === key ? 'exact' : 'prefix', {
            matchedKey: matched,
            bytes: entry.length + fetched,
            entries: parts.length,
            pieces: manifest.bundles.reduce((n, b) => n + b.members.length, 0),
            previous,
        });
    }
    catch (err) {
        if (written)
            await emptyAfterFailure(docker, container, err);
        host.warning(`keep-state: the saved state could not be restored, starting from an empty state: ${(0,errors/* errorLine */.BP)(err)}${refused()}`);
        return report('miss');
    }
    finally {
        external_node_fs_.rmSync(own, { force: true });
    }
}
/**
 * The newest manifest for this run's keys (into `own`), and the first of its parts the cache does
 * not have. One missing part is enough to start empty: after it no more lookups go out (a
 * rate-limited service would refuse each).
 */
async function findState(own, kept) {
    const matched = await (0,service/* restoreFile */.VX)(MANIFEST_PATH, own, kept.key, kept.restoreKeys);
    if (!matched)
        return {};
    const { manifest } = parseManifestHeader(external_node_fs_.readFileSync(own));
    let missing;
    await inParallel(partsOf(manifest.bundles), LOOKUPS, async (p) => {
        if (!missing && !(await partInCache(kept.restorePrefix, p)))
            missing ??= p;
    });
    return { matched, missing };
}
/**
 * The restored pieces as they are on the disk now, each with the name its bytes were just checked
 * against (known-pieces.ts), so that post's save need not hash them again. None when the volume
 * cannot be listed from here (post cannot save it then anyway), the listing fails, or the manifest
 * has no listing digests: the save hashes every piece, and the restore stands.
 */
async function checkedPieces(docker, container, manifest) {
    if (!manifest.listed)
        return [];
    try {
        const volume = (await container.inspect()).Mounts.find((m) => m.Destination === container_spec/* STATE_DIR */.e$)?.Name;
        const access = volume && (await volumeAccess(docker, volume));
        if (!access || typeof access === 'string')
            return [];
        let listedAt = Date.now() / 1000;
        let spans = splitVolume(await listVolume(access)).pieces;
        const wait = settleWait(spans, listedAt);
        if (wait > 0) {
            await new Promise((r) => setTimeout(r, Math.ceil(wait * 1000) + 10));
            listedAt = Date.now() / 1000;
            spans = splitVolume(await listVolume(access)).pieces;
        }
        return restoredPieces(spans, manifest.listed, manifest.bundles, listedAt);
    }
    catch {
        return [];
    }
}
async function emptyAfterFailure(docker, container, cause) {
    try {
        await emptyVolume(docker, container, container_spec/* STATE_DIR */.e$);
    }
    catch (err) {
        throw new errors/* UserError */.yo(`keep-state: the state volume could not be emptied after a failed restore (${(0,errors/* errorLine */.BP)(cause)}): ${(0,errors/* errorLine */.BP)(err)}`);
    }
}
/** A promise with its settling functions outside (Promise.withResolvers is Node 22 and later). */
function deferred() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
    // Rejected when a fetch failed; whoever awaits it sees that, nobody else has to.
    promise.catch(() => undefined);
    return { promise, resolve, reject };
}
/** A bundle's archive: its parts' files in order, each read as soon as it is fetched and removed once read. */
async function* partsInOrder(files) {
    for (const next of files) {
        const file = await next;
        try {
            yield* external_node_fs_.createReadStream(file);
        }
        finally {
            external_node_fs_.rmSync(file, { force: true });
        }
    }
}
/**
 * Each bundle as soon as its first part is in, one unpack at a time (the engine takes one archive
 * per container at a time anyway), each reading its parts as they arrive and checked against its
 * pieces' names on the way (PieceCheck); the meta part last, so that the directories it holds get
 * their times after the files in them are made (state-pieces.ts). The parts are fetched in
 * restoreOrder, taking turns on the link (fetch-turns.ts) so that they land one after another and the
 * unpacking follows the download a part behind. Returns the parts' compressed bytes.
 */
async function fetchAndUnpack(container, bundles, restorePrefix, meta) {
    const parts = partsOf(restoreOrder(bundles)).map((p) => ({ ...p, own: ownCopy(partPath(p.bundle.id, p.k)), file: deferred() }));
    let unpackError;
    let unpacked = Promise.resolve();
    const unpack = (source, members) => {
        unpacked = unpacked
            .then(async () => {
            if (!unpackError)
                await unpackInto(container, source(), container_spec/* STATE_DIR */.e$, members);
        })
            .catch((err) => void (unpackError ??= { err }));
    };
    let bytes = 0;
    try {
        await fetchInTurns(parts, async (p) => {
            if (unpackError)
                throw unpackError.err;
            try {
                if (!(await (0,service/* restoreFile */.VX)(partPath(p.bundle.id, p.k), p.own, partKey(restorePrefix, p.bundle, p.k), [])))
                    throw new errors/* UserError */.yo(`piece entry ${p.bundle.id.slice(0, 12)} part ${p.k + 1} could not be fetched`);
                bytes += external_node_fs_.statSync(p.own).size;
                p.file.resolve(p.own);
                if (p.k === 0) {
                    const own = parts.filter((q) => q.bundle === p.bundle).map((q) => q.file.promise);
                    unpack(() => external_node_stream_.Readable.from(partsInOrder(own)), p.bundle.members.map((id, i) => ({ id, bytes: p.bundle.lengths[i] })));
                }
            }
            catch (err) {
                p.file.reject(err);
                throw err;
            }
        });
        unpack(() => external_node_stream_.Readable.from([meta]));
    }
    finally {
        // Parts never fetched (after a failure) end the unpack that waits for them.
        for (const p of parts)
            p.file.reject(new errors/* UserError */.yo('the restore stopped before this part was fetched'));
        await unpacked;
        for (const p of parts)
            external_node_fs_.rmSync(p.own, { force: true });
    }
    if (unpackError)
        throw unpackError.err;
    return bytes;
}

;// CONCATENATED MODULE: ./src/keep-state/upload-limit.ts
/**
 * How many cache entries one save uploads, at most. GitHub's cache service takes 200 cache-entry
 * uploads a minute per repository (429 with Retry-After beyond that): a 16-leg matrix whose legs
 * save in the same minute uploads 16 × SAVE_ENTRIES = 192 entries, under the limit. A save that
 * would upload more packs its new bundles into fewer, larger entries instead: its largest bundles
 * stay as they are and the rest go into one, and the part size grows so that every entry fits.
 */

/** Entries per save, the manifest included: 16 legs × 12 = 192 < 200 uploads a minute. */
const SAVE_ENTRIES = 12;
/**
 * Upper bound of a bundle's compressed archive: zstd may grow incompressible bytes a little, and
 * tar adds a header (and padding) per path.
 */
function archiveBound(b) {
    return Math.ceil(b.size * 1.01) + b.paths * 1024 + 10240;
}
/**
 * Whether boundUploads packed this bundle: several pieces that planBundles would not put together,
 * because one of them stands alone (BUNDLE_LIMITS.alone) or they hold more than a pack
 * (BUNDLE_LIMITS.pack). `sizeOf` gives each present piece's size (a piece's bytes are its name's, so
 * its size is the same in every save). Several small pieces within a pack's size are a pack as
 * planBundles makes them, and planBundles keeps those itself.
 */
function wasPacked(b, sizeOf) {
    if (b.members.length < 2)
        return false;
    return b.size > BUNDLE_LIMITS.pack || b.members.some((m) => (sizeOf.get(m) ?? 0) >= BUNDLE_LIMITS.alone);
}
/**
 * The bundles a save asks the cache for: those the upload limit packed, as they are while all their
 * pieces are there (planned afresh, their pieces would be uploaded again by every later save), then
 * planBundles' over the other pieces.
 */
function planSave(pieces, previous) {
    const sizeOf = new Map(pieces.map((p) => [p.id, p.size]));
    const packed = previous.filter((b) => b.members.every((m) => sizeOf.has(m)) && wasPacked(b, sizeOf));
    const inPacked = new Set(packed.flatMap((b) => b.members));
    return [
        ...packed.map(({ id, members, lengths, size, paths }) => ({ id, members, lengths, size, paths })),
        ...planBundles(pieces.filter((p) => !inPacked.has(p.id)), previous),
    ];
}
function merged(bundles) {
    // Members in order of name, each with its archive's length: the merged bundle's archive is theirs one after the other.
    const held = bundles.flatMap((b) => b.members.map((m, i) => [m, b.lengths[i]])).sort(([a], [b]) => a.localeCompare(b));
    const members = held.map(([m]) => m);
    return {
        id: bundleId(members),
        members,
        lengths: held.map(([, n]) => n),
        size: bundles.reduce((n, b) => n + b.size, 0),
        paths: bundles.reduce((n, b) => n + b.paths, 0),
    };
}
/**
 * The bundles to upload, and the part size to cut them at, so that their parts are at most `slots`
 * entries. Within the bound, the bundles and `partBytes` come back as they are.
 */
function boundUploads(fresh, slots, partBytes) {
    const parts = (bs, size) => bs.reduce((n, b) => n + Math.max(1, Math.ceil(archiveBound(b) / size)), 0);
    if (parts(fresh, partBytes) <= slots)
        return { bundles: fresh, partBytes };
    const bySize = [...fresh].sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
    // Half the slots for bundles as they are, at most: the rest are the parts they and the merged one are cut into.
    const alone = bySize.slice(0, Math.min(bySize.length, Math.floor(slots / 2)));
    const rest = bySize.slice(alone.length);
    const bundles = rest.length > 0 ? [...alone, merged(rest)] : alone;
    // Each bundle is at least one part; the bytes beyond fill the other slots.
    const total = bundles.reduce((n, b) => n + archiveBound(b), 0);
    let size = Math.max(partBytes, Math.ceil(total / Math.max(1, slots - bundles.length)));
    while (parts(bundles, size) > slots)
        size = Math.ceil(size * 1.1);
    return { bundles, partBytes: size };
}

;// CONCATENATED MODULE: ./src/keep-state/upload.ts
/**
 * keep-state's upload: list the volume as root, name each piece by the sha256 of its archive (read
 * and hashed next to the volume, state-archive.ts hashPieces, unless the restore checked it and
 * nothing wrote to it since: known-pieces.ts), ask the cache which bundles it lacks,
 * upload those (cut into parts), then the manifest that names them all.
 */











/**
 * For each bundle, an upload of it whose every part is in the cache, else undefined. A prefix lookup
 * with the first part's path finds the newest upload (its key names its tag and number of parts),
 * then its other parts are looked up.
 */
async function storedUploads(restorePrefix, bundles) {
    const found = await inParallel(bundles, LOOKUPS, async (b) => {
        const prefix = bundleKeyPrefix(restorePrefix, b.id);
        const matched = await (0,service/* cacheLookup */.fQ)(partPath(b.id, 0), prefix, [prefix]);
        const upload = matched?.startsWith(prefix) ? parseFirstPartKey(matched.slice(prefix.length)) : undefined;
        return upload && { ...b, ...upload };
    });
    const rest = partsOf(found.filter((b) => b !== undefined)).filter((p) => p.k > 0);
    const has = await inParallel(rest, LOOKUPS, (p) => partInCache(restorePrefix, p));
    const incomplete = new Set(rest.filter((_, i) => !has[i]).map((p) => p.bundle));
    return found.map((b) => (b && !incomplete.has(b) ? b : undefined));
}
/** Archives a bundle into parts and uploads them, under a tag of this upload. Returns the compressed bytes. */
async function uploadBundle(access, restorePrefix, b, paths, partBytes) {
    const tag = (0,external_node_crypto_.randomBytes)(6).toString('hex');
    const files = await archiveParts(access, paths, `${ownCopy(partPath(b.id, 0))}.`, partBytes);
    try {
        const stored = { ...b, tag, parts: files.length };
        const bytes = files.reduce((n, f) => n + external_node_fs_.statSync(f).size, 0);
        await inParallel(files.map((file, k) => ({ file, k })), UPLOADS, ({ file, k }) => (0,service/* saveFile */.OJ)(partPath(b.id, k), file, partKey(restorePrefix, stored, k)));
        return [stored, bytes];
    }
    catch (err) {
        throw new errors/* UserError */.yo(`piece entry ${b.id.slice(0, 12)}: ${(0,errors/* errorLine */.BP)(err)}`);
    }
    finally {
        for (const f of files)
            external_node_fs_.rmSync(f, { force: true });
    }
}
/** The bundles the cache lacks, then the manifest; throws when one of them is not taken. */
async function savePieces(access, kept) {
    const split = splitVolume(await listVolume(access));
    const { bundles: previous, known: restored } = readPrevious(kept.previous);
    // Pieces the restore checked and nothing wrote to since keep their names; the others are hashed.
    const known = knownDigests(split.pieces, restored);
    const unknown = split.pieces.filter((_, i) => !known[i]);
    const hashing = Date.now();
    const hashed = await hashPieces(access, unknown);
    const hashSeconds = (0,units/* secondsSince */.wv)(hashing);
    const hashedBytes = hashed.reduce((n, d) => n + d.bytes, 0);
    const pieces = namePieces(split.pieces, known.map((d) => d ?? hashed.shift()));
    const planned = planSave(pieces, previous);
    const seen = new Set(previous.flatMap((b) => b.members));
    const found = await storedUploads(kept.restorePrefix, planned);
    const pathsOf = new Map(pieces.map((p) => [p.id, p.paths]));
    const reused = found.filter((b) => b !== undefined);
    // The service's rate limit: at most SAVE_ENTRIES entries, the manifest's among them (upload-limit.ts).
    const bound = boundUploads(planned.filter((_, i) => !found[i]), SAVE_ENTRIES - 1, PART_BYTES);
    let uploadedBytes = 0;
    const uploaded = await inParallel(bound.bundles, UPLOADS, async (b) => {
        const [upload, bytes] = await uploadBundle(access, kept.restorePrefix, b, b.members.map((id) => pathsOf.get(id)), bound.partBytes);
        uploadedBytes += bytes;
        return upload;
    });
    const bundles = [...reused, ...uploaded];
    const own = ownCopy(MANIFEST_PATH);
    const meta = `${own}.meta`;
    try {
        await archivePaths(access, split.meta, meta);
        const manifest = { format: MANIFEST_FORMAT, bundles, metaBytes: external_node_fs_.statSync(meta).size, listed: listedNames(pieces) };
        external_node_fs_.writeFileSync(own, Buffer.concat([manifestHeader(manifest), external_node_fs_.readFileSync(meta)]));
        const manifestBytes = external_node_fs_.statSync(own).size;
        await (0,service/* saveFile */.OJ)(MANIFEST_PATH, own, kept.key);
        const reusedSize = found.reduce((n, b) => n + (b?.size ?? 0), 0);
        return {
            pieces: pieces.length,
            newPieces: pieces.filter((p) => !seen.has(p.id)).length,
            knownPieces: pieces.length - unknown.length,
            hashedBytes,
            hashSeconds,
            bundles,
            uploaded,
            uploadedBytes,
            reusedSize,
            manifestBytes,
        };
    }
    finally {
        external_node_fs_.rmSync(meta, { force: true });
        external_node_fs_.rmSync(own, { force: true });
    }
}
/** What main's restore left (its manifest's bundles, the pieces it checked); nothing when there was none or it is unreadable. */
function readPrevious(file) {
    const none = { bundles: [], known: [] };
    if (!file)
        return none;
    try {
        const { bundles, known } = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
        return { bundles: Array.isArray(bundles) ? bundles : [], known: Array.isArray(known) ? known : [] };
    }
    catch {
        return none;
    }
}

;// CONCATENATED MODULE: ./src/keep-state/save.ts
/**
 * keep-state's save, post's part before the builder is removed: prune to the budget, stop BuildKit
 * (its bolt databases must be quiescent), then upload what the cache lacks (upload.ts). Without a
 * cache service, a builder with a fixed name keeps its volume instead (`docker buildx rm
 * --keep-state`), which the next run on the same machine reuses.
 *
 * A cache problem is a warning: it never fails the job or loses its build.
 */











const MB = 1e6;
/**
 * The post step's part, before the builder is removed. Never throws: problems are warnings and the
 * builder is removed as usual afterwards.
 */
async function saveState(docker, names, kept, jobStatus, host) {
    // A volume kept on this machine stays whether or not this run saves (a failed job's next run
    // starts warm), unless this run is not trusted to write it: what its code left there goes.
    const remove = { removeVolume: !kept.keepVolume || kept.untrusted !== undefined };
    if (kept.keepVolume && kept.untrusted) {
        host.info(`keep-state: ${kept.untrusted}: volume ${names.volume} is removed, so that no later run starts from it`);
        return { ...remove, summary: `volume removed: ${kept.untrusted}` };
    }
    // main said why, once (finishRestore).
    if (kept.noSave && !kept.keepVolume)
        return { ...remove, summary: `not saved: ${kept.noSave}` };
    if (!shouldSave(kept.save, jobStatus)) {
        host.info(`keep-state: state-save is ${kept.save} and the job status is ${jobStatus}: the state is not saved` +
            (kept.keepVolume ? `; volume ${names.volume} stays as it is` : ''));
        return remove;
    }
    const container = docker.getContainer(names.container);
    const started = Date.now();
    try {
        const records = await duRecords(container);
        if (!kept.keepVolume && records.length === 0) {
            host.info('keep-state: the build cache is empty: nothing to save');
            return remove;
        }
        if (!kept.keepVolume && kept.restored !== 'miss' && recordsFingerprint(records) === kept.fingerprint) {
            host.info('keep-state: the state is unchanged since it was restored: not saved again');
            return remove;
        }
        const before = totalSize(records);
        // A volume kept on this machine is not downloaded: what a run did not use costs disk, not time,
        // and a run that built nothing must not empty it.
        const usedSince = kept.prune === 'unused' && !kept.keepVolume ? kept.usedSince : undefined;
        if (usedSince !== undefined) {
            // BuildKit compares against its own clock: a duration, not a time, is independent of skew.
            await buildctl(container, ['prune', '--all', '--keep-duration', `${unusedCutoffSeconds(usedSince, Date.now())}s`]);
        }
        // Within the budget before anything was dropped, it is within it after: one engine exec fewer.
        if (before > kept.maxBytes)
            await buildctl(container, ['prune', '--all', '--keep-storage', String(Math.floor(kept.maxBytes / MB))]);
        const left = await duRecords(container);
        const after = totalSize(left);
        host.info(`keep-state: build cache ${(0,units/* megabytes */.ix)(before)} MB, ${(0,units/* megabytes */.ix)(after)} MB after ` +
            `${usedSince !== undefined ? 'dropping what this job did not use and ' : ''}pruning to ${(0,units/* megabytes */.ix)(kept.maxBytes)} MB`);
        if (left.length === 0 && !kept.keepVolume) {
            // The records changed only through BuildKit's GC, and nothing was used: an empty state must not
            // replace the saved one.
            host.info('keep-state: nothing is left to save: not saved');
            return remove;
        }
        await stopCleanly(container);
        if (kept.keepVolume) {
            host.info(`keep-state: volume ${names.volume} is kept for the next run on this machine`);
            return { removeVolume: false };
        }
        const access = await volumeAccess(docker, names.volume);
        if (typeof access === 'string')
            throw new errors/* UserError */.yo(`the volume cannot be archived faithfully: ${access}`);
        // @actions/cache's warnings are held back: the one warning below says what went wrong. A
        // rate-limited save is waited out once and tried again: what was uploaded is found in the cache.
        const problems = [];
        const s = await (0,service/* heldBack */.Zg)(problems, () => savePieces(access, kept)).catch(async (err) => {
            if (!(await waitOutRateLimit(problems, host)))
                throw err;
            problems.length = 0;
            return (0,service/* heldBack */.Zg)(problems, () => savePieces(access, kept));
        });
        const seconds = (0,units/* secondsSince */.wv)(started);
        const entries = partsOf(s.bundles).length;
        const uploaded = partsOf(s.uploaded).length;
        host.info(`keep-state: saved ${kept.key}: ${s.pieces} pieces (${s.newPieces} new) in ${entries} entries, ` +
            `${uploaded} uploaded (${s.uploaded.reduce((n, b) => n + b.members.length, 0)} pieces, ${(0,units/* megabytes */.ix)(s.uploadedBytes)} MB), ` +
            `${entries - uploaded} already in the cache (${(0,units/* megabytes */.ix)(s.reusedSize)} MB unpacked); manifest and metadata ${(0,units/* megabytes */.ix)(s.manifestBytes)} MB; ${seconds} s ` +
            `(naming the pieces by their bytes: ${s.knownPieces} checked by the restore and untouched since, ` +
            `the others' ${(0,units/* megabytes */.ix)(s.hashedBytes)} MB hashed in ${s.hashSeconds} s)`);
        for (const b of s.uploaded) {
            host.info(`keep-state: uploaded ${bundleKeyPrefix(kept.restorePrefix, b.id)}${b.tag} (${b.members.length} pieces, ${b.parts} parts)`);
        }
        return {
            ...remove,
            summary: `saved \`${kept.key}\`, ${(0,units/* megabytes */.ix)(after)} MB build cache: ${uploaded} of ${entries} piece entries uploaded (${(0,units/* megabytes */.ix)(s.uploadedBytes)} MB), ` +
                `${entries - uploaded} reused (${(0,units/* megabytes */.ix)(s.reusedSize)} MB unpacked), manifest and metadata ${(0,units/* megabytes */.ix)(s.manifestBytes)} MB, ${seconds} s`,
        };
    }
    catch (err) {
        host.warning(`keep-state: the state was not saved: ${(0,errors/* errorLine */.BP)(err)}`);
        return { ...remove, summary: `not saved: ${(0,errors/* errorLine */.BP)(err)}` };
    }
    finally {
        if (kept.previous)
            external_node_fs_.rmSync(kept.previous, { force: true });
    }
}

;// CONCATENATED MODULE: ./src/keep-state/node-hooks.ts




/** main, node 0: plans and restores the state (or only says it is disabled). */
function node0State(opts, flags, configDigest, host) {
    let plan;
    let restored;
    let at;
    const hooks = opts.enabled
        ? {
            beforeCreate: async (access, node) => {
                at = access;
                plan = await planState(opts, () => stateCompat(access.docker, node.image, access.facts, flags, configDigest), host);
                return { keepStorage: plan.kept.keepVolume };
            },
            beforeStart: async (access) => {
                restored = restoreState(access.docker, access.container, plan, access.fresh, host);
                await restored;
            },
        }
        : {};
    return {
        hooks,
        finish: async () => finishRestore(at?.docker.getContainer(at.names.container), plan, await restored, host),
    };
}
/** main, an appended node: its volume is kept by the rule above, with no cache for its state. */
function appendedState(opts) {
    return opts.enabled ? { beforeCreate: async () => ({ keepStorage: opts.fixedName }) } : {};
}
/**
 * post, node 0: saves the state before the node goes (`job-status` as the post step reads it). Its
 * answer about the volume is not asked: whether the volume stays was recorded when it was created.
 */
function saveHooks(kept, jobStatus, host, summary) {
    if (!kept)
        return {};
    return {
        beforeTearDown: async (at) => {
            const saved = await saveState(at.docker, at.names, kept, jobStatus, host);
            if (saved.summary)
                summary(saved.summary);
        },
    };
}


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


/***/ })

};

export const id = 989;
export const ids = [989,835];
export const modules = {

/***/ 6310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   al: () => (/* binding */ DockerClient),
/* harmony export */   g4: () => (/* binding */ engineMessage),
/* harmony export */   se: () => (/* binding */ statusCode)
/* harmony export */ });
/* harmony import */ var docker_modem__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7133);
/* harmony import */ var docker_modem__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(docker_modem__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var dockerode_lib_container_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8521);
/* harmony import */ var dockerode_lib_container_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(dockerode_lib_container_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var dockerode_lib_image_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9607);
/* harmony import */ var dockerode_lib_image_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(dockerode_lib_image_js__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var dockerode_lib_util_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8300);
/* harmony import */ var dockerode_lib_volume_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8302);
/* harmony import */ var dockerode_lib_volume_js__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(dockerode_lib_volume_js__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(17);






/** The HTTP status of an engine's answer that was an error. */
function statusCode(err) {
    return err?.statusCode;
}
/** The engine's error text, without dockerode's "(HTTP code N) unexpected -" prefix. */
function engineMessage(err) {
    const json = err?.json;
    return (json?.message ?? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorLine */ .BP)(err).replace(/^\(HTTP code \d+\) [^-]*- /, '')).trim();
}
class DockerClient {
    modem;
    /** Takes what dockerode's `new Docker(opts)` takes; none: DOCKER_HOST, or the default socket. */
    constructor(opts, bounds = {}) {
        this.modem = new (docker_modem__WEBPACK_IMPORTED_MODULE_0___default())(opts);
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
        const { repository, tag } = (0,dockerode_lib_util_js__WEBPACK_IMPORTED_MODULE_3__.parseRepositoryTag)(ref);
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
        return new (dockerode_lib_container_js__WEBPACK_IMPORTED_MODULE_1___default())(this.modem, id);
    }
    getImage(name) {
        return new (dockerode_lib_image_js__WEBPACK_IMPORTED_MODULE_2___default())(this.modem, name);
    }
    getVolume(name) {
        return new (dockerode_lib_volume_js__WEBPACK_IMPORTED_MODULE_4___default())(this.modem, name);
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

/***/ 3779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ containerSpec),
/* harmony export */   N9: () => (/* binding */ gpuCapable),
/* harmony export */   Yc: () => (/* binding */ buildkitdFlags),
/* harmony export */   e$: () => (/* binding */ STATE_DIR),
/* harmony export */   oc: () => (/* binding */ ALL_GPUS),
/* harmony export */   tF: () => (/* binding */ CONFIG_PATH)
/* harmony export */ });
/* harmony import */ var _inputs_values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2000);
/* harmony import */ var _owner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1535);


const STATE_DIR = '/var/lib/buildkit';
const CONFIG_PATH = '/etc/buildkit/buildkitd.toml';
/**
 * Whether /info shows a way to hand GPUs to containers: an nvidia runtime, or CDI devices. Docker
 * 28.3 and later list the CDI devices they found (`DiscoveredDevices`, left out when there are none),
 * and Docker 29 turns CDI on by default, listing its spec directories whether or not they hold a
 * spec: there, the directories say nothing. Before 28.3, CDI was opt-in and its directories are the
 * only sign.
 */
function gpuCapable(info) {
    if ('nvidia' in (info.Runtimes ?? {}))
        return true;
    const [major, minor] = (/^(\d+)\.(\d+)/.exec(info.ServerVersion ?? '') ?? []).slice(1).map(Number);
    const listsDevices = major > 28 || (major === 28 && minor >= 3);
    return listsDevices ? (info.DiscoveredDevices ?? []).length > 0 : (info.CDISpecDirs ?? []).length > 0;
}
/** buildx's `--gpus all` (v0.22+), set only when its probe container started with it. */
const ALL_GPUS = [{ Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }];
const ENTITLEMENT = '--allow-insecure-entitlement';
function allows(flags, entitlement) {
    return flags.some((f, i) => f === `${ENTITLEMENT}=${entitlement}` || (f === ENTITLEMENT && flags[i + 1] === entitlement));
}
/**
 * buildx's rule for the network.host entitlement: on a host-network builder it is added unless the
 * flags already allow it; otherwise it is added only when the flags name no entitlement at all and
 * the config's insecure-entitlements lack it. (buildx compares only the `=` spelling; this compares
 * both spellings, so the default flags do not get the entitlement twice.)
 */
function buildkitdFlags(flags, networkHost, configEntitlements = []) {
    const add = networkHost
        ? !allows(flags, 'network.host')
        : !flags.some((f) => f === ENTITLEMENT || f.startsWith(`${ENTITLEMENT}=`)) && !configEntitlements.includes('network.host');
    return add ? [...flags, `${ENTITLEMENT}=network.host`] : flags;
}
function containerSpec({ names, opts, flags, hasConfig, engine, gpus, labels }) {
    const env = Object.entries(opts.env).map(([k, v]) => `${k}=${v}`);
    const hostConfig = {
        Privileged: true,
        // buildx: "let it cleanup exited processes"
        Init: true,
        RestartPolicy: opts.restartPolicy ?? { Name: 'unless-stopped', MaximumRetryCount: 0 },
        Mounts: [{ Type: 'volume', Source: names.volume, Target: STATE_DIR }],
    };
    if (opts.network)
        hostConfig.NetworkMode = opts.network;
    if (opts.memory)
        hostConfig.Memory = opts.memory;
    if (opts.memorySwap)
        hostConfig.MemorySwap = opts.memorySwap;
    if (opts.cpuQuota)
        hostConfig.CpuQuota = opts.cpuQuota;
    if (opts.cpuPeriod)
        hostConfig.CpuPeriod = opts.cpuPeriod;
    if (opts.cpuShares)
        hostConfig.CpuShares = opts.cpuShares;
    if (opts.cpusetCpus)
        hostConfig.CpusetCpus = opts.cpusetCpus;
    if (opts.cpusetMems)
        hostConfig.CpusetMems = opts.cpusetMems;
    // The cgroup parent only exists for the cgroupfs driver; with systemd buildx ignores the option.
    if (engine?.cgroupDriver === 'cgroupfs')
        hostConfig.CgroupParent = opts.cgroupParent || '/docker/buildx';
    if (engine?.userns)
        hostConfig.UsernsMode = 'host';
    if (gpus)
        hostConfig.DeviceRequests = ALL_GPUS;
    return {
        name: names.container,
        Image: opts.image ?? _inputs_values_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_BUILDKIT_IMAGE */ .LX,
        Env: env.length > 0 ? env : undefined,
        Cmd: hasConfig ? ['--config', CONFIG_PATH, ...flags] : flags,
        Labels: labels ?? { [_owner_js__WEBPACK_IMPORTED_MODULE_1__/* .OWNER_LABEL */ .pk]: names.builder },
        HostConfig: hostConfig,
    };
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

export const id = 835;
export const ids = [835];
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


/***/ })

};

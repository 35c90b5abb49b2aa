export const id = 630;
export const ids = [630];
export const modules = {

/***/ 1941:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  lT: () => (/* binding */ REFUSED_CLIENT),
  JI: () => (/* binding */ UNTRUSTED_SERVER),
  Ng: () => (/* binding */ connect)
});

// UNUSED EXPORTS: connectionProblem, engineClient

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/engine/docker-client.ts
var docker_client = __webpack_require__(6310);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
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

;// CONCATENATED MODULE: ./src/engine/connect.ts
/**
 * Reaching an engine: a client for an address (unix, tcp with or without TLS, ssh), its first answer
 * within a bound, and why a connection failed, on one line. Post's removal needs no more of the
 * engine layer than this and docker-client.ts, so it loads nothing of pulls, exec or archives.
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
            return new docker_client/* DockerClient */.al({ ...none, socketPath: url.pathname, protocol: 'http' }, bounds);
        case 'ssh:':
            // The host name only fills the Host header: the ssh child is the connection.
            return new docker_client/* DockerClient */.al({ ...none, host: 'docker', protocol: 'http', agent: new SshAgent(address.host) }, bounds);
        case 'tcp:': {
            const tls = address.tls;
            const base = {
                ...none,
                host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
                port: url.port,
                pathPrefix: url.pathname === '/' ? undefined : url.pathname,
            };
            if (!tls)
                return new docker_client/* DockerClient */.al({ ...base, protocol: 'http' }, bounds);
            return new docker_client/* DockerClient */.al({
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


/***/ }),

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

/***/ 4311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  v: () => (/* binding */ buildkitStatus)
});

// EXTERNAL MODULE: external "node:http2"
var external_node_http2_ = __webpack_require__(2467);
;// CONCATENATED MODULE: ./src/buildkit/control.ts
/**
 * BuildKit's control API (`moby.buildkit.v1.Control`), the two unary calls a builder's readiness needs:
 * ListWorkers (BuildKit answers; its platforms, labels and GC policy) and Info (its version, for a
 * BuildKit older than v0.12, whose worker records lack it). This is what buildx asks a remote node for
 * (`Info` is "running" iff ListWorkers answers) and what `docker buildx ls` shows.
 *
 * gRPC over node:http2 with a hand-written decoder for the few protobuf fields read, rather than
 * @grpc/grpc-js and protobufjs: two unary calls with empty requests need only gRPC's 5-byte message
 * frame and its trailers, and the docker-container path must not load a gRPC stack it never uses
 * (the bundle's load time is on the path to every builder; see engine/docker-client.ts). The transport
 * is the caller's (a TLS or unix socket to a daemon, an engine's hijacked /grpc): anything that
 * carries HTTP/2's bytes.
 */

const SERVICE = '/moby.buildkit.v1.Control';
/** A call BuildKit answered with a gRPC status other than OK. */
class GrpcStatusError extends Error {
    code;
    details;
    name = 'GrpcStatusError';
    constructor(code, details) {
        super(`gRPC status ${code}${details ? `: ${details}` : ''}`);
        this.code = code;
        this.details = details;
    }
}
/** One HTTP/2 connection to BuildKit's control service; close() ends it. */
class ControlClient {
    session;
    constructor(session) {
        this.session = session;
    }
    /**
     * Connects over the dialled stream. `authority` is the :authority a gRPC client sends (the
     * daemon's host:port or server name); HTTP/2 servers in front of BuildKit route on it.
     */
    static async connect(dial, authority) {
        const socket = await dial();
        const session = external_node_http2_.connect(`http://${authority}`, { createConnection: () => socket });
        await new Promise((resolve, reject) => {
            session.once('connect', () => resolve());
            session.once('error', reject);
            session.once('close', () => reject(new Error('the connection closed before HTTP/2 started')));
        });
        // Later errors surface through the calls' streams.
        session.on('error', () => undefined);
        return new ControlClient(session);
    }
    close() {
        this.session.destroy();
    }
    async listWorkers() {
        const response = await this.unary('ListWorkers');
        // ListWorkersResponse { repeated WorkerRecord record = 1 }
        return fieldsOf(response)
            .filter((f) => f.field === 1)
            .map((f) => workerRecord(bytesOf(f)));
    }
    /** BuildKit's version (`InfoResponse.buildkitVersion.version`), e.g. v0.26.3. */
    async version() {
        const response = await this.unary('Info');
        const info = fieldsOf(response).find((f) => f.field === 1);
        return info ? (buildkitVersion(bytesOf(info)).version ?? '') : '';
    }
    /** A unary call with an empty request message (both requests read here are empty). */
    unary(method) {
        return new Promise((resolve, reject) => {
            const stream = this.session.request({
                ':method': 'POST',
                ':path': `${SERVICE}/${method}`,
                'content-type': 'application/grpc',
                te: 'trailers',
            });
            const chunks = [];
            let headers = {};
            let trailers = {};
            stream.on('response', (h) => (headers = h));
            stream.on('trailers', (t) => (trailers = t));
            stream.on('data', (c) => chunks.push(c));
            stream.on('error', reject);
            stream.on('close', () => {
                const httpStatus = Number(headers[':status']);
                // A trailers-only answer (an error before any message) carries grpc-status in the headers.
                const status = trailers['grpc-status'] ?? headers['grpc-status'];
                if (httpStatus !== 200 || status === undefined) {
                    reject(new Error(`not a gRPC answer (HTTP ${headers[':status'] ?? 'none'}${stream.rstCode ? `, stream reset ${stream.rstCode}` : ''})`));
                    return;
                }
                if (status !== '0') {
                    const message = String(trailers['grpc-message'] ?? headers['grpc-message'] ?? '');
                    reject(new GrpcStatusError(Number(status), decodeURIComponent(message)));
                    return;
                }
                try {
                    resolve(unframe(Buffer.concat(chunks)));
                }
                catch (err) {
                    reject(err);
                }
            });
            // gRPC's length-prefixed message: no compression, length 0.
            stream.end(Buffer.alloc(5));
        });
    }
}
/** The one message of a unary answer, out of gRPC's frame (1 byte compressed flag, 4 bytes length). */
function unframe(body) {
    if (body.length < 5)
        throw new Error('a gRPC answer without a message');
    if (body[0] !== 0)
        throw new Error('a compressed gRPC message (none was asked for)');
    const length = body.readUInt32BE(1);
    if (body.length < 5 + length)
        throw new Error('a truncated gRPC message');
    return body.subarray(5, 5 + length);
}
/**
 * The fields of one protobuf message, in order. Varints are read as numbers (exact below 2^53: sizes
 * and nanosecond durations of years fit); 64- and 32-bit fixed fields, unused by these messages, are
 * skipped.
 */
function fieldsOf(buf) {
    const out = [];
    let pos = 0;
    const varint = () => {
        let value = 0;
        let scale = 1;
        for (;;) {
            if (pos >= buf.length)
                throw new Error('a truncated protobuf varint');
            const byte = buf[pos++];
            value += (byte & 0x7f) * scale;
            if (byte < 0x80)
                return value;
            scale *= 128;
        }
    };
    while (pos < buf.length) {
        const key = varint();
        const field = Math.floor(key / 8);
        switch (key % 8) {
            case 0:
                out.push({ field, value: varint() });
                break;
            case 1:
                pos += 8;
                break;
            case 2: {
                const length = varint();
                if (pos + length > buf.length)
                    throw new Error('a truncated protobuf field');
                out.push({ field, value: buf.subarray(pos, pos + length) });
                pos += length;
                break;
            }
            case 5:
                pos += 4;
                break;
            default:
                throw new Error(`protobuf wire type ${key % 8} is not one BuildKit's answers use`);
        }
    }
    return out;
}
function bytesOf(f) {
    return typeof f.value === 'number' ? Buffer.alloc(0) : f.value;
}
function stringOf(f) {
    return bytesOf(f).toString('utf8');
}
function numberOf(f) {
    return typeof f.value === 'number' ? f.value : 0;
}
/** `BuildkitVersion { package = 1; version = 2; revision = 3 }` */
function buildkitVersion(buf) {
    const version = fieldsOf(buf).find((f) => f.field === 2);
    return version ? { version: stringOf(version) } : {};
}
/** `WorkerRecord { ID = 1; map Labels = 2; repeated pb.Platform platforms = 3; repeated GCPolicy = 4; BuildkitVersion = 5 }` */
function workerRecord(buf) {
    const record = { id: '', labels: {}, platforms: [], gcPolicy: [] };
    for (const f of fieldsOf(buf)) {
        switch (f.field) {
            case 1:
                record.id = stringOf(f);
                break;
            case 2: {
                // A map entry: key = 1, value = 2.
                const entry = fieldsOf(bytesOf(f));
                const key = entry.find((e) => e.field === 1);
                const value = entry.find((e) => e.field === 2);
                record.labels[key ? stringOf(key) : ''] = value ? stringOf(value) : '';
                break;
            }
            case 3:
                record.platforms.push(platform(bytesOf(f)));
                break;
            case 4:
                record.gcPolicy.push(gcPolicy(bytesOf(f)));
                break;
            case 5:
                record.buildkitVersion = buildkitVersion(bytesOf(f));
                break;
        }
    }
    return record;
}
/** `pb.Platform { Architecture = 1; OS = 2; Variant = 3 }` */
function platform(buf) {
    const p = { os: '', architecture: '' };
    for (const f of fieldsOf(buf)) {
        if (f.field === 1)
            p.architecture = stringOf(f);
        else if (f.field === 2)
            p.os = stringOf(f);
        else if (f.field === 3 && stringOf(f))
            p.variant = stringOf(f);
    }
    return p;
}
/** `GCPolicy { all = 1; keepDuration = 2; reservedSpace = 3; filters = 4; maxUsedSpace = 5; minFreeSpace = 6 }` */
function gcPolicy(buf) {
    const rule = {};
    for (const f of fieldsOf(buf)) {
        if (f.field === 1)
            rule.all = numberOf(f) !== 0;
        else if (f.field === 2)
            rule.keepDuration = numberOf(f);
        else if (f.field === 3)
            rule.reservedSpace = numberOf(f);
        else if (f.field === 4)
            (rule.filter ??= []).push(stringOf(f));
        else if (f.field === 5)
            rule.maxUsedSpace = numberOf(f);
        else if (f.field === 6)
            rule.minFreeSpace = numberOf(f);
    }
    return rule;
}

// EXTERNAL MODULE: ./src/util/platforms.ts
var platforms = __webpack_require__(4956);
;// CONCATENATED MODULE: ./src/node/drivers/buildkit-status.ts
/**
 * A node's status from BuildKit's own answer over its control API (ListWorkers, then Info when the
 * worker records lack the version): for the drivers that reach BuildKit directly rather than through
 * `buildctl` in a container they made (remote, docker).
 */


/** gRPC's UNIMPLEMENTED: an engine's BuildKit older than Info (Docker 20.10). */
const UNIMPLEMENTED = 12;
/**
 * Asks BuildKit over one connection. `fallbackVersion` names the version when BuildKit does not say
 * (the engine's release for its own BuildKit, as buildx's docker driver shows it).
 */
async function buildkitStatus(dial, authority, fallbackVersion) {
    const client = await ControlClient.connect(dial, authority);
    try {
        const workers = await client.listWorkers();
        let version = workers[0]?.buildkitVersion?.version ?? '';
        if (!version) {
            try {
                version = await client.version();
            }
            catch (err) {
                if (!(err instanceof GrpcStatusError && err.code === UNIMPLEMENTED) || !fallbackVersion)
                    throw err;
            }
        }
        if (!version && fallbackVersion)
            version = await fallbackVersion();
        const labels = workers[0]?.labels ?? {};
        return {
            platforms: [...new Set(workers.flatMap((w) => w.platforms).map(platforms/* formatPlatform */.Bq))],
            snapshotter: labels['org.mobyproject.buildkit.worker.snapshotter'] ?? 'unknown',
            buildkitVersion: version || 'unknown',
            labels,
            gcPolicy: workers[0]?.gcPolicy ?? [],
        };
    }
    finally {
        client.close();
    }
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

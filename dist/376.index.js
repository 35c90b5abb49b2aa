export const id = 376;
export const ids = [376];
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

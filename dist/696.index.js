export const id = 696;
export const ids = [696];
export const modules = {

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

/***/ 4696:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   remote: () => (/* binding */ remote)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8372);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(17);
/* harmony import */ var _buildkit_status_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4311);
/**
 * The remote driver: the node is an existing BuildKit daemon this action does not run (a shared build
 * farm, a service container), as buildx's driver/remote uses it. Nothing is created on it: setUp writes
 * the certificates given through BUILDER_NODE_<i>_AUTH_TLS_* (recorded as files, removed by tearDown)
 * and waits until BuildKit answers ListWorkers over the connection buildx will use (tcp with mutual
 * TLS, or a unix socket); the store entry is buildx's (`Endpoint` the daemon's address, the TLS
 * driver-opts as absolute paths, which buildx reads again at every connection). Readiness is the
 * control API itself (buildkit/control.ts over node:http2), so the runner needs neither buildctl nor
 * buildx for it.
 * Waiting: a refused or missing address is retried until bootstrap-timeout (the daemon may be starting
 * beside the job), a TLS refusal is final at once (no retry makes a wrong CA right). Hooks: none.
 */







/** The daemon's answer to one dial, or why there was none, and whether waiting could change it. */
class DialProblem extends Error {
    final;
    constructor(message, final) {
        super(message);
        this.final = final;
    }
}
/** Why a dial failed, on one line; TLS refusals say which side refused whom and name the driver-opt to fix. */
function dialProblem(err, remote) {
    const code = err?.code ?? '';
    const line = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorLine */ .BP)(err).split('\n')[0];
    if (_engine_docker_js__WEBPACK_IMPORTED_MODULE_4__/* .UNTRUSTED_SERVER */ .JI.has(code))
        return new DialProblem(`${line}: the daemon's certificate is not signed by the CA in cacert (${remote?.caCert})`, true);
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
        return new DialProblem(`${line}: set driver-opts servername to a name the daemon's certificate holds`, true);
    if (_engine_docker_js__WEBPACK_IMPORTED_MODULE_4__/* .REFUSED_CLIENT */ .lT.has(code))
        return new DialProblem(`the daemon refused the TLS handshake (${line.replace(/:.*$/, '')}): it asks for a client certificate signed by a CA it trusts (cert and key)`, true);
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER')
        return new DialProblem(`${line}: the daemon does not speak TLS there; leave the TLS options out`, true);
    return new DialProblem(line, false);
}
/** Opens one connection to the daemon as buildx's remote driver does: the address, then TLS when configured. */
function dialer(endpoint, remote) {
    const url = new URL(endpoint);
    return () => new Promise((resolve, reject) => {
        let socket;
        if (url.protocol === 'unix:') {
            socket = node_net__WEBPACK_IMPORTED_MODULE_1__.connect({ path: url.pathname });
            socket.once('connect', () => resolve(socket));
        }
        else {
            const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
            const port = Number(url.port);
            if (!remote) {
                socket = node_net__WEBPACK_IMPORTED_MODULE_1__.connect({ host, port });
                socket.once('connect', () => resolve(socket));
            }
            else {
                // Read at every connection, as buildx reads them: the files may be renewed between builds.
                const read = (file) => (file ? node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file) : undefined);
                const serverName = remote.serverName || host;
                socket = node_tls__WEBPACK_IMPORTED_MODULE_3__.connect({
                    host,
                    port,
                    // SNI carries names only; an address is checked against the certificate's IP entries.
                    servername: node_net__WEBPACK_IMPORTED_MODULE_1__.isIP(serverName) ? undefined : serverName,
                    checkServerIdentity: (_, cert) => node_tls__WEBPACK_IMPORTED_MODULE_3__.checkServerIdentity(serverName, cert),
                    ca: read(remote.caCert),
                    cert: read(remote.cert),
                    key: read(remote.key),
                    ALPNProtocols: ['h2'],
                });
                socket.once('secureConnect', () => resolve(socket));
            }
        }
        socket.once('error', reject);
    });
}
/** How long one attempt may take before it counts as no answer. */
const ATTEMPT_MS = 10000;
/** Waits until BuildKit answers, within the plan's bootstrap timeout. */
async function waitReady(plan, signal) {
    const endpoint = plan.engine.endpoint;
    const remote = plan.opts.remote;
    const dial = dialer(endpoint, remote);
    const url = new URL(endpoint);
    // The :authority a gRPC client sends, as buildx sets it: the server name, else the endpoint's host.
    const authority = remote?.serverName || url.host || 'localhost';
    const deadline = Date.now() + plan.bootTimeoutMs;
    let last;
    for (let attempt = 1;; attempt++) {
        signal.throwIfAborted();
        const left = deadline - Date.now();
        let timer;
        try {
            return await Promise.race([
                (0,_buildkit_status_js__WEBPACK_IMPORTED_MODULE_6__/* .buildkitStatus */ .v)(dial, authority).catch((err) => {
                    throw dialProblem(err, remote);
                }),
                new Promise((_, reject) => {
                    timer = setTimeout(() => reject(new DialProblem(`no answer within ${Math.ceil(Math.min(left, ATTEMPT_MS) / 1000)} s`, false)), Math.min(left, ATTEMPT_MS));
                }),
            ]);
        }
        catch (err) {
            if (!(err instanceof DialProblem))
                throw err;
            if (err.final)
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`remote BuildKit at ${endpoint}: ${err.message}`);
            last = err.message;
        }
        finally {
            clearTimeout(timer);
        }
        const pause = Math.min(attempt * 120, 1000);
        if (Date.now() + pause >= deadline)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`remote BuildKit at ${endpoint} did not answer within ${plan.bootTimeoutMs / 1000} s (bootstrap-timeout): ${last}`);
        await new Promise((resolve) => setTimeout(resolve, pause));
    }
}
async function connect(plan, owner) {
    const record = {
        name: plan.names.node,
        driver: 'remote',
        endpoint: plan.engine.endpoint,
        host: plan.engine.host,
        run: owner,
        created: [],
    };
    const setUp = async (ctx) => {
        for (const [file, pem] of Object.entries(plan.opts.remote?.files ?? {})) {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(file), { recursive: true, mode: 0o700 });
            ctx.record({ kind: 'file', name: file });
            node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(file, pem, { mode: 0o600 });
        }
        return ctx.phases.time('readiness', () => ctx.progress.step('waiting for connection', () => waitReady(plan, ctx.signal)));
    };
    return { record, setUp };
}
/** Removes the certificate files this run wrote; the daemon is not this action's. Never throws. */
function tearDown(record) {
    const report = { name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] };
    for (const resource of record.created) {
        if (resource.kind !== 'file')
            continue;
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync(resource.name, { force: true });
            report.removed.push(`certificate ${node_path__WEBPACK_IMPORTED_MODULE_2__.basename(resource.name)}`);
        }
        catch (err) {
            report.problems.push(`could not remove ${resource.name}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorLine */ .BP)(err)}`);
        }
    }
    return Promise.resolve(report);
}
const remote = {
    name: 'remote',
    connect: (plan, owner) => connect(plan, owner),
    storeEntry: (plan) => ({
        name: plan.names.node,
        endpoint: plan.engine.endpoint,
        platforms: plan.platforms,
        driverOpts: plan.opts.given,
        flags: [],
        files: {},
    }),
    tearDown,
};


/***/ })

};

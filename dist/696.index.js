export const id = 696;
export const ids = [696];
export const modules = {

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
/* harmony import */ var _engine_connect_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1941);
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
    if (_engine_connect_js__WEBPACK_IMPORTED_MODULE_4__/* .UNTRUSTED_SERVER */ .JI.has(code))
        return new DialProblem(`${line}: the daemon's certificate is not signed by the CA in cacert (${remote?.caCert})`, true);
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
        return new DialProblem(`${line}: set driver-opts servername to a name the daemon's certificate holds`, true);
    if (_engine_connect_js__WEBPACK_IMPORTED_MODULE_4__/* .REFUSED_CLIENT */ .lT.has(code))
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

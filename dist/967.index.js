export const id = 967;
export const ids = [967];
export const modules = {

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

/***/ 8971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EE: () => (/* binding */ namesTaken),
/* harmony export */   Ig: () => (/* binding */ engineFacts),
/* harmony export */   Lt: () => (/* binding */ releaseContainer),
/* harmony export */   RY: () => (/* binding */ bootNode),
/* harmony export */   Yt: () => (/* binding */ ensureImage),
/* harmony export */   _N: () => (/* binding */ removeByLabel),
/* harmony export */   aC: () => (/* binding */ restartNode),
/* harmony export */   qh: () => (/* binding */ probeGpus),
/* harmony export */   rZ: () => (/* binding */ foreignNames)
/* harmony export */ });
/* harmony import */ var _engine_credentials_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3656);
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8372);
/* harmony import */ var _step_cancel_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3930);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);
/* harmony import */ var _util_platforms_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4956);
/* harmony import */ var _container_spec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3779);
/* harmony import */ var _owner_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1535);







async function engineFacts(docker) {
    try {
        const info = await docker.info();
        const userns = (info.SecurityOptions ?? []).some((o) => o.split(',').includes('name=userns'));
        return {
            cgroupDriver: info.CgroupDriver,
            userns,
            architecture: info.Architecture,
            storageDriver: info.Driver,
            gpuCapable: (0,_container_spec_js__WEBPACK_IMPORTED_MODULE_5__/* .gpuCapable */ .N9)(info),
            about: { version: info.ServerVersion, os: info.OperatingSystem, kernel: info.KernelVersion, cgroupVersion: info.CgroupVersion },
        };
    }
    catch {
        // buildx sets neither CgroupParent nor UsernsMode when /info fails.
        return undefined;
    }
}
/**
 * buildx's GPU probe: a throwaway `/bin/true` container asking for every GPU; the builder gets the
 * GPUs only if it starts. buildx probes on every engine; this probes only where /info shows a way to
 * hand out GPUs, so GPU-less engines (most CI runners) do not pay a container start for nothing.
 */
async function probeGpus(docker, image, engine, labels) {
    if (!engine?.gpuCapable)
        return false;
    let probe;
    try {
        probe = await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_2__/* .creatingCall */ .Cd)(docker.createContainer({
            Image: image,
            Labels: labels,
            Entrypoint: ['/bin/true'],
            HostConfig: { NetworkMode: 'none', AutoRemove: true, DeviceRequests: _container_spec_js__WEBPACK_IMPORTED_MODULE_5__/* .ALL_GPUS */ .oc },
        }));
        await probe.start();
        return true;
    }
    catch {
        // A probe that never started is not auto-removed; nor is the anonymous volume the BuildKit image's
        // VOLUME gave it.
        await probe?.remove({ force: true, v: true }).catch(() => undefined);
        return false;
    }
}
/**
 * The repository path and tag of a Docker Hub image (`moby/buildkit:x` → `moby/buildkit`, `x`;
 * `alpine` → `library/alpine`), or undefined for an image of another registry or pinned by digest.
 */
function dockerHubPath(ref) {
    const image = (0,_engine_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .parseImageRef */ .Q)(ref);
    if (!image.hub || image.digest)
        return undefined;
    return { repo: image.path, tag: image.tag ?? 'latest' };
}
/**
 * Pulls the image as the policy says; a failed pull falls back to the Docker Hub mirrors of the
 * builder's own config (Hub rate limits are what mirrors are for), then to a local image, as in buildx.
 */
async function ensureImage(docker, image, policy, progress, mirrors = []) {
    if (policy !== 'always') {
        if (await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .imageExists */ .US)(docker, image)) {
            progress.note(`using local image ${image}`);
            return;
        }
        if (policy === 'never')
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`image ${image} is not on the engine and pull-policy is "never"`);
    }
    let failure;
    try {
        await progress.step(`pulling image ${image}`, () => pullWithCredentials(docker, image, progress));
        return;
    }
    catch (err) {
        failure = err;
    }
    const hub = dockerHubPath(image);
    if (hub) {
        // The mirrored copy is tagged with the name asked for, which is what the container is created from.
        const repo = image.endsWith(`:${hub.tag}`) ? image.slice(0, -(hub.tag.length + 1)) : image;
        for (const mirror of mirrors) {
            const mirrored = `${mirror}/${hub.repo}:${hub.tag}`;
            try {
                await progress.step(`pulling image ${image} through mirror ${mirror}`, () => pullWithCredentials(docker, mirrored, progress));
                await docker.getImage(mirrored).tag({ repo, tag: hub.tag });
                return;
            }
            catch (err) {
                progress.note(`mirror ${mirror} failed: ${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(err)}`);
            }
        }
    }
    if (!(await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .imageExists */ .US)(docker, image)))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`pulling image ${image} failed and there is no local copy: ${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(failure)}`);
    progress.note(`pulling failed (${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(failure)}), using local image ${image}`);
}
/** A pull with the credentials the docker config gives for the image's registry, if any. */
async function pullWithCredentials(docker, ref, progress) {
    const { auth, problem } = await (0,_engine_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .registryAuth */ .I3)(ref);
    if (problem)
        progress.note(`${problem}; pulling without credentials`);
    await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .pull */ .a$)(docker, ref, auth);
}
async function occupant(inspect) {
    try {
        const info = await inspect;
        const labels = info.Labels ?? info.Config?.Labels ?? {};
        return { owner: labels[_owner_js__WEBPACK_IMPORTED_MODULE_6__/* .OWNER_LABEL */ .pk] ?? null, run: labels[_owner_js__WEBPACK_IMPORTED_MODULE_6__/* .RUN_LABEL */ .jQ], job: labels[_owner_js__WEBPACK_IMPORTED_MODULE_6__/* .JOB_LABEL */ .pM], running: !!info.State?.Running };
    }
    catch (err) {
        if ((0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .statusCode */ .se)(err) === 404)
            return undefined;
        throw err;
    }
}
/**
 * Looks the names up, only reading, so that it can run while the image and the engine's facts are
 * asked rather than in sequence after them: the engine's answers come back together.
 */
async function namesTaken(docker, names) {
    const [container, volume] = await Promise.all([
        occupant(docker.getContainer(names.container).inspect()),
        occupant(docker.getVolume(names.volume).inspect()),
    ]);
    return { container, volume };
}
/** Where post leaves its mark in a container it keeps (cleanup off): the run that made it is over. */
const RELEASED_FILE = '/.setup-buildkit-released';
/** cleanup off: marks the container as left for later runs, which may replace it (see claimContainerName). */
async function releaseContainer(docker, names) {
    await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .putFiles */ .po)(docker.getContainer(names.container), '/', [{ name: RELEASED_FILE.slice(1), data: Buffer.alloc(0), mode: 0o644 }]);
}
async function released(docker, names) {
    try {
        // HEAD answers with a stream (dockerode's isStream): read to its end, or its connection stays open.
        const answer = (await docker.getContainer(names.container).infoArchive({ path: RELEASED_FILE }));
        answer.resume();
        return true;
    }
    catch (err) {
        if ((0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .statusCode */ .se)(err) === 404)
            return false;
        throw err;
    }
}
/**
 * Makes the name free for a new container. A container that is not ours is an error and is left
 * alone. One of ours is replaced (its state volume kept) when it is a leftover: stopped, made by an
 * earlier version of this action, or kept by its run's post (cleanup off, see releaseContainer).
 * A running one whose run has not ended is another job's live builder under the same fixed name:
 * refused, as buildx refuses a name that exists. Refusing rather than waiting: the other job may hold
 * its builder for hours, and waiting would spend this job's timeout on something nobody sees; the
 * error names the container and the job that has it, which is what the user needs to pick another name.
 */
async function claimContainerName(docker, names, taken, progress) {
    if (taken === undefined)
        return;
    if (taken.owner === null) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`a container named ${names.container} exists and was not created by setup-buildkit; remove it (docker buildx rm ${names.builder}) or choose another name`);
    }
    if (taken.running && taken.run !== undefined && !(await released(docker, names))) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`builder name ${names.builder} is in use: container ${names.container} is the live builder of another job (run ${taken.run}${taken.job ? `, job ${taken.job}` : ''}) on this engine; give each job its own name, or leave the name empty for a generated one`);
    }
    progress.note(`replacing the earlier container ${names.container}`);
    await docker.getContainer(names.container).remove({ force: true });
}
/** Creates the state volume unless it exists (kept state is reused, as buildx reuses it). */
async function ensureVolume(docker, names, taken, labels, progress) {
    if (taken !== undefined) {
        progress.note(`using existing state volume ${names.volume}`);
        return false;
    }
    await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_2__/* .creatingCall */ .Cd)(docker.createVolume({ Name: names.volume, Labels: labels }));
    return true;
}
/** /etc/buildkit as buildx lays it out: directories 0755, files 0644, except private keys (0600). */
function configArchive(files, privateFiles) {
    const dirs = new Set(['buildkit/']);
    const entries = [];
    for (const [rel, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
        const parts = rel.split('/');
        for (let i = 1; i < parts.length; i++)
            dirs.add(`buildkit/${parts.slice(0, i).join('/')}/`);
        entries.push({ name: `buildkit/${rel}`, data, mode: privateFiles.has(rel) ? 0o600 : 0o644 });
    }
    return [...[...dirs].sort().map((name) => ({ name, mode: 0o755 })), ...entries];
}
async function bootNode(docker, plan, progress) {
    const { names, taken } = plan;
    await claimContainerName(docker, names, taken.container, progress);
    const fresh = await ensureVolume(docker, names, taken.volume, plan.labels, progress);
    if (fresh || taken.volume?.owner)
        plan.onCreated('volume', !fresh);
    const container = await progress.step(`creating container ${names.container}`, async () => {
        const c = await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_2__/* .creatingCall */ .Cd)(docker.createContainer(plan.spec));
        plan.onCreated('container');
        if (Object.keys(plan.files).length > 0)
            await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .putFiles */ .po)(c, '/etc', configArchive(plan.files, plan.privateFiles));
        await plan.beforeStart?.(c, fresh);
        await c.start();
        return c;
    });
    plan.onStarted?.();
    return waitReady(container, names, plan.timeoutMs);
}
/** Restarts BuildKit (SIGTERM, then start, as `docker restart` does) and waits for it again. */
async function restartNode(docker, names, timeoutMs, progress) {
    const container = docker.getContainer(names.container);
    await progress.step(`restarting container ${names.container}`, () => container.restart());
    return waitReady(container, names, timeoutMs);
}
/**
 * Waits until `buildctl debug workers` answers inside the container, as buildx's readiness probe
 * does, but bounded by time instead of a fixed number of tries, and failing at once when the
 * container has stopped. The probe's JSON gives the platforms and, from BuildKit v0.12 on, the version.
 */
async function waitReady(container, names, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (let attempt = 1;; attempt++) {
        try {
            const probe = await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .execIn */ .Xm)(container, ['buildctl', 'debug', 'workers', '--format', '{{json .}}']);
            if (probe.exitCode === 0) {
                const workers = JSON.parse(probe.stdout);
                const platforms = [...new Set(workers.flatMap((w) => w.platforms ?? []).map(_util_platforms_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq))];
                const labels = workers[0]?.labels ?? {};
                const snapshotter = labels['org.mobyproject.buildkit.worker.snapshotter'] ?? 'unknown';
                const buildkit = workers[0]?.buildkitVersion?.version || (await buildkitVersion(container));
                return { platforms, snapshotter, buildkitVersion: buildkit, labels, gcPolicy: workers[0]?.gcPolicy ?? [] };
            }
            last = (probe.stderr || probe.stdout).trim();
        }
        catch (err) {
            last = (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(err);
        }
        const state = await container.inspect().then((i) => i.State, () => undefined);
        // A restart policy turns an exit into "restarting": that is BuildKit failing, not starting.
        if (!state?.Running || state.Restarting) {
            const status = state ? `exited with code ${state.ExitCode}` : 'is gone';
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`BuildKit container ${names.container} ${status} before it was ready; its log ends with:\n${await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .finalLogTail */ .xO)(container, 30)}`);
        }
        if (Date.now() > deadline) {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`BuildKit in ${names.container} did not answer within ${timeoutMs / 1000}s (last probe: ${last}); its log ends with:\n${await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .logTail */ .RB)(container, 30)}`);
        }
        await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
    }
}
/** The version of a BuildKit older than v0.12, whose workers do not report it. */
async function buildkitVersion(container) {
    const info = await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .execIn */ .Xm)(container, ['buildctl', 'debug', 'info', '--format', '{{json .}}']);
    if (info.exitCode === 0) {
        const version = JSON.parse(info.stdout).buildkitVersion?.version;
        if (version)
            return version;
    }
    // buildx's fallback: `buildkitd --version` prints "buildkitd <package> <version> <revision>".
    const out = await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .execIn */ .Xm)(container, ['buildkitd', '--version']);
    return out.stdout.trim().split(/\s+/)[2] ?? 'unknown';
}
/**
 * What sits under the node's names without this action's label, for post's warnings: it was used
 * (a volume, as buildx would) or refused (a container), and is never removed.
 */
async function foreignNames(docker, names) {
    const { container, volume } = await namesTaken(docker, names).catch(() => ({}));
    return [
        ...(container?.owner === null ? [`container ${names.container} was not created by setup-buildkit: left in place`] : []),
        ...(volume?.owner === null ? [`volume ${names.volume} was not created by setup-buildkit: left in place`] : []),
    ];
}
/**
 * Removes every container and volume this run created on the engine, found by the run's label (the
 * builder's container, its state volume, an installer or a GPU probe caught between its creation and
 * its end), but the volumes in `keep`. What another run made carries another label and is never
 * touched. Never throws: every problem comes back as a line for a warning.
 */
async function removeByLabel(docker, run, keep, adopted) {
    const result = { removed: [], problems: [] };
    const filters = JSON.stringify({ label: [`${_owner_js__WEBPACK_IMPORTED_MODULE_6__/* .RUN_LABEL */ .jQ}=${run}`] });
    try {
        const containers = await docker.listContainers({ all: true, filters });
        await Promise.all(containers.map(async (c) => {
            const name = c.Names?.[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12);
            try {
                await docker.getContainer(c.Id).remove({ force: true, v: true });
                result.removed.push(`container ${name}`);
            }
            catch (err) {
                // Gone meanwhile (an installer's AutoRemove): nothing left to remove.
                if ((0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .statusCode */ .se)(err) !== 404)
                    result.problems.push(`removing container ${name}: ${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(err)}`);
            }
        }));
    }
    catch (err) {
        result.problems.push(`listing the containers of this run: ${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(err)}`);
    }
    try {
        const volumes = (await docker.listVolumes({ filters })).Volumes ?? [];
        await Promise.all(volumes
            .filter((v) => !keep.has(v.Name))
            .map(async (v) => {
            try {
                await docker.getVolume(v.Name).remove();
                result.removed.push(`volume ${v.Name}`);
            }
            catch (err) {
                if ((0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .statusCode */ .se)(err) !== 404)
                    result.problems.push(`removing volume ${v.Name}: ${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(err)}`);
            }
        }));
    }
    catch (err) {
        result.problems.push(`listing the volumes of this run: ${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(err)}`);
    }
    // After the containers, which hold it mounted.
    await removeAdopted(docker, adopted, result);
    return result;
}
/** Adopted volumes carry the earlier run's label: removed by name, when they still carry the builder's owner label. */
async function removeAdopted(docker, adopted, result) {
    await Promise.all(adopted.names.map(async (name) => {
        try {
            const taken = await occupant(docker.getVolume(name).inspect());
            if (taken?.owner !== adopted.builder)
                return;
            await docker.getVolume(name).remove();
            result.removed.push(`volume ${name}`);
        }
        catch (err) {
            if ((0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .statusCode */ .se)(err) !== 404)
                result.problems.push(`removing volume ${name}: ${(0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .engineMessage */ .g4)(err)}`);
        }
    }));
}


/***/ }),

/***/ 3179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BN: () => (/* binding */ signerMismatch),
/* harmony export */   EL: () => (/* binding */ outcomeText),
/* harmony export */   Ex: () => (/* binding */ signerName),
/* harmony export */   Vg: () => (/* binding */ imageCheckPlan),
/* harmony export */   gc: () => (/* binding */ imageCheckRow),
/* harmony export */   se: () => (/* binding */ refusalMessage)
/* harmony export */ });
/* unused harmony export signatureRequirement */
/* harmony import */ var _engine_credentials_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3656);
/* harmony import */ var _inputs_values_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2000);
/**
 * The builder image check of buildx's docker-container driver (buildx 0.36+), pure: whether it
 * applies, what a tag requires of the image's signature, whether a signer meets it, and what the log
 * and the summary say. The engine and registry I/O is image-verify.ts.
 *
 * What buildx does, and this action with it (driver/docker-container/driver.go `create` and
 * `verifiedImageRef`, driver/image.go `VerifyImageRef`, policy/default.go, policy/default.rego,
 * policy/builtins.rego):
 * - Only when `BUILDX_DEFAULT_POLICY` is true (Go's ParseBool); off by default "for now".
 * - Only for a builder container being created, and only when the engine's image inspect carries the
 *   image's descriptor: the containerd image store. Classic-store images are used unverified.
 * - `allow-untrusted-image=true` turns it off for the node.
 * - Only `docker.io/moby/buildkit`, and not a reference pinned by digest without a tag.
 * - The floating tags (latest, rootless, master*, nightly*, latest-ubuntu, buildx-stable-N[-rootless|-gpu])
 *   need a docker-github-builder signature of https://github.com/moby/buildkit; release tags from
 *   v0.27.0 (the first signed release) need one whose source ref is exactly `refs/tags/vX.Y.Z[-rcN]`;
 *   older releases and other tags pass unsigned.
 * - The builder is then created from `docker.io/moby/buildkit:<tag>@<digest>`, the digest of the
 *   image the engine pulled, so what was checked is what runs.
 */


const TRUSTED_REPO = 'docker.io/moby/buildkit';
const TRUSTED_SOURCE = 'https://github.com/moby/buildkit';
const FLOATING_TAGS = new Set([
    'latest',
    'latest-ubuntu',
    'rootless',
    'master',
    'master-rootless',
    'master-ubuntu',
    'nightly',
    'nightly-rootless',
    'nightly-ubuntu',
]);
function signatureRequirement(tag) {
    if (FLOATING_TAGS.has(tag) || /^buildx-stable-\d+(?:-rootless|-gpu)?$/.test(tag))
        return { kind: 'signed' };
    const release = /^(v(\d+)\.(\d+)\.\d+(?:-rc\d+)?)(?:-rootless|-ubuntu)?$/.exec(tag);
    if (!release)
        return { kind: 'none', why: `tag ${tag} is not one the policy covers` };
    const [, version, major, minor] = release;
    if (Number(major) > 0 || Number(minor) >= 27)
        return { kind: 'release', sourceRef: `refs/tags/${version}` };
    return { kind: 'none', why: `${version} predates signed releases (v0.27.0)` };
}
/** Whether the check applies to `image`, in buildx's order; the reason when it does not. */
function imageCheckPlan(image, facts) {
    if (!facts.enabled)
        return { verify: false, reason: `${_inputs_values_js__WEBPACK_IMPORTED_MODULE_1__/* .POLICY_GATE */ .b2} is not set, as buildx leaves it by default` };
    if (facts.allowUntrusted)
        return { verify: false, reason: 'allow-untrusted-image=true' };
    if (!facts.descriptorDigest)
        return {
            verify: false,
            reason: 'the engine uses the classic image store, which gives no image digest to pin (buildx verifies only on the containerd image store)',
        };
    const parsed = (0,_engine_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .parseImageRef */ .Q)(image);
    if (parsed.digest && parsed.tag === undefined)
        return { verify: false, reason: 'the image is pinned by digest' };
    const repo = `${parsed.registry}/${parsed.path}`;
    if (repo !== TRUSTED_REPO)
        return { verify: false, reason: `the policy covers only ${TRUSTED_REPO} images` };
    const tag = parsed.tag ?? 'latest';
    const ref = `${repo}:${tag}`;
    return {
        verify: true,
        ref,
        tag,
        digest: facts.descriptorDigest,
        pinned: `${ref}@${facts.descriptorDigest}`,
        requirement: signatureRequirement(tag),
    };
}
const SIGSTORE_INTERMEDIATE = 'CN=sigstore-intermediate,O=sigstore.dev';
const GITHUB_OIDC = 'https://token.actions.githubusercontent.com';
/** Docker's reusable signing workflows (policy-helpers' docker-github-builder kind). */
const GITHUB_BUILDER_WORKFLOWS = [
    'https://github.com/docker/github-builder/.github/workflows/',
    'https://github.com/docker/github-builder-experimental/.github/workflows/',
];
/**
 * Why the signer does not meet the requirement, or undefined when it does: a docker-github-builder
 * signature (Docker's signing workflow on a GitHub-hosted runner, through GitHub's OIDC issuer and
 * Sigstore's intermediate, timestamped) of https://github.com/moby/buildkit, from the release's tag
 * for a release tag.
 */
function signerMismatch(signer, requirement) {
    const fromBuilder = (uri) => GITHUB_BUILDER_WORKFLOWS.some((w) => uri?.startsWith(w));
    const checks = [
        [signer.certificateIssuer === SIGSTORE_INTERMEDIATE, `certificate issuer ${signer.certificateIssuer}, not ${SIGSTORE_INTERMEDIATE}`],
        [signer.issuer === GITHUB_OIDC, `OIDC issuer ${signer.issuer ?? '(none)'}, not ${GITHUB_OIDC}`],
        [
            fromBuilder(signer.buildSignerURI) && fromBuilder(signer.subjectAlternativeName),
            `signed by ${signer.subjectAlternativeName ?? '(no identity)'}, not Docker's github-builder workflow`,
        ],
        [signer.sourceRepositoryURI === TRUSTED_SOURCE, `source repository ${signer.sourceRepositoryURI ?? '(none)'}, not ${TRUSTED_SOURCE}`],
        [signer.runnerEnvironment === 'github-hosted', `runner environment ${signer.runnerEnvironment ?? '(none)'}, not github-hosted`],
        [signer.timestamps > 0, 'no verified timestamp'],
    ];
    if (requirement.kind === 'release')
        checks.push([
            signer.sourceRepositoryRef === requirement.sourceRef,
            `source ref ${signer.sourceRepositoryRef ?? '(none)'}, not ${requirement.sourceRef}`,
        ]);
    const failed = checks.filter(([ok]) => !ok).map(([, why]) => why);
    return failed.length > 0 ? failed.join('; ') : undefined;
}
/** buildx's refusal, with the reason it leaves to its debug log. */
function refusalMessage(ref, tag, why) {
    return `failed to verify image ${ref}: image ${ref} is not allowed by default policy: a verified docker-github-builder signature is required for ${tag} tag (${why}); to use it anyway, set driver-opts allow-untrusted-image=true`;
}
/** The outcome as the log and the summary's row say it. */
function outcomeText(outcome) {
    switch (outcome.kind) {
        case 'skipped':
            return `not verified: ${outcome.reason}`;
        case 'pinned':
            return `allowed unsigned (${outcome.why}), pinned to ${outcome.pinned}`;
        case 'verified':
            return `verified (${outcome.signer}), pinned to ${outcome.pinned}`;
    }
}
/** The signer as the outcome names it, e.g. "moby/buildkit@v0.27.0, signed by docker/github-builder". */
function signerName(signer) {
    const repo = signer.sourceRepositoryURI?.replace(/^https:\/\/github\.com\//, '') ?? '?';
    const ref = signer.sourceRepositoryRef?.replace(/^refs\/(tags|heads)\//, '') ?? '?';
    return `${repo}@${ref}, signed by Docker's github-builder workflow`;
}
/** The builder image check's row (image-policy.ts): verified, pinned, or why not checked; a node's name when the builder has several. */
function imageCheckRow(outcome, node) {
    return [node ? `Builder image (${node})` : 'Builder image', outcomeText(outcome)];
}


/***/ }),

/***/ 194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $P: () => (/* binding */ parseQemuInputs),
/* harmony export */   Pc: () => (/* binding */ unseenEmulators),
/* harmony export */   eW: () => (/* binding */ installEmulators)
/* harmony export */ });
/* unused harmony exports DEFAULT_QEMU_IMAGE, parseReport, installLog, missingArchs, decidable, emulatedPlatforms, hostReport, noReport, installerError, runFailure */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8372);
/* harmony import */ var _inputs_values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2000);
/* harmony import */ var _step_cancel_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3930);
/* harmony import */ var _step_progress_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5751);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(17);
/* harmony import */ var _util_platforms_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4956);
/* harmony import */ var _builder_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8971);
/**
 * QEMU emulators for multi-platform builds, registered in the engine's kernel (binfmt_misc) by the
 * tonistiigi/binfmt installer, run privileged through dockerode, as docker/setup-qemu-action runs it.
 * The installer logs on stderr, prints a JSON report on stdout and exits 0 even when a registration
 * failed, so success is decided from the report alone.
 */










/**
 * The newest release (deploy/v10.2.3-68, QEMU 10.2.3), pinned: `latest` moves when the maintainers
 * choose and has shipped builds that segfault on the runners' kernels (tonistiigi/binfmt#197, #240),
 * and the QEMU 7.0 build users pinned to get away from them crashes there too since the runners'
 * kernels changed (#215, #240); QEMU 9.2.2 and later carry the fix. docs/decisions.md.
 */
const DEFAULT_QEMU_IMAGE = 'tonistiigi/binfmt:qemu-v10.2.3-68';
/**
 * The architectures the default image's installer can register (its cmd/binfmt/config.go), with the
 * suffix of their interpreter (`qemu-aarch64`). Other images may have fewer: releases before
 * deploy/v8.1.5-45 (January 2025) have no loong64, and refuse it with "unsupported architecture".
 */
const QEMU_BINARIES = {
    amd64: 'x86_64',
    arm64: 'aarch64',
    arm: 'arm',
    riscv64: 'riscv64',
    ppc64le: 'ppc64le',
    s390x: 's390x',
    '386': 'i386',
    mips64le: 'mips64el',
    mips64: 'mips64',
    loong64: 'loongarch64',
};
const ACCEPTED = `"all", or a comma-separated list of linux platforms or architectures among ${Object.keys(QEMU_BINARIES).join(', ')}`;
/**
 * The qemu inputs, or undefined when emulation is off. Without `qemu-platforms`, the declared
 * `platforms` the installer can emulate are the targets; the ones the kernel already runs (natively
 * or through an emulator) are dropped later, against what it reports. With nothing declared,
 * `qemu: true` emulates all, `qemu: auto` nothing.
 */
function parseQemuInputs(values, declared) {
    const mode = qemuMode(values.qemu);
    const items = (0,_inputs_values_js__WEBPACK_IMPORTED_MODULE_4__/* .listInput */ .dt)(values.platforms);
    const targets = items.includes('all') ? 'all' : dedupe(items.map(qemuArch));
    if (!mode)
        return undefined;
    const image = values.image || DEFAULT_QEMU_IMAGE;
    if (items.length > 0)
        return { image, targets };
    if (declared.length === 0)
        return mode === 'auto' ? undefined : { image, targets: 'all' };
    return { image, targets: dedupe(declared.filter((p) => p.os === 'linux' && p.architecture in QEMU_BINARIES).map((p) => p.architecture)) };
}
function qemuMode(value) {
    if (value === 'auto')
        return 'auto';
    try {
        return (0,_inputs_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBool */ .q6)('qemu', value, false);
    }
    catch {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .dz('qemu', value, 'true, false or auto');
    }
}
function qemuArch(item) {
    const p = (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_8__/* .parsePlatform */ .FL)(item);
    if (!p || p.os !== 'linux' || !(p.architecture in QEMU_BINARIES))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .InputError */ .dz('qemu-platforms', item, ACCEPTED);
    return p.architecture;
}
function dedupe(items) {
    return [...new Set(items)];
}
function parseReport(stdout) {
    try {
        const json = JSON.parse(stdout);
        return Array.isArray(json.supported) ? { supported: json.supported, emulators: json.emulators ?? [] } : undefined;
    }
    catch {
        return undefined;
    }
}
/** The installer's verdict per architecture, from its `installing: <arch> <OK|error>` log lines. */
function installLog(stderr) {
    const results = new Map();
    for (const m of stderr.matchAll(/^installing: (\S+) (.*)$/gm))
        results.set(m[1], m[2]);
    return results;
}
/** The architectures of `wanted` the kernel cannot run yet (natively or through an emulator). */
function missingArchs(wanted, report) {
    const runnable = new Set(report.supported.map((p) => (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_8__/* .parsePlatform */ .FL)(p)?.architecture));
    return wanted.filter((arch) => !runnable.has(arch));
}
/**
 * The 32-bit architecture a kernel of this one may run without an emulator: BuildKit's archutil
 * (which the installer's report comes from) lists linux/386 on amd64 and linux/arm/v7 and v6 on arm64
 * when a probe program of theirs runs. Whether it does depends on the kernel's build and the CPU
 * (arm64 CPUs without AArch32), so only running a program tells.
 */
const COMPAT_ARCH = { amd64: '386', arm64: 'arm' };
/**
 * Whether a report read from binfmt_misc alone (hostReport) says what of `wanted` the kernel runs:
 * not when the 32-bit architecture the native one may run natively is wanted and not emulated; then
 * the installer's report, which runs BuildKit's probes, decides.
 */
function decidable(report, wanted) {
    const native = (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_8__/* .parsePlatform */ .FL)(report.supported[0] ?? '')?.architecture ?? '';
    const compat = COMPAT_ARCH[native];
    return compat === undefined || !wanted.includes(compat) || emulates(report.emulators, compat);
}
/** Whether one of the enabled binfmt_misc entries runs `arch` through QEMU. */
function emulates(emulators, arch) {
    const suffix = QEMU_BINARIES[arch];
    return suffix !== undefined && emulators.some((e) => e === `qemu-${suffix}` || e.endsWith(`-${suffix}`));
}
/** The platforms the kernel runs through an enabled QEMU entry (not the native ones). */
function emulatedPlatforms(report) {
    return report.supported.filter((p) => emulates(report.emulators, (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_8__/* .parsePlatform */ .FL)(p)?.architecture ?? ''));
}
/** Node's name for this machine's architecture, as an OCI architecture. */
const NODE_ARCH = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
    loong64: 'loong64',
};
/**
 * What the kernel runs, read straight from binfmt_misc when the engine shares this machine's kernel
 * (Linux, local socket): the native platform first, then the emulated ones, as the installer reports
 * them, without a container, but without the 32-bit architecture the kernel may run natively (see
 * decidable). Undefined when it cannot be read that way; then the installer is asked.
 */
function hostReport(localEngine, dir = '/proc/sys/fs/binfmt_misc') {
    const native = NODE_ARCH[process.arch];
    if (process.platform !== 'linux' || !native || !localEngine)
        return undefined;
    let entries;
    try {
        if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, 'status')))
            return undefined;
        entries = node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync(dir).filter((e) => e !== 'register' && e !== 'status');
    }
    catch {
        return undefined;
    }
    const emulators = entries.filter((e) => {
        try {
            return node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, e), 'utf8').startsWith('enabled');
        }
        catch {
            return false;
        }
    });
    const emulated = Object.keys(QEMU_BINARIES)
        .filter((arch) => arch !== native && emulates(emulators, arch))
        .map((arch) => `linux/${arch}`);
    return { supported: [`linux/${native}`, ...emulated], emulators };
}
/**
 * Makes the targets runnable: reads what is registered, installs only what is missing (never an
 * architecture the kernel runs natively, which is never missing), and checks the installer's report
 * afterwards. The installer's image is pulled only when the installer has to run.
 */
function installEmulators(docker, qemu, opts) {
    const progress = new _step_progress_js__WEBPACK_IMPORTED_MODULE_6__/* .Progress */ .k(opts.log, opts.progressId ?? 2, '[internal] installing emulators');
    let registered;
    const registering = new Promise((resolve) => (registered = resolve));
    const result = install(docker, qemu, opts, progress, registered)
        .then((installed) => {
        progress.done();
        return installed;
    }, (err) => {
        progress.error((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorLine */ .BP)(err));
        throw err;
    })
        .finally(registered);
    return { registering, result };
}
async function install(docker, qemu, opts, progress, onInstallerStart) {
    let pulled;
    const run = async (step, args, onStart) => {
        await (pulled ??= (async () => {
            await opts.beforePull?.(qemu.image);
            await (0,_builder_js__WEBPACK_IMPORTED_MODULE_9__/* .ensureImage */ .Yt)(docker, qemu.image, opts.pullPolicy, progress, opts.mirrors);
        })());
        return progress.step(step, () => runInstaller(docker, qemu.image, args, opts, onStart));
    };
    let toInstall = 'all';
    if (qemu.targets !== 'all') {
        const host = hostReport((0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .isLocalEngine */ .wS)(docker));
        const registered = host && decidable(host, qemu.targets) ? host : (await run('reading registered emulators', [])).report;
        toInstall = missingArchs(qemu.targets, registered);
        if (toInstall.length === 0) {
            const platforms = emulatedPlatforms(registered);
            progress.note(`nothing to install: ${qemu.targets.join(', ')} already runnable${platforms.length ? ` (emulated: ${platforms.join(', ')})` : ''}`);
            return { platforms, installed: [] };
        }
    }
    // `--install all` registers every emulator the image carries that the kernel cannot run yet.
    const what = toInstall === 'all' ? 'all' : toInstall.join(',');
    const after = await run(`installing ${what}`, ['--install', what], onInstallerStart);
    const attempts = installLog(after.stderr);
    const asked = toInstall === 'all' ? [...attempts.keys()] : toInstall;
    const missing = missingArchs(asked, after.report);
    const refused = missing.filter((arch) => attempts.get(arch)?.startsWith('unsupported architecture'));
    if (refused.length > 0) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .UserError */ .yo(`qemu-image ${qemu.image} cannot install ${refused.join(', ')}: it answered "${attempts.get(refused[0])}" (${DEFAULT_QEMU_IMAGE}, the default, installs ${Object.keys(QEMU_BINARIES).join(', ')})`);
    }
    if (missing.length > 0) {
        const reasons = missing.map((arch) => `${arch} (${attempts.get(arch) ?? 'not attempted'})`);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .UserError */ .yo(`QEMU emulators missing after running ${qemu.image} --install ${what}: ${reasons.join(', ')}`);
    }
    const platforms = emulatedPlatforms(after.report);
    progress.note(`emulated platforms: ${platforms.join(', ') || 'none'}`);
    return { platforms, installed: asked };
}
/**
 * The architectures this run registered that BuildKit's workers do not report: BuildKit detected its
 * platforms before the registration landed (it detects them once, when it starts), so it has to be
 * restarted to see them.
 */
function unseenEmulators(workerPlatforms, installed) {
    const seen = new Set(workerPlatforms.map((p) => (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_8__/* .parsePlatform */ .FL)(p)?.architecture));
    return installed.filter((arch) => !seen.has(arch));
}
/**
 * Runs the installer to its end in a privileged container (it writes to the kernel's binfmt_misc),
 * with no network (it needs none, and attaching one is the slow part of starting a container), removed
 * by the engine on exit; the output comes through attach, opened before start so none is lost.
 * `onStart` is called as soon as the start has been asked for.
 */
async function runInstaller(docker, image, args, opts, onStart) {
    let container;
    try {
        container = await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_5__/* .creatingCall */ .Cd)(docker.createContainer({
            Image: image,
            Cmd: args,
            Labels: opts.labels,
            HostConfig: { Privileged: true, AutoRemove: true, NetworkMode: 'none' },
        }));
    }
    catch (err) {
        throw runFailure(image, err);
    }
    opts.onCreated?.(container.id);
    const stdout = [];
    const stderr = [];
    try {
        const stream = await container.attach({ stream: true, stdout: true, stderr: true });
        const out = new node_stream__WEBPACK_IMPORTED_MODULE_2__.PassThrough().on('data', (c) => stdout.push(c));
        const err = new node_stream__WEBPACK_IMPORTED_MODULE_2__.PassThrough().on('data', (c) => stderr.push(c));
        container.modem.demuxStream(stream, out, err);
        const ended = new Promise((resolve, reject) => stream.on('end', resolve).on('close', resolve).on('error', reject));
        // Asked before start: "removed" returns once the engine has removed the container.
        const removed = container.wait({ condition: 'removed' });
        // Awaited below; this only keeps a failed start (an abort) from leaving these rejections unhandled.
        removed.catch(() => undefined);
        ended.catch(() => undefined);
        const started = container.start();
        onStart?.();
        await started;
        await Promise.all([ended, removed]);
    }
    catch (err) {
        // A container that never started is not removed by the engine; nor is the anonymous volume the
        // installer image's VOLUME gave it.
        await container.remove({ force: true, v: true }).catch(() => undefined);
        throw runFailure(image, err);
    }
    const text = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
    const report = parseReport(text.stdout);
    if (!report)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .UserError */ .yo(noReport(image, args, text.stderr));
    return { report, stderr: text.stderr };
}
/** The installer printed no report: it stopped before it could read binfmt_misc. */
function noReport(image, args, stderr) {
    const error = installerError(stderr) ?? stderr.trim().split('\n').pop() ?? '';
    if (/cannot mount binfmt_misc/.test(error)) {
        return `the Docker engine's kernel has no binfmt_misc (needed to register QEMU emulators); load the binfmt_misc module on the engine's host, or use a native builder (${error})`;
    }
    return `${image} ${args.join(' ')} printed no report of the registered emulators${error ? `: ${error}` : ''}`;
}
/**
 * The installer's last `error: ` entry, as one line. It logs `error: %+v` of a wrapped error, which
 * prints the cause, then each message wrapped around it, then a Go stack trace (a function line, then
 * a tab-indented file:line line, per frame); this returns the messages, outermost first, joined as
 * `%v` joins them: "cannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc: no such device".
 */
function installerError(stderr) {
    const lines = stderr.split('\n');
    let start = lines.length - 1;
    while (start >= 0 && !lines[start].startsWith('error: '))
        start--;
    if (start < 0)
        return undefined;
    const messages = [lines[start].slice('error: '.length)];
    for (let i = start + 1; i < lines.length && lines[i].trim() !== '' && !lines[i + 1]?.startsWith('\t'); i++)
        messages.push(lines[i]);
    return messages.reverse().join(': ');
}
/** An engine error running the installer, said plainly when it is the privileged mode being refused. */
function runFailure(image, err) {
    const message = (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_3__/* .engineMessage */ .g4)(err);
    if (/privilege/i.test(message)) {
        return new _util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .UserError */ .yo(`the Docker engine refuses privileged containers, which registering QEMU emulators needs (rootless or user-namespaced engines cannot); ${message}`);
    }
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .UserError */ .yo(`running ${image} failed: ${message}`);
}


/***/ })

};

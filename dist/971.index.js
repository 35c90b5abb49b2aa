export const id = 971;
export const ids = [971];
export const modules = {

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

/***/ 8971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bootNode: () => (/* binding */ bootNode),
/* harmony export */   engineFacts: () => (/* binding */ engineFacts),
/* harmony export */   ensureImage: () => (/* binding */ ensureImage),
/* harmony export */   probeGpus: () => (/* binding */ probeGpus),
/* harmony export */   releaseContainer: () => (/* binding */ releaseContainer),
/* harmony export */   restartNode: () => (/* binding */ restartNode)
/* harmony export */ });
/* harmony import */ var _engine_credentials_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3656);
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3620);
/* harmony import */ var _engine_docker_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6310);
/* harmony import */ var _step_cancel_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3930);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17);
/* harmony import */ var _util_platforms_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4956);
/* harmony import */ var _container_spec_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3779);







async function engineFacts(docker) {
    try {
        const info = await docker.info();
        const userns = (info.SecurityOptions ?? []).some((o) => o.split(',').includes('name=userns'));
        return {
            cgroupDriver: info.CgroupDriver,
            userns,
            architecture: info.Architecture,
            storageDriver: info.Driver,
            gpuCapable: (0,_container_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .gpuCapable */ .N9)(info),
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
        probe = await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_3__/* .creatingCall */ .Cd)(docker.createContainer({
            Image: image,
            Labels: labels,
            Entrypoint: ['/bin/true'],
            HostConfig: { NetworkMode: 'none', AutoRemove: true, DeviceRequests: _container_spec_js__WEBPACK_IMPORTED_MODULE_6__/* .ALL_GPUS */ .oc },
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
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`image ${image} is not on the engine and pull-policy is "never"`);
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
                progress.note(`mirror ${mirror} failed: ${(0,_engine_docker_client_js__WEBPACK_IMPORTED_MODULE_2__/* .engineMessage */ .g4)(err)}`);
            }
        }
    }
    if (!(await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .imageExists */ .US)(docker, image)))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`pulling image ${image} failed and there is no local copy: ${(0,_engine_docker_client_js__WEBPACK_IMPORTED_MODULE_2__/* .engineMessage */ .g4)(failure)}`);
    progress.note(`pulling failed (${(0,_engine_docker_client_js__WEBPACK_IMPORTED_MODULE_2__/* .engineMessage */ .g4)(failure)}), using local image ${image}`);
}
/** A pull with the credentials the docker config gives for the image's registry, if any. */
async function pullWithCredentials(docker, ref, progress) {
    const { auth, problem } = await (0,_engine_credentials_js__WEBPACK_IMPORTED_MODULE_0__/* .registryAuth */ .I3)(ref);
    if (problem)
        progress.note(`${problem}; pulling without credentials`);
    await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .pull */ .a$)(docker, ref, auth);
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
        if ((0,_engine_docker_client_js__WEBPACK_IMPORTED_MODULE_2__/* .statusCode */ .se)(err) === 404)
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
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`a container named ${names.container} exists and was not created by setup-buildkit; remove it (docker buildx rm ${names.builder}) or choose another name`);
    }
    if (taken.running && taken.run !== undefined && !(await released(docker, names))) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`builder name ${names.builder} is in use: container ${names.container} is the live builder of another job (run ${taken.run}${taken.job ? `, job ${taken.job}` : ''}) on this engine; give each job its own name, or leave the name empty for a generated one`);
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
    await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_3__/* .creatingCall */ .Cd)(docker.createVolume({ Name: names.volume, Labels: labels }));
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
        const c = await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_3__/* .creatingCall */ .Cd)(docker.createContainer(plan.spec));
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
                const platforms = [...new Set(workers.flatMap((w) => w.platforms ?? []).map(_util_platforms_js__WEBPACK_IMPORTED_MODULE_5__/* .formatPlatform */ .Bq))];
                const labels = workers[0]?.labels ?? {};
                const snapshotter = labels['org.mobyproject.buildkit.worker.snapshotter'] ?? 'unknown';
                const buildkit = workers[0]?.buildkitVersion?.version || (await buildkitVersion(container));
                return { platforms, snapshotter, buildkitVersion: buildkit, labels, gcPolicy: workers[0]?.gcPolicy ?? [] };
            }
            last = (probe.stderr || probe.stdout).trim();
        }
        catch (err) {
            last = (0,_engine_docker_client_js__WEBPACK_IMPORTED_MODULE_2__/* .engineMessage */ .g4)(err);
        }
        const state = await container.inspect().then((i) => i.State, () => undefined);
        // A restart policy turns an exit into "restarting": that is BuildKit failing, not starting.
        if (!state?.Running || state.Restarting) {
            const status = state ? `exited with code ${state.ExitCode}` : 'is gone';
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`BuildKit container ${names.container} ${status} before it was ready; its log ends with:\n${await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .finalLogTail */ .xO)(container, 30)}`);
        }
        if (Date.now() > deadline) {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo(`BuildKit in ${names.container} did not answer within ${timeoutMs / 1000}s (last probe: ${last}); its log ends with:\n${await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_1__.logTail)(container, 30)}`);
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

export const id = 254;
export const ids = [254];
export const modules = {

/***/ 5254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectNode: () => (/* binding */ connectNode)
});

// EXTERNAL MODULE: ./src/engine/connect.ts + 1 modules
var connect = __webpack_require__(1941);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/util/platforms.ts
var platforms = __webpack_require__(4956);
// EXTERNAL MODULE: ./src/node/builder.ts
var builder = __webpack_require__(8971);
// EXTERNAL MODULE: ./src/node/container-spec.ts
var container_spec = __webpack_require__(3779);
// EXTERNAL MODULE: ./src/engine/credentials.ts
var credentials = __webpack_require__(3656);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/engine/registry.ts
/**
 * Reads from an OCI registry (the distribution API): manifests and blobs by digest, checked against
 * it, and an artifact's referrers. Only what the builder image check needs: the engine pulls images,
 * but it keeps neither an image's attestation manifests nor their signatures, which are read here.
 * Authentication is the registries' token flow (RFC 6750 challenge, anonymous or with the docker
 * config's credentials) or basic.
 */

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const MANIFEST_TYPES = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(', ');
/** Plain HTTP for a registry on this machine, as the engine allows it; HTTPS for any other. */
function baseUrl(host) {
    const [hostPort, ...path] = host.split('/');
    const name = hostPort === 'docker.io' ? 'registry-1.docker.io' : hostPort;
    const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(name);
    return { origin: `${loopback ? 'http' : 'https'}://${name}`, prefix: path.length > 0 ? `${path.join('/')}/` : '' };
}
function registryReader(opts) {
    const { origin, prefix } = baseUrl(opts.host);
    const repo = `${prefix}${opts.repository}`;
    let authorization;
    const request = async (path, accept) => {
        const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs);
        const send = () => fetch(`${origin}/v2/${repo}/${path}`, {
            headers: { Accept: accept, ...(authorization ? { Authorization: authorization } : {}) },
            signal,
        });
        let response = await send();
        if (response.status === 401 && authorization === undefined) {
            authorization = await authorize(response.headers.get('www-authenticate') ?? '', repo, opts.auth, signal);
            response = await send();
        }
        return response;
    };
    const read = async (path, accept, digest) => {
        const response = await request(path, accept);
        if (!response.ok)
            throw new Error(`${opts.host}/${repo}: GET ${path}: ${response.status} ${response.statusText}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        const [algorithm, hex] = digest.split(':');
        if (algorithm !== 'sha256' || (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex') !== hex)
            throw new Error(`${opts.host}/${repo}: ${path} does not match its digest ${digest}`);
        return bytes;
    };
    return {
        where: `${opts.host}/${repo}`,
        manifest: (digest) => read(`manifests/${digest}`, MANIFEST_TYPES, digest),
        blob: (digest) => read(`blobs/${digest}`, '*/*', digest),
        async referrers(digest) {
            const api = await request(`referrers/${digest}`, OCI_INDEX);
            if (api.ok)
                return (await api.json()).manifests ?? [];
            // Registries without the referrers API keep them in an index under a tag named after the subject.
            const tagged = await request(`manifests/${digest.replace(':', '-')}`, OCI_INDEX);
            if (tagged.status === 404)
                return [];
            if (!tagged.ok)
                throw new Error(`${opts.host}/${repo}: referrers of ${digest}: ${tagged.status} ${tagged.statusText}`);
            return (await tagged.json()).manifests ?? [];
        },
    };
}
/** The Authorization header a 401's challenge asks for: a bearer token from its realm, or basic. */
async function authorize(challenge, repo, auth, signal) {
    const user = auth && 'username' in auth ? auth : undefined;
    const basic = user?.username ? `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}` : undefined;
    const scheme = challenge.split(' ')[0]?.toLowerCase();
    if (scheme === 'basic' && basic)
        return basic;
    if (scheme !== 'bearer')
        throw new Error(`registry refused access (${challenge || 'no challenge'})`);
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (!params.realm)
        throw new Error(`registry's challenge names no realm: ${challenge}`);
    const url = new URL(params.realm);
    if (params.service)
        url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${repo}:pull`);
    const response = await fetch(url, { headers: basic ? { Authorization: basic } : {}, signal });
    if (!response.ok)
        throw new Error(`token from ${url.origin}: ${response.status} ${response.statusText}`);
    const body = (await response.json());
    const token = body.token ?? body.access_token;
    if (!token)
        throw new Error(`token from ${url.origin}: the answer holds no token`);
    return `Bearer ${token}`;
}

// EXTERNAL MODULE: ./src/node/image-policy.ts
var image_policy = __webpack_require__(3179);
;// CONCATENATED MODULE: ./src/node/image-verify.ts
/**
 * The builder image check's I/O (the rules are image-policy.ts): the image's digest from the engine,
 * its signature chain from the registry it was pulled from, the Sigstore bundle verified against
 * Sigstore's public-good trust root (sigstore-bundle.ts, loaded only when a signature is verified),
 * the signer judged by buildx's policy.
 *
 * The signature chain, as buildx reads it (moby/policy-helpers' ResolveSignatureChain and
 * VerifyImage): the image index → the engine platform's manifest → its attestation manifest (index
 * annotations vnd.docker.reference.type=attestation-manifest, vnd.docker.reference.digest) with a SLSA
 * provenance layer and the manifest as subject → a referrer of the attestation manifest holding a
 * Sigstore bundle v0.3, whose artifact is the attestation manifest. The bundle is verified as buildx
 * has sigstore-go verify it (sigstore-bundle.ts).
 *
 * buildx resolves the chain through the BuildKit inside the engine (its gRPC endpoint), so registry
 * access follows the daemon's configuration; this action reads the registry itself, from the Docker
 * Hub mirrors the image was pulled through and then Docker Hub, with the docker config's credentials.
 */




const ATTESTATION_TYPE = 'vnd.docker.reference.type';
const ATTESTATION_SUBJECT = 'vnd.docker.reference.digest';
const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const PREDICATE_TYPE = 'in-toto.io/predicate-type';
const SLSA_PROVENANCE = ['https://slsa.dev/provenance/v0.2', 'https://slsa.dev/provenance/v1'];
const REGISTRY_TIMEOUT_MS = 30000;
/** Runs the check; a refusal is a UserError naming the image, before anything is created. */
async function checkBuilderImage(ctx) {
    const descriptorDigest = ctx.enabled && !ctx.allowUntrusted ? await engineDigest(ctx.docker, ctx.image) : undefined;
    const plan = (0,image_policy/* imageCheckPlan */.Vg)(ctx.image, { enabled: ctx.enabled, allowUntrusted: ctx.allowUntrusted, descriptorDigest });
    let result;
    if (!plan.verify)
        result = { image: ctx.image, outcome: { kind: 'skipped', reason: plan.reason } };
    else if (plan.requirement.kind === 'none')
        result = { image: plan.pinned, outcome: { kind: 'pinned', pinned: plan.pinned, why: plan.requirement.why } };
    else {
        const requirement = plan.requirement;
        const signer = await ctx.progress.step(`verifying image ${plan.ref}`, async () => {
            const signer = await verifiedSigner(ctx, plan.ref, plan.digest);
            const mismatch = (0,image_policy/* signerMismatch */.BN)(signer, requirement);
            if (mismatch)
                throw new errors/* UserError */.yo((0,image_policy/* refusalMessage */.se)(plan.ref, plan.tag, mismatch));
            return signer;
        });
        result = { image: plan.pinned, outcome: { kind: 'verified', pinned: plan.pinned, signer: (0,image_policy/* signerName */.Ex)(signer) } };
    }
    ctx.progress.note(`builder image ${(0,image_policy/* outcomeText */.EL)(result.outcome)}`);
    return result;
}
/** The image index digest the containerd image store reports (`Descriptor`); none from the classic store. */
async function engineDigest(docker, image) {
    const inspect = (await docker.getImage(image).inspect());
    return inspect.Descriptor?.digest;
}
/** The signer of the first bundle that verifies, from the first registry that has the index. */
async function verifiedSigner(ctx, ref, digest) {
    const { auth } = await (0,credentials/* registryAuth */.I3)(ref);
    const readers = [...ctx.mirrors, 'docker.io'].map((host) => registryReader({
        host,
        repository: 'moby/buildkit',
        auth: host === 'docker.io' ? auth : undefined,
        signal: ctx.signal,
        timeoutMs: REGISTRY_TIMEOUT_MS,
    }));
    const unreachable = [];
    for (const reader of readers) {
        let index;
        try {
            index = await reader.manifest(digest);
        }
        catch (err) {
            unreachable.push(`${reader.where}: ${(0,errors/* errorLine */.BP)(err)}`);
            continue;
        }
        return signerFromChain(reader, ref, index, ctx.architecture);
    }
    throw new errors/* UserError */.yo(`failed to verify image ${ref}: no registry has its index ${digest} to read the signature from (${unreachable.join('; ')})`);
}
async function signerFromChain(reader, ref, indexBytes, architecture) {
    const unsigned = (why) => new errors/* UserError */.yo(`failed to verify image ${ref}: no signature metadata available for ${ref} in ${reader.where}: ${why}; to use it anyway, set driver-opts allow-untrusted-image=true`);
    const index = JSON.parse(indexBytes.toString());
    if (!index.manifests)
        throw unsigned('the image is a single manifest, not an index with attestations');
    const manifest = index.manifests.find((d) => d.platform?.os === 'linux' && d.platform.architecture === architecture);
    if (!manifest)
        throw unsigned(`the index has no linux/${architecture} manifest`);
    const attestation = index.manifests.find((d) => d.annotations?.[ATTESTATION_TYPE] === 'attestation-manifest' && d.annotations[ATTESTATION_SUBJECT] === manifest.digest);
    if (!attestation)
        throw unsigned(`the linux/${architecture} manifest has no attestation manifest`);
    const attestationBytes = await reader.manifest(attestation.digest);
    const attested = JSON.parse(attestationBytes.toString());
    if (attested.subject?.digest !== manifest.digest || attested.subject.size !== manifest.size)
        throw unsigned(`attestation manifest ${attestation.digest} is not about ${manifest.digest}`);
    if (!attested.layers?.some((l) => SLSA_PROVENANCE.includes(l.annotations?.[PREDICATE_TYPE] ?? '')))
        throw unsigned(`attestation manifest ${attestation.digest} has no SLSA provenance`);
    const bundles = (await reader.referrers(attestation.digest)).filter((d) => d.artifactType === SIGSTORE_BUNDLE);
    if (bundles.length === 0)
        throw unsigned(`attestation manifest ${attestation.digest} has no Sigstore bundle referrer`);
    const failures = [];
    for (const referrer of bundles) {
        try {
            return await verifyBundle(reader, referrer, attestation, attestationBytes);
        }
        catch (err) {
            failures.push((0,errors/* errorLine */.BP)(err));
        }
    }
    throw new errors/* UserError */.yo(`failed to verify image ${ref}: its signature does not verify against Sigstore's trust root: ${failures.join('; ')}`);
}
/** One signature manifest: its bundle verified over the attestation manifest, and the signer it names. */
async function verifyBundle(reader, referrer, attestation, attestationBytes) {
    const signature = JSON.parse((await reader.manifest(referrer.digest)).toString());
    if (signature.subject?.digest !== attestation.digest || signature.subject.size !== attestation.size)
        throw new Error(`signature manifest ${referrer.digest} is not about ${attestation.digest}`);
    const layer = signature.layers?.[0];
    if (layer?.mediaType !== SIGSTORE_BUNDLE)
        throw new Error(`signature manifest ${referrer.digest} holds no Sigstore bundle`);
    const bundle = JSON.parse((await reader.blob(layer.digest)).toString());
    const { verifySigstoreBundle } = await Promise.all(/* import() */[__webpack_require__.e(168), __webpack_require__.e(571)]).then(__webpack_require__.bind(__webpack_require__, 4571));
    return verifySigstoreBundle(bundle, attestationBytes, attestation.digest);
}

// EXTERNAL MODULE: ./src/node/occupants.ts
var occupants = __webpack_require__(4424);
// EXTERNAL MODULE: ./src/node/owner.ts
var node_owner = __webpack_require__(1535);
// EXTERNAL MODULE: ./src/node/qemu.ts
var qemu = __webpack_require__(194);
;// CONCATENATED MODULE: ./src/node/drivers/docker-container-setup.ts
/**
 * The docker-container driver's setup (see docker-container.ts): pull → image check → GPU probe → spec → boot
 * (volume, container, files, start, readiness), the QEMU installer alongside on the same engine, and
 * BuildKit restarted once when it started before the emulators were registered. A module of its own
 * so that post, which only removes, does not load it.
 */









async function connectNode(plan, owner, bound) {
    const { docker } = await (0,connect/* connect */.Ng)(plan.engine, bound.connectMs, {
        answerMs: bound.requestMs,
        signal: bound.signal,
        engine: plan.engine.endpoint,
    });
    const record = {
        name: plan.names.node,
        driver: 'docker-container',
        endpoint: plan.engine.endpoint,
        host: plan.engine.host,
        run: owner,
        created: [],
    };
    const setUp = async (ctx) => {
        const { names } = plan;
        const { hooks, progress, signal, phases } = ctx;
        const labels = (0,node_owner/* ownerLabels */.H0)(owner);
        const factsAsked = (0,builder.engineFacts)(docker);
        const takenAsked = (0,occupants/* namesTaken */.E)(docker, names);
        // Awaited in the boot; this only keeps an early failure from counting as an unhandled rejection meanwhile.
        takenAsked.catch(() => undefined);
        const access = async () => ({ driver: 'docker-container', docker, names, facts: await factsAsked });
        // Emulators are registered while the builder is pulled and created, and BuildKit, which detects the
        // platforms it can run when it starts, is started alongside the installer (see EmulatorsInstall).
        const emulators = plan.qemu &&
            (0,qemu/* installEmulators */.eW)(docker, plan.qemu, {
                pullPolicy: plan.pullPolicy,
                mirrors: plan.mirrors,
                labels,
                onCreated: (id) => ctx.record({ kind: 'container', name: id }),
                log: ctx.log,
                progressId: ctx.nextProgressId,
                beforePull: hooks.beforePull && (async (ref) => hooks.beforePull(ref, await access())),
            });
        if (plan.qemu && emulators) {
            const registered = phases.begin(`QEMU ${plan.qemu.image}`);
            emulators.result.then(registered, registered);
        }
        // Awaited below; this only keeps an early failure from counting as an unhandled rejection meanwhile.
        emulators?.result.catch(() => undefined);
        try {
            await phases.time(`pull ${plan.image}`, async () => {
                await hooks.beforePull?.(plan.image, await access());
                await (0,builder.ensureImage)(docker, plan.image, plan.pullPolicy, progress, plan.mirrors);
            });
            const facts = await factsAsked;
            // As buildx: the image is checked once pulled and before anything is created; the container runs what was checked.
            const checked = await checkBuilderImage({
                docker,
                image: plan.image,
                enabled: plan.imagePolicy,
                allowUntrusted: plan.opts.allowUntrustedImage ?? false,
                mirrors: plan.mirrors ?? [],
                architecture: engineArchitecture(facts),
                progress,
                signal,
            });
            const gpus = await (0,builder.probeGpus)(docker, checked.image, facts, labels);
            const opts = { ...plan.opts, image: checked.image };
            const spec = (0,container_spec/* containerSpec */.$M)({ names, opts, flags: plan.flags, hasConfig: plan.hasConfig, engine: facts, gpus, labels });
            const keepStorage = (await hooks.beforeCreate?.(await access(), plan))?.keepStorage ?? false;
            signal.throwIfAborted();
            // The phases of the boot: creation (volume, container, files), the start, the readiness probe.
            let phaseEnd = phases.begin('container create');
            let status = await (0,builder.bootNode)(docker, {
                names,
                taken: await takenAsked,
                spec,
                labels,
                files: plan.containerFiles,
                privateFiles: plan.privateFiles,
                timeoutMs: plan.bootTimeoutMs,
                beforeStart: async (container, fresh) => {
                    phaseEnd();
                    // The saved state is unpacked into the fresh volume while the emulators are registered.
                    const beforeStart = hooks.beforeStart;
                    const restoring = beforeStart && phases.time('state restore', async () => beforeStart({ ...(await access()), container, fresh }, plan));
                    await emulators?.registering;
                    await restoring;
                    phaseEnd = phases.begin('container start');
                },
                onStarted: () => {
                    phaseEnd();
                    phaseEnd = phases.begin('readiness');
                },
                onCreated: (kind, adopted) => {
                    const resource = kind === 'volume'
                        ? { kind, name: names.volume, keep: keepStorage, ...(adopted ? { adopted } : {}) }
                        : { kind, name: names.container };
                    ctx.record(resource);
                    if (signal.aborted)
                        throw new errors/* UserError */.yo('the builder is being removed');
                },
            }, progress);
            phaseEnd();
            const emulated = await emulators?.result;
            const unseen = emulated ? (0,qemu/* unseenEmulators */.Pc)(status.platforms, emulated.installed) : [];
            if (unseen.length > 0) {
                progress.note(`BuildKit started before the ${unseen.join(', ')} emulators were registered`);
                status = await phases.time('restart after the emulators', () => (0,builder.restartNode)(docker, names, plan.bootTimeoutMs, progress));
            }
            status = { ...status, emulated, engine: facts, imageCheck: checked.outcome };
            await hooks.afterReady?.(await access(), status);
            return status;
        }
        catch (err) {
            // No installer is left running when the setup ends.
            await emulators?.result.catch(() => undefined);
            throw err;
        }
    };
    return { record, setUp };
}
/**
 * The engine's architecture as image indexes name it (/info says x86_64, aarch64, ...): whose
 * manifest's signature counts. When /info failed, the runner's own, as buildx falls back to its own.
 */
function engineArchitecture(facts) {
    const own = process.arch === 'x64' ? 'amd64' : process.arch;
    return (0,platforms/* parsePlatform */.FL)(`linux/${facts?.architecture ?? own}`)?.architecture ?? own;
}


/***/ })

};

export const id = 856;
export const ids = [856];
export const modules = {

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

/***/ 8856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dockerContainer: () => (/* binding */ dockerContainer)
/* harmony export */ });
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8372);
/* harmony import */ var _engine_endpoint_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(605);
/* harmony import */ var _inputs_names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5585);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);
/* harmony import */ var _builder_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8971);
/* harmony import */ var _container_spec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3779);
/* harmony import */ var _owner_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1535);
/* harmony import */ var _qemu_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(194);
/**
 * The docker-container driver: the node is a BuildKit container with its state volume on a Docker
 * engine, field for field what `docker buildx create --driver docker-container` makes (container-spec.ts),
 * made by builder.ts's engine calls. Setup, the same for every node: pull → GPU probe → spec → boot
 * (volume, container, files, start, readiness), the QEMU installer alongside on the same engine, and
 * BuildKit restarted once when it started before the emulators were registered.
 * Hooks it calls: beforePull (each image it pulls), beforeCreate, beforeStart, afterReady, beforeTearDown.
 */








async function connectNode(plan, owner, bound) {
    const { docker } = await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)(plan.engine, bound.connectMs, {
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
        const labels = (0,_owner_js__WEBPACK_IMPORTED_MODULE_7__/* .ownerLabels */ .H0)(owner);
        const factsAsked = (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .engineFacts */ .Ig)(docker);
        const takenAsked = (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .namesTaken */ .EE)(docker, names);
        // Awaited in the boot; this only keeps an early failure from counting as an unhandled rejection meanwhile.
        takenAsked.catch(() => undefined);
        const access = async () => ({ driver: 'docker-container', docker, names, facts: await factsAsked });
        // Emulators are registered while the builder is pulled and created, and BuildKit, which detects the
        // platforms it can run when it starts, is started alongside the installer (see EmulatorsInstall).
        const emulators = plan.qemu &&
            (0,_qemu_js__WEBPACK_IMPORTED_MODULE_6__/* .installEmulators */ .eW)(docker, plan.qemu, {
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
                await (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .ensureImage */ .Yt)(docker, plan.image, plan.pullPolicy, progress, plan.mirrors);
            });
            const facts = await factsAsked;
            const gpus = await (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .probeGpus */ .qh)(docker, plan.image, facts, labels);
            const spec = (0,_container_spec_js__WEBPACK_IMPORTED_MODULE_5__/* .containerSpec */ .$M)({ names, opts: plan.opts, flags: plan.flags, hasConfig: plan.hasConfig, engine: facts, gpus, labels });
            const keepStorage = (await hooks.beforeCreate?.(await access(), plan))?.keepStorage ?? false;
            signal.throwIfAborted();
            // The phases of the boot: creation (volume, container, files), the start, the readiness probe.
            let phaseEnd = phases.begin('container create');
            let status = await (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .bootNode */ .RY)(docker, {
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
                        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo('the builder is being removed');
                },
            }, progress);
            phaseEnd();
            const emulated = await emulators?.result;
            const unseen = emulated ? (0,_qemu_js__WEBPACK_IMPORTED_MODULE_6__/* .unseenEmulators */ .Pc)(status.platforms, emulated.installed) : [];
            if (unseen.length > 0) {
                progress.note(`BuildKit started before the ${unseen.join(', ')} emulators were registered`);
                status = await phases.time('restart after the emulators', () => (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .restartNode */ .aC)(docker, names, plan.bootTimeoutMs, progress));
            }
            status = { ...status, emulated, engine: facts };
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
/** How removal names what it removed: the node's own container and volume as post has always said them. */
function removedLines(removal, record, container, volume) {
    const lines = removal.removed.map((r) => (r === `container ${container}` ? 'container' : r === `volume ${volume}` ? 'state volume' : r));
    for (const r of record.created)
        if (r.kind === 'volume' && r.keep && !removal.removed.includes(`volume ${r.name}`))
            lines.push(`state volume ${r.name} kept there (keep-state)`);
    return lines;
}
async function tearDown(record, ctx) {
    const report = { name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] };
    const names = (0,_inputs_names_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeNames */ .t)(record.run.builder, record.name);
    try {
        const { docker } = await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)((0,_engine_endpoint_js__WEBPACK_IMPORTED_MODULE_1__/* .storedAddress */ ._D)(record.endpoint), Math.min(ctx.timeoutMs, 30000), {
            answerMs: Math.min(ctx.timeoutMs, 30000),
            engine: record.endpoint,
        });
        if (ctx.hooks.beforeTearDown && record.created.some((r) => r.kind === 'container' && r.name === names.container))
            await ctx.hooks.beforeTearDown({ driver: 'docker-container', docker, names }, record);
        // main's failure path: what this run made goes, kept or not; what it took over stays.
        const keep = new Set(ctx.removeKept ? [] : record.created.filter((r) => r.keep).map((r) => r.name));
        const adopted = ctx.removeKept ? [] : record.created.filter((r) => r.adopted && !r.keep).map((r) => r.name);
        let timer;
        const bound = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${ctx.timeoutMs / 1000} s`)), ctx.timeoutMs);
        });
        try {
            const [removal, foreign] = await Promise.race([
                Promise.all([
                    (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .removeByLabel */ ._N)(docker, record.run.run, keep, { builder: record.run.builder, names: adopted }),
                    (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .foreignNames */ .rZ)(docker, names),
                ]),
                bound,
            ]);
            report.problems.push(...removal.problems, ...foreign);
            const lines = removedLines(removal, record, names.container, names.volume);
            report.removed.push(...lines.filter((l) => !l.endsWith('(keep-state)')));
            report.kept.push(...lines.filter((l) => l.endsWith('(keep-state)')));
        }
        finally {
            clearTimeout(timer);
        }
    }
    catch (err) {
        report.unreachable = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err).split('\n')[0];
    }
    return report;
}
function storeEntry(plan) {
    return {
        name: plan.names.node,
        endpoint: plan.engine.endpoint,
        platforms: plan.platforms,
        driverOpts: plan.opts.given,
        flags: plan.flags,
        files: plan.files,
    };
}
async function release(record, timeoutMs) {
    const names = (0,_inputs_names_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeNames */ .t)(record.run.builder, record.name);
    if (!record.created.some((r) => r.kind === 'container' && r.name === names.container))
        return [];
    try {
        const { docker } = await (0,_engine_docker_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)((0,_engine_endpoint_js__WEBPACK_IMPORTED_MODULE_1__/* .storedAddress */ ._D)(record.endpoint), timeoutMs, { answerMs: timeoutMs, engine: record.endpoint });
        await (0,_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .releaseContainer */ .Lt)(docker, names);
        return [];
    }
    catch (err) {
        return [`container ${names.container} could not be marked as released (a later run under this name will refuse it): ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err)}`];
    }
}
const dockerContainer = { name: 'docker-container', connect: connectNode, storeEntry, tearDown, release };


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

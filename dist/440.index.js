export const id = 440;
export const ids = [440];
export const modules = {

/***/ 3440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dockerContainer: () => (/* binding */ dockerContainer)
});

// EXTERNAL MODULE: ./src/engine/connect.ts + 1 modules
var connect = __webpack_require__(1941);
// EXTERNAL MODULE: ./src/engine/endpoint.ts
var endpoint = __webpack_require__(605);
// EXTERNAL MODULE: ./src/inputs/names.ts
var inputs_names = __webpack_require__(5585);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(17);
// EXTERNAL MODULE: ./src/engine/docker-client.ts
var docker_client = __webpack_require__(6310);
// EXTERNAL MODULE: ./src/node/occupants.ts
var occupants = __webpack_require__(4424);
// EXTERNAL MODULE: ./src/node/owner.ts
var owner = __webpack_require__(1535);
;// CONCATENATED MODULE: ./src/node/removal.ts
/**
 * A node's removal from its engine: everything this run created there, found by the run's label, but
 * what is kept; what sits under the node's names without this action's label is left and reported.
 * This, occupants.ts and the engine client are all that post loads of the docker-container driver.
 */



/**
 * What sits under the node's names without this action's label, for post's warnings: it was used
 * (a volume, as buildx would) or refused (a container), and is never removed.
 */
async function foreignNames(docker, names) {
    const { container, volume } = await (0,occupants/* namesTaken */.E)(docker, names).catch(() => ({}));
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
    const filters = JSON.stringify({ label: [`${owner/* RUN_LABEL */.jQ}=${run}`] });
    // Both lists in one round trip: on a remote engine each one is a network round trip.
    const volumesListed = docker.listVolumes({ filters }).then((answer) => answer.Volumes ?? [], (err) => {
        result.problems.push(`listing the volumes of this run: ${(0,docker_client/* engineMessage */.g4)(err)}`);
        return [];
    });
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
                if ((0,docker_client/* statusCode */.se)(err) !== 404)
                    result.problems.push(`removing container ${name}: ${(0,docker_client/* engineMessage */.g4)(err)}`);
            }
        }));
    }
    catch (err) {
        result.problems.push(`listing the containers of this run: ${(0,docker_client/* engineMessage */.g4)(err)}`);
    }
    // After the containers, which hold them mounted.
    await Promise.all((await volumesListed)
        .filter((v) => !keep.has(v.Name))
        .map(async (v) => {
        try {
            await docker.getVolume(v.Name).remove();
            result.removed.push(`volume ${v.Name}`);
        }
        catch (err) {
            if ((0,docker_client/* statusCode */.se)(err) !== 404)
                result.problems.push(`removing volume ${v.Name}: ${(0,docker_client/* engineMessage */.g4)(err)}`);
        }
    }));
    await removeAdopted(docker, adopted, result);
    return result;
}
/** Adopted volumes carry the earlier run's label: removed by name, when they still carry the builder's owner label. */
async function removeAdopted(docker, adopted, result) {
    await Promise.all(adopted.names.map(async (name) => {
        try {
            const taken = await (0,occupants/* occupant */.o)(docker.getVolume(name).inspect());
            if (taken?.owner !== adopted.builder)
                return;
            await docker.getVolume(name).remove();
            result.removed.push(`volume ${name}`);
        }
        catch (err) {
            if ((0,docker_client/* statusCode */.se)(err) !== 404)
                result.problems.push(`removing volume ${name}: ${(0,docker_client/* engineMessage */.g4)(err)}`);
        }
    }));
}

;// CONCATENATED MODULE: ./src/node/drivers/docker-container.ts
/**
 * The docker-container driver: the node is a BuildKit container with its state volume on a Docker
 * engine, field for field what `docker buildx create --driver docker-container` makes (container-spec.ts),
 * made by builder.ts's engine calls. Setup, the same for every node, is docker-container-setup.ts,
 * loaded when a node is set up; removal is removal.ts, so post loads neither the setup nor its
 * pulls, archives and emulators.
 * Hooks it calls: beforePull (each image it pulls), beforeCreate, beforeStart, afterReady, beforeTearDown.
 */





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
    const names = (0,inputs_names/* nodeNames */.t)(record.run.builder, record.name);
    try {
        const { docker } = await (0,connect/* connect */.Ng)((0,endpoint/* storedAddress */._D)(record.endpoint), Math.min(ctx.timeoutMs, 30000), {
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
                    removeByLabel(docker, record.run.run, keep, { builder: record.run.builder, names: adopted }),
                    foreignNames(docker, names),
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
        report.unreachable = (0,errors/* errorLine */.BP)(err).split('\n')[0];
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
    const names = (0,inputs_names/* nodeNames */.t)(record.run.builder, record.name);
    if (!record.created.some((r) => r.kind === 'container' && r.name === names.container))
        return [];
    try {
        const { docker } = await (0,connect/* connect */.Ng)((0,endpoint/* storedAddress */._D)(record.endpoint), timeoutMs, { answerMs: timeoutMs, engine: record.endpoint });
        // The mark is a file put into the container (an archive, tar-stream): loaded only when cleanup is off.
        await (await Promise.all(/* import() */[__webpack_require__.e(204), __webpack_require__.e(118), __webpack_require__.e(971)]).then(__webpack_require__.bind(__webpack_require__, 8971))).releaseContainer(docker, names);
        return [];
    }
    catch (err) {
        return [`container ${names.container} could not be marked as released (a later run under this name will refuse it): ${(0,errors/* errorLine */.BP)(err)}`];
    }
}
const dockerContainer = {
    name: 'docker-container',
    connect: async (plan, owner, bound) => (await Promise.all(/* import() */[__webpack_require__.e(204), __webpack_require__.e(118), __webpack_require__.e(971), __webpack_require__.e(531), __webpack_require__.e(254)]).then(__webpack_require__.bind(__webpack_require__, 5254))).connectNode(plan, owner, bound),
    storeEntry,
    tearDown,
    release,
};


/***/ }),

/***/ 4424:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ namesTaken),
/* harmony export */   o: () => (/* binding */ occupant)
/* harmony export */ });
/* harmony import */ var _engine_docker_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6310);
/* harmony import */ var _owner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1535);
/**
 * What sits under a node's names on its engine, and whose it is by the owner labels: looked up before
 * the setup (a name taken by another run, or by something that is not this action's) and by the
 * removal (what is not ours stays). Only reads.
 */


async function occupant(inspect) {
    try {
        const info = await inspect;
        const labels = info.Labels ?? info.Config?.Labels ?? {};
        return { owner: labels[_owner_js__WEBPACK_IMPORTED_MODULE_1__/* .OWNER_LABEL */ .pk] ?? null, run: labels[_owner_js__WEBPACK_IMPORTED_MODULE_1__/* .RUN_LABEL */ .jQ], job: labels[_owner_js__WEBPACK_IMPORTED_MODULE_1__/* .JOB_LABEL */ .pM], running: !!info.State?.Running };
    }
    catch (err) {
        if ((0,_engine_docker_client_js__WEBPACK_IMPORTED_MODULE_0__/* .statusCode */ .se)(err) === 404)
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

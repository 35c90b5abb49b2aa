export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _buildx_buildx_store_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6330);
/* harmony import */ var _engine_docker_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9610);
/* harmony import */ var _inputs_names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5585);
/* harmony import */ var _node_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6940);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2462);
/* harmony import */ var _step_cancel_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3930);
/* harmony import */ var _step_summary_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6962);
/**
 * The post step, main's reverse: every node torn down in parallel (node 0's state saved first with
 * keep-state), the buildx store entry removed (or kept for the nodes left), then cache-image's
 * images, the builder alias and a downloaded buildx; one summary section says what it did. It never
 * fails the job: every problem is a warning. It loads only what its state says it needs.
 */







async function post(host) {
    const state = (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .loadState */ .C)(host);
    const rows = [];
    const nodes = state?.nodes ?? [];
    if (!state?.builder || nodes.length === 0) {
        // Main never reached an engine: nothing there is ours, only the context it may have written.
        if (state?.temporaryContext)
            (0,_engine_docker_context_js__WEBPACK_IMPORTED_MODULE_1__/* .removeContext */ .wr)(state.temporaryContext);
        host.info('no builder was created: nothing to clean up');
    }
    else if (!state.cleanup) {
        host.info(`cleanup is off: builder ${state.builder} (${(0,_inputs_names_js__WEBPACK_IMPORTED_MODULE_2__/* .nodeNames */ .t)(state.builder).container}) stays`);
        rows.push(['Builder', `\`${state.builder}\` kept (cleanup is off)`]);
        const { driverFor } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8328));
        for (const record of nodes)
            for (const p of (await (await driverFor(record.driver)).release?.(record, 30000)) ?? [])
                host.warning(p);
    }
    else {
        // One removal: a SIGINT/SIGTERM arriving meanwhile waits for it instead of cutting it short
        // (exiting half-way would leave the volume and the buildx entry behind).
        const removal = (async () => {
            const hooks = await node0Hooks(state, host, rows);
            const reports = await (0,_node_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .tearDownNodes */ .g2)(nodes, (_, i) => (i === 0 ? hooks : {}));
            afterTearDown(state, state.builder, reports, rows, host);
        })();
        const cancelled = (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .onCancel */ .Ao)(() => removal);
        try {
            await removal;
        }
        finally {
            cancelled();
        }
    }
    if (state?.cachedImages?.length && nodes[0])
        await (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(540), __webpack_require__.e(204), __webpack_require__.e(118), __webpack_require__.e(648), __webpack_require__.e(376), __webpack_require__.e(514)]).then(__webpack_require__.bind(__webpack_require__, 4514))).saveImages(state.cachedImages, nodes[0].endpoint, host);
    if (state?.builderAlias)
        rows.push(['buildx', (await __webpack_require__.e(/* import() */ 670).then(__webpack_require__.bind(__webpack_require__, 8670))).undoAlias(state.builderAlias, host)]);
    if (state?.buildxBinary)
        await (await Promise.all(/* import() */[__webpack_require__.e(648), __webpack_require__.e(88), __webpack_require__.e(805), __webpack_require__.e(192)]).then(__webpack_require__.bind(__webpack_require__, 9192))).saveBinary(state.buildxBinary, (l) => host.info(l), (l) => host.warning(l));
    if (rows.length > 0)
        await host.summary((0,_step_summary_js__WEBPACK_IMPORTED_MODULE_6__/* .summarySection */ .Gd)('setup-buildkit post', rows));
}
/** Node 0's hooks: its BuildKit log with debug, then keep-state's save. Loaded only when asked for. */
async function node0Hooks(state, host, rows) {
    const save = state.keptState
        ? (await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(540), __webpack_require__.e(204), __webpack_require__.e(118), __webpack_require__.e(648), __webpack_require__.e(790), __webpack_require__.e(989)]).then(__webpack_require__.bind(__webpack_require__, 790))).saveHooks(state.keptState, host.input('job-status'), host, (l) => rows.push(['State', l]))
        : {};
    if (!state.debug)
        return save;
    return {
        beforeTearDown: async (at, record) => {
            const { logTail } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(540), __webpack_require__.e(204), __webpack_require__.e(118), __webpack_require__.e(835)]).then(__webpack_require__.bind(__webpack_require__, 3620));
            host.info(`BuildKit log of ${at.names.container}:\n${await logTail(at.docker.getContainer(at.names.container), 500)}`);
            await save.beforeTearDown?.(at, record);
        },
    };
}
/**
 * The store entry and the temporary context after the nodes, and post's lines: a node whose engine
 * did not answer stays in the buildx entry, so that `docker buildx rm` can finish the job.
 */
function afterTearDown(state, builder, reports, rows, host) {
    const left = reports.filter((r) => r.unreachable).map((r) => r.name);
    const [node0, ...others] = reports;
    for (const [i, r] of reports.entries())
        for (const p of (0,_node_lifecycle_js__WEBPACK_IMPORTED_MODULE_3__/* .reportProblems */ .Tw)({ ...r, unreachable: undefined }, i))
            host.warning(p);
    const removed = [...node0.removed];
    if (state.storeDir && left.length > 0) {
        (0,_buildx_buildx_store_js__WEBPACK_IMPORTED_MODULE_0__/* .keepOnlyNodes */ .hH)(state.storeDir, builder, left);
        if (!node0.unreachable)
            removed.push(`buildx entry but for ${left.join(', ')}`);
    }
    else if (state.storeDir) {
        (0,_buildx_buildx_store_js__WEBPACK_IMPORTED_MODULE_0__/* .removeBuilder */ .iq)(state.storeDir, builder, state.previousCurrent);
        removed.push('buildx entry');
    }
    // After the node: buildx could not reach the node of an entry whose context had gone.
    if (state.temporaryContext && !node0.unreachable) {
        (0,_engine_docker_context_js__WEBPACK_IMPORTED_MODULE_1__/* .removeContext */ .wr)(state.temporaryContext);
        removed.push(`docker context ${state.temporaryContext}`);
    }
    if (node0.unreachable) {
        host.warning(`could not remove builder ${builder}: ${node0.unreachable}; remove it later with docker buildx rm ${builder}`);
        rows.unshift(['Builder', `\`${builder}\` not removed: ${node0.unreachable}`]);
    }
    else if (removed.length === 0) {
        // After main refused a name it does not own, nothing here is this action's to remove.
        host.info(`builder ${builder}: nothing was removed (main created none of it)`);
        rows.unshift(['Builder', `\`${builder}\`: nothing to remove (main created none of it)`]);
    }
    else {
        host.info(`builder ${builder} removed`);
        rows.unshift(['Builder', `\`${builder}\` removed (${removed.join(', ')})`]);
    }
    for (const node of others)
        rows.push(nodeLine(builder, node, host));
}
/** An appended node's removal, as a log line or warning and a summary row. */
function nodeLine(builder, node, host) {
    if (node.unreachable) {
        host.warning(`node ${node.name} (${node.endpoint}) not removed: ${node.unreachable}; it stays in the buildx entry: remove it later with docker buildx rm ${builder}`);
        return [
            'Node',
            `\`${node.name}\` (\`${node.endpoint}\`) not removed: ${node.unreachable}; \`docker buildx rm ${builder}\` finishes the job`,
        ];
    }
    const removed = [...node.removed, ...node.kept];
    host.info(`node ${node.name} (${node.endpoint}): removed ${removed.join(', ') || 'nothing (main created none of it)'}`);
    return ['Node', `\`${node.name}\` (\`${node.endpoint}\`): removed ${removed.join(', ') || 'nothing'}`];
}


/***/ })

};

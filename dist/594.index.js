export const id = 594;
export const ids = [594];
export const modules = {

/***/ 8594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   docker: () => (/* binding */ docker)
/* harmony export */ });
/* harmony import */ var _engine_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1941);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(17);
/* harmony import */ var _buildkit_status_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4311);
/**
 * The docker driver: the node is the engine's own BuildKit, the builder the docker context's (named as
 * the context, `default` on most runners), as buildx's driver/docker uses it. Nothing is created and
 * nothing is removed: no store entry either (buildx lists a context's builder by itself). setUp asks
 * that BuildKit for its workers over the engine's `/grpc` endpoint (h2c), the connection buildx uses,
 * for the platforms and labels the outputs report; the version is BuildKit's own (Info), or the
 * engine's release where its BuildKit predates Info (Docker 20.10; buildx shows a version from a table
 * of engine releases there, this action the release itself). Hooks: none.
 */



async function connectNode(plan, owner, bound) {
    const { docker } = await (0,_engine_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)(plan.engine, bound.connectMs, {
        answerMs: bound.requestMs,
        signal: bound.signal,
        engine: plan.engine.endpoint,
    });
    const record = {
        name: plan.names.builder,
        driver: 'docker',
        endpoint: plan.engine.endpoint,
        host: plan.engine.host,
        run: owner,
        created: [],
    };
    const setUp = (ctx) => ctx.phases.time('readiness', () => ctx.progress.step("asking the engine's BuildKit for its workers", () => engineBuildkit(docker, plan)));
    return { record, setUp };
}
async function engineBuildkit(docker, plan) {
    try {
        return await (0,_buildkit_status_js__WEBPACK_IMPORTED_MODULE_2__/* .buildkitStatus */ .v)(() => docker.buildkitStream(), 'docker', async () => `${(await docker.version()).Version ?? 'unknown'} (the engine's release)`);
    }
    catch (err) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`the BuildKit of the Docker engine at ${plan.engine.endpoint} did not answer: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorLine */ .BP)(err)}`);
    }
}
const docker = {
    name: 'docker',
    connect: connectNode,
    storeEntry: (plan) => ({ name: plan.names.builder, endpoint: plan.engine.endpoint, platforms: [], driverOpts: {}, flags: [], files: {} }),
    tearDown: (record) => Promise.resolve({ name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] }),
};


/***/ })

};

export const id = 670;
export const ids = [670];
export const modules = {

/***/ 8670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restoreBuilderAlias: () => (/* binding */ restoreBuilderAlias),
/* harmony export */   setBuilderAlias: () => (/* binding */ setBuilderAlias),
/* harmony export */   undoAlias: () => (/* binding */ undoAlias)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _engine_credentials_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3656);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(17);
/**
 * `install: true`: what `docker buildx install` does, the docker CLI's `builder` alias set to buildx
 * in its config.json, so that `docker build` runs `docker buildx build` on the current builder; the
 * post step puts back what was there (`docker buildx uninstall`). The rest of config.json is kept.
 */




function readConfig(file) {
    let text;
    try {
        text = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return {};
        throw err;
    }
    return text.trim() === '' ? {} : JSON.parse(text);
}
/** As the docker CLI writes it: mode 0600, through a temporary file and a rename. */
function writeConfig(file, config) {
    node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(tmp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
    node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync(tmp, file);
}
function setBuilderAlias(env = process.env) {
    const configFile = node_path__WEBPACK_IMPORTED_MODULE_1__.join((0,_engine_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .dockerConfigDir */ .kG)(env), 'config.json');
    let config;
    try {
        config = readConfig(configFile);
    }
    catch (err) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`install: the docker CLI config ${configFile} cannot be read: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err)}`);
    }
    const previous = config.aliases?.builder ?? null;
    if (previous !== 'buildx')
        writeConfig(configFile, { ...config, aliases: { ...config.aliases, builder: 'buildx' } });
    return { configFile, previous };
}
/** Puts the alias back as it was, unless someone changed it since. Returns what it did, for the log. */
function restoreBuilderAlias(alias) {
    const config = readConfig(alias.configFile);
    if (alias.previous === 'buildx' || config.aliases?.builder !== 'buildx')
        return 'docker build is left as it is';
    const aliases = { ...config.aliases };
    if (alias.previous === null)
        delete aliases.builder;
    else
        aliases.builder = alias.previous;
    const next = { ...config, aliases };
    // As the docker CLI saves it: no empty "aliases" object.
    if (Object.keys(aliases).length === 0)
        delete next.aliases;
    writeConfig(alias.configFile, next);
    return alias.previous === null ? 'docker build is the docker CLI builder again' : `docker build uses ${alias.previous} again`;
}
/** post, install: the docker CLI's builder alias as it was before main; problems are warnings. Returns post's summary line. */
function undoAlias(alias, host) {
    try {
        const done = restoreBuilderAlias(alias);
        host.info(`install: ${done}`);
        return done;
    }
    catch (err) {
        host.warning(`install: the builder alias in ${alias.configFile} was not undone: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err)}`);
        return `builder alias not undone: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorLine */ .BP)(err)}`;
    }
}


/***/ })

};

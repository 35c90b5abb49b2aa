export const id = 531;
export const ids = [531];
export const modules = {

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
/* harmony import */ var _engine_docker_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3620);
/* harmony import */ var _engine_docker_client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6310);
/* harmony import */ var _inputs_values_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2000);
/* harmony import */ var _step_cancel_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3930);
/* harmony import */ var _step_progress_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5751);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(17);
/* harmony import */ var _util_platforms_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(4956);
/* harmony import */ var _builder_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8971);
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
    const items = (0,_inputs_values_js__WEBPACK_IMPORTED_MODULE_5__/* .listInput */ .dt)(values.platforms);
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
        return (0,_inputs_values_js__WEBPACK_IMPORTED_MODULE_5__/* .parseBool */ .q6)('qemu', value, false);
    }
    catch {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz('qemu', value, 'true, false or auto');
    }
}
function qemuArch(item) {
    const p = (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .parsePlatform */ .FL)(item);
    if (!p || p.os !== 'linux' || !(p.architecture in QEMU_BINARIES))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz('qemu-platforms', item, ACCEPTED);
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
    const runnable = new Set(report.supported.map((p) => (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .parsePlatform */ .FL)(p)?.architecture));
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
    const native = (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .parsePlatform */ .FL)(report.supported[0] ?? '')?.architecture ?? '';
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
    return report.supported.filter((p) => emulates(report.emulators, (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .parsePlatform */ .FL)(p)?.architecture ?? ''));
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
    const progress = new _step_progress_js__WEBPACK_IMPORTED_MODULE_7__/* .Progress */ .k(opts.log, opts.progressId ?? 2, '[internal] installing emulators');
    let registered;
    const registering = new Promise((resolve) => (registered = resolve));
    const result = install(docker, qemu, opts, progress, registered)
        .then((installed) => {
        progress.done();
        return installed;
    }, (err) => {
        progress.error((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorLine */ .BP)(err));
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
            await (0,_builder_js__WEBPACK_IMPORTED_MODULE_10__.ensureImage)(docker, qemu.image, opts.pullPolicy, progress, opts.mirrors);
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
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`qemu-image ${qemu.image} cannot install ${refused.join(', ')}: it answered "${attempts.get(refused[0])}" (${DEFAULT_QEMU_IMAGE}, the default, installs ${Object.keys(QEMU_BINARIES).join(', ')})`);
    }
    if (missing.length > 0) {
        const reasons = missing.map((arch) => `${arch} (${attempts.get(arch) ?? 'not attempted'})`);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`QEMU emulators missing after running ${qemu.image} --install ${what}: ${reasons.join(', ')}`);
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
    const seen = new Set(workerPlatforms.map((p) => (0,_util_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .parsePlatform */ .FL)(p)?.architecture));
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
        container = await (0,_step_cancel_js__WEBPACK_IMPORTED_MODULE_6__/* .creatingCall */ .Cd)(docker.createContainer({
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
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(noReport(image, args, text.stderr));
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
    const message = (0,_engine_docker_client_js__WEBPACK_IMPORTED_MODULE_4__/* .engineMessage */ .g4)(err);
    if (/privilege/i.test(message)) {
        return new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`the Docker engine refuses privileged containers, which registering QEMU emulators needs (rootless or user-namespaced engines cannot); ${message}`);
    }
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`running ${image} failed: ${message}`);
}


/***/ })

};

/**
 * QEMU emulators for multi-platform builds, registered in the engine's kernel (binfmt_misc) by the
 * tonistiigi/binfmt installer, run privileged through dockerode, as docker/setup-qemu-action runs it.
 * The installer logs on stderr, prints a JSON report on stdout and exits 0 even when a registration
 * failed, so success is decided from the report alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';

import type Docker from 'dockerode';

import { isLocalEngine } from '../engine/docker.js';
import { type DockerClient, engineMessage } from '../engine/docker-client.js';
import { listInput, parseBool, type PullPolicy } from '../inputs/values.js';
import { creatingCall } from '../step/cancel.js';
import { Progress } from '../step/progress.js';
import { errorLine, InputError, UserError } from '../util/errors.js';
import { parsePlatform, type Platform } from '../util/platforms.js';
import { ensureImage } from './builder.js';
import type { EmulatorsResult } from './status.js';

/**
 * The newest release (deploy/v10.2.3-68, QEMU 10.2.3), pinned: `latest` moves when the maintainers
 * choose and has shipped builds that segfault on the runners' kernels (tonistiigi/binfmt#197, #240),
 * and the QEMU 7.0 build users pinned to get away from them crashes there too since the runners'
 * kernels changed (#215, #240); QEMU 9.2.2 and later carry the fix. docs/decisions.md.
 */
export const DEFAULT_QEMU_IMAGE = 'tonistiigi/binfmt:qemu-v10.2.3-68';

/**
 * The architectures the default image's installer can register (its cmd/binfmt/config.go), with the
 * suffix of their interpreter (`qemu-aarch64`). Other images may have fewer: releases before
 * deploy/v8.1.5-45 (January 2025) have no loong64, and refuse it with "unsupported architecture".
 */
const QEMU_BINARIES: Record<string, string> = {
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

export interface QemuInputs {
  image: string;
  /** Architectures to emulate, or every one the image carries. */
  targets: 'all' | string[];
}

/**
 * The qemu inputs, or undefined when emulation is off. Without `qemu-platforms`, the declared
 * `platforms` the installer can emulate are the targets; the ones the kernel already runs (natively
 * or through an emulator) are dropped later, against what it reports. With nothing declared,
 * `qemu: true` emulates all, `qemu: auto` nothing.
 */
export function parseQemuInputs(values: { qemu: string; platforms: string; image: string }, declared: Platform[]): QemuInputs | undefined {
  const mode = qemuMode(values.qemu);
  const items = listInput(values.platforms);
  const targets = items.includes('all') ? 'all' : dedupe(items.map(qemuArch));
  if (!mode) return undefined;
  const image = values.image || DEFAULT_QEMU_IMAGE;
  if (items.length > 0) return { image, targets };
  if (declared.length === 0) return mode === 'auto' ? undefined : { image, targets: 'all' };
  return { image, targets: dedupe(declared.filter((p) => p.os === 'linux' && p.architecture in QEMU_BINARIES).map((p) => p.architecture)) };
}

function qemuMode(value: string): boolean | 'auto' {
  if (value === 'auto') return 'auto';
  try {
    return parseBool('qemu', value, false);
  } catch {
    throw new InputError('qemu', value, 'true, false or auto');
  }
}

function qemuArch(item: string): string {
  const p = parsePlatform(item);
  if (!p || p.os !== 'linux' || !(p.architecture in QEMU_BINARIES)) throw new InputError('qemu-platforms', item, ACCEPTED);
  return p.architecture;
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}

/** The installer's JSON report. */
export interface BinfmtReport {
  /** Platforms the kernel runs, natively or emulated: ["linux/amd64", "linux/arm64", ...]. */
  supported: string[];
  /** Enabled binfmt_misc entries: ["qemu-aarch64", ...]. */
  emulators: string[];
}

export function parseReport(stdout: string): BinfmtReport | undefined {
  try {
    const json = JSON.parse(stdout) as { supported?: string[] | null; emulators?: string[] | null };
    return Array.isArray(json.supported) ? { supported: json.supported, emulators: json.emulators ?? [] } : undefined;
  } catch {
    return undefined;
  }
}

/** The installer's verdict per architecture, from its `installing: <arch> <OK|error>` log lines. */
export function installLog(stderr: string): Map<string, string> {
  const results = new Map<string, string>();
  for (const m of stderr.matchAll(/^installing: (\S+) (.*)$/gm)) results.set(m[1], m[2]);
  return results;
}

/** The architectures of `wanted` the kernel cannot run yet (natively or through an emulator). */
export function missingArchs(wanted: string[], report: BinfmtReport): string[] {
  const runnable = new Set(report.supported.map((p) => parsePlatform(p)?.architecture));
  return wanted.filter((arch) => !runnable.has(arch));
}

/**
 * The 32-bit architecture a kernel of this one may run without an emulator: BuildKit's archutil
 * (which the installer's report comes from) lists linux/386 on amd64 and linux/arm/v7 and v6 on arm64
 * when a probe program of theirs runs. Whether it does depends on the kernel's build and the CPU
 * (arm64 CPUs without AArch32), so only running a program tells.
 */
const COMPAT_ARCH: Record<string, string> = { amd64: '386', arm64: 'arm' };

/**
 * Whether a report read from binfmt_misc alone (hostReport) says what of `wanted` the kernel runs:
 * not when the 32-bit architecture the native one may run natively is wanted and not emulated; then
 * the installer's report, which runs BuildKit's probes, decides.
 */
export function decidable(report: BinfmtReport, wanted: string[]): boolean {
  const native = parsePlatform(report.supported[0] ?? '')?.architecture ?? '';
  const compat = COMPAT_ARCH[native];
  return compat === undefined || !wanted.includes(compat) || emulates(report.emulators, compat);
}

/** Whether one of the enabled binfmt_misc entries runs `arch` through QEMU. */
function emulates(emulators: string[], arch: string): boolean {
  const suffix = QEMU_BINARIES[arch];
  return suffix !== undefined && emulators.some((e) => e === `qemu-${suffix}` || e.endsWith(`-${suffix}`));
}

/** The platforms the kernel runs through an enabled QEMU entry (not the native ones). */
export function emulatedPlatforms(report: BinfmtReport): string[] {
  return report.supported.filter((p) => emulates(report.emulators, parsePlatform(p)?.architecture ?? ''));
}

/** Node's name for this machine's architecture, as an OCI architecture. */
const NODE_ARCH: Record<string, string> = {
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
export function hostReport(localEngine: boolean, dir = '/proc/sys/fs/binfmt_misc'): BinfmtReport | undefined {
  const native = NODE_ARCH[process.arch];
  if (process.platform !== 'linux' || !native || !localEngine) return undefined;
  let entries: string[];
  try {
    if (!fs.existsSync(path.join(dir, 'status'))) return undefined;
    entries = fs.readdirSync(dir).filter((e) => e !== 'register' && e !== 'status');
  } catch {
    return undefined;
  }
  const emulators = entries.filter((e) => {
    try {
      return fs.readFileSync(path.join(dir, e), 'utf8').startsWith('enabled');
    } catch {
      return false;
    }
  });
  const emulated = Object.keys(QEMU_BINARIES)
    .filter((arch) => arch !== native && emulates(emulators, arch))
    .map((arch) => `linux/${arch}`);
  return { supported: [`linux/${native}`, ...emulated], emulators };
}

export interface InstallOptions {
  pullPolicy: PullPolicy;
  mirrors?: string[];
  /** The run's owner labels (see ownerLabels): the installer is found and removed by them. */
  labels: Record<string, string>;
  /** Called once an installer container exists, before anything relies on it (see SetUpContext.record). */
  onCreated?(id: string): void;
  log(line: string): void;
  /** The progress lines' number (2 unless another node's install runs too). */
  progressId?: number;
  /** Runs before the installer image is pulled (cache-image loads a cached copy). */
  beforePull?(image: string): Promise<void>;
}

/** An install under way, in two stages: BuildKit may start at the first, the step ends after the second. */
export interface EmulatorsInstall {
  /**
   * Settles when nothing is left to register, or once the installer's start has been sent to the
   * engine. A BuildKit started from then on is started alongside the installer: the installer's
   * container has no network to set up and registers within milliseconds of starting, while BuildKit
   * detects its platforms only after its network and its own start-up, so the registration lands
   * first (main checks that it did, see unseenEmulators). Settles on failure too; the failure itself
   * comes through `result`.
   */
  registering: Promise<void>;
  result: Promise<EmulatorsResult>;
}

/**
 * Makes the targets runnable: reads what is registered, installs only what is missing (never an
 * architecture the kernel runs natively, which is never missing), and checks the installer's report
 * afterwards. The installer's image is pulled only when the installer has to run.
 */
export function installEmulators(docker: DockerClient, qemu: QemuInputs, opts: InstallOptions): EmulatorsInstall {
  const progress = new Progress(opts.log, opts.progressId ?? 2, '[internal] installing emulators');
  let registered!: () => void;
  const registering = new Promise<void>((resolve) => (registered = resolve));
  const result = install(docker, qemu, opts, progress, registered)
    .then(
      (installed) => {
        progress.done();
        return installed;
      },
      (err: unknown) => {
        progress.error(errorLine(err));
        throw err;
      },
    )
    .finally(registered);
  return { registering, result };
}

async function install(
  docker: DockerClient,
  qemu: QemuInputs,
  opts: InstallOptions,
  progress: Progress,
  onInstallerStart: () => void,
): Promise<EmulatorsResult> {
  let pulled: Promise<void> | undefined;
  const run = async (step: string, args: string[], onStart?: () => void) => {
    await (pulled ??= (async () => {
      await opts.beforePull?.(qemu.image);
      await ensureImage(docker, qemu.image, opts.pullPolicy, progress, opts.mirrors);
    })());
    return progress.step(step, () => runInstaller(docker, qemu.image, args, opts, onStart));
  };

  let toInstall: string[] | 'all' = 'all';
  if (qemu.targets !== 'all') {
    const host = hostReport(isLocalEngine(docker));
    const registered = host && decidable(host, qemu.targets) ? host : (await run('reading registered emulators', [])).report;
    toInstall = missingArchs(qemu.targets, registered);
    if (toInstall.length === 0) {
      const platforms = emulatedPlatforms(registered);
      progress.note(
        `nothing to install: ${qemu.targets.join(', ')} already runnable${platforms.length ? ` (emulated: ${platforms.join(', ')})` : ''}`,
      );
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
    throw new UserError(
      `qemu-image ${qemu.image} cannot install ${refused.join(', ')}: it answered "${attempts.get(refused[0])}" (${DEFAULT_QEMU_IMAGE}, the default, installs ${Object.keys(QEMU_BINARIES).join(', ')})`,
    );
  }
  if (missing.length > 0) {
    const reasons = missing.map((arch) => `${arch} (${attempts.get(arch) ?? 'not attempted'})`);
    throw new UserError(`QEMU emulators missing after running ${qemu.image} --install ${what}: ${reasons.join(', ')}`);
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
export function unseenEmulators(workerPlatforms: string[], installed: string[]): string[] {
  const seen = new Set(workerPlatforms.map((p) => parsePlatform(p)?.architecture));
  return installed.filter((arch) => !seen.has(arch));
}

interface InstallerRun {
  report: BinfmtReport;
  stderr: string;
}

/**
 * Runs the installer to its end in a privileged container (it writes to the kernel's binfmt_misc),
 * with no network (it needs none, and attaching one is the slow part of starting a container), removed
 * by the engine on exit; the output comes through attach, opened before start so none is lost.
 * `onStart` is called as soon as the start has been asked for.
 */
async function runInstaller(
  docker: DockerClient,
  image: string,
  args: string[],
  opts: Pick<InstallOptions, 'labels' | 'onCreated'>,
  onStart?: () => void,
): Promise<InstallerRun> {
  let container: Docker.Container;
  try {
    container = await creatingCall(
      docker.createContainer({
        Image: image,
        Cmd: args,
        Labels: opts.labels,
        HostConfig: { Privileged: true, AutoRemove: true, NetworkMode: 'none' },
      }),
    );
  } catch (err) {
    throw runFailure(image, err);
  }
  opts.onCreated?.(container.id);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out = new PassThrough().on('data', (c: Buffer) => stdout.push(c));
    const err = new PassThrough().on('data', (c: Buffer) => stderr.push(c));
    container.modem.demuxStream(stream, out, err);
    const ended = new Promise<void>((resolve, reject) => stream.on('end', resolve).on('close', resolve).on('error', reject));
    // Asked before start: "removed" returns once the engine has removed the container.
    const removed = container.wait({ condition: 'removed' });
    // Awaited below; this only keeps a failed start (an abort) from leaving these rejections unhandled.
    removed.catch(() => undefined);
    ended.catch(() => undefined);
    const started = container.start();
    onStart?.();
    await started;
    await Promise.all([ended, removed]);
  } catch (err) {
    // A container that never started is not removed by the engine; nor is the anonymous volume the
    // installer image's VOLUME gave it.
    await container.remove({ force: true, v: true }).catch(() => undefined);
    throw runFailure(image, err);
  }
  const text = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
  const report = parseReport(text.stdout);
  if (!report) throw new UserError(noReport(image, args, text.stderr));
  return { report, stderr: text.stderr };
}

/** The installer printed no report: it stopped before it could read binfmt_misc. */
export function noReport(image: string, args: string[], stderr: string): string {
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
export function installerError(stderr: string): string | undefined {
  const lines = stderr.split('\n');
  let start = lines.length - 1;
  while (start >= 0 && !lines[start].startsWith('error: ')) start--;
  if (start < 0) return undefined;
  const messages = [lines[start].slice('error: '.length)];
  for (let i = start + 1; i < lines.length && lines[i].trim() !== '' && !lines[i + 1]?.startsWith('\t'); i++) messages.push(lines[i]);
  return messages.reverse().join(': ');
}

/** An engine error running the installer, said plainly when it is the privileged mode being refused. */
export function runFailure(image: string, err: unknown): UserError {
  const message = engineMessage(err);
  if (/privilege/i.test(message)) {
    return new UserError(
      `the Docker engine refuses privileged containers, which registering QEMU emulators needs (rootless or user-namespaced engines cannot); ${message}`,
    );
  }
  return new UserError(`running ${image} failed: ${message}`);
}

/**
 * Which buildx the job gets, decided from the runner's files before anything is created: the one
 * already there (the docker CLI plugin, or a standalone `buildx` on PATH where there is no docker
 * CLI), else a release installed through buildx-install.ts, `buildx-version` when given, else the
 * release this action pins. As setup-buildx-action does, a runner without the docker CLI gets
 * `buildx` on PATH as a standalone binary, which is where docker/build-push-action looks for it then.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as exec from '@actions/exec';

import { dockerConfigDir } from '../engine/credentials.js';
import type { BuildxInputs } from '../inputs/read.js';
import { InputError } from '../util/errors.js';
import type { InstalledBuildx } from './buildx-install.js';

/**
 * The release installed on a runner without buildx when `buildx-version` is empty. A pin, not
 * `latest`: the step then needs no GitHub API call (rate-limited without a token) and gives the same
 * buildx on every run; it moves with this action's releases. The harness builds the same release.
 */
export const PINNED_BUILDX = 'v0.38.2';

const PLUGIN_DIRS = [
  '/usr/local/lib/docker/cli-plugins',
  '/usr/local/libexec/docker/cli-plugins',
  '/usr/lib/docker/cli-plugins',
  '/usr/libexec/docker/cli-plugins',
];

/** An executable named `name` in one of PATH's directories, as a shell would find it. */
export function onPath(name: string, env = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** The docker CLI plugin, where the docker CLI looks for it (the user's directory first). */
function findPlugin(env: NodeJS.ProcessEnv): string | undefined {
  return [path.join(dockerConfigDir(env), 'cli-plugins'), ...PLUGIN_DIRS]
    .map((dir) => path.join(dir, 'docker-buildx'))
    .find((file) => fs.existsSync(file));
}

export interface BuildxPlan {
  /** The docker CLI is on PATH; without it buildx goes on PATH as a standalone `buildx`. */
  dockerCli: boolean;
  /** The buildx already on the runner, usable as the job will use it. */
  found?: string;
  /** The release to install (buildx-version, or PINNED_BUILDX when there is none on the runner). */
  install?: string;
}

/**
 * The plan, and every reason to refuse it, before anything is created. `install` makes `docker build`
 * run buildx through the docker CLI's config: without the docker CLI there is nothing to alias.
 */
export function planBuildx(inputs: BuildxInputs, env = process.env): BuildxPlan {
  const dockerCli = onPath('docker', env) !== undefined;
  if (inputs.install && !dockerCli)
    throw new InputError(
      'install',
      'true',
      'false on a runner without the docker CLI (docker is not on PATH): install makes `docker build` run buildx, which needs the docker CLI; buildx is put on PATH as a standalone binary anyway',
    );
  const found = dockerCli ? findPlugin(env) : (onPath('buildx', env) ?? findPlugin(env));
  if (inputs.version) return { dockerCli, found, install: inputs.version };
  return found ? { dockerCli, found } : { dockerCli, install: PINNED_BUILDX };
}

/** The buildx release a binary reports in its plugin metadata (standalone binaries answer it too). */
async function versionOf(binary: string): Promise<string | undefined> {
  const out = await exec.getExecOutput(binary, ['docker-cli-plugin-metadata'], { silent: true, ignoreReturnCode: true });
  try {
    return (JSON.parse(out.stdout) as { Version?: string }).Version;
  } catch {
    return undefined;
  }
}

export interface BuildxSetup {
  /** The release the job's buildx is, undefined when it cannot tell. */
  version: Promise<string | undefined>;
  /** What this step installed, when it installed one. */
  installed: Promise<InstalledBuildx | undefined>;
}

/**
 * Puts `binary` on PATH as `buildx` for the later steps: a directory of its own (under RUNNER_TEMP,
 * which the runner empties after the job) holding a hard link to it, or a copy across filesystems.
 */
function installStandalone(binary: string, addPath: (dir: string) => void, log: (line: string) => void, env: NodeJS.ProcessEnv): void {
  const dir = fs.mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'setup-buildkit-buildx-'));
  const file = path.join(dir, 'buildx');
  try {
    fs.linkSync(binary, file);
  } catch {
    fs.copyFileSync(binary, file);
  }
  fs.chmodSync(file, 0o755);
  addPath(dir);
  log(`buildx: no docker CLI on this runner; ${file} is on PATH for the later steps`);
}

/**
 * Carries the plan out: installs (buildx-install.ts, loaded only then) or reads the version of the
 * buildx found. Without the docker CLI the binary goes on PATH as `buildx`, a found plugin as well as
 * an installed release.
 */
export function setUpBuildx(
  plan: BuildxPlan,
  inputs: BuildxInputs,
  log: (line: string) => void,
  addPath: (dir: string) => void,
  env = process.env,
): BuildxSetup {
  const standalone = (binary: string) => {
    if (!plan.dockerCli && path.basename(binary) !== 'buildx') installStandalone(binary, addPath, log, env);
  };
  if (plan.install === undefined) {
    const found = plan.found!;
    const version = Promise.resolve().then(async () => {
      standalone(found);
      return versionOf(found).catch(() => undefined);
    });
    return { installed: version.then(() => undefined), version };
  }
  const version = plan.install;
  if (!inputs.version) log(`buildx: none on this runner; installing ${version}, the release this action pins`);
  const installed = import('./buildx-install.js').then(async (m) => {
    const got = await m.installBuildx({ ...inputs, version }, log, env);
    standalone(got.plugin);
    return got;
  });
  return { installed, version: installed.then((b) => b.tag) };
}

/**
 * All inputs, read and validated before anything is created. Every bad value is an InputError.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

import { buildxDir } from '../engine/credentials.js';
import { currentContextName, DEFAULT_CONTEXT } from '../engine/docker-context.js';
import { currentEndpoint, type EngineAddress, resolveEndpoint } from '../engine/endpoint.js';
import type { Host } from '../step/host.js';
import { InputError, UserError } from '../util/errors.js';
import type { Platform } from '../util/platforms.js';
import { durationMs, ramInBytes } from '../util/units.js';
import { type AppendedNode, parseAppend } from './append.js';
import { type BuildkitdConfig, loadBuildkitdConfig } from './buildkitd-config.js';
import { type DriverOpts, parseDriverOpts } from './driver-opts.js';
import {
  type ContainerInputs,
  dockerBuilderName,
  type Driver,
  noDriverOpts,
  parseDriver,
  parseRemoteOpts,
  refuseContainerInputs,
  remoteEndpoint,
} from './drivers.js';
import { MAX_NODE_NAME, nodeNames } from './names.js';
import { defaultPolicyEnabled, parseBool, parseBuildkitdFlags, parsePlatforms, PULL_POLICIES, type PullPolicy } from './values.js';

const STATE_SAVES = ['on-success', 'always', 'never'] as const;
export type StateSave = (typeof STATE_SAVES)[number];
const STATE_PRUNES = ['unused', 'size'] as const;
export type StatePrune = (typeof STATE_PRUNES)[number];

/** keep-state and its settings (see keep-state/plan.ts). */
export interface KeepStateInputs {
  enabled: boolean;
  /** The cache key's prefix; the compatibility hash and the run follow it. */
  prefix: string;
  /** The budget the build cache is pruned to before it is saved. */
  maxBytes: number;
  save: StateSave;
  /** What is dropped before the save: records this job's builds did not use, or only what exceeds maxBytes. */
  prune: StatePrune;
  /** The builder's name was given: a kept volume can be found again by the next run. */
  fixedName: boolean;
  /** The post step removes the builder (cleanup): with cleanup off, nothing is saved. */
  cleanup: boolean;
  /** This job's leg of a matrix (`state-leg`, by default the leg's matrix values as JSON); '' or `null` outside one. */
  leg: string;
}

/** buildx itself (see buildx-install.ts and builder-alias.ts). */
export interface BuildxInputs {
  /** '' (the installed buildx), 'latest', or a release tag such as v0.38.2. */
  version: string;
  /** Base URL standing in for https://github.com/docker/buildx/releases, without a trailing slash; '' for GitHub. */
  mirror: string;
  /** Keep a downloaded binary in the Actions cache too. */
  cacheBinary: boolean;
  /** Make `docker build` run `docker buildx build` (the docker CLI's builder alias). */
  install: boolean;
}

export interface Inputs {
  name: string;
  /** Node 0's engine: the `endpoint` input, else buildx's current endpoint (DOCKER_HOST or the current context). */
  engine: EngineAddress;
  driver: Driver;
  driverOpts: DriverOpts;
  /** buildkitd's arguments as given (split like a shell), before the entitlement rule. */
  buildkitdFlags: string[];
  /** buildkitd.toml and the registry certificate files it names, rewritten for the container. */
  config?: BuildkitdConfig;
  platforms: Platform[];
  use: boolean;
  cleanup: boolean;
  bootstrapTimeoutMs: number;
  pullPolicy: PullPolicy;
  /** buildx's builder image check is on (BUILDX_DEFAULT_POLICY, read for the docker-container driver only). */
  imagePolicy: boolean;
  keepState: KeepStateInputs;
  cacheImage: boolean;
  buildx: BuildxInputs;
  /** More nodes, on their own engines (the append input). */
  append: AppendedNode[];
}

/** buildx's builder-name rule (`ValidateName`); `default` names the context builder. */
const NAME = /^[a-zA-Z][a-zA-Z0-9._-]*$/;

export function parseName(value: string): string {
  if (value === '') return `builder-${randomBytes(6).toString('hex')}`;
  if (!NAME.test(value) || value === 'default') {
    throw new InputError(
      'name',
      value,
      'a builder name starts with a letter and holds only letters, digits, ".", "-" and "_" ("default" is reserved)',
    );
  }
  // The node is <name>0 and its volume buildx_buildkit_<node>_state, a file name on the engine's disk.
  if (value.length + 1 > MAX_NODE_NAME) {
    throw new InputError(
      'name',
      value,
      `at most ${MAX_NODE_NAME - 1} characters: the engine refuses longer volume names (buildx_buildkit_<name>0_state, 255 at most)`,
    );
  }
  return value;
}

function parseDuration(input: string, value: string, fallbackMs: number): number {
  if (value === '') return fallbackMs;
  const ms = durationMs(value);
  if (ms === undefined || ms <= 0 || !Number.isFinite(ms))
    throw new InputError(input, value, 'a positive duration such as 90, 90s, 2m or 1m30s');
  return ms;
}

/** `cleanup` is the input of that name, read once by readInputs. */
export function parseKeepState(host: Host, cleanup = true): KeepStateInputs {
  const prefix = host.input('state-key') || 'setup-buildkit-state';
  // @actions/cache refuses commas and keys over 512 characters; the rest of the key takes ~100.
  if (prefix.includes(',') || prefix.length > 300 || /\s/.test(prefix)) {
    throw new InputError('state-key', prefix, 'a cache key prefix of at most 300 characters, without commas or spaces');
  }
  const budget = host.input('state-max-size') || '2g';
  const maxBytes = ramInBytes(budget);
  if (!maxBytes || maxBytes < 1e6) throw new InputError('state-max-size', budget, 'a size of at least 1 MB such as 500m, 2g or 10gb');
  const save = host.input('state-save') || 'on-success';
  if (!(STATE_SAVES as readonly string[]).includes(save)) throw new InputError('state-save', save, STATE_SAVES.join(', '));
  const prune = host.input('state-prune') || 'unused';
  if (!(STATE_PRUNES as readonly string[]).includes(prune)) throw new InputError('state-prune', prune, STATE_PRUNES.join(', '));
  return {
    enabled: parseBool('keep-state', host.input('keep-state'), false),
    prefix,
    maxBytes,
    save: save as StateSave,
    prune: prune as StatePrune,
    fixedName: host.input('name') !== '',
    cleanup,
    leg: host.input('state-leg'),
  };
}

const RELEASE_TAG = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/;

export function parseBuildxInputs(host: Host): BuildxInputs {
  const version = host.input('buildx-version');
  if (version !== '' && version !== 'latest' && !RELEASE_TAG.test(version)) {
    throw new InputError('buildx-version', version, 'empty (the installed buildx), latest, or a docker/buildx release such as v0.38.2');
  }
  const mirror = host.input('buildx-mirror').replace(/\/+$/, '');
  if (mirror !== '') {
    let url: URL | undefined;
    try {
      url = new URL(mirror);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
      throw new InputError(
        'buildx-mirror',
        mirror,
        'an http(s) URL standing in for https://github.com/docker/buildx/releases (assets under <url>/download/<tag>/)',
      );
    }
  }
  return {
    version: version === '' || version === 'latest' || version.startsWith('v') ? version : `v${version}`,
    mirror,
    cacheBinary: parseBool('cache-binary', host.input('cache-binary'), true),
    install: parseBool('install', host.input('install'), false),
  };
}

/** What a kubernetes builder cannot take, each refused before anything is created. */
function refuseForKubernetes(host: Host): void {
  const endpoint = host.input('endpoint');
  if (endpoint)
    throw new InputError(
      'endpoint',
      endpoint,
      'none with driver kubernetes (buildx: "kubernetes driver does not support endpoint args"); the kubeconfig names the cluster',
    );
  if (parseBool('keep-state', host.input('keep-state'), false))
    throw new InputError(
      'keep-state',
      host.input('keep-state'),
      'false with driver kubernetes: a kubernetes node keeps its state in a volume claim (driver-opts persistent-volume-claim.requests.storage)',
    );
}

/**
 * Linux only, said once before anything else: the docker-container driver runs BuildKit privileged in
 * a Linux engine, which GitHub's Windows runners cannot run and its macOS runners do not have. The
 * runner's own RUNNER_OS and Node's process.platform both count (a Linux container on another OS is
 * still that OS's runner to the job).
 */
export function refuseUnsupportedRunner(env = process.env, platform: NodeJS.Platform = process.platform): void {
  const runnerOs = env.RUNNER_OS ?? '';
  if (platform === 'linux' && (runnerOs === '' || runnerOs === 'Linux')) return;
  const seen = [...(runnerOs ? [`RUNNER_OS=${runnerOs}`] : []), `process.platform=${platform}`].join(', ');
  throw new UserError(
    `setup-buildkit supports Linux runners only (ubuntu-*, ubuntu-*-arm, or a self-hosted Linux runner with a Docker engine), not this one (${seen}): BuildKit's docker-container builder needs a Linux Docker engine; run the job on a Linux runner`,
  );
}

export function readInputs(host: Host): Inputs {
  refuseUnsupportedRunner();
  const driver = parseDriver(host.input('driver'));
  if (driver === 'kubernetes') refuseForKubernetes(host);
  else if (driver !== 'docker-container') {
    const inputs = [
      'buildkitd-config',
      'buildkitd-config-inline',
      'buildkitd-flags',
      'qemu',
      'keep-state',
      'cache-image',
      'append',
    ] as const;
    refuseContainerInputs(driver, Object.fromEntries(inputs.map((i) => [i, host.input(i)])) as unknown as ContainerInputs);
  }
  const pullPolicy = host.input('pull-policy') || 'always';
  if (!(PULL_POLICIES as readonly string[]).includes(pullPolicy)) throw new InputError('pull-policy', pullPolicy, PULL_POLICIES.join(', '));
  const engine = driverEngine(driver, host.input('endpoint'));
  const given = host.input('endpoint');
  const context = given === '' ? currentContextName() : (engine.context ?? (given === DEFAULT_CONTEXT ? given : undefined));
  const name = driver === 'docker' ? dockerBuilderName(host.input('name'), context) : parseName(host.input('name'));
  // Relative paths resolve against the working directory, as buildx resolves them against its own.
  const config = loadBuildkitdConfig({
    path: host.input('buildkitd-config'),
    inline: host.input('buildkitd-config-inline'),
    cwd: process.cwd(),
  });
  const platforms = parsePlatforms('platforms', host.input('platforms'));
  const optsText = host.input('driver-opts');
  const cleanup = parseBool('cleanup', host.input('cleanup'), true);
  return {
    name,
    engine,
    driver,
    driverOpts:
      driver === 'remote'
        ? parseRemoteOpts(optsText, engine.endpoint, 0, path.join(buildxDir(), 'certs'))
        : driver === 'docker'
          ? noDriverOpts(optsText)
          : parseDriverOpts(optsText, driver),
    buildkitdFlags: driver === 'docker-container' || driver === 'kubernetes' ? parseBuildkitdFlags(host.input('buildkitd-flags')) : [],
    config,
    platforms,
    use: parseBool('use', host.input('use'), true),
    cleanup,
    bootstrapTimeoutMs: parseDuration('bootstrap-timeout', host.input('bootstrap-timeout'), 120000),
    pullPolicy: pullPolicy as PullPolicy,
    imagePolicy: driver === 'docker-container' && defaultPolicyEnabled(process.env),
    keepState: parseKeepState(host, cleanup),
    cacheImage: parseBool('cache-image', host.input('cache-image'), false),
    buildx: parseBuildxInputs(host),
    append: parseAppend(
      host.input('append'),
      { name: nodeNames(name).node, endpoint: engine.endpoint, platforms, config },
      // docker was refused an append above.
      { cwd: process.cwd(), driver: driver === 'docker' ? undefined : driver, certsDir: path.join(buildxDir(), 'certs') },
    ),
  };
}

/**
 * Node 0's address: a Docker engine for docker-container and docker (the endpoint input, else the
 * current one); the daemon's own address for remote (stored by buildx as given, dialled as is).
 */
function driverEngine(driver: Driver, endpoint: string): EngineAddress {
  if (driver !== 'remote') return endpoint ? resolveEndpoint(endpoint, 'endpoint') : currentEndpoint();
  const address = remoteEndpoint(endpoint);
  return { endpoint: address, host: address, source: endpoint ? 'the endpoint input' : 'BUILDKIT_HOST' };
}

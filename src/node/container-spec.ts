/**
 * The builder node's container, as a pure function of the inputs and the engine's facts: field for
 * field what buildx's docker-container driver creates (see shared/reference/buildx-interop.md §2).
 */
import type Docker from 'dockerode';

import type { EngineInfo } from '../engine/docker-client.js';
import type { DriverOpts } from '../inputs/driver-opts.js';
import type { NodeNames } from '../inputs/names.js';
import { DEFAULT_BUILDKIT_IMAGE } from '../inputs/values.js';
import { OWNER_LABEL } from './owner.js';

export const STATE_DIR = '/var/lib/buildkit';
export const CONFIG_PATH = '/etc/buildkit/buildkitd.toml';

/** What GET /info tells that changes the spec; undefined fields when /info failed, as in buildx. */
export interface EngineFacts {
  cgroupDriver?: string;
  userns: boolean;
  /** The engine's architecture and storage driver (what a kept state depends on). */
  architecture?: string;
  storageDriver?: string;
  /** The engine can hand GPUs to containers (see gpuCapable): worth buildx's GPU probe. */
  gpuCapable?: boolean;
  /** For the log only: what someone debugging a failed build asks about the engine first. */
  about?: { version?: string; os?: string; kernel?: string; cgroupVersion?: string };
}

/**
 * Whether /info shows a way to hand GPUs to containers: an nvidia runtime, or CDI devices. Docker
 * 28.3 and later list the CDI devices they found (`DiscoveredDevices`, left out when there are none),
 * and Docker 29 turns CDI on by default, listing its spec directories whether or not they hold a
 * spec: there, the directories say nothing. Before 28.3, CDI was opt-in and its directories are the
 * only sign.
 */
export function gpuCapable(info: EngineInfo): boolean {
  if ('nvidia' in (info.Runtimes ?? {})) return true;
  const [major, minor] = (/^(\d+)\.(\d+)/.exec(info.ServerVersion ?? '') ?? []).slice(1).map(Number);
  const listsDevices = major > 28 || (major === 28 && minor >= 3);
  return listsDevices ? (info.DiscoveredDevices ?? []).length > 0 : (info.CDISpecDirs ?? []).length > 0;
}

/** buildx's `--gpus all` (v0.22+), set only when its probe container started with it. */
export const ALL_GPUS: Docker.DeviceRequest[] = [{ Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }];

const ENTITLEMENT = '--allow-insecure-entitlement';

function allows(flags: string[], entitlement: string): boolean {
  return flags.some((f, i) => f === `${ENTITLEMENT}=${entitlement}` || (f === ENTITLEMENT && flags[i + 1] === entitlement));
}

/**
 * buildx's rule for the network.host entitlement: on a host-network builder it is added unless the
 * flags already allow it; otherwise it is added only when the flags name no entitlement at all and
 * the config's insecure-entitlements lack it. (buildx compares only the `=` spelling; this compares
 * both spellings, so the default flags do not get the entitlement twice.)
 */
export function buildkitdFlags(flags: string[], networkHost: boolean, configEntitlements: string[] = []): string[] {
  const add = networkHost
    ? !allows(flags, 'network.host')
    : !flags.some((f) => f === ENTITLEMENT || f.startsWith(`${ENTITLEMENT}=`)) && !configEntitlements.includes('network.host');
  return add ? [...flags, `${ENTITLEMENT}=network.host`] : flags;
}

export interface SpecParams {
  names: NodeNames;
  opts: DriverOpts;
  /** buildkitd's arguments after the entitlement rule (what the buildx store keeps as Flags). */
  flags: string[];
  hasConfig: boolean;
  engine?: EngineFacts;
  /** The GPU probe succeeded. */
  gpus?: boolean;
  /** The run's owner labels (see ownerLabels); without them, the builder's owner label alone. */
  labels?: Record<string, string>;
}

export function containerSpec({ names, opts, flags, hasConfig, engine, gpus, labels }: SpecParams): Docker.ContainerCreateOptions {
  const env = Object.entries(opts.env).map(([k, v]) => `${k}=${v}`);
  const hostConfig: Docker.HostConfig = {
    Privileged: true,
    // buildx: "let it cleanup exited processes"
    Init: true,
    RestartPolicy: opts.restartPolicy ?? { Name: 'unless-stopped', MaximumRetryCount: 0 },
    Mounts: [{ Type: 'volume', Source: names.volume, Target: STATE_DIR }],
  };
  if (opts.network) hostConfig.NetworkMode = opts.network;
  if (opts.memory) hostConfig.Memory = opts.memory;
  if (opts.memorySwap) hostConfig.MemorySwap = opts.memorySwap;
  if (opts.cpuQuota) hostConfig.CpuQuota = opts.cpuQuota;
  if (opts.cpuPeriod) hostConfig.CpuPeriod = opts.cpuPeriod;
  if (opts.cpuShares) hostConfig.CpuShares = opts.cpuShares;
  if (opts.cpusetCpus) hostConfig.CpusetCpus = opts.cpusetCpus;
  if (opts.cpusetMems) hostConfig.CpusetMems = opts.cpusetMems;
  // The cgroup parent only exists for the cgroupfs driver; with systemd buildx ignores the option.
  if (engine?.cgroupDriver === 'cgroupfs') hostConfig.CgroupParent = opts.cgroupParent || '/docker/buildx';
  if (engine?.userns) hostConfig.UsernsMode = 'host';
  if (gpus) hostConfig.DeviceRequests = ALL_GPUS;
  return {
    name: names.container,
    Image: opts.image ?? DEFAULT_BUILDKIT_IMAGE,
    Env: env.length > 0 ? env : undefined,
    Cmd: hasConfig ? ['--config', CONFIG_PATH, ...flags] : flags,
    Labels: labels ?? { [OWNER_LABEL]: names.builder },
    HostConfig: hostConfig,
  };
}

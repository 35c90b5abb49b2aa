/**
 * The builder's nodes planned from the inputs (pure): node 0 from the builder's own inputs, then the
 * appended nodes (the append input), each with its names, engine, image, flags, files and QEMU targets.
 */
import { randomBytes } from 'node:crypto';

import type { AppendedNode } from '../inputs/append.js';
import { nodeNames } from '../inputs/names.js';
import { DEFAULT_BUILDKIT_IMAGE, type PullPolicy } from '../inputs/values.js';
import { buildkitdFlags } from './container-spec.js';
import type { DriverName, NodePlan } from './driver.js';
import type { RunOwner } from './owner.js';
import { PROVENANCE_CONTEXT_FILE } from './provenance.js';
import { parseQemuInputs } from './qemu.js';

/** The qemu inputs as given: each node gets its own targets from its declared platforms. */
export interface QemuValues {
  qemu: string;
  platforms: string;
  image: string;
}

/** What every node shares: the builder's driver (buildx appends only nodes of its driver), pull policy, Docker Hub mirrors and bootstrap timeout. */
export interface Shared {
  /** docker-container unless said. */
  driver?: DriverName;
  pullPolicy: PullPolicy;
  /** buildx's builder image check is on (BUILDX_DEFAULT_POLICY). */
  imagePolicy?: boolean;
  mirrors?: string[];
  bootTimeoutMs: number;
}

/**
 * Each node's plan: pure, from the parsed nodes to what is created on each engine. Node 0 comes
 * first, under buildx's name for it (`<builder>0`, see nodeNames); the appended nodes follow.
 */
export function planNodes(
  builder: string,
  nodes: AppendedNode[],
  qemu: QemuValues,
  keepState: boolean,
  githubContext: () => Buffer | undefined,
  shared: Shared,
): NodePlan[] {
  const driver = shared.driver ?? 'docker-container';
  return nodes.map((node, index) => {
    const files = node.config?.files ?? {};
    const provenance = node.driverOpts.provenanceAddGha === false ? undefined : githubContext();
    return {
      driver,
      index,
      names: nodeNames(builder, node.name),
      engine: node.engine,
      image: node.driverOpts.image ?? DEFAULT_BUILDKIT_IMAGE,
      opts: node.driverOpts,
      // A daemon this action does not start (remote, docker) takes no flags, nor buildx's default entitlement.
      flags:
        driver === 'remote' || driver === 'docker'
          ? []
          : buildkitdFlags(node.buildkitdFlags, node.driverOpts.network === 'host', node.config?.insecureEntitlements),
      files,
      containerFiles: provenance ? { ...files, [PROVENANCE_CONTEXT_FILE]: provenance } : files,
      privateFiles: new Set(node.config?.privateFiles),
      hasConfig: node.config !== undefined,
      platforms: node.platforms,
      // A kubernetes node's emulators are its pods' (driver-opts qemu.install), not the runner's engine's.
      qemu: driver === 'docker-container' ? parseQemuInputs(qemu, node.platforms) : undefined,
      keepState,
      pullPolicy: shared.pullPolicy,
      imagePolicy: shared.imagePolicy ?? false,
      mirrors: shared.mirrors,
      bootTimeoutMs: shared.bootTimeoutMs,
    };
  });
}

/**
 * This run as the owner of what it creates (see ownerLabels): the workflow run, its attempt, and a
 * random part that tells apart two jobs of one run, or two steps of one job.
 */
export function runOwner(builder: string, env = process.env): RunOwner {
  const run = `${env.GITHUB_RUN_ID || 'local'}.${env.GITHUB_RUN_ATTEMPT || '1'}.${randomBytes(6).toString('hex')}`;
  return { builder, run, job: env.GITHUB_JOB ?? '' };
}

/**
 * What an installed buildx release can load from its store: buildx rejects a whole builder whose entry
 * holds a driver-opt it does not know, so the entry main writes leaves out the ones newer than it.
 */
import semver from 'semver';

import { DRIVER_OPT_SINCE } from '../inputs/driver-opts.js';
import type { NodeStoreFields } from '../node/driver.js';
import type { NodeEntry } from './buildx-store.js';

/** The node as the store holds it for the installed buildx (see optsForBuildx). */
export function nodeEntry(node: NodeStoreFields, buildxVersion: string | undefined): NodeEntry {
  return { ...node, driverOpts: optsForBuildx(node.driverOpts, buildxVersion) };
}

/** Whether a buildx release is `minimum` or newer; a pre-release counts as its release (an rc knows its options). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const v = semver.coerce(version);
  // An unversioned build (v0.0.0+unknown, a source build) is taken to be current.
  if (!v || v.version === '0.0.0') return true;
  return semver.gte(v, minimum);
}

/**
 * The driver-opts an installed buildx can load: buildx rejects a whole builder whose entry holds an
 * option it does not know, so options newer than it are left out of the entry (the container still
 * has them). Without buildx, everything is written for whichever buildx comes later.
 */
export function optsForBuildx(given: Record<string, string>, buildxVersion: string | undefined): Record<string, string> {
  if (!buildxVersion) return given;
  return Object.fromEntries(
    Object.entries(given).filter(([k]) => versionAtLeast(buildxVersion, DRIVER_OPT_SINCE[k.startsWith('env.') ? 'env.' : k] ?? '0.0.0')),
  );
}

/**
 * The builder node as the `nodes` output describes it: the keys and value formats of
 * setup-buildx-action's `nodes` (what `docker buildx inspect` prints, parsed), filled from what the
 * readiness probe's workers JSON already told. Pure: facts in, JSON-ready object out.
 */
import { bytesSize, goDuration } from '../util/units.js';
import type { GcRule, NodeStatus } from './status.js';

export interface NodeInfo {
  name: string;
  endpoint: string;
  status: 'running';
  'buildkitd-flags': string;
  buildkit: string;
  platforms: string;
  /** The docker-container driver's features, named as `docker buildx inspect` names them. */
  features: Record<string, boolean>;
  labels: Record<string, string>;
  gcPolicy?: GcPolicyRule[];
}

/** A GC rule as buildx inspect shows it: Go durations and go-units sizes. */
interface GcPolicyRule {
  all: boolean;
  filter?: string[];
  keepDuration?: string;
  reservedSpace?: string;
  maxUsedSpace?: string;
  minFreeSpace?: string;
}

/**
 * What buildx's docker-container driver reports for every such builder (driver.Features): all of
 * them always on, except loading into the engine's image store, which is the `default-load` opt.
 */
function dockerContainerFeatures(defaultLoad: boolean): Record<string, boolean> {
  return {
    'Automatically load images to the Docker Engine image store': defaultLoad,
    'Cache export': true,
    'Direct push': true,
    'Docker exporter': true,
    'Multi-platform build': true,
    'OCI exporter': true,
  };
}

/** A rule with buildx's formatting; zero values are left out, as buildx inspect leaves them out. */
function gcPolicyRule(rule: GcRule): GcPolicyRule {
  const out: GcPolicyRule = { all: rule.all === true };
  // BuildKit keeps a rule's conditions in one comma-joined string; the peer's parsing splits them.
  const filter = (rule.filter ?? []).flatMap((f) => f.split(',')).filter(Boolean);
  if (filter.length > 0) out.filter = filter;
  if (rule.keepDuration) out.keepDuration = goDuration(rule.keepDuration);
  if (rule.reservedSpace) out.reservedSpace = bytesSize(rule.reservedSpace);
  if (rule.maxUsedSpace) out.maxUsedSpace = bytesSize(rule.maxUsedSpace);
  if (rule.minFreeSpace) out.minFreeSpace = bytesSize(rule.minFreeSpace);
  return out;
}

export function nodeInfo(p: { name: string; endpoint: string; flags: string[]; status: NodeStatus; defaultLoad: boolean }): NodeInfo {
  const gcPolicy = p.status.gcPolicy.map(gcPolicyRule);
  return {
    name: p.name,
    endpoint: p.endpoint,
    status: 'running',
    'buildkitd-flags': p.flags.join(' '),
    buildkit: p.status.buildkitVersion,
    platforms: p.status.platforms.join(','),
    features: dockerContainerFeatures(p.defaultLoad),
    labels: p.status.labels,
    ...(gcPolicy.length > 0 ? { gcPolicy } : {}),
  };
}

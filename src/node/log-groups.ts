/**
 * The log's collapsible groups, written once the builder is ready: what someone debugging a failed
 * build asks first (which engine and storage driver, which BuildKit with which config, which
 * platforms), from what the action already asked on its way to a ready builder, so they cost no
 * engine call. Pure: facts in, titled blocks of lines out.
 */
import type { EngineFacts } from './container-spec.js';
import { CONFIG_PATH } from './container-spec.js';
import type { NodeInfo } from './node-info.js';

export interface LogGroup {
  title: string;
  lines: string[];
}

export interface LogFacts {
  /** The engine as the buildx store names it: a docker context, or its address (see endpoint.ts). */
  engineEndpoint: string;
  /** GET /info's facts; undefined when it failed. */
  engine: EngineFacts | undefined;
  image: string;
  container: string;
  /** The files written under /etc/buildkit: buildkitd.toml and registry certificates. */
  files: Record<string, Buffer>;
  node: NodeInfo;
}

function engineGroup(endpoint: string, engine: EngineFacts | undefined): LogGroup {
  if (!engine) return { title: 'Docker engine', lines: [`endpoint ${endpoint}`, 'GET /info failed: no details'] };
  const about = engine.about ?? {};
  const where = [about.os, about.kernel && `kernel ${about.kernel}`, engine.architecture].filter(Boolean).join(', ');
  const cgroup = [engine.cgroupDriver && `cgroup driver ${engine.cgroupDriver}`, about.cgroupVersion && `cgroup v${about.cgroupVersion}`]
    .filter(Boolean)
    .join(', ');
  return {
    title: `Docker engine ${about.version ?? '(version unknown)'}`,
    lines: [
      `endpoint ${endpoint}`,
      ...(where ? [where] : []),
      `storage driver ${engine.storageDriver ?? 'unknown'}${cgroup ? `, ${cgroup}` : ''}${engine.userns ? ', user namespaces on' : ''}`,
    ],
  };
}

function buildkitGroup(f: LogFacts): LogGroup {
  const { 'buildkitd.toml': config, ...certs } = f.files;
  const lines = [`image ${f.image}, container ${f.container}`, `buildkitd flags: ${f.node['buildkitd-flags'] || '(none)'}`];
  if (config) {
    lines.push(
      `buildkitd config (${CONFIG_PATH}):`,
      ...config
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .map((l) => (l ? `  ${l}` : '')),
    );
  } else {
    lines.push("buildkitd config: none (BuildKit's defaults)");
  }
  const certFiles = Object.keys(certs);
  if (certFiles.length > 0) lines.push(`registry certificates: ${certFiles.map((c) => `/etc/buildkit/${c}`).join(', ')}`);
  return { title: `BuildKit ${f.node.buildkit}`, lines };
}

function nodeGroup(node: NodeInfo, container: string): LogGroup {
  const on = Object.entries(node.features)
    .filter(([, v]) => v)
    .map(([k]) => k);
  const off = Object.entries(node.features)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  const lines = [
    `address docker-container://${container}`,
    `platforms: ${node.platforms.split(',').join(', ')}`,
    `features: ${on.join(', ')}${off.length ? `; off: ${off.join(', ')}` : ''}`,
  ];
  const labels = Object.entries(node.labels).sort(([a], [b]) => a.localeCompare(b));
  if (labels.length > 0) lines.push('labels:', ...labels.map(([k, v]) => `  ${k}: ${v}`));
  (node.gcPolicy ?? []).forEach((rule, i) => {
    const parts = [`all ${rule.all}`];
    if (rule.filter) parts.push(`filters ${rule.filter.join(',')}`);
    if (rule.keepDuration) parts.push(`keep duration ${rule.keepDuration}`);
    if (rule.reservedSpace) parts.push(`reserved space ${rule.reservedSpace}`);
    if (rule.maxUsedSpace) parts.push(`max used space ${rule.maxUsedSpace}`);
    if (rule.minFreeSpace) parts.push(`min free space ${rule.minFreeSpace}`);
    lines.push(`GC policy rule#${i}: ${parts.join(', ')}`);
  });
  return { title: `Node ${node.name}`, lines };
}

export function logGroups(f: LogFacts): LogGroup[] {
  return [engineGroup(f.engineEndpoint, f.engine), buildkitGroup(f), nodeGroup(f.node, f.container)];
}

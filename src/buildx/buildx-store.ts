/**
 * docker buildx's on-disk builder store (~/.docker/buildx): the instance entry that makes
 * `docker buildx ls`, `build --builder` and `rm` work on a builder this action created, and the
 * `current` file that `use` writes. Format: shared/reference/buildx-interop.md §6. What an installed
 * buildx can load of it is store-options.ts, so that post, which only removes entries, does not load it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { NodeNames } from '../inputs/names.js';
import type { DriverName, NodeStoreFields } from '../node/driver.js';
import type { Platform } from '../util/platforms.js';

export interface StoreEntry {
  Name: string;
  Driver: string;
  Nodes: {
    Name: string;
    Endpoint: string;
    Platforms: Platform[] | null;
    DriverOpts: Record<string, string> | null;
    Flags: string[] | null;
    Files: Record<string, string> | null;
  }[];
  Dynamic: boolean;
}

/** One node of the entry, as `docker buildx create` (node 0) or `create --append` (the others) writes it. */
export type NodeEntry = NodeStoreFields;

/** Node 0 (named by its NodeNames) and the appended nodes. */
export interface EntryParams extends Omit<NodeEntry, 'name'> {
  names: NodeNames;
  /** The appended nodes, in order. */
  appended?: NodeEntry[];
  /** buildx's driver name; docker-container when absent. */
  driver?: DriverName;
}

function storeNode(n: NodeEntry): StoreEntry['Nodes'][number] {
  const files = Object.entries(n.files);
  const opts = Object.entries(n.driverOpts);
  return {
    Name: n.name,
    Endpoint: n.endpoint,
    // In the key order of Go's ocispecs.Platform, as buildx writes it.
    Platforms:
      n.platforms.length > 0
        ? n.platforms.map((p) => ({ architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) }))
        : null,
    DriverOpts: opts.length > 0 ? Object.fromEntries(opts) : null,
    Flags: n.flags.length > 0 ? n.flags : null,
    Files: files.length > 0 ? Object.fromEntries(files.map(([k, v]) => [k, v.toString('base64')])) : null,
  };
}

export function storeEntry(p: EntryParams): StoreEntry {
  return {
    Name: p.names.builder,
    Driver: p.driver ?? 'docker-container',
    Nodes: [storeNode({ ...p, name: p.names.node }), ...(p.appended ?? []).map(storeNode)],
    Dynamic: false,
  };
}

/** Writes a file the way buildx does: mode 0600, through a temporary file and a rename. */
function writeAtomic(file: string, data: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface Written {
  /** What `current` held before `use` replaced it, to put back when the builder goes. */
  previousCurrent?: string;
}

export function writeBuilder(dir: string, entry: StoreEntry, use: { key: string } | undefined): Written {
  const name = entry.Name.toLowerCase();
  writeAtomic(path.join(dir, 'instances', name), JSON.stringify(entry));
  writeAtomic(path.join(dir, 'activity', name), new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
  if (!use) return {};
  const previousCurrent = readOrUndefined(path.join(dir, 'current'));
  writeAtomic(path.join(dir, 'current'), JSON.stringify({ Key: use.key, Name: entry.Name, Global: false }));
  return { previousCurrent };
}

/**
 * Keeps only the named nodes in the entry: the ones post could not remove, so that a later
 * `docker buildx rm` finishes the job on them (buildx itself would forget them).
 */
export function keepOnlyNodes(dir: string, builder: string, nodes: string[]): void {
  const file = path.join(dir, 'instances', builder.toLowerCase());
  const text = readOrUndefined(file);
  if (!text) return;
  const entry = JSON.parse(text) as StoreEntry;
  writeAtomic(file, JSON.stringify({ ...entry, Nodes: entry.Nodes.filter((n) => nodes.includes(n.Name)) }));
}

/**
 * Removes the entry as `docker buildx rm` does (instance, activity, build refs) and, where `current`
 * still names this builder, puts back what it held before.
 */
export function removeBuilder(dir: string, builder: string, previousCurrent: string | undefined): void {
  const name = builder.toLowerCase();
  for (const p of [path.join(dir, 'instances', name), path.join(dir, 'activity', name), path.join(dir, 'refs', name)]) {
    fs.rmSync(p, { recursive: true, force: true });
  }
  const currentFile = path.join(dir, 'current');
  const current = readOrUndefined(currentFile);
  let currentName: string | undefined;
  try {
    currentName = current ? (JSON.parse(current) as { Name?: string }).Name : undefined;
  } catch {
    return;
  }
  if (currentName !== builder) return;
  if (previousCurrent && stillExists(dir, previousCurrent)) writeAtomic(currentFile, previousCurrent);
  else fs.rmSync(currentFile, { force: true });
}

/**
 * Whether the builder a saved `current` names is still there: the default, a builder in the store,
 * or a docker context. Builders made and removed by concurrent jobs on one runner may be gone, and
 * `current` must not point at one of them.
 */
function stillExists(dir: string, current: string): boolean {
  let name: string | undefined;
  try {
    name = (JSON.parse(current) as { Name?: string }).Name;
  } catch {
    return false;
  }
  if (!name || name === 'default') return true;
  if (fs.existsSync(path.join(dir, 'instances', name.toLowerCase()))) return true;
  const contextMeta = path.join(path.dirname(dir), 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  return fs.existsSync(contextMeta);
}

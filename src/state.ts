/**
 * Everything main hands to post, in one JSON document saved through the Host. It is saved again
 * each time main creates something, so post removes exactly what exists even when main died half-way.
 */
import type { CachedImage } from './actions-cache/image-cache.js';
import type { BuilderAlias } from './buildx/builder-alias.js';
import type { KeptState } from './keep-state/plan.js';
import type { NodeRecord } from './node/driver.js';
import type { Host } from './step/host.js';

export interface BuilderState {
  /** The builder's name; absent when main stopped before it had one. */
  builder?: string;
  cleanup: boolean;
  debug: boolean;
  /** A docker context main wrote for the node (TLS from the environment); post removes it after the node. */
  temporaryContext?: string;
  /**
   * Every node, node 0 first, once main has reached all their engines: where it runs (post reconnects
   * there, whatever DOCKER_HOST or the current context say then), the run that owns it, and what
   * this run created on it.
   */
  nodes?: NodeRecord[];
  /** The buildx store directory written, when the entry was written. */
  storeDir?: string;
  previousCurrent?: string;
  /** keep-state on: what post needs to save the state (or keep the volume). */
  keptState?: KeptState;
  /** cache-image on: the images post saves to the Actions cache. */
  cachedImages?: CachedImage[];
  /** buildx-version with cache-binary: the downloaded binary post saves to the Actions cache. */
  buildxBinary?: { key: string; file: string };
  /** install: the docker CLI's builder alias post puts back. */
  builderAlias?: BuilderAlias;
}

export class StateRecorder {
  readonly state: BuilderState = { cleanup: true, debug: false };
  constructor(private readonly host: Host) {
    // Saved before anything else: its presence is also what tells the post step from the main step.
    this.save();
  }
  update(change: (s: BuilderState) => void): void {
    change(this.state);
    this.save();
  }
  private save(): void {
    this.host.saveState(JSON.stringify(this.state));
  }
}

export function loadState(host: Host): BuilderState | undefined {
  const raw = host.loadState();
  return raw ? (JSON.parse(raw) as BuilderState) : undefined;
}

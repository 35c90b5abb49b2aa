/**
 * The post step: remove the builder (container, state volume, buildx store entry), or leave it when
 * cleanup is off. It never fails the job: every problem is a warning.
 */
import { removeNode } from './builder.js';
import { removeBuilder } from './buildx-store.js';
import { nodeNames } from './container-spec.js';
import { connect, logTail } from './docker.js';
import { errorLine } from './errors.js';
import type { Host } from './host.js';
import { loadState } from './state.js';
import { saveState } from './state-cache.js';

export async function post(host: Host): Promise<void> {
  const state = loadState(host);
  if (!state?.builder) {
    host.info('no builder was created: nothing to clean up');
    return;
  }
  const names = nodeNames(state.builder);
  if (!state.cleanup) {
    host.info(`cleanup is off: builder ${state.builder} (${names.container}) stays`);
    return;
  }
  try {
    const { docker } = await connect();
    if (state.debug && state.created.container) {
      host.info(`BuildKit log of ${names.container}:\n${await logTail(docker.getContainer(names.container), 500)}`);
    }
    // keep-state saves before the builder goes; `job-status` is re-evaluated for the post step (action.yml).
    const kept = state.keptState && state.created.container ? await saveState(docker, names, state.keptState, host.input('job-status'), host) : undefined;
    for (const p of await removeNode(docker, names, { removeVolume: kept?.removeVolume ?? true })) host.warning(p);
  } catch (err) {
    host.warning(`could not remove builder ${state.builder}: ${errorLine(err)}`);
  }
  if (state.storeDir) removeBuilder(state.storeDir, state.builder, state.previousCurrent);
  host.info(`builder ${state.builder} removed`);
}

/**
 * The post step: remove the builder (container, state volume, buildx store entry), or leave it when
 * cleanup is off; then save the cache-image images, put back the docker CLI's builder alias (install)
 * and save a downloaded buildx (cache-binary); one summary section says what it did. It never fails
 * the job: every problem is a warning.
 */
import { type CachedImage, saveImage } from './actions-cache/image-cache.js';
import { type BuilderAlias, restoreBuilderAlias } from './buildx/builder-alias.js';
import { keepOnlyNodes, removeBuilder } from './buildx/buildx-store.js';
import { connect, type Engine, logTail } from './engine/docker.js';
import { removeContext } from './engine/docker-context.js';
import { storedAddress } from './engine/endpoint.js';
import { nodeNames } from './inputs/names.js';
import { saveState } from './keep-state/save.js';
import { removeNode } from './node/builder.js';
import { type NodeRemoval, removeNodes } from './node/nodes.js';
import { type BuilderState, loadState } from './state.js';
import { onCancel } from './step/cancel.js';
import type { Host } from './step/host.js';
import { summarySection } from './step/summary.js';
import { errorLine, UserError } from './util/errors.js';

export async function post(host: Host): Promise<void> {
  const state = loadState(host);
  // One connection for both parts, made only when one of them needs the engine.
  let engine: Promise<Engine> | undefined;
  // Node 0's engine as main used it, whatever DOCKER_HOST or the current context say now.
  const recorded = state?.nodes?.[0];
  const connected = () =>
    (engine ??= (async () => {
      if (!recorded) throw new UserError('main reached no Docker engine');
      return connect(storedAddress(recorded.endpoint));
    })());
  const rows = await removeBuilderStep(state, connected, host);
  if (state?.cachedImages?.length) await saveImages(state.cachedImages, connected, host);
  if (state?.builderAlias) rows.push(['buildx', undoAlias(state.builderAlias, host)]);
  if (state?.buildxBinary)
    await (
      await import('./buildx/buildx-install.js')
    ).saveBinary(
      state.buildxBinary,
      (l) => host.info(l),
      (l) => host.warning(l),
    );
  if (rows.length > 0) await host.summary(summarySection('setup-buildkit post', rows));
}

/** Removes the builder, or says why not; returns post's summary rows. */
async function removeBuilderStep(
  state: BuilderState | undefined,
  connected: () => Promise<Engine>,
  host: Host,
): Promise<[string, string][]> {
  const [node0, ...appended] = state?.nodes ?? [];
  if (!state?.builder || !node0) {
    // Main never reached an engine: nothing there is ours, only the context it may have written.
    if (state?.temporaryContext) removeContext(state.temporaryContext);
    host.info('no builder was created: nothing to clean up');
    return [];
  }
  const names = nodeNames(state.builder);
  if (!state.cleanup) {
    host.info(`cleanup is off: builder ${state.builder} (${names.container}) stays`);
    return [['Builder', `\`${state.builder}\` kept (cleanup is off)`]];
  }
  const builder = state.builder;
  const rows: [string, string][] = [];
  // One removal: a SIGINT/SIGTERM arriving meanwhile waits for it instead of cutting it short
  // (exiting half-way would leave the volume and the buildx entry behind).
  const removal = (async () => {
    // The appended nodes go from their own engines alongside node 0.
    const others = removeNodes(builder, appended);
    let removed: string[];
    try {
      const { docker } = await connected();
      if (state.debug && node0.created.container) {
        host.info(`BuildKit log of ${names.container}:\n${await logTail(docker.getContainer(names.container), 500)}`);
      }
      // keep-state saves before the builder goes; `job-status` is re-evaluated for the post step (action.yml).
      const kept =
        state.keptState && node0.created.container
          ? await saveState(docker, names, state.keptState, host.input('job-status'), host)
          : undefined;
      if (kept?.summary) rows.push(['State', kept.summary]);
      const node = await removeNode(docker, names, { removeVolume: kept?.removeVolume ?? true });
      for (const p of node.problems) host.warning(p);
      removed = node.removed.map((r) => (r === 'volume' ? 'state volume' : r));
    } catch (err) {
      // Nothing was removed: the node stays in the buildx entry, so that `docker buildx rm` can finish the job.
      host.warning(`could not remove builder ${builder}: ${errorLine(err)}; remove it later with docker buildx rm ${builder}`);
      rows.unshift(['Builder', `\`${builder}\` not removed: ${errorLine(err)}`]);
      const left = reportNodes(builder, await others, rows, host);
      if (state.storeDir && left.length > 0) keepOnlyNodes(state.storeDir, builder, [names.node, ...left]);
      return;
    }
    const left = reportNodes(builder, await others, rows, host);
    if (state.storeDir && left.length > 0) {
      keepOnlyNodes(state.storeDir, builder, left);
      removed.push(`buildx entry but for ${left.join(', ')}`);
    } else if (state.storeDir) {
      removeBuilder(state.storeDir, builder, state.previousCurrent);
      removed.push('buildx entry');
    }
    // After the node: buildx could not reach the node of an entry whose context had gone.
    if (state.temporaryContext) {
      removeContext(state.temporaryContext);
      removed.push(`docker context ${state.temporaryContext}`);
    }
    // After main refused a name it does not own, nothing here is this action's to remove.
    if (removed.length === 0) {
      host.info(`builder ${builder}: nothing was removed (main created none of it)`);
      rows.unshift(['Builder', `\`${builder}\`: nothing to remove (main created none of it)`]);
      return;
    }
    host.info(`builder ${builder} removed`);
    rows.unshift(['Builder', `\`${builder}\` removed (${removed.join(', ')})`]);
  })();
  const cancelled = onCancel(() => removal);
  try {
    await removal;
  } finally {
    cancelled();
  }
  return rows;
}

/**
 * The appended nodes' removals as warnings and summary rows; returns the nodes that stay (their
 * engine did not answer), which keep their place in the buildx entry.
 */
function reportNodes(builder: string, removals: NodeRemoval[], rows: [string, string][], host: Host): string[] {
  for (const node of removals) {
    for (const p of node.problems) host.warning(`node ${node.name}: ${p}`);
    if (node.unreachable) {
      host.warning(
        `node ${node.name} (${node.endpoint}) not removed: ${node.unreachable}; it stays in the buildx entry: remove it later with docker buildx rm ${builder}`,
      );
      rows.push([
        'Node',
        `\`${node.name}\` (\`${node.endpoint}\`) not removed: ${node.unreachable}; \`docker buildx rm ${builder}\` finishes the job`,
      ]);
    } else {
      host.info(`node ${node.name} (${node.endpoint}): removed ${node.removed.join(', ') || 'nothing (main created none of it)'}`);
      rows.push(['Node', `\`${node.name}\` (\`${node.endpoint}\`): removed ${node.removed.join(', ') || 'nothing'}`]);
    }
  }
  return removals.filter((n) => n.unreachable).map((n) => n.name);
}

/** cache-image: after the builder, whether or not it was removed; problems are warnings. */
async function saveImages(images: CachedImage[], connected: () => Promise<Engine>, host: Host): Promise<void> {
  let docker;
  try {
    ({ docker } = await connected());
  } catch (err) {
    host.warning(`cache-image: no image was saved: ${errorLine(err)}`);
    return;
  }
  for (const image of images) await saveImage(docker, image, host);
}

/** install: the docker CLI's builder alias as it was before main; problems are warnings. */
function undoAlias(alias: BuilderAlias, host: Host): string {
  try {
    const done = restoreBuilderAlias(alias);
    host.info(`install: ${done}`);
    return done;
  } catch (err) {
    host.warning(`install: the builder alias in ${alias.configFile} was not undone: ${errorLine(err)}`);
    return `builder alias not undone: ${errorLine(err)}`;
  }
}

/**
 * The post step, main's reverse: every node torn down in parallel (node 0's state saved first with
 * keep-state), the buildx store entry removed (or kept for the nodes left), then cache-image's
 * images, the builder alias and a downloaded buildx; one summary section says what it did. It never
 * fails the job: every problem is a warning. It loads only what its state says it needs.
 */
import { keepOnlyNodes, removeBuilder } from './buildx/buildx-store.js';
import { removeContext } from './engine/docker-context.js';
import { nodeNames } from './inputs/names.js';
import type { NodeHooks, TearDownReport } from './node/driver.js';
import { reportProblems, tearDownNodes } from './node/lifecycle.js';
import { type BuilderState, loadState } from './state.js';
import { onCancel } from './step/cancel.js';
import type { Host } from './step/host.js';
import { summarySection } from './step/summary.js';

type Rows = [string, string][];

export async function post(host: Host): Promise<void> {
  const state = loadState(host);
  const rows: Rows = [];
  const nodes = state?.nodes ?? [];
  if (!state?.builder || nodes.length === 0) {
    // Main never reached an engine: nothing there is ours, only the context it may have written.
    if (state?.temporaryContext) removeContext(state.temporaryContext);
    host.info('no builder was created: nothing to clean up');
  } else if (!state.cleanup) {
    host.info(`cleanup is off: builder ${state.builder} (${nodeNames(state.builder).container}) stays`);
    rows.push(['Builder', `\`${state.builder}\` kept (cleanup is off)`]);
    const { driverFor } = await import('./node/drivers/index.js');
    for (const record of nodes) for (const p of (await (await driverFor(record.driver)).release?.(record, 30000)) ?? []) host.warning(p);
  } else {
    // One removal: a SIGINT/SIGTERM arriving meanwhile waits for it instead of cutting it short
    // (exiting half-way would leave the volume and the buildx entry behind).
    const removal = (async () => {
      const hooks = await node0Hooks(state, host, rows);
      const reports = await tearDownNodes(nodes, (_, i) => (i === 0 ? hooks : {}));
      afterTearDown(state, state.builder!, reports, rows, host);
    })();
    const cancelled = onCancel(() => removal);
    try {
      await removal;
    } finally {
      cancelled();
    }
  }
  if (state?.cachedImages?.length && nodes[0])
    await (await import('./actions-cache/image-cache.js')).saveImages(state.cachedImages, nodes[0].endpoint, host);
  if (state?.builderAlias) rows.push(['buildx', (await import('./buildx/builder-alias.js')).undoAlias(state.builderAlias, host)]);
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

/** Node 0's hooks: its BuildKit log with debug, then keep-state's save. Loaded only when asked for. */
async function node0Hooks(state: BuilderState, host: Host, rows: Rows): Promise<NodeHooks> {
  const save = state.keptState
    ? (await import('./keep-state/node-hooks.js')).saveHooks(state.keptState, host.input('job-status'), host, (l) =>
        rows.push(['State', l]),
      )
    : {};
  if (!state.debug) return save;
  return {
    beforeTearDown: async (at, record) => {
      const { logTail } = await import('./engine/docker.js');
      host.info(`BuildKit log of ${at.names.container}:\n${await logTail(at.docker.getContainer(at.names.container), 500)}`);
      await save.beforeTearDown?.(at, record);
    },
  };
}

/**
 * The store entry and the temporary context after the nodes, and post's lines: a node whose engine
 * did not answer stays in the buildx entry, so that `docker buildx rm` can finish the job.
 */
function afterTearDown(state: BuilderState, builder: string, reports: TearDownReport[], rows: Rows, host: Host): void {
  const left = reports.filter((r) => r.unreachable).map((r) => r.name);
  const [node0, ...others] = reports;
  for (const [i, r] of reports.entries()) for (const p of reportProblems({ ...r, unreachable: undefined }, i)) host.warning(p);
  const removed = [...node0.removed];
  if (state.storeDir && left.length > 0) {
    keepOnlyNodes(state.storeDir, builder, left);
    if (!node0.unreachable) removed.push(`buildx entry but for ${left.join(', ')}`);
  } else if (state.storeDir) {
    removeBuilder(state.storeDir, builder, state.previousCurrent);
    removed.push('buildx entry');
  }
  // After the node: buildx could not reach the node of an entry whose context had gone.
  if (state.temporaryContext && !node0.unreachable) {
    removeContext(state.temporaryContext);
    removed.push(`docker context ${state.temporaryContext}`);
  }
  if (node0.unreachable) {
    host.warning(`could not remove builder ${builder}: ${node0.unreachable}; remove it later with docker buildx rm ${builder}`);
    rows.unshift(['Builder', `\`${builder}\` not removed: ${node0.unreachable}`]);
  } else if (removed.length === 0) {
    // After main refused a name it does not own, nothing here is this action's to remove.
    host.info(`builder ${builder}: nothing was removed (main created none of it)`);
    rows.unshift(['Builder', `\`${builder}\`: nothing to remove (main created none of it)`]);
  } else {
    host.info(`builder ${builder} removed`);
    rows.unshift(['Builder', `\`${builder}\` removed (${removed.join(', ')})`]);
  }
  for (const node of others) rows.push(nodeLine(builder, node, host));
}

/** An appended node's removal, as a log line or warning and a summary row. */
function nodeLine(builder: string, node: TearDownReport, host: Host): [string, string] {
  if (node.unreachable) {
    host.warning(
      `node ${node.name} (${node.endpoint}) not removed: ${node.unreachable}; it stays in the buildx entry: remove it later with docker buildx rm ${builder}`,
    );
    return [
      'Node',
      `\`${node.name}\` (\`${node.endpoint}\`) not removed: ${node.unreachable}; \`docker buildx rm ${builder}\` finishes the job`,
    ];
  }
  const removed = [...node.removed, ...node.kept];
  host.info(`node ${node.name} (${node.endpoint}): removed ${removed.join(', ') || 'nothing (main created none of it)'}`);
  return ['Node', `\`${node.name}\` (\`${node.endpoint}\`): removed ${removed.join(', ') || 'nothing'}`];
}

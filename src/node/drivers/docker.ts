/**
 * The docker driver: the node is the engine's own BuildKit, the builder the docker context's (named as
 * the context, `default` on most runners), as buildx's driver/docker uses it. Nothing is created and
 * nothing is removed: no store entry either (buildx lists a context's builder by itself). setUp asks
 * that BuildKit for its workers over the engine's `/grpc` endpoint (h2c), the connection buildx uses,
 * for the platforms and labels the outputs report; the version is BuildKit's own (Info), or the
 * engine's release where its BuildKit predates Info (Docker 20.10; buildx shows a version from a table
 * of engine releases there, this action the release itself). Hooks: none.
 */
import { connect } from '../../engine/connect.js';
import type { DockerClient } from '../../engine/docker-client.js';
import { errorLine, UserError } from '../../util/errors.js';
import type { Connection, NodeDriver, NodePlan, NodeRecord, RequestBound, SetUpContext } from '../driver.js';
import type { RunOwner } from '../owner.js';
import { buildkitStatus } from './buildkit-status.js';

async function connectNode(plan: NodePlan, owner: RunOwner, bound: RequestBound): Promise<Connection> {
  const { docker } = await connect(plan.engine, bound.connectMs, {
    answerMs: bound.requestMs,
    signal: bound.signal,
    engine: plan.engine.endpoint,
  });
  const record: NodeRecord = {
    name: plan.names.builder,
    driver: 'docker',
    endpoint: plan.engine.endpoint,
    host: plan.engine.host,
    run: owner,
    created: [],
  };
  const setUp = (ctx: SetUpContext) =>
    ctx.phases.time('readiness', () =>
      ctx.progress.step("asking the engine's BuildKit for its workers", () => engineBuildkit(docker, plan)),
    );
  return { record, setUp };
}

async function engineBuildkit(docker: DockerClient, plan: NodePlan) {
  try {
    return await buildkitStatus(
      () => docker.buildkitStream(),
      'docker',
      async () => `${(await docker.version()).Version ?? 'unknown'} (the engine's release)`,
    );
  } catch (err) {
    throw new UserError(`the BuildKit of the Docker engine at ${plan.engine.endpoint} did not answer: ${errorLine(err)}`);
  }
}

export const docker: NodeDriver = {
  name: 'docker',
  connect: connectNode,
  storeEntry: (plan) => ({ name: plan.names.builder, endpoint: plan.engine.endpoint, platforms: [], driverOpts: {}, flags: [], files: {} }),
  tearDown: (record) => Promise.resolve({ name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] }),
};

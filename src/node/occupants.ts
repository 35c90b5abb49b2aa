/**
 * What sits under a node's names on its engine, and whose it is by the owner labels: looked up before
 * the setup (a name taken by another run, or by something that is not this action's) and by the
 * removal (what is not ours stays). Only reads.
 */
import { type DockerClient, statusCode } from '../engine/docker-client.js';
import type { NodeNames } from '../inputs/names.js';
import { JOB_LABEL, OWNER_LABEL, RUN_LABEL } from './owner.js';

type Labelled = {
  Labels?: Record<string, string> | null;
  Config?: { Labels?: Record<string, string> | null };
  State?: { Running?: boolean };
};

/** What exists under one of the node's names; undefined when nothing does. */
export interface Occupant {
  /** The builder of the owner label, null when it is not this action's. */
  owner: string | null;
  /** The run that created it (RUN_LABEL); absent on what an earlier version of this action made. */
  run?: string;
  job?: string;
  running: boolean;
}

export async function occupant(inspect: Promise<Labelled>): Promise<Occupant | undefined> {
  try {
    const info = await inspect;
    const labels = info.Labels ?? info.Config?.Labels ?? {};
    return { owner: labels[OWNER_LABEL] ?? null, run: labels[RUN_LABEL], job: labels[JOB_LABEL], running: !!info.State?.Running };
  } catch (err) {
    if (statusCode(err) === 404) return undefined;
    throw err;
  }
}

/** What exists under the node's names. */
export interface NamesTaken {
  container?: Occupant;
  volume?: Occupant;
}

/**
 * Looks the names up, only reading, so that it can run while the image and the engine's facts are
 * asked rather than in sequence after them: the engine's answers come back together.
 */
export async function namesTaken(docker: DockerClient, names: NodeNames): Promise<NamesTaken> {
  const [container, volume] = await Promise.all([
    occupant(docker.getContainer(names.container).inspect()),
    occupant(docker.getVolume(names.volume).inspect()),
  ]);
  return { container, volume };
}

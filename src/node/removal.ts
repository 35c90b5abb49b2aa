/**
 * A node's removal from its engine: everything this run created there, found by the run's label, but
 * what is kept; what sits under the node's names without this action's label is left and reported.
 * This, occupants.ts and the engine client are all that post loads of the docker-container driver.
 */
import { type DockerClient, engineMessage, statusCode } from '../engine/docker-client.js';
import type { NodeNames } from '../inputs/names.js';
import { type NamesTaken, namesTaken, occupant } from './occupants.js';
import { RUN_LABEL } from './owner.js';

/**
 * What sits under the node's names without this action's label, for post's warnings: it was used
 * (a volume, as buildx would) or refused (a container), and is never removed.
 */
export async function foreignNames(docker: DockerClient, names: NodeNames): Promise<string[]> {
  const { container, volume } = await namesTaken(docker, names).catch(() => ({}) as NamesTaken);
  return [
    ...(container?.owner === null ? [`container ${names.container} was not created by setup-buildkit: left in place`] : []),
    ...(volume?.owner === null ? [`volume ${names.volume} was not created by setup-buildkit: left in place`] : []),
  ];
}

export interface Removal {
  /** What was removed, in order ("container x", "volume y"). */
  removed: string[];
  /** Lines for warnings. */
  problems: string[];
}

/**
 * Removes every container and volume this run created on the engine, found by the run's label (the
 * builder's container, its state volume, an installer or a GPU probe caught between its creation and
 * its end), but the volumes in `keep`. What another run made carries another label and is never
 * touched. Never throws: every problem comes back as a line for a warning.
 */
export async function removeByLabel(docker: DockerClient, run: string, keep: Set<string>, adopted: AdoptedVolumes): Promise<Removal> {
  const result: Removal = { removed: [], problems: [] };
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${run}`] });
  // Both lists in one round trip: on a remote engine each one is a network round trip.
  const volumesListed = docker.listVolumes({ filters }).then(
    (answer) => answer.Volumes ?? [],
    (err: unknown) => {
      result.problems.push(`listing the volumes of this run: ${engineMessage(err)}`);
      return [];
    },
  );
  try {
    const containers = await docker.listContainers({ all: true, filters });
    await Promise.all(
      containers.map(async (c) => {
        const name = c.Names?.[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12);
        try {
          await docker.getContainer(c.Id).remove({ force: true, v: true });
          result.removed.push(`container ${name}`);
        } catch (err) {
          // Gone meanwhile (an installer's AutoRemove): nothing left to remove.
          if (statusCode(err) !== 404) result.problems.push(`removing container ${name}: ${engineMessage(err)}`);
        }
      }),
    );
  } catch (err) {
    result.problems.push(`listing the containers of this run: ${engineMessage(err)}`);
  }
  // After the containers, which hold them mounted.
  await Promise.all(
    (await volumesListed)
      .filter((v) => !keep.has(v.Name))
      .map(async (v) => {
        try {
          await docker.getVolume(v.Name).remove();
          result.removed.push(`volume ${v.Name}`);
        } catch (err) {
          if (statusCode(err) !== 404) result.problems.push(`removing volume ${v.Name}: ${engineMessage(err)}`);
        }
      }),
  );
  await removeAdopted(docker, adopted, result);
  return result;
}

/** State volumes this run took over from an earlier run under the same name, and the builder that owns them. */
export interface AdoptedVolumes {
  builder: string;
  names: string[];
}

/** Adopted volumes carry the earlier run's label: removed by name, when they still carry the builder's owner label. */
async function removeAdopted(docker: DockerClient, adopted: AdoptedVolumes, result: Removal): Promise<void> {
  await Promise.all(
    adopted.names.map(async (name) => {
      try {
        const taken = await occupant(docker.getVolume(name).inspect());
        if (taken?.owner !== adopted.builder) return;
        await docker.getVolume(name).remove();
        result.removed.push(`volume ${name}`);
      } catch (err) {
        if (statusCode(err) !== 404) result.problems.push(`removing volume ${name}: ${engineMessage(err)}`);
      }
    }),
  );
}

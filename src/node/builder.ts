/**
 * The builder node's lifecycle on the engine: pull, state volume, container, files, start and
 * readiness (its removal is removal.ts). Each resource is reported as soon as it exists, so that
 * whoever removes the builder (main on failure, post, `down`) removes exactly what was made.
 */
import type Docker from 'dockerode';

import { parseImageRef, registryAuth } from '../engine/credentials.js';
import { type ArchiveEntry, execIn, finalLogTail, imageExists, logTail, pull, putFiles } from '../engine/docker.js';
import { type DockerClient, engineMessage, statusCode } from '../engine/docker-client.js';
import { type NodeNames } from '../inputs/names.js';
import type { PullPolicy } from '../inputs/values.js';
import { creatingCall } from '../step/cancel.js';
import { type Progress } from '../step/progress.js';
import { UserError } from '../util/errors.js';
import { formatPlatform } from '../util/platforms.js';
import { ALL_GPUS, type EngineFacts, gpuCapable } from './container-spec.js';
import type { NamesTaken, Occupant } from './occupants.js';
import { type GcRule, type NodeStatus } from './status.js';

export interface BootPlan {
  names: NodeNames;
  /** What exists under the names, looked up before (see namesTaken). */
  taken: NamesTaken;
  spec: Docker.ContainerCreateOptions;
  /** Files for /etc/buildkit, keyed by their path under it. */
  files: Record<string, Buffer>;
  /**
   * Which of them hold private keys: written 0600, readable by root only, where buildx writes every
   * file 0644 (for rootless images, whose buildkitd cannot read a root-only key).
   */
  privateFiles: Set<string>;
  timeoutMs: number;
  /** The run's owner labels (see ownerLabels): on the state volume as on the container. */
  labels: Record<string, string>;
  /** Runs on the created, not yet started container (its state volume mounted, `fresh` when this run created it). */
  beforeStart?(container: Docker.Container, fresh: boolean): Promise<void>;
  /**
   * Called once each resource exists; `adopted` for a state volume of ours that an earlier run under
   * the same name made and this run uses (its label names that run).
   */
  onCreated(resource: 'volume' | 'container', adopted?: boolean): void;
  /** Called once BuildKit's container has started, before the readiness probe. */
  onStarted?(): void;
}

export async function engineFacts(docker: DockerClient): Promise<EngineFacts | undefined> {
  try {
    const info = await docker.info();
    const userns = (info.SecurityOptions ?? []).some((o: string) => o.split(',').includes('name=userns'));
    return {
      cgroupDriver: info.CgroupDriver,
      userns,
      architecture: info.Architecture,
      storageDriver: info.Driver,
      gpuCapable: gpuCapable(info),
      about: { version: info.ServerVersion, os: info.OperatingSystem, kernel: info.KernelVersion, cgroupVersion: info.CgroupVersion },
    };
  } catch {
    // buildx sets neither CgroupParent nor UsernsMode when /info fails.
    return undefined;
  }
}

/**
 * buildx's GPU probe: a throwaway `/bin/true` container asking for every GPU; the builder gets the
 * GPUs only if it starts. buildx probes on every engine; this probes only where /info shows a way to
 * hand out GPUs, so GPU-less engines (most CI runners) do not pay a container start for nothing.
 */
export async function probeGpus(
  docker: DockerClient,
  image: string,
  engine: EngineFacts | undefined,
  labels: Record<string, string>,
): Promise<boolean> {
  if (!engine?.gpuCapable) return false;
  let probe: Docker.Container | undefined;
  try {
    probe = await creatingCall(
      docker.createContainer({
        Image: image,
        Labels: labels,
        Entrypoint: ['/bin/true'],
        HostConfig: { NetworkMode: 'none', AutoRemove: true, DeviceRequests: ALL_GPUS },
      }),
    );
    await probe.start();
    return true;
  } catch {
    // A probe that never started is not auto-removed; nor is the anonymous volume the BuildKit image's
    // VOLUME gave it.
    await probe?.remove({ force: true, v: true }).catch(() => undefined);
    return false;
  }
}

/**
 * The repository path and tag of a Docker Hub image (`moby/buildkit:x` → `moby/buildkit`, `x`;
 * `alpine` → `library/alpine`), or undefined for an image of another registry or pinned by digest.
 */
function dockerHubPath(ref: string): { repo: string; tag: string } | undefined {
  const image = parseImageRef(ref);
  if (!image.hub || image.digest) return undefined;
  return { repo: image.path, tag: image.tag ?? 'latest' };
}

/**
 * Pulls the image as the policy says; a failed pull falls back to the Docker Hub mirrors of the
 * builder's own config (Hub rate limits are what mirrors are for), then to a local image, as in buildx.
 */
export async function ensureImage(
  docker: DockerClient,
  image: string,
  policy: PullPolicy,
  progress: Progress,
  mirrors: string[] = [],
): Promise<void> {
  if (policy !== 'always') {
    if (await imageExists(docker, image)) {
      progress.note(`using local image ${image}`);
      return;
    }
    if (policy === 'never') throw new UserError(`image ${image} is not on the engine and pull-policy is "never"`);
  }
  let failure: unknown;
  try {
    await progress.step(`pulling image ${image}`, () => pullWithCredentials(docker, image, progress));
    return;
  } catch (err) {
    failure = err;
  }
  const hub = dockerHubPath(image);
  if (hub) {
    // The mirrored copy is tagged with the name asked for, which is what the container is created from.
    const repo = image.endsWith(`:${hub.tag}`) ? image.slice(0, -(hub.tag.length + 1)) : image;
    for (const mirror of mirrors) {
      const mirrored = `${mirror}/${hub.repo}:${hub.tag}`;
      try {
        await progress.step(`pulling image ${image} through mirror ${mirror}`, () => pullWithCredentials(docker, mirrored, progress));
        await docker.getImage(mirrored).tag({ repo, tag: hub.tag });
        return;
      } catch (err) {
        progress.note(`mirror ${mirror} failed: ${engineMessage(err)}`);
      }
    }
  }
  if (!(await imageExists(docker, image)))
    throw new UserError(`pulling image ${image} failed and there is no local copy: ${engineMessage(failure)}`);
  progress.note(`pulling failed (${engineMessage(failure)}), using local image ${image}`);
}

/** A pull with the credentials the docker config gives for the image's registry, if any. */
async function pullWithCredentials(docker: DockerClient, ref: string, progress: Progress): Promise<void> {
  const { auth, problem } = await registryAuth(ref);
  if (problem) progress.note(`${problem}; pulling without credentials`);
  await pull(docker, ref, auth);
}

/** Where post leaves its mark in a container it keeps (cleanup off): the run that made it is over. */
const RELEASED_FILE = '/.setup-buildkit-released';

/** cleanup off: marks the container as left for later runs, which may replace it (see claimContainerName). */
export async function releaseContainer(docker: DockerClient, names: NodeNames): Promise<void> {
  await putFiles(docker.getContainer(names.container), '/', [{ name: RELEASED_FILE.slice(1), data: Buffer.alloc(0), mode: 0o644 }]);
}

async function released(docker: DockerClient, names: NodeNames): Promise<boolean> {
  try {
    // HEAD answers with a stream (dockerode's isStream): read to its end, or its connection stays open.
    const answer = (await docker.getContainer(names.container).infoArchive({ path: RELEASED_FILE })) as NodeJS.ReadableStream;
    answer.resume();
    return true;
  } catch (err) {
    if (statusCode(err) === 404) return false;
    throw err;
  }
}

/**
 * Makes the name free for a new container. A container that is not ours is an error and is left
 * alone. One of ours is replaced (its state volume kept) when it is a leftover: stopped, made by an
 * earlier version of this action, or kept by its run's post (cleanup off, see releaseContainer).
 * A running one whose run has not ended is another job's live builder under the same fixed name:
 * refused, as buildx refuses a name that exists. Refusing rather than waiting: the other job may hold
 * its builder for hours, and waiting would spend this job's timeout on something nobody sees; the
 * error names the container and the job that has it, which is what the user needs to pick another name.
 */
async function claimContainerName(docker: DockerClient, names: NodeNames, taken: Occupant | undefined, progress: Progress): Promise<void> {
  if (taken === undefined) return;
  if (taken.owner === null) {
    throw new UserError(
      `a container named ${names.container} exists and was not created by setup-buildkit; remove it (docker buildx rm ${names.builder}) or choose another name`,
    );
  }
  if (taken.running && taken.run !== undefined && !(await released(docker, names))) {
    throw new UserError(
      `builder name ${names.builder} is in use: container ${names.container} is the live builder of another job (run ${taken.run}${taken.job ? `, job ${taken.job}` : ''}) on this engine; give each job its own name, or leave the name empty for a generated one`,
    );
  }
  progress.note(`replacing the earlier container ${names.container}`);
  await docker.getContainer(names.container).remove({ force: true });
}

/** Creates the state volume unless it exists (kept state is reused, as buildx reuses it). */
async function ensureVolume(
  docker: DockerClient,
  names: NodeNames,
  taken: Occupant | undefined,
  labels: Record<string, string>,
  progress: Progress,
): Promise<boolean> {
  if (taken !== undefined) {
    progress.note(`using existing state volume ${names.volume}`);
    return false;
  }
  await creatingCall(docker.createVolume({ Name: names.volume, Labels: labels }));
  return true;
}

/** /etc/buildkit as buildx lays it out: directories 0755, files 0644, except private keys (0600). */
function configArchive(files: Record<string, Buffer>, privateFiles: Set<string>): ArchiveEntry[] {
  const dirs = new Set<string>(['buildkit/']);
  const entries: ArchiveEntry[] = [];
  for (const [rel, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`buildkit/${parts.slice(0, i).join('/')}/`);
    entries.push({ name: `buildkit/${rel}`, data, mode: privateFiles.has(rel) ? 0o600 : 0o644 });
  }
  return [...[...dirs].sort().map((name) => ({ name, mode: 0o755 })), ...entries];
}

export async function bootNode(docker: DockerClient, plan: BootPlan, progress: Progress): Promise<NodeStatus> {
  const { names, taken } = plan;
  await claimContainerName(docker, names, taken.container, progress);
  const fresh = await ensureVolume(docker, names, taken.volume, plan.labels, progress);
  if (fresh || taken.volume?.owner) plan.onCreated('volume', !fresh);
  const container = await progress.step(`creating container ${names.container}`, async () => {
    const c = await creatingCall(docker.createContainer(plan.spec));
    plan.onCreated('container');
    if (Object.keys(plan.files).length > 0) await putFiles(c, '/etc', configArchive(plan.files, plan.privateFiles));
    await plan.beforeStart?.(c, fresh);
    await c.start();
    return c;
  });
  plan.onStarted?.();
  return waitReady(container, names, plan.timeoutMs);
}

/** Restarts BuildKit (SIGTERM, then start, as `docker restart` does) and waits for it again. */
export async function restartNode(docker: DockerClient, names: NodeNames, timeoutMs: number, progress: Progress): Promise<NodeStatus> {
  const container = docker.getContainer(names.container);
  await progress.step(`restarting container ${names.container}`, () => container.restart());
  return waitReady(container, names, timeoutMs);
}

/** What `buildctl debug workers --format '{{json .}}'` prints for each worker. */
interface WorkerInfo {
  labels?: Record<string, string>;
  platforms?: { os: string; architecture: string; variant?: string }[];
  /** Since BuildKit v0.12: saves a second exec on the path to a ready builder. */
  buildkitVersion?: { version?: string };
  gcPolicy?: GcRule[] | null;
}

/**
 * Waits until `buildctl debug workers` answers inside the container, as buildx's readiness probe
 * does, but bounded by time instead of a fixed number of tries, and failing at once when the
 * container has stopped. The probe's JSON gives the platforms and, from BuildKit v0.12 on, the version.
 */
async function waitReady(container: Docker.Container, names: NodeNames, timeoutMs: number): Promise<NodeStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (let attempt = 1; ; attempt++) {
    try {
      const probe = await execIn(container, ['buildctl', 'debug', 'workers', '--format', '{{json .}}']);
      if (probe.exitCode === 0) {
        const workers = JSON.parse(probe.stdout) as WorkerInfo[];
        const platforms = [...new Set(workers.flatMap((w) => w.platforms ?? []).map(formatPlatform))];
        const labels = workers[0]?.labels ?? {};
        const snapshotter = labels['org.mobyproject.buildkit.worker.snapshotter'] ?? 'unknown';
        const buildkit = workers[0]?.buildkitVersion?.version || (await buildkitVersion(container));
        return { platforms, snapshotter, buildkitVersion: buildkit, labels, gcPolicy: workers[0]?.gcPolicy ?? [] };
      }
      last = (probe.stderr || probe.stdout).trim();
    } catch (err) {
      last = engineMessage(err);
    }
    const state = await container.inspect().then(
      (i) => i.State,
      () => undefined,
    );
    // A restart policy turns an exit into "restarting": that is BuildKit failing, not starting.
    if (!state?.Running || state.Restarting) {
      const status = state ? `exited with code ${state.ExitCode}` : 'is gone';
      throw new UserError(
        `BuildKit container ${names.container} ${status} before it was ready; its log ends with:\n${await finalLogTail(container, 30)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new UserError(
        `BuildKit in ${names.container} did not answer within ${timeoutMs / 1000}s (last probe: ${last}); its log ends with:\n${await logTail(container, 30)}`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
  }
}

/** The version of a BuildKit older than v0.12, whose workers do not report it. */
async function buildkitVersion(container: Docker.Container): Promise<string> {
  const info = await execIn(container, ['buildctl', 'debug', 'info', '--format', '{{json .}}']);
  if (info.exitCode === 0) {
    const version = (JSON.parse(info.stdout) as { buildkitVersion?: { version?: string } }).buildkitVersion?.version;
    if (version) return version;
  }
  // buildx's fallback: `buildkitd --version` prints "buildkitd <package> <version> <revision>".
  const out = await execIn(container, ['buildkitd', '--version']);
  return out.stdout.trim().split(/\s+/)[2] ?? 'unknown';
}

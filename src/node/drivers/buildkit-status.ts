/**
 * A node's status from BuildKit's own answer over its control API (ListWorkers, then Info when the
 * worker records lack the version): for the drivers that reach BuildKit directly rather than through
 * `buildctl` in a container they made (remote, docker).
 */
import { ControlClient, type Dial, GrpcStatusError } from '../../buildkit/control.js';
import { formatPlatform } from '../../util/platforms.js';
import type { NodeStatus } from '../status.js';

/** gRPC's UNIMPLEMENTED: an engine's BuildKit older than Info (Docker 20.10). */
const UNIMPLEMENTED = 12;

/**
 * Asks BuildKit over one connection. `fallbackVersion` names the version when BuildKit does not say
 * (the engine's release for its own BuildKit, as buildx's docker driver shows it).
 */
export async function buildkitStatus(dial: Dial, authority: string, fallbackVersion?: () => Promise<string>): Promise<NodeStatus> {
  const client = await ControlClient.connect(dial, authority);
  try {
    const workers = await client.listWorkers();
    let version = workers[0]?.buildkitVersion?.version ?? '';
    if (!version) {
      try {
        version = await client.version();
      } catch (err) {
        if (!(err instanceof GrpcStatusError && err.code === UNIMPLEMENTED) || !fallbackVersion) throw err;
      }
    }
    if (!version && fallbackVersion) version = await fallbackVersion();
    const labels = workers[0]?.labels ?? {};
    return {
      platforms: [...new Set(workers.flatMap((w) => w.platforms).map(formatPlatform))],
      snapshotter: labels['org.mobyproject.buildkit.worker.snapshotter'] ?? 'unknown',
      buildkitVersion: version || 'unknown',
      labels,
      gcPolicy: workers[0]?.gcPolicy ?? [],
    };
  } finally {
    client.close();
  }
}

/** BuildKit inside the builder's container, as keep-state needs it: its records, and a clean stop. */
import type Docker from 'dockerode';

import { execIn } from '../engine/docker.js';
import { engineMessage, statusCode } from '../engine/docker-client.js';
import { UserError } from '../util/errors.js';
import { type DuRecord, recordsFingerprint } from './state-key.js';

/** A buildctl command in the container; its stdout, or its error as a UserError. */
export async function buildctl(container: Docker.Container, args: string[]): Promise<string> {
  const out = await execIn(container, ['buildctl', ...args]);
  if (out.exitCode !== 0) throw new UserError(`buildctl ${args[0]}: ${(out.stderr || out.stdout).trim()}`);
  return out.stdout;
}

export async function duRecords(container: Docker.Container): Promise<DuRecord[]> {
  return (JSON.parse((await buildctl(container, ['du', '--format', '{{json .}}'])) || '[]') as DuRecord[] | null) ?? [];
}

export async function stateFingerprint(container: Docker.Container): Promise<string> {
  return recordsFingerprint(await duRecords(container));
}

/** docker stop: BuildKit gets SIGTERM and closes its databases before the volume is read. */
export async function stopCleanly(container: Docker.Container): Promise<void> {
  try {
    await container.stop({ t: 30 });
  } catch (err) {
    // 304: already stopped.
    if (statusCode(err) !== 304) throw new UserError(`stopping BuildKit: ${engineMessage(err)}`);
  }
}

/**
 * The Docker Engine API, through dockerode's objects (docker-client.ts): pulling, exec, archives and
 * logs (connecting is connect.ts).
 * No API version is pinned: unversioned paths get the engine's own API version, which is how the
 * docker CLI's negotiation ends up on an older engine too.
 */
import { PassThrough, type Readable } from 'node:stream';

import type Docker from 'dockerode';
import * as tar from 'tar-stream';

import { type DockerClient, engineMessage, statusCode } from './docker-client.js';

/** The engine listens on a unix socket, so it shares this machine's kernel and filesystem. */
export function isLocalEngine(docker: DockerClient): boolean {
  return !!(docker.modem as { socketPath?: unknown }).socketPath;
}

/** Pulls an image, reading the progress stream to its end so that errors inside it surface. */
export async function pull(docker: DockerClient, ref: string, auth?: Docker.AuthConfig): Promise<void> {
  await followToEnd(docker, (await docker.pull(ref, auth ? { authconfig: auth } : {})) as Readable);
}

/** Loads an image archive (`docker load`), reading the engine's answer to its end for errors. */
export async function loadImage(docker: DockerClient, archive: Readable): Promise<void> {
  await followToEnd(docker, (await docker.loadImage(archive)) as Readable);
}

/** Reads an engine progress stream (JSON messages) to its end; an `error` message in it rejects. */
function followToEnd(docker: DockerClient, stream: Readable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
      const failed = events?.find((e) => e.error);
      if (err || failed) reject(err ?? new Error(failed?.error));
      else resolve();
    });
  });
}

export async function imageExists(docker: DockerClient, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (err) {
    if (statusCode(err) === 404) return false;
    throw err;
  }
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in a running container and collects its output and exit code. */
export async function execIn(container: Docker.Container, cmd: string[]): Promise<ExecResult> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  container.modem.demuxStream(stream, out, err);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(chunks.out).toString(), stderr: Buffer.concat(chunks.err).toString() };
}

/** Splits a multiplexed (non-TTY) engine stream held in memory: 8-byte frame headers, 1 = stdout, 2 = stderr. */
function demuxBuffer(buf: Buffer): string {
  const parts: Buffer[] = [];
  for (let i = 0; i + 8 <= buf.length;) {
    const size = buf.readUInt32BE(i + 4);
    parts.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(parts).toString();
}

/**
 * The last lines of a container that has just exited, for an error message. Its stderr (where
 * buildkitd's errors go) is what counts: the engine copies stdout and stderr to the log separately and
 * asynchronously, so in the interleaved log an error can sit above a screen of usage text, or land
 * a moment after the exit. The engine counts `tail` over the interleaved log before it picks the
 * streams (buildkitd's one error line lands above its 65 lines of usage in about half the runs, on
 * 20.10 and 29 alike, and a stderr read with a tail of 30 then finds nothing), so stderr is read whole:
 * a container that has just failed to start wrote little. Reads until stderr has something and two reads 100 ms apart agree, for two
 * seconds at most; without any stderr, the interleaved log.
 */
export async function finalLogTail(container: Docker.Container, lines: number): Promise<string> {
  const deadline = Date.now() + 2000;
  let previous = await stderrTail(container, lines);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const current = await stderrTail(container, lines);
    if (current && current === previous) return current;
    previous = current;
  }
  return previous || logTail(container, lines);
}

/** The last lines of a container's stderr, from the whole log (see finalLogTail). */
async function stderrTail(container: Docker.Container, lines: number): Promise<string> {
  return (await readLog(container, { stdout: false, stderr: true })).split('\n').slice(-lines).join('\n');
}

/** The last lines of a container's log, stdout and stderr interleaved as they were written. */
export function logTail(container: Docker.Container, lines: number): Promise<string> {
  return readLog(container, { stdout: true, stderr: true, tail: lines });
}

async function readLog(container: Docker.Container, opts: { stdout: boolean; stderr: boolean; tail?: number }): Promise<string> {
  try {
    const buf = (await container.logs({ ...opts, follow: false })) as unknown as Buffer;
    return demuxBuffer(buf).trimEnd();
  } catch (err) {
    return `(no log: ${engineMessage(err)})`;
  }
}

export interface ArchiveEntry {
  /** Path inside the archive, relative to the extraction directory. */
  name: string;
  data?: Buffer;
  mode: number;
}

/** Writes files into a (created, not yet started) container through PUT /archive. */
export async function putFiles(container: Docker.Container, dir: string, entries: ArchiveEntry[]): Promise<void> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.data) pack.entry({ name: e.name, mode: e.mode, uid: 0, gid: 0, type: 'file' }, e.data);
    else pack.entry({ name: e.name, mode: e.mode, uid: 0, gid: 0, type: 'directory' });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  await container.putArchive(Buffer.concat(chunks), { path: dir });
}

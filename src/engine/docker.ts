/**
 * The Docker Engine API, through dockerode's objects (docker-client.ts): connecting, pulling, exec,
 * archives and logs.
 * No API version is pinned: unversioned paths get the engine's own API version, which is how the
 * docker CLI's negotiation ends up on an older engine too.
 */
import * as https from 'node:https';
import { PassThrough, type Readable } from 'node:stream';

import type Docker from 'dockerode';
import * as tar from 'tar-stream';

import { errorLine, UserError } from '../util/errors.js';
import { DockerClient, type RequestBounds } from './docker-client.js';
import type { EngineAddress } from './endpoint.js';
import { SshAgent } from './ssh-transport.js';

export interface Engine {
  docker: DockerClient;
  /** The address as buildx writes it in its store: a context name or a host URL (see endpoint.ts). */
  endpoint: string;
  address: EngineAddress;
}

/**
 * A client for one engine. Every connection field is set, so that nothing of DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH or SSH_AUTH_SOCK leaks in from dockerode's environment defaults.
 */
export function engineClient(address: EngineAddress, bounds: RequestBounds = {}): DockerClient {
  const none = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    agent: undefined,
    timeout: undefined,
    username: undefined,
    pathPrefix: undefined,
  };
  const url = new URL(address.host);
  switch (url.protocol) {
    case 'unix:':
      return new DockerClient({ ...none, socketPath: url.pathname, protocol: 'http' }, bounds);
    case 'ssh:':
      // The host name only fills the Host header: the ssh child is the connection.
      return new DockerClient(
        { ...none, host: 'docker', protocol: 'http', agent: new SshAgent(address.host) } as Docker.DockerOptions,
        bounds,
      );
    case 'tcp:': {
      const tls = address.tls;
      const base = {
        ...none,
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port,
        pathPrefix: url.pathname === '/' ? undefined : url.pathname,
      };
      if (!tls) return new DockerClient({ ...base, protocol: 'http' }, bounds);
      return new DockerClient(
        {
          ...base,
          protocol: 'https',
          ca: tls.ca,
          cert: tls.cert,
          key: tls.key,
          // dockerode passes no rejectUnauthorized of its own: a context's SkipTLSVerify needs an agent.
          agent: tls.skipVerify ? new https.Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key }) : undefined,
        } as Docker.DockerOptions,
        bounds,
      );
    }
    default:
      throw new UserError(`${address.host}: not an address this action can reach (unix://, tcp:// or ssh://)`);
  }
}

/** An address and where it came from, for messages. */
function describeAddress(address: EngineAddress): string {
  return `${address.host} (${address.source})`;
}

/** How long an engine has to answer its first request: the docker CLI's ssh ConnectTimeout. */
const CONNECT_TIMEOUT_MS = 30000;

/**
 * Connects to an engine and checks that it answers, within a bound: a silent host must not hang the step.
 * `bounds` are those of the client's later requests (see RequestBounds).
 */
export async function connect(address: EngineAddress, timeoutMs = CONNECT_TIMEOUT_MS, bounds: RequestBounds = {}): Promise<Engine> {
  const docker = engineClient(address, bounds);
  try {
    await docker.ping({ abortSignal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const problem =
      (err as Error)?.name === 'AbortError' || (err as Error)?.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : connectionProblem(err);
    throw new UserError(`Docker engine not reachable at ${describeAddress(address)}: ${problem}`);
  }
  return { docker, endpoint: address.endpoint, address };
}

const UNTRUSTED_SERVER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);
const REFUSED_CLIENT = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
]);

/** Why a connection failed, on one line; TLS failures say which side refused whom. */
export function connectionProblem(err: unknown): string {
  const code = (err as { code?: string })?.code ?? '';
  const line = errorLine(err)
    .split('\n')[0]
    .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/, '');
  if (UNTRUSTED_SERVER.has(code)) return `${line}: the engine's certificate is not signed by the CA given (ca.pem)`;
  if (REFUSED_CLIENT.has(code))
    return `the engine refused the TLS handshake (${line.replace(/:.*$/, '')}): it asks for a client certificate signed by a CA it trusts (cert.pem and key.pem)`;
  return line;
}

/** The engine listens on a unix socket, so it shares this machine's kernel and filesystem. */
export function isLocalEngine(docker: DockerClient): boolean {
  return !!(docker.modem as { socketPath?: unknown }).socketPath;
}

export function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

/** The engine's error text, without dockerode's "(HTTP code N) unexpected -" prefix. */
export function engineMessage(err: unknown): string {
  const json = (err as { json?: { message?: string } | null })?.json;
  return (json?.message ?? errorLine(err).replace(/^\(HTTP code \d+\) [^-]*- /, '')).trim();
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

/**
 * ssh:// engines, reached as the docker CLI reaches them: the system OpenSSH client runs
 * `docker system dial-stdio` on the remote host and the Engine API is spoken over its stdin/stdout.
 * So ~/.ssh/config, known_hosts, the agent and ProxyJump apply exactly as for the docker and buildx
 * commands of later steps, and an unknown host key is refused (ssh runs without a terminal, in its
 * own session, so it can never ask).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as http from 'node:http';
import { Duplex } from 'node:stream';

/** The ssh command line for an ssh:// URL (docker/cli connhelper/ssh). */
export function sshCommand(host: string): string[] {
  const url = new URL(host);
  const args: string[] = [];
  if (url.username) args.push('-l', decodeURIComponent(url.username));
  if (url.port) args.push('-p', url.port);
  args.push('-o', 'ConnectTimeout=30', '-T', '--', url.hostname, 'docker');
  if (url.pathname && url.pathname !== '/') args.push(`--host=unix://${url.pathname}`);
  args.push('system', 'dial-stdio');
  return args;
}

/** The tail of ssh's stderr that says why it failed (host key, auth, refused connection). */
function reason(stderr: string): string {
  return (
    stderr
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-2)
      .join(' ') || 'no message'
  );
}

/**
 * One ssh child as a socket for node's HTTP client: writes go to its stdin, its stdout is read. An
 * exit before the stream ended is an error carrying ssh's own message, in the docker CLI's words.
 */
class SshStream extends Duplex {
  private stderr = '';
  private answered = false;
  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    argv: string[],
  ) {
    super();
    child.stderr.on('data', (c: Buffer) => (this.stderr = (this.stderr + c.toString()).slice(-4096)));
    child.stdout.on('data', (c: Buffer) => {
      this.answered = true;
      if (!this.push(c)) child.stdout.pause();
    });
    child.on('error', (err) => this.destroy(new Error(`cannot run ssh: ${err.message}`)));
    // The stream ends when ssh has exited, so that a failure before the engine answered (host key,
    // auth, refused) is the error the client sees, rather than the end of an empty answer.
    child.on('close', (code, signal) => {
      if (this.destroyed) return;
      if (code === 0 || this.answered) this.push(null);
      else
        this.destroy(
          new Error(
            `command [ssh ${argv.join(' ')}] has exited with ${code !== null ? `exit status ${code}` : `signal ${signal}`}: ${reason(this.stderr)}`,
          ),
        );
    });
  }
  override _read(): void {
    this.child.stdout.resume();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.child.stdin.write(chunk, done);
  }
  override _final(done: () => void): void {
    this.child.stdin.end(done);
  }
  override _destroy(err: Error | null, done: (err: Error | null) => void): void {
    if (this.child.exitCode === null) this.child.kill();
    done(err);
  }
  // What node's HTTP client and agent call on a socket.
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  /** An idle kept-alive connection does not keep the process alive. */
  unref(): this {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { unref?: () => void }).unref?.();
    return this;
  }
  ref(): this {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { ref?: () => void }).ref?.();
    return this;
  }
}

/**
 * An HTTP agent whose connections are ssh children; idle ones are kept for the next request (one ssh
 * handshake serves many API calls), and an upgraded (exec) connection takes its child with it.
 */
export class SshAgent extends http.Agent {
  constructor(private readonly host: string) {
    super({ keepAlive: true });
  }
  override createConnection(): Duplex {
    const argv = sshCommand(this.host);
    // Its own session: no controlling terminal, so ssh cannot prompt for a host key or a password.
    const child = spawn('ssh', argv, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    return new SshStream(child, argv);
  }
}

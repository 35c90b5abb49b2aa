/**
 * Fault injection for the end-to-end fault suite: an engine proxy that holds a chosen request (so a
 * test can kill or signal the action at an exact point of its work), a step runner that hands back the
 * child process, a temporary docker config, and helpers that read the runner's command lines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';

import { type ActionJob, BUNDLE, parseFileCommands, type StepResult } from './action.js';
import { ENGINE, tryRun } from './engine.js';

const ENGINE_SOCKET = ENGINE.socket;

/** A request the proxy saw: method and path, without the API version prefix. */
export interface SeenRequest {
  method: string;
  path: string;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * A unix-socket HTTP proxy in front of the engine. Every request is forwarded (upgrades, i.e. exec
 * hijacks, as raw streams), except the first that matches `hold`: that one waits until `release()` and
 * `held` resolves when it arrives. Point the action at it with DOCKER_HOST=proxy.dockerHost.
 */
export class EngineProxy {
  readonly socket = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-proxy-')), 'docker.sock');
  readonly dockerHost = `unix://${this.socket}`;
  readonly seen: SeenRequest[] = [];
  private server: http.Server;
  /** Upgraded (exec) connections, which the HTTP server no longer tracks. */
  private readonly raw = new Set<net.Socket | Duplex>();
  private holdMatch?: (r: SeenRequest) => boolean;
  private releaseHeld?: () => void;
  private heldResolve?: (r: SeenRequest) => void;
  /** Resolves with the held request once it has arrived. */
  held: Promise<SeenRequest>;

  constructor(hold?: (r: SeenRequest) => boolean) {
    this.holdMatch = hold;
    this.held = new Promise((resolve) => (this.heldResolve = resolve));
    this.server = http.createServer((req, res) => {
      const seen = { method: req.method ?? 'GET', path: (req.url ?? '/').replace(/^\/v[\d.]+\//, '/'), headers: req.headers };
      this.seen.push(seen);
      const forward = () => {
        const upstream = http.request({ socketPath: ENGINE_SOCKET, method: req.method, path: req.url, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          // Sent now, not with the first byte of the body: an attach answers before its container
          // has written anything, and the client starts the container only once it has the answer.
          res.flushHeaders();
          up.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      };
      if (this.holdMatch?.(seen)) {
        this.holdMatch = undefined;
        // The request is read but not forwarded until released. It still reaches the engine then,
        // even when the client is gone: the engine does what it was asked, as with a real request.
        const body: Buffer[] = [];
        req.on('data', (c: Buffer) => body.push(c));
        const ended = new Promise<void>((resolve) => req.on('end', resolve).on('close', resolve));
        this.releaseHeld = () =>
          void ended.then(() => {
            const upstream = http.request({ socketPath: ENGINE_SOCKET, method: req.method, path: req.url, headers: req.headers }, (up) => {
              if (!res.destroyed) {
                res.writeHead(up.statusCode ?? 502, up.headers);
                res.flushHeaders();
                up.pipe(res);
              } else up.resume();
            });
            upstream.on('error', () => res.destroy());
            upstream.end(Buffer.concat(body));
          });
        this.heldResolve!(seen);
        return;
      }
      forward();
    });
    this.server.on('upgrade', (req, client, head) => {
      this.seen.push({ method: req.method ?? 'GET', path: (req.url ?? '/').replace(/^\/v[\d.]+\//, '/') });
      const upstream = net.connect(ENGINE_SOCKET, () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.raw.add(upstream).add(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  }

  /**
   * Holds the next request that matches, from now on: main can run through the proxy untouched and
   * the fault land in post, which reaches the engine main recorded.
   */
  arm(hold: (r: SeenRequest) => boolean): void {
    this.holdMatch = hold;
    this.held = new Promise((resolve) => (this.heldResolve = resolve));
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.socket, resolve));
  }

  release(): void {
    this.releaseHeld?.();
    this.releaseHeld = undefined;
  }

  close(): Promise<void> {
    for (const s of this.raw) s.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The job's runner files, as ActionJob lays them out in its directory. */
function jobFiles(job: ActionJob) {
  return {
    GITHUB_OUTPUT: path.join(job.dir, 'output'),
    GITHUB_STATE: path.join(job.dir, 'state'),
    GITHUB_ENV: path.join(job.dir, 'env'),
    GITHUB_STEP_SUMMARY: path.join(job.dir, 'summary'),
  };
}

export interface RunningStep {
  child: ChildProcess;
  /** Resolves when the process has ended. */
  done: Promise<StepResult & { signal: NodeJS.Signals | null }>;
  stdout(): string;
}

function inputEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  return env;
}

/**
 * Starts a step of `job` as ActionJob does, but returns at once with the child process, so that the
 * test can signal or kill it. `post` hands the state written so far back as STATE_* variables.
 */
export function startStep(
  job: ActionJob,
  kind: 'main' | 'post',
  inputsOrEnv: Record<string, string>,
  extraEnv: NodeJS.ProcessEnv = {},
): RunningStep {
  const files = jobFiles(job);
  for (const f of Object.values(files)) fs.writeFileSync(f, '', { flag: 'a' });
  fs.writeFileSync(files.GITHUB_OUTPUT, '');
  let env: NodeJS.ProcessEnv;
  if (kind === 'main') env = inputEnv(inputsOrEnv);
  else {
    env = {};
    for (const [k, v] of Object.entries(parseFileCommands(fs.readFileSync(files.GITHUB_STATE, 'utf8')))) env[`STATE_${k}`] = v;
  }
  const child = spawn(process.execPath, [BUNDLE], {
    env: { ...process.env, GITHUB_ACTIONS: 'true', ...files, ...extraEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<StepResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 240000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? -1,
        signal,
        stdout,
        stderr,
        outputs: parseFileCommands(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')),
        env: parseFileCommands(fs.readFileSync(files.GITHUB_ENV, 'utf8')),
        errors: commandLines(stdout, 'error'),
        warnings: commandLines(stdout, 'warning'),
      });
    });
  });
  return { child, done, stdout: () => stdout };
}

/** Writes the state a main step would have saved, for a post step to find. */
export function writeState(job: ActionJob, state: object): void {
  fs.writeFileSync(jobFiles(job).GITHUB_STATE, `setup-buildkit=${JSON.stringify(state)}\n`);
}

export function readState(job: ActionJob): any {
  const raw = parseFileCommands(fs.readFileSync(jobFiles(job).GITHUB_STATE, 'utf8'))['setup-buildkit'];
  return raw ? JSON.parse(raw) : undefined;
}

/** The runner's ::kind:: command lines, with their message decoded (%0A → newline, ...). */
export function commandLines(stdout: string, kind: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(`::${kind}`))
    .map((l) => decodeCommand(l.replace(/^::[^:]*::/, '')));
}

export function decodeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** Polls until `check` holds (or throws after timeoutMs). */
export async function waitFor(check: () => boolean, timeoutMs = 60000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function nodeOf(builder: string): { container: string; volume: string } {
  const container = `buildx_buildkit_${builder.toLowerCase()}0`;
  return { container, volume: `${container}_state` };
}

/** Removes a builder's container, volume and buildx store entry whatever made them (test cleanup). */
export function forceRemove(builder: string, dockerConfig = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker')): void {
  const { container, volume } = nodeOf(builder);
  tryRun('docker', ['rm', '-f', '-v', container]);
  tryRun('docker', ['volume', 'rm', '-f', volume]);
  for (const sub of ['instances', 'activity', 'refs'])
    fs.rmSync(path.join(dockerConfig, 'buildx', sub, builder.toLowerCase()), { recursive: true, force: true });
}

/**
 * A fresh DOCKER_CONFIG directory (its own buildx store) that still finds the installed CLI plugins,
 * with an optional config.json.
 */
export function tempDockerConfig(config?: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-dockercfg-'));
  const home = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
  const plugins = path.join(home, 'cli-plugins');
  if (fs.existsSync(plugins)) fs.symlinkSync(plugins, path.join(dir, 'cli-plugins'));
  if (config) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  return dir;
}

/** Names of containers and volumes on the engine (to compare before and after). */
export function engineObjects(): { containers: string[]; volumes: string[] } {
  const containers = tryRun('docker', ['ps', '-a', '--format', '{{.Names}}']).stdout.split('\n').filter(Boolean);
  const volumes = tryRun('docker', ['volume', 'ls', '-q']).stdout.split('\n').filter(Boolean);
  return { containers, volumes };
}

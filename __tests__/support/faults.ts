/**
 * Fault injection for the end-to-end tests: an engine proxy that holds a chosen request (so a test can
 * kill or signal the action, started with ActionJob.start, at an exact point of its work), a temporary
 * docker config, and what the engine holds before and after.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';

import { nodeNames } from '../../src/inputs/names.js';
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

/** Polls until `check` holds (or throws after timeoutMs). */
export async function waitFor(check: () => boolean, timeoutMs = 60000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Removes a builder's container, volume and buildx store entry whatever made them (test cleanup). */
export function forceRemove(builder: string, dockerConfig = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker')): void {
  const { container, volume } = nodeNames(builder);
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

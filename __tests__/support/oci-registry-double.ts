/**
 * A loopback double of an OCI registry's distribution API, in memory, for the builder image check's
 * unit tests (no engine, no registry binary): blob uploads (POST then PUT ?digest=), manifests by tag
 * or digest, blobs; no referrers API (404), as the `distribution` registry, so the client falls back
 * to the `sha256-<hex>` tag schema; with `token`, every read wants a bearer token from its /token
 * realm, as Docker Hub's do (pushes stay open: the tests push their images with no client of their own).
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RegistryDouble {
  /** host:port */
  host: string;
  /** Every request's method and path, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startRegistryDouble(opts: { token?: string } = {}): Promise<RegistryDouble> {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, { type: string; body: Buffer }>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://double');
      requests.push(`${req.method} ${url.pathname}`);
      const body = Buffer.concat(chunks);
      const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
      if (url.pathname === '/token') return void res.end(JSON.stringify({ token: opts.token }));
      if (opts.token && req.method === 'GET' && req.headers.authorization !== `Bearer ${opts.token}`) {
        res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${host}/token",service="double"` });
        return void res.end();
      }
      const m = /^\/v2\/(.+)\/(blobs\/uploads\/|uploads\/[^/]+|blobs|manifests|referrers)\/?(.*)$/.exec(url.pathname);
      if (!m) return void res.writeHead(404).end();
      const [, , kind, ref] = m;
      if (req.method === 'POST' && kind === 'blobs/uploads/') {
        res.writeHead(202, { Location: `${url.pathname.replace(/blobs\/uploads\/$/, '')}uploads/1` });
        return void res.end();
      }
      if (req.method === 'PUT' && kind.startsWith('uploads/')) {
        blobs.set(url.searchParams.get('digest') ?? digest, body);
        return void res.writeHead(201).end();
      }
      if (req.method === 'PUT' && kind === 'manifests') {
        const stored = { type: String(req.headers['content-type']), body };
        manifests.set(digest, stored);
        manifests.set(ref, stored);
        return void res.writeHead(201).end();
      }
      if (req.method === 'GET' && kind === 'manifests' && manifests.has(ref)) {
        const { type, body: manifest } = manifests.get(ref)!;
        return void res.writeHead(200, { 'Content-Type': type }).end(manifest);
      }
      if (req.method === 'GET' && kind === 'blobs' && blobs.has(ref)) return void res.writeHead(200).end(blobs.get(ref));
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

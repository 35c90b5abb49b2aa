// A loopback double of GitHub's Actions cache service v2, for tests that run the real
// @actions/cache against it (no npm package implements the service; see
// /work/shared/reference/state-persistence.md §2-§3).
//
// It speaks what @actions/cache 6.x sends when ACTIONS_CACHE_SERVICE_V2 is set:
//  - twirp JSON: POST /twirp/github.actions.results.api.v1.CacheService/<Method>, snake_case
//    bodies, Bearer token (must be a syntactically valid JWT), for CreateCacheEntry,
//    FinalizeCacheEntryUpload and GetCacheEntryDownloadURL. Errors are twirp errors
//    ({code,msg} with the matching HTTP status), e.g. 409 already_exists for a duplicate key.
//  - the Azure Blob upload the SDK's BlockBlobClient.uploadFile does against the signed URL:
//    one Put Blob (x-ms-blob-type: BlockBlob) up to 128 MiB, else Put Block
//    (?comp=block&blockid=) and Put Block List (?comp=blocklist). Signed URLs are path-style,
//    http://127.0.0.1:P/devstoreaccount1/cache/<id>?sig=..., which the SDK treats as
//    account-in-path because the host is an IP.
//  - a plain GET (or HEAD, optionally with one Range) of the signed download URL: the client
//    only uses the Azure SDK to download from *.blob.core.windows.net hosts.
// Blobs are stored in a temporary directory, removed by close().
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, promises as fsp } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface CacheV2ServerOptions {
  /** Every CreateCacheEntry answers 409 already_exists, as when another job owns the key. */
  failSave409?: boolean;
  /** Nothing listens on the URL (a port that was free a moment ago): the service is down. */
  down?: boolean;
  /** The port to listen on (default any free one). */
  port?: number;
  /** The URL clients reach it by, when not its own (a proxy in front, as the benchmarks put one). */
  publicUrl?: string;
}

export interface CacheV2Entry {
  key: string;
  version: string;
  size: number;
}

export interface CacheV2Server {
  /** The value for ACTIONS_RESULTS_URL, ending in '/'. */
  url: string;
  close(): Promise<void>;
  /** Finalized entries, oldest first. */
  entries(): CacheV2Entry[];
  /** Its storage: `<id>.blob` per entry (removing one evicts the entry; rewriting one changes what is served). */
  dir: string;
  /**
   * After `calls` more twirp calls, every one answers 429 resource_exhausted with a Retry-After, as
   * the service does when a repository's cache operations exceed its rate limit (Retry-After
   * `seconds`, default 60); undefined lifts it.
   */
  rateLimitAfter(calls: number | undefined, seconds?: number): void;
}

export const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
export const BLOB_ACCOUNT = 'devstoreaccount1';
export const BLOB_CONTAINER = 'cache';
/** The message the real service gives for a duplicate (key, version, scope). */
export const ALREADY_EXISTS_MSG = 'cache entry with the same key, version, and scope already exists';

interface Entry {
  id: number;
  key: string;
  version: string;
  sig: string;
  createdAt: number;
  finalized: boolean;
  size: number;
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    msg: string,
  ) {
    super(msg);
  }
}

class BlobError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    msg: string,
  ) {
    super(msg);
  }
}

export async function startCacheV2Server(opts: CacheV2ServerOptions = {}): Promise<CacheV2Server> {
  if (opts.down) return downServer();

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cache-v2-'));
  const entries: Entry[] = [];
  let nextId = 1;
  let seq = 0; // creation order, so "newest" never ties within one millisecond
  let base = '';
  let callsBeforeLimit: number | undefined;
  let retryAfter = 60;

  const blobPath = (e: Entry) => path.join(dir, `${e.id}.blob`);
  const blockDir = (e: Entry) => path.join(dir, `${e.id}.blocks`);
  const blobUrl = (e: Entry) => `${base}${BLOB_ACCOUNT}/${BLOB_CONTAINER}/${e.id}?sv=2025-01-05&sr=b&sp=rcw&sig=${e.sig}`;

  function findEntry(key: string, version: string, restoreKeys: string[]): Entry | undefined {
    // An entry whose blob is gone was evicted, as the service evicts least-recently-used entries.
    const done = entries
      .filter((e) => e.finalized && e.version === version && existsSync(blobPath(e)))
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const k of [key, ...restoreKeys]) {
      const exact = done.find((e) => e.key === k);
      if (exact) return exact;
      const prefix = done.find((e) => e.key.startsWith(k));
      if (prefix) return prefix;
    }
    return undefined;
  }

  async function twirp(method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const key = str(body.key);
    const version = str(body.version);
    switch (method) {
      case 'CreateCacheEntry': {
        if (!key || !version) throw new TwirpError(400, 'invalid_argument', 'key and version are required');
        if (opts.failSave409 || entries.some((e) => e.key === key && e.version === version)) {
          throw new TwirpError(409, 'already_exists', ALREADY_EXISTS_MSG);
        }
        const e: Entry = {
          id: nextId++,
          key,
          version,
          sig: randomBytes(16).toString('hex'),
          createdAt: seq++,
          finalized: false,
          size: 0,
        };
        entries.push(e);
        return { ok: true, signed_upload_url: blobUrl(e) };
      }
      case 'FinalizeCacheEntryUpload': {
        const e = entries.find((x) => x.key === key && x.version === version && !x.finalized);
        if (!e) throw new TwirpError(404, 'not_found', `no cache entry being created for key ${key}`);
        const size = await fsp.stat(blobPath(e)).then(
          (s) => s.size,
          () => -1,
        );
        if (size < 0) return { ok: false, entry_id: '0', message: `no blob uploaded for key ${key}` };
        if (String(size) !== String(body.size_bytes)) {
          return { ok: false, entry_id: '0', message: `uploaded ${size} bytes, size_bytes says ${body.size_bytes}` };
        }
        e.finalized = true;
        e.size = size;
        return { ok: true, entry_id: String(e.id) };
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(str) : [];
        const e = findEntry(key, version, restoreKeys);
        if (!e) return { ok: false, signed_download_url: '', matched_key: '' };
        return { ok: true, signed_download_url: blobUrl(e), matched_key: e.key };
      }
      default:
        throw new TwirpError(404, 'bad_route', `no handler for path "${TWIRP_PREFIX}${method}"`);
    }
  }

  async function handleTwirp(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    try {
      if (req.method !== 'POST') throw new TwirpError(404, 'bad_route', `unsupported method ${req.method} (only POST is allowed)`);
      checkBearerJwt(req.headers.authorization);
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new TwirpError(404, 'bad_route', `unexpected Content-Type: ${req.headers['content-type']}`);
      }
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      } catch {
        throw new TwirpError(400, 'malformed', 'the json request could not be decoded');
      }
      if (typeof body !== 'object' || body === null) throw new TwirpError(400, 'malformed', 'request is not an object');
      if (callsBeforeLimit !== undefined && callsBeforeLimit-- <= 0) {
        res.setHeader('Retry-After', String(retryAfter));
        throw new TwirpError(429, 'resource_exhausted', 'cache operations rate limit exceeded');
      }
      sendJson(res, 200, await twirp(method, body as Record<string, unknown>));
    } catch (err) {
      if (err instanceof TwirpError) sendJson(res, err.status, { code: err.code, msg: err.message });
      else sendJson(res, 500, { code: 'internal', msg: String(err) });
    }
  }

  async function handleBlob(req: http.IncomingMessage, res: http.ServerResponse, u: URL, id: number): Promise<void> {
    const requestId = randomUUID();
    const common = {
      'x-ms-request-id': requestId,
      'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-01-05'),
      'x-ms-client-request-id': String(req.headers['x-ms-client-request-id'] ?? ''),
      Date: new Date().toUTCString(),
    };
    try {
      const e = entries.find((x) => x.id === id);
      if (!e || u.searchParams.get('sig') !== e.sig) {
        throw new BlobError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.');
      }
      const comp = u.searchParams.get('comp');
      if (req.method === 'PUT') {
        if (e.finalized) throw new BlobError(409, 'BlobImmutableDueToPolicy', 'This operation is not permitted as the blob is immutable.');
        if (comp === 'block') {
          const blockId = u.searchParams.get('blockid');
          if (!blockId) throw new BlobError(400, 'MissingRequiredQueryParameter', 'blockid is required');
          await fsp.mkdir(blockDir(e), { recursive: true });
          await pipeline(req, createWriteStream(path.join(blockDir(e), blockFile(blockId))));
          res.writeHead(201, { ...common, 'x-ms-request-server-encrypted': 'true', 'Content-Length': '0' }).end();
          return;
        }
        if (comp === 'blocklist') {
          const xml = (await readBody(req)).toString('utf8');
          const ids = [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((m) => xmlUnescape(m[2]));
          const tmp = `${blobPath(e)}.tmp`;
          const out = await fsp.open(tmp, 'w');
          try {
            for (const b of ids) {
              const data = await fsp.readFile(path.join(blockDir(e), blockFile(b))).catch(() => {
                throw new BlobError(400, 'InvalidBlockList', `The specified block list is invalid: unknown block ${b}`);
              });
              await out.write(data);
            }
          } finally {
            await out.close();
          }
          await fsp.rename(tmp, blobPath(e));
          await fsp.rm(blockDir(e), { recursive: true, force: true });
          res.writeHead(201, { ...common, ...blobProps(), 'x-ms-request-server-encrypted': 'true', 'Content-Length': '0' }).end();
          return;
        }
        if (comp) throw new BlobError(400, 'InvalidQueryParameterValue', `comp=${comp} is not supported here`);
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
          throw new BlobError(
            400,
            'MissingRequiredHeader',
            'An HTTP header that is mandatory for this request is not specified: x-ms-blob-type',
          );
        }
        await pipeline(req, createWriteStream(blobPath(e)));
        res.writeHead(201, { ...common, ...blobProps(), 'x-ms-request-server-encrypted': 'true', 'Content-Length': '0' }).end();
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        const size = e.finalized
          ? await fsp.stat(blobPath(e)).then(
              (st) => st.size,
              () => -1,
            )
          : -1;
        if (size < 0) throw new BlobError(404, 'BlobNotFound', 'The specified blob does not exist.');
        let start = 0;
        let end = size - 1;
        let status = 200;
        const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? req.headers['x-ms-range'] ?? ''));
        if (range) {
          start = Number(range[1]);
          end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
          if (start >= size)
            throw new BlobError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
          status = 206;
        }
        const headers: http.OutgoingHttpHeaders = {
          ...common,
          ...blobProps(),
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(end - start + 1),
          'Accept-Ranges': 'bytes',
          'x-ms-blob-type': 'BlockBlob',
        };
        if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
        res.writeHead(status, headers);
        if (req.method === 'HEAD' || size === 0) {
          res.end();
          return;
        }
        await pipeline(createReadStream(blobPath(e), { start, end }), res);
        return;
      }
      throw new BlobError(405, 'UnsupportedHttpVerb', `The resource doesn't support ${req.method}.`);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const be = err instanceof BlobError ? err : new BlobError(500, 'InternalError', String(err));
      req.resume();
      const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${be.code}</Code><Message>${xmlEscape(be.message)}</Message></Error>`;
      res
        .writeHead(be.status, {
          ...common,
          'x-ms-error-code': be.code,
          'Content-Type': 'application/xml',
          'Content-Length': Buffer.byteLength(xml),
        })
        .end(req.method === 'HEAD' ? undefined : xml);
    }
  }

  const blobRe = new RegExp(`^/${BLOB_ACCOUNT}/${BLOB_CONTAINER}/(\\d+)$`);
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    let done: Promise<void>;
    if (u.pathname.startsWith(TWIRP_PREFIX)) {
      done = handleTwirp(req, res, u.pathname.slice(TWIRP_PREFIX.length));
    } else {
      const m = blobRe.exec(u.pathname);
      if (m) done = handleBlob(req, res, u, Number(m[1]));
      else {
        req.resume();
        sendJson(res, 404, { code: 'bad_route', msg: `no handler for path "${u.pathname}"` });
        return;
      }
    }
    done.catch(() => res.destroy());
  });
  // Uploads of big archives must not be cut off by node's default request timeout.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = opts.publicUrl?.replace(/\/?$/, '/') ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url: base,
    dir,
    entries: () => entries.filter((e) => e.finalized).map(({ key, version, size }) => ({ key, version, size })),
    rateLimitAfter: (calls, seconds = 60) => {
      callsBeforeLimit = calls;
      retryAfter = seconds;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

async function downServer(): Promise<CacheV2Server> {
  // Take a free port and release it: connecting to it is then refused.
  const probe = http.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}/`, dir: '', entries: () => [], rateLimitAfter: () => undefined, close: async () => undefined };
}

/** A Bearer token that is a JWT in form: three base64url parts, JSON header and payload. */
function checkBearerJwt(authorization: string | undefined): void {
  const m = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!m) throw new TwirpError(401, 'unauthenticated', 'missing Bearer token');
  const parts = m[1].split('.');
  try {
    if (parts.length !== 3) throw new Error('not three parts');
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof header.alg !== 'string') throw new Error('no alg');
  } catch {
    throw new TwirpError(401, 'unauthenticated', 'the runtime token is not a valid JWT');
  }
}

function blobProps(): http.OutgoingHttpHeaders {
  return { ETag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`, 'Last-Modified': new Date().toUTCString() };
}

/** Block ids are base64 (the same length within one blob); hex keeps them safe as file names. */
function blockFile(blockId: string): string {
  return Buffer.from(blockId, 'utf8').toString('hex');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) }).end(data);
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

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

type Twirp = (body: Record<string, unknown>) => Promise<Record<string, unknown>>;
type BlobRoute = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  e: Entry,
  u: URL,
  headers: http.OutgoingHttpHeaders,
) => Promise<void>;

/** The service's entries and blobs, and one handler per Twirp method and per blob route. */
class CacheV2Double {
  readonly entries: Entry[] = [];
  private nextId = 1;
  /** Creation order, so "newest" never ties within one millisecond. */
  private seq = 0;
  /** The URL clients reach it by, set once it listens. */
  base = '';
  callsBeforeLimit: number | undefined;
  retryAfter = 60;

  constructor(
    readonly dir: string,
    private readonly opts: CacheV2ServerOptions,
  ) {}

  readonly twirp: Record<string, Twirp> = {
    CreateCacheEntry: (body) => this.createCacheEntry(body),
    FinalizeCacheEntryUpload: (body) => this.finalizeCacheEntryUpload(body),
    GetCacheEntryDownloadURL: (body) => this.getCacheEntryDownloadURL(body),
  };

  private blobPath(e: Entry): string {
    return path.join(this.dir, `${e.id}.blob`);
  }

  private blockDir(e: Entry): string {
    return path.join(this.dir, `${e.id}.blocks`);
  }

  private blobUrl(e: Entry): string {
    return `${this.base}${BLOB_ACCOUNT}/${BLOB_CONTAINER}/${e.id}?sv=2025-01-05&sr=b&sp=rcw&sig=${e.sig}`;
  }

  private async blobSize(e: Entry): Promise<number> {
    return fsp.stat(this.blobPath(e)).then(
      (st) => st.size,
      () => -1,
    );
  }

  private async createCacheEntry(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const key = str(body.key);
    const version = str(body.version);
    if (!key || !version) throw new TwirpError(400, 'invalid_argument', 'key and version are required');
    if (this.opts.failSave409 || this.entries.some((e) => e.key === key && e.version === version)) {
      throw new TwirpError(409, 'already_exists', ALREADY_EXISTS_MSG);
    }
    const e: Entry = {
      id: this.nextId++,
      key,
      version,
      sig: randomBytes(16).toString('hex'),
      createdAt: this.seq++,
      finalized: false,
      size: 0,
    };
    this.entries.push(e);
    return { ok: true, signed_upload_url: this.blobUrl(e) };
  }

  private async finalizeCacheEntryUpload(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const key = str(body.key);
    const version = str(body.version);
    const e = this.entries.find((x) => x.key === key && x.version === version && !x.finalized);
    if (!e) throw new TwirpError(404, 'not_found', `no cache entry being created for key ${key}`);
    const size = await this.blobSize(e);
    if (size < 0) return { ok: false, entry_id: '0', message: `no blob uploaded for key ${key}` };
    if (String(size) !== String(body.size_bytes)) {
      return { ok: false, entry_id: '0', message: `uploaded ${size} bytes, size_bytes says ${body.size_bytes}` };
    }
    e.finalized = true;
    e.size = size;
    return { ok: true, entry_id: String(e.id) };
  }

  private async getCacheEntryDownloadURL(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(str) : [];
    const e = this.findEntry(str(body.key), str(body.version), restoreKeys);
    if (!e) return { ok: false, signed_download_url: '', matched_key: '' };
    return { ok: true, signed_download_url: this.blobUrl(e), matched_key: e.key };
  }

  private findEntry(key: string, version: string, restoreKeys: string[]): Entry | undefined {
    // An entry whose blob is gone was evicted, as the service evicts least-recently-used entries.
    const done = this.entries
      .filter((e) => e.finalized && e.version === version && existsSync(this.blobPath(e)))
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const k of [key, ...restoreKeys]) {
      const exact = done.find((e) => e.key === k);
      if (exact) return exact;
      const prefix = done.find((e) => e.key.startsWith(k));
      if (prefix) return prefix;
    }
    return undefined;
  }

  /** The blob route a request takes: by method, then by `comp`. A finalized blob is immutable, as the service's are. */
  blobRoute(method: string | undefined, comp: string | null, e: Entry): BlobRoute {
    if (method === 'PUT') {
      if (e.finalized) throw new BlobError(409, 'BlobImmutableDueToPolicy', 'This operation is not permitted as the blob is immutable.');
      if (comp === 'block') return (req, res, e, u, headers) => this.putBlock(req, res, e, u, headers);
      if (comp === 'blocklist') return (req, res, e, _u, headers) => this.putBlockList(req, res, e, headers);
      if (comp) throw new BlobError(400, 'InvalidQueryParameterValue', `comp=${comp} is not supported here`);
      return (req, res, e, _u, headers) => this.putBlob(req, res, e, headers);
    }
    if (method === 'GET' || method === 'HEAD') return (req, res, e, _u, headers) => this.getBlob(req, res, e, headers);
    throw new BlobError(405, 'UnsupportedHttpVerb', `The resource doesn't support ${method}.`);
  }

  /** Put Block: one block of a blob that Put Block List assembles. */
  private async putBlock(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    e: Entry,
    u: URL,
    headers: http.OutgoingHttpHeaders,
  ): Promise<void> {
    const blockId = u.searchParams.get('blockid');
    if (!blockId) throw new BlobError(400, 'MissingRequiredQueryParameter', 'blockid is required');
    await fsp.mkdir(this.blockDir(e), { recursive: true });
    await pipeline(req, createWriteStream(path.join(this.blockDir(e), blockFile(blockId))));
    res.writeHead(201, { ...headers, 'x-ms-request-server-encrypted': 'true', 'Content-Length': '0' }).end();
  }

  /** Put Block List: the blob is its blocks, in the order listed. */
  private async putBlockList(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    e: Entry,
    headers: http.OutgoingHttpHeaders,
  ): Promise<void> {
    const xml = (await readBody(req)).toString('utf8');
    const ids = [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((m) => xmlUnescape(m[2]));
    const tmp = `${this.blobPath(e)}.tmp`;
    const out = await fsp.open(tmp, 'w');
    try {
      for (const b of ids) {
        const data = await fsp.readFile(path.join(this.blockDir(e), blockFile(b))).catch(() => {
          throw new BlobError(400, 'InvalidBlockList', `The specified block list is invalid: unknown block ${b}`);
        });
        await out.write(data);
      }
    } finally {
      await out.close();
    }
    await fsp.rename(tmp, this.blobPath(e));
    await fsp.rm(this.blockDir(e), { recursive: true, force: true });
    res.writeHead(201, { ...headers, ...blobProps(), 'x-ms-request-server-encrypted': 'true', 'Content-Length': '0' }).end();
  }

  /** Put Blob: the whole blob in one request. */
  private async putBlob(req: http.IncomingMessage, res: http.ServerResponse, e: Entry, headers: http.OutgoingHttpHeaders): Promise<void> {
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
      throw new BlobError(
        400,
        'MissingRequiredHeader',
        'An HTTP header that is mandatory for this request is not specified: x-ms-blob-type',
      );
    }
    await pipeline(req, createWriteStream(this.blobPath(e)));
    res.writeHead(201, { ...headers, ...blobProps(), 'x-ms-request-server-encrypted': 'true', 'Content-Length': '0' }).end();
  }

  /** GET or HEAD of a finalized blob, whole or one Range of it. */
  private async getBlob(req: http.IncomingMessage, res: http.ServerResponse, e: Entry, common: http.OutgoingHttpHeaders): Promise<void> {
    const size = e.finalized ? await this.blobSize(e) : -1;
    if (size < 0) throw new BlobError(404, 'BlobNotFound', 'The specified blob does not exist.');
    let start = 0;
    let end = size - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? req.headers['x-ms-range'] ?? ''));
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size) throw new BlobError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
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
    await pipeline(createReadStream(this.blobPath(e), { start, end }), res);
  }
}

/** A Twirp call: POST, a JWT bearer, a JSON object body; the rate limit; then the method's handler. */
async function handleTwirp(double: CacheV2Double, req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
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
    if (double.callsBeforeLimit !== undefined && double.callsBeforeLimit-- <= 0) {
      res.setHeader('Retry-After', String(double.retryAfter));
      throw new TwirpError(429, 'resource_exhausted', 'cache operations rate limit exceeded');
    }
    const handler = Object.hasOwn(double.twirp, method) ? double.twirp[method] : undefined;
    if (!handler) throw new TwirpError(404, 'bad_route', `no handler for path "${TWIRP_PREFIX}${method}"`);
    sendJson(res, 200, await handler(body as Record<string, unknown>));
  } catch (err) {
    if (err instanceof TwirpError) sendJson(res, err.status, { code: err.code, msg: err.message });
    else sendJson(res, 500, { code: 'internal', msg: String(err) });
  }
}

/** A request to a signed blob URL: the signature, then the route's handler; errors as Azure's XML. */
async function handleBlob(double: CacheV2Double, req: http.IncomingMessage, res: http.ServerResponse, u: URL, id: number): Promise<void> {
  const common: http.OutgoingHttpHeaders = {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-01-05'),
    'x-ms-client-request-id': String(req.headers['x-ms-client-request-id'] ?? ''),
    Date: new Date().toUTCString(),
  };
  try {
    const e = double.entries.find((x) => x.id === id);
    if (!e || u.searchParams.get('sig') !== e.sig) {
      throw new BlobError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.');
    }
    await double.blobRoute(req.method, u.searchParams.get('comp'), e)(req, res, e, u, common);
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

export async function startCacheV2Server(opts: CacheV2ServerOptions = {}): Promise<CacheV2Server> {
  if (opts.down) return downServer();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cache-v2-'));
  const double = new CacheV2Double(dir, opts);
  const blobRe = new RegExp(`^/${BLOB_ACCOUNT}/${BLOB_CONTAINER}/(\\d+)$`);
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const blob = blobRe.exec(u.pathname);
    let done: Promise<void>;
    if (u.pathname.startsWith(TWIRP_PREFIX)) done = handleTwirp(double, req, res, u.pathname.slice(TWIRP_PREFIX.length));
    else if (blob) done = handleBlob(double, req, res, u, Number(blob[1]));
    else {
      req.resume();
      sendJson(res, 404, { code: 'bad_route', msg: `no handler for path "${u.pathname}"` });
      return;
    }
    done.catch(() => res.destroy());
  });
  // Uploads of big archives must not be cut off by node's default request timeout.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  double.base = opts.publicUrl?.replace(/\/?$/, '/') ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url: double.base,
    dir,
    entries: () => double.entries.filter((e) => e.finalized).map(({ key, version, size }) => ({ key, version, size })),
    rateLimitAfter: (calls, seconds = 60) => {
      double.callsBeforeLimit = calls;
      double.retryAfter = seconds;
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

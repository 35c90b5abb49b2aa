/**
 * BuildKit's control API (`moby.buildkit.v1.Control`), the two unary calls a builder's readiness needs:
 * ListWorkers (BuildKit answers; its platforms, labels and GC policy) and Info (its version, for a
 * BuildKit older than v0.12, whose worker records lack it). This is what buildx asks a remote node for
 * (`Info` is "running" iff ListWorkers answers) and what `docker buildx ls` shows.
 *
 * gRPC over node:http2 with a hand-written decoder for the few protobuf fields read, rather than
 * @grpc/grpc-js and protobufjs: two unary calls with empty requests need only gRPC's 5-byte message
 * frame and its trailers, and the docker-container path must not load a gRPC stack it never uses
 * (the bundle's load time is on the path to every builder; see engine/docker-client.ts). The transport
 * is the caller's (a TLS or unix socket to a daemon, an engine's hijacked /grpc): anything that
 * carries HTTP/2's bytes.
 */
import * as http2 from 'node:http2';
import type { Duplex } from 'node:stream';

const SERVICE = '/moby.buildkit.v1.Control';

/** One worker as `buildctl debug workers --format '{{json .}}'` prints it (the names the rest of the action reads). */
export interface WorkerRecord {
  id: string;
  labels: Record<string, string>;
  platforms: { os: string; architecture: string; variant?: string }[];
  /** Durations in nanoseconds, sizes in bytes. */
  gcPolicy: {
    all?: boolean;
    filter?: string[];
    keepDuration?: number;
    reservedSpace?: number;
    maxUsedSpace?: number;
    minFreeSpace?: number;
  }[];
  buildkitVersion?: { version?: string };
}

/** A call BuildKit answered with a gRPC status other than OK. */
export class GrpcStatusError extends Error {
  override name = 'GrpcStatusError';
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`gRPC status ${code}${details ? `: ${details}` : ''}`);
  }
}

/** Opens the byte stream one HTTP/2 connection runs over. */
export type Dial = () => Promise<Duplex>;

/** One HTTP/2 connection to BuildKit's control service; close() ends it. */
export class ControlClient {
  private constructor(private readonly session: http2.ClientHttp2Session) {}

  /**
   * Connects over the dialled stream. `authority` is the :authority a gRPC client sends (the
   * daemon's host:port or server name); HTTP/2 servers in front of BuildKit route on it.
   */
  static async connect(dial: Dial, authority: string): Promise<ControlClient> {
    const socket = await dial();
    const session = http2.connect(`http://${authority}`, { createConnection: () => socket });
    await new Promise<void>((resolve, reject) => {
      session.once('connect', () => resolve());
      session.once('error', reject);
      session.once('close', () => reject(new Error('the connection closed before HTTP/2 started')));
    });
    // Later errors surface through the calls' streams.
    session.on('error', () => undefined);
    return new ControlClient(session);
  }

  close(): void {
    this.session.destroy();
  }

  async listWorkers(): Promise<WorkerRecord[]> {
    const response = await this.unary('ListWorkers');
    // ListWorkersResponse { repeated WorkerRecord record = 1 }
    return fieldsOf(response)
      .filter((f) => f.field === 1)
      .map((f) => workerRecord(bytesOf(f)));
  }

  /** BuildKit's version (`InfoResponse.buildkitVersion.version`), e.g. v0.26.3. */
  async version(): Promise<string> {
    const response = await this.unary('Info');
    const info = fieldsOf(response).find((f) => f.field === 1);
    return info ? (buildkitVersion(bytesOf(info)).version ?? '') : '';
  }

  /** A unary call with an empty request message (both requests read here are empty). */
  private unary(method: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const stream = this.session.request({
        ':method': 'POST',
        ':path': `${SERVICE}/${method}`,
        'content-type': 'application/grpc',
        te: 'trailers',
      });
      const chunks: Buffer[] = [];
      let headers: http2.IncomingHttpHeaders = {};
      let trailers: http2.IncomingHttpHeaders = {};
      stream.on('response', (h) => (headers = h));
      stream.on('trailers', (t) => (trailers = t));
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('close', () => {
        const httpStatus = Number(headers[':status']);
        // A trailers-only answer (an error before any message) carries grpc-status in the headers.
        const status = trailers['grpc-status'] ?? headers['grpc-status'];
        if (httpStatus !== 200 || status === undefined) {
          reject(
            new Error(
              `not a gRPC answer (HTTP ${headers[':status'] ?? 'none'}${stream.rstCode ? `, stream reset ${stream.rstCode}` : ''})`,
            ),
          );
          return;
        }
        if (status !== '0') {
          const message = String(trailers['grpc-message'] ?? headers['grpc-message'] ?? '');
          reject(new GrpcStatusError(Number(status), decodeURIComponent(message)));
          return;
        }
        try {
          resolve(unframe(Buffer.concat(chunks)));
        } catch (err) {
          reject(err as Error);
        }
      });
      // gRPC's length-prefixed message: no compression, length 0.
      stream.end(Buffer.alloc(5));
    });
  }
}

/** The one message of a unary answer, out of gRPC's frame (1 byte compressed flag, 4 bytes length). */
function unframe(body: Buffer): Buffer {
  if (body.length < 5) throw new Error('a gRPC answer without a message');
  if (body[0] !== 0) throw new Error('a compressed gRPC message (none was asked for)');
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new Error('a truncated gRPC message');
  return body.subarray(5, 5 + length);
}

interface Field {
  field: number;
  /** A varint's value, or a length-delimited field's bytes. */
  value: number | Buffer;
}

/**
 * The fields of one protobuf message, in order. Varints are read as numbers (exact below 2^53: sizes
 * and nanosecond durations of years fit); 64- and 32-bit fixed fields, unused by these messages, are
 * skipped.
 */
function fieldsOf(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('a truncated protobuf varint');
      const byte = buf[pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    switch (key % 8) {
      case 0:
        out.push({ field, value: varint() });
        break;
      case 1:
        pos += 8;
        break;
      case 2: {
        const length = varint();
        if (pos + length > buf.length) throw new Error('a truncated protobuf field');
        out.push({ field, value: buf.subarray(pos, pos + length) });
        pos += length;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        throw new Error(`protobuf wire type ${key % 8} is not one BuildKit's answers use`);
    }
  }
  return out;
}

function bytesOf(f: Field): Buffer {
  return typeof f.value === 'number' ? Buffer.alloc(0) : f.value;
}

function stringOf(f: Field): string {
  return bytesOf(f).toString('utf8');
}

function numberOf(f: Field): number {
  return typeof f.value === 'number' ? f.value : 0;
}

/** `BuildkitVersion { package = 1; version = 2; revision = 3 }` */
function buildkitVersion(buf: Buffer): { version?: string } {
  const version = fieldsOf(buf).find((f) => f.field === 2);
  return version ? { version: stringOf(version) } : {};
}

/** `WorkerRecord { ID = 1; map Labels = 2; repeated pb.Platform platforms = 3; repeated GCPolicy = 4; BuildkitVersion = 5 }` */
function workerRecord(buf: Buffer): WorkerRecord {
  const record: WorkerRecord = { id: '', labels: {}, platforms: [], gcPolicy: [] };
  for (const f of fieldsOf(buf)) {
    switch (f.field) {
      case 1:
        record.id = stringOf(f);
        break;
      case 2: {
        // A map entry: key = 1, value = 2.
        const entry = fieldsOf(bytesOf(f));
        const key = entry.find((e) => e.field === 1);
        const value = entry.find((e) => e.field === 2);
        record.labels[key ? stringOf(key) : ''] = value ? stringOf(value) : '';
        break;
      }
      case 3:
        record.platforms.push(platform(bytesOf(f)));
        break;
      case 4:
        record.gcPolicy.push(gcPolicy(bytesOf(f)));
        break;
      case 5:
        record.buildkitVersion = buildkitVersion(bytesOf(f));
        break;
    }
  }
  return record;
}

/** `pb.Platform { Architecture = 1; OS = 2; Variant = 3 }` */
function platform(buf: Buffer): WorkerRecord['platforms'][number] {
  const p: WorkerRecord['platforms'][number] = { os: '', architecture: '' };
  for (const f of fieldsOf(buf)) {
    if (f.field === 1) p.architecture = stringOf(f);
    else if (f.field === 2) p.os = stringOf(f);
    else if (f.field === 3 && stringOf(f)) p.variant = stringOf(f);
  }
  return p;
}

/** `GCPolicy { all = 1; keepDuration = 2; reservedSpace = 3; filters = 4; maxUsedSpace = 5; minFreeSpace = 6 }` */
function gcPolicy(buf: Buffer): WorkerRecord['gcPolicy'][number] {
  const rule: WorkerRecord['gcPolicy'][number] = {};
  for (const f of fieldsOf(buf)) {
    if (f.field === 1) rule.all = numberOf(f) !== 0;
    else if (f.field === 2) rule.keepDuration = numberOf(f);
    else if (f.field === 3) rule.reservedSpace = numberOf(f);
    else if (f.field === 4) (rule.filter ??= []).push(stringOf(f));
    else if (f.field === 5) rule.maxUsedSpace = numberOf(f);
    else if (f.field === 6) rule.minFreeSpace = numberOf(f);
  }
  return rule;
}

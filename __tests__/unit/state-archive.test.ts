/**
 * The state's archives on real GNU find, tar and zstd: the listing pieces are named from, a bundle's
 * archive holding exactly its paths (whiteout devices included; trusted.* attributes: e2e/keep-state),
 * a bundle's archive cut into parts, and the unpack refusing a corrupt or truncated piece (fault case 11; the cache-service faults are in
 * e2e/keep-state, a state of another BuildKit version never matches: unit/state-key).
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

import Docker from 'dockerode';

import { archiveParts, archivePaths, listVolume, unpackInto } from '../../src/keep-state/state-archive.js';
import { splitVolume } from '../../src/keep-state/state-pieces.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-archive-'));
const volume = path.join(dir, 'volume');
const access = { dir: volume, sudo: false };
const isRoot = process.getuid?.() === 0;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const snap = path.join(volume, 'runc-overlayfs/snapshots/snapshots/3/fs');
  fs.mkdirSync(snap, { recursive: true });
  fs.mkdirSync(path.join(volume, 'runc-overlayfs/content/blobs/sha256'), { recursive: true });
  fs.writeFileSync(path.join(volume, 'cache.db'), 'db');
  fs.writeFileSync(path.join(snap, 'file name with spaces'), crypto.randomBytes(4096));
  fs.writeFileSync(path.join(volume, 'runc-overlayfs/content/blobs/sha256', 'b'.repeat(64)), 'blob');
  if (isRoot) execFileSync('mknod', [path.join(snap, 'whiteout'), 'c', '0', '0']);
});

/** tar -tv of a tar.zst. */
function contents(file: string): string {
  return execFileSync('sh', ['-c', 'zstd -d -c -q "$0" | tar -tvf -', file], { encoding: 'utf8' });
}

test('the listing splits into a blob, a snapshot and the meta part', async () => {
  const { pieces, meta } = splitVolume(await listVolume(access));
  expect(pieces.map((p) => [p.kind, p.paths[0]])).toEqual(
    expect.arrayContaining([
      ['blob', `runc-overlayfs/content/blobs/sha256/${'b'.repeat(64)}`],
      ['snapshot', 'runc-overlayfs/snapshots/snapshots/3'],
    ]),
  );
  expect(meta).toContain('cache.db');
  expect(meta).toContain('runc-overlayfs/snapshots/snapshots');
  expect(meta.some((m) => m.startsWith('runc-overlayfs/snapshots/snapshots/3'))).toBe(false);
});

test('a snapshot piece holds its directory and everything below it; the meta part its entries only', async () => {
  const bundle = path.join(dir, 'bundle.tar.zst');
  const { pieces } = splitVolume(await listVolume(access));
  await archivePaths(access, pieces.find((p) => p.kind === 'snapshot')!.paths, bundle);
  const listed = contents(bundle);
  expect(listed).toContain('file name with spaces');
  if (isRoot) expect(listed).toMatch(/^c.* 0,0 .*fs\/whiteout$/m);
  const meta = path.join(dir, 'meta.tar.zst');
  await archivePaths(access, ['cache.db', 'runc-overlayfs/snapshots/snapshots'], meta);
  expect(
    contents(meta)
      .trim()
      .split('\n')
      .map((l) => `${l[0]} ${l.split(' ').pop()}`),
  ).toEqual(['- cache.db', 'd runc-overlayfs/snapshots/snapshots/']);
});

describe('a bundle cut into parts', () => {
  const big = path.join(volume, 'big.bin');
  beforeAll(() => fs.writeFileSync(big, crypto.randomBytes(1 << 20)));
  afterAll(() => fs.rmSync(big));

  test('parts of the given size in order, the last one shorter; together, the archive', async () => {
    const prefix = path.join(dir, 'parts.');
    const files = await archiveParts(access, ['big.bin', 'cache.db'], prefix, 300000);
    expect(files).toEqual([0, 1, 2, 3].map((k) => `${prefix}000${k}`));
    expect(files.slice(0, 3).map((f) => fs.statSync(f).size)).toEqual([300000, 300000, 300000]);
    expect(fs.statSync(files[3]).size).toBeLessThan(300000);
    const whole = path.join(dir, 'whole.tar.zst');
    fs.writeFileSync(whole, Buffer.concat(files.map((f) => fs.readFileSync(f))));
    expect(contents(whole)).toMatch(/ big\.bin\n.* cache\.db\n$/);
    for (const f of files) fs.rmSync(f);
  });

  test('a small bundle is one part', async () => {
    const files = await archiveParts(access, ['cache.db'], path.join(dir, 'small.'), 300000);
    expect(files).toEqual([path.join(dir, 'small.0000')]);
    fs.rmSync(files[0]);
  });

  test('a failed archive leaves no part behind', async () => {
    await expect(archiveParts(access, ['big.bin', 'no such file'], path.join(dir, 'failed.'), 300000)).rejects.toThrow(/tar failed/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('failed.'))).toEqual([]);
  });
});

/** A created container as unpackInto sees it: PUT archive reads the whole stream. */
function drainingContainer(): Docker.Container {
  return {
    putArchive: (stream: NodeJS.ReadableStream) =>
      new Promise((resolve, reject) => {
        stream.on('data', () => undefined);
        stream.on('end', resolve);
        stream.on('error', reject);
      }),
  } as unknown as Docker.Container;
}

describe('unpacking checks the piece', () => {
  const piece = path.join(dir, 'piece.tar.zst');
  beforeEach(() => {
    fs.writeFileSync(path.join(dir, 'payload'), crypto.randomBytes(1 << 20));
    execFileSync('zstd', ['-q', '-f', '-3', path.join(dir, 'payload'), '-o', piece]);
  });

  test('a sound piece passes', async () => {
    await expect(unpackInto(drainingContainer(), fs.createReadStream(piece), '/var/lib/buildkit')).resolves.toBeUndefined();
  });

  test('a corrupt piece (bytes flipped in the middle) is refused', async () => {
    const data = fs.readFileSync(piece);
    for (let i = data.length >> 1; i < (data.length >> 1) + 64; i++) data[i] ^= 0xff;
    fs.writeFileSync(piece, data);
    await expect(unpackInto(drainingContainer(), fs.createReadStream(piece), '/var/lib/buildkit')).rejects.toThrow(/zstd -d failed/);
  });

  test('an archive the engine refuses before reading it is a failure, not a wait', async () => {
    // Enough output that zstd is still writing when the engine answers.
    fs.writeFileSync(path.join(dir, 'payload'), crypto.randomBytes(16 << 20));
    execFileSync('zstd', ['-q', '-f', '-3', path.join(dir, 'payload'), '-o', piece]);
    // An engine as Go's HTTP server answers a PUT archive it refuses: after the first bytes, an
    // error, then the connection closed with the rest of the body unread.
    const socket = path.join(dir, 'engine.sock');
    const engine = http.createServer((req, res) =>
      req.once('data', () => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"message":"archive/tar: invalid tar header"}', () => req.socket.destroy());
      }),
    );
    await new Promise<void>((resolve) => engine.listen(socket, resolve));
    try {
      const container = new Docker({ socketPath: socket }).getContainer('c');
      // Whether the client reads the engine's answer before its next write hits the closed socket
      // (EPIPE, ECONNRESET, a hang-up) is a race of the two processes: either way it is a failure, never a wait.
      await expect(unpackInto(container, fs.createReadStream(piece), '/var/lib/buildkit')).rejects.toThrow(
        /^unpacking the state into \/var\/lib\/buildkit: .*(invalid tar header|EPIPE|ECONNRESET|socket hang up)/,
      );
    } finally {
      engine.close();
    }
  });

  test('a truncated piece is refused', async () => {
    fs.truncateSync(piece, fs.statSync(piece).size >> 1);
    await expect(unpackInto(drainingContainer(), fs.createReadStream(piece), '/var/lib/buildkit')).rejects.toThrow(/zstd -d failed/);
  });
});

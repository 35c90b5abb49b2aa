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
import { Readable } from 'node:stream';

import Docker from 'dockerode';

import { PieceCheck } from '../../src/keep-state/piece-check.js';
import { archiveParts, archivePaths, hashGroups, hashPieces, listVolume, unpackInto } from '../../src/keep-state/state-archive.js';
import { type PieceDigest, splitVolume, TAR_END } from '../../src/keep-state/state-pieces.js';

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
      ['snapshot', 'runc-overlayfs/snapshots/snapshots/3/fs/file name with spaces'],
    ]),
  );
  expect(meta).toContain('cache.db');
  // A snapshot's directories go with the meta part, its files with its piece.
  expect(meta).toEqual(expect.arrayContaining(['runc-overlayfs/snapshots/snapshots', 'runc-overlayfs/snapshots/snapshots/3/fs']));
  expect(meta.some((m) => m.startsWith('runc-overlayfs/snapshots/snapshots/3/fs/'))).toBe(false);
});

test('a snapshot piece holds its files and whiteouts; the meta part its entries only', async () => {
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
    const files = await archiveParts(access, [['big.bin'], ['cache.db']], prefix, 300000);
    expect(files).toEqual([0, 1, 2, 3].map((k) => `${prefix}000${k}`));
    expect(files.slice(0, 3).map((f) => fs.statSync(f).size)).toEqual([300000, 300000, 300000]);
    expect(fs.statSync(files[3]).size).toBeLessThan(300000);
    const whole = path.join(dir, 'whole.tar.zst');
    fs.writeFileSync(whole, Buffer.concat(files.map((f) => fs.readFileSync(f))));
    // The pieces' archives one after the other: GNU tar reads on past an end of archive with -i.
    expect(execFileSync('sh', ['-c', 'zstd -d -c -q "$0" | tar -tif -', whole], { encoding: 'utf8' })).toBe('big.bin\ncache.db\n');
    for (const f of files) fs.rmSync(f);
  });

  test('a small bundle is one part', async () => {
    const files = await archiveParts(access, [['cache.db']], path.join(dir, 'small.'), 300000);
    expect(files).toEqual([path.join(dir, 'small.0000')]);
    fs.rmSync(files[0]);
  });

  test('a failed archive leaves no part behind', async () => {
    await expect(archiveParts(access, [['big.bin'], ['no such file']], path.join(dir, 'failed.'), 300000)).rejects.toThrow(
      /archiving the pieces failed/,
    );
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

describe('a piece is named by its bytes', () => {
  const snap = 'runc-overlayfs/snapshots/snapshots/9';
  const file = path.join(volume, snap, 'fs/obj.o');
  const time = new Date('2020-01-01T00:00:00.123Z');
  const write = (content: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    fs.utimesSync(file, time, time);
  };
  const name = async () => {
    const { pieces } = splitVolume(await listVolume(access));
    const nine = pieces.find((p) => p.paths[0].startsWith(`${snap}/`))!;
    const [digest] = await hashPieces(access, [nine]);
    return { ...digest, paths: nine.paths, size: nine.size };
  };
  afterAll(() => fs.rmSync(path.join(volume, snap), { recursive: true, force: true }));

  test("the sha256 of the piece's archive, and its length; the same again after it was read", async () => {
    write('object version 1');
    const first = await name();
    expect(first.id).toMatch(/^[0-9a-f]{64}$/);
    const prefix = path.join(dir, 'named.');
    const [part] = await archiveParts(access, [first.paths], prefix, 1 << 30);
    const tar = execFileSync('zstd', ['-d', '-c', '-q', part]);
    fs.rmSync(part);
    expect(tar.length).toBe(first.bytes);
    expect(crypto.createHash('sha256').update(tar).digest('hex')).toBe(first.id);
    expect(tar.subarray(-TAR_END).equals(Buffer.alloc(TAR_END))).toBe(true);
    // Reading the file changed its access time; the name holds no access or change time.
    fs.readFileSync(file);
    fs.chmodSync(file, 0o644);
    expect(await name()).toEqual(first);
  });

  test('a file rewritten with the same size and modification time gets the piece a new name', async () => {
    write('object version 1');
    const before = await name();
    write('object version 2');
    const after = await name();
    expect(after.bytes).toBe(before.bytes);
    expect(after.id).not.toBe(before.id);
  });

  test.each<[string, () => void]>([
    ['a mode changed', () => fs.chmodSync(file, 0o600)],
    ['a file added', () => fs.writeFileSync(path.join(path.dirname(file), 'new.o'), '')],
    ['an extended attribute set', () => execFileSync('python3', ['-c', `import os; os.setxattr(${JSON.stringify(file)}, 'user.x', b'1')`])],
  ])('a new name when %s', async (_, change) => {
    write('object version 1');
    fs.rmSync(path.join(path.dirname(file), 'new.o'), { force: true });
    const before = await name();
    change();
    expect((await name()).id).not.toBe(before.id);
  });

  test('pieces are hashed one archive each, in order, several scripts at once; none is no call', async () => {
    write('object version 1');
    const one = await name();
    const db = { paths: ['cache.db'], size: 2 };
    const many = await hashPieces(access, [db, one, db, one, db]);
    expect(many.map((d) => d.id)).toEqual([0, 1, 2, 3, 4].map((i) => (i % 2 ? one.id : many[0].id)));
    expect(many[1]).toEqual({ id: one.id, bytes: one.bytes });
    expect(many[0].id).not.toBe(one.id);
    expect(await hashPieces(access, [])).toEqual([]);
  });

  test('a piece that cannot be read is an error with tar’s own words', async () => {
    await expect(hashPieces(access, [{ paths: ['no such file'], size: 0 }])).rejects.toThrow(/hashing the pieces failed .*no such file/i);
  });

  test('a rewrite with the same size and modification time keeps the listing digest and changes the stamp', async () => {
    write('object version 1');
    const of = async () => splitVolume(await listVolume(access)).pieces.find((p) => p.paths[0].startsWith(`${snap}/`))!;
    const before = await of();
    expect(await of()).toEqual(before);
    write('object version 2');
    const after = await of();
    expect(after.listed).toBe(before.listed);
    expect(after.stamp).not.toBe(before.stamp);
    expect(after.changed).toBeGreaterThanOrEqual(before.changed);
  });
});

test('the pieces to hash go into groups of about equal bytes, each in order', () => {
  expect(hashGroups([5, 1, 9, 4, 2], 2)).toEqual([
    [2, 4],
    [0, 1, 3],
  ]);
  expect(hashGroups([5, 1], 4)).toEqual([[0], [1]]);
  expect(hashGroups([], 2)).toEqual([[]]);
  const groups = hashGroups([3, 3, 3, 3, 3, 3, 3], 3);
  expect(groups.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(groups.map((g) => g.length).sort()).toEqual([2, 2, 3]);
});

describe('the restore checks each piece against its name', () => {
  /** A bundle's tar as a save writes it: its members' archives one after the other (archiveParts). */
  const member = (content: string) => {
    const d = fs.mkdtempSync(path.join(dir, 'm-'));
    fs.writeFileSync(path.join(d, 'f'), content);
    const tar = execFileSync('tar', ['--format=posix', '-b1', '-C', d, '-cf', '-', 'f']);
    fs.rmSync(d, { recursive: true });
    return tar;
  };
  const digest = (tar: Buffer): PieceDigest => ({ id: crypto.createHash('sha256').update(tar).digest('hex'), bytes: tar.length });
  const run = async (input: Buffer, members: PieceDigest[], chunk = 700) => {
    const check = new PieceCheck(members);
    const out: Buffer[] = [];
    check.on('data', (d: Buffer) => out.push(d));
    const ended = new Promise((resolve) => check.on('end', resolve));
    for (let i = 0; i < input.length; i += chunk) check.write(input.subarray(i, i + chunk));
    check.end();
    await ended;
    return { failure: check.failure, out: Buffer.concat(out) };
  };
  const a = member('a'.repeat(3000));
  const b = member('b'.repeat(10));

  test.each([1, 512, 700, 1 << 20])('sound members pass in chunks of %d bytes, as one archive with one end', async (chunk) => {
    const { failure, out } = await run(Buffer.concat([a, b]), [digest(a), digest(b)], chunk);
    expect(failure).toBeUndefined();
    expect(out).toEqual(Buffer.concat([a.subarray(0, -TAR_END), b.subarray(0, -TAR_END), Buffer.alloc(TAR_END)]));
  });

  test('a member whose bytes changed (same length) stops the flow at its end: a well-formed archive, and the failure', async () => {
    const tampered = Buffer.from(b);
    tampered[tampered.indexOf('bbbb')] = 'c'.charCodeAt(0);
    const { failure, out } = await run(Buffer.concat([tampered, a]), [digest(b), digest(a)]);
    expect(failure).toMatch(new RegExp(`^piece ${digest(b).id.slice(0, 12)} does not hold what its name says`));
    expect(out).toEqual(Buffer.concat([tampered.subarray(0, -TAR_END), Buffer.alloc(TAR_END)]));
  });

  test('a bundle cut short, or longer than its members, fails', async () => {
    expect((await run(a.subarray(0, 2048), [digest(a)])).failure).toMatch(/ends inside piece/);
    expect((await run(Buffer.concat([a, b]), [digest(a)])).failure).toMatch(/holds more than its 1 pieces/);
  });

  test('unpackInto refuses a tampered member after the engine took the archive', async () => {
    const tampered = Buffer.from(a);
    tampered[tampered.indexOf('aaaa')] = 'x'.charCodeAt(0);
    const zst = execFileSync('zstd', ['-q', '-c'], { input: tampered });
    await expect(unpackInto(drainingContainer(), Readable.from([zst]), '/var/lib/buildkit', [digest(a)])).rejects.toThrow(
      /does not hold what its name says/,
    );
    const sound = execFileSync('zstd', ['-q', '-c'], { input: a });
    await expect(unpackInto(drainingContainer(), Readable.from([sound]), '/var/lib/buildkit', [digest(a)])).resolves.toBeUndefined();
  });
});

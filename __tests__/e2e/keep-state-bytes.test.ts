/**
 * keep-state's pieces named by their bytes, end to end (the bundled action, the real engine and
 * BuildKit, the real @actions/cache against the v2 cache double). A cache-mount file rewritten with
 * the same size and modification time (as SOURCE_DATE_EPOCH, `cp -p` or `touch -d` leave it) is a
 * new piece: the next run gets its new bytes, not the old ones. A piece whose bytes were changed in
 * the cache, in an entry that is otherwise sound (its zstd frame and checksum made anew, so only the
 * piece's name can tell), is refused before BuildKit starts: one warning, an empty start, a green job.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { BUNDLE_LIMITS } from '../../src/keep-state/state-pieces.js';
import { BASE_IMAGE, makeContext, uniqueName } from '../support/engine.js';
import { saveFigures, v2CacheSuite } from '../support/keep-state.js';
import { buildLog, runJob, runSteps } from '../support/state-jobs.js';

const MOUNT = '--mount=type=cache,target=/cache,id=keep-state-bytes';
/**
 * Writes `content` (always 9 bytes) into the cache mount with one fixed modification time; `step`
 * makes the step new. The mount also holds a file big enough (BUNDLE_LIMITS.alone) that its piece is
 * a bundle of its own: a bundle found in the cache under the same name is not uploaded again, which
 * is where a name that does not cover the bytes would bring the old ones back.
 */
const writer = (content: string, step: string) => `FROM ${BASE_IMAGE}
RUN ${MOUNT} sh -c '[ -e /cache/pad ] || head -c ${BUNDLE_LIMITS.alone + 1e6} /dev/zero > /cache/pad; printf ${content} > /cache/obj && touch -d "2020-09-13 12:26:40" /cache/obj && stat -c "%s %Y" /cache/obj > /stat.txt' && echo ${step}
`;
const READER = `FROM ${BASE_IMAGE}
RUN ${MOUNT} sh -c 'cat /cache/obj > /seen.txt 2>/dev/null || echo none > /seen.txt'
`;

const context = makeContext(writer('version-1', 'one'));
const { root, env, server } = v2CacheSuite('bytes', context);
const name = uniqueName('ksbytes');

/** Builds `dockerfile` in the shared context; its output directory. */
function build(dockerfile: string, out: string): { dir: string; log: string } {
  fs.writeFileSync(path.join(context, 'Dockerfile'), dockerfile);
  const { log } = buildLog(name, context, path.join(root, out));
  return { dir: path.join(root, out), log };
}

/** What the reader step saw in the cache mount. */
function seen(out: string): string {
  return fs.readFileSync(path.join(build(READER, out).dir, 'seen.txt'), 'utf8');
}

/** Octal field of a tar header, as tar writes it (digits, then NUL or space). */
function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/**
 * Replaces `from` with `to` (same length) inside our bundle in the cache's entry, and makes the entry
 * sound again around it: our zstd frame (with its checksum) and @actions/cache's tar and zstd around
 * it are written anew, so only the piece's name can tell. Returns whether the entry held `from`.
 */
function tamper(blob: string, from: string, to: string): boolean {
  const outer = execFileSync('zstd', ['-dc', blob], { maxBuffer: 1 << 30 });
  const start = outer.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
  if (start <= 0 || start % 512 !== 0) return false;
  const header = Buffer.from(outer.subarray(start - 512, start));
  // A file's header right before our frame, not bytes inside the manifest's entry.
  if (header.toString('latin1', 257, 262) !== 'ustar' || header.toString('latin1', 156, 157) !== '0') return false;
  const size = parseInt(header.toString('latin1', 124, 136).replace(/\0.*$/, '').trim(), 8);
  let inner: Buffer;
  try {
    inner = execFileSync('zstd', ['-dc'], {
      input: outer.subarray(start, start + size),
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch {
    // A part of a bundle cut into several: not ours to change.
    return false;
  }
  const at = inner.indexOf(from);
  if (at < 0) return false;
  inner.write(to, at, 'latin1');
  const packed = execFileSync('zstd', ['-q', '-c'], { input: inner });
  header.write(octal(packed.length, 12), 124, 'latin1');
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const pad = (n: number) => (512 - (n % 512)) % 512;
  const rest = outer.subarray(start + size + pad(size));
  const rebuilt = Buffer.concat([outer.subarray(0, start - 512), header, packed, Buffer.alloc(pad(packed.length)), rest]);
  fs.writeFileSync(blob, execFileSync('zstd', ['-q', '-c'], { input: rebuilt }));
  return true;
}

test('a cache-mount file rewritten with the same size and modification time comes back with its new bytes', async () => {
  let stat1 = '';
  const first = await runJob(name, env('501'), () => {
    stat1 = fs.readFileSync(path.join(build(writer('version-1', 'one'), 'out1').dir, 'stat.txt'), 'utf8');
  });
  expect(first.post.warnings).toEqual([]);
  const second = await runJob(name, env('502'), (main) => {
    expect(main.outputs['state-restored']).toBe('prefix');
    const { dir, log } = build(writer('version-2', 'two'), 'out2');
    expect(runSteps(log)).toEqual([{ step: expect.stringContaining('version-2'), cached: false }]);
    // Same size, same modification time: only the bytes differ.
    expect(fs.readFileSync(path.join(dir, 'stat.txt'), 'utf8')).toBe(stat1);
  });
  // The cache mount's piece is new (its bytes changed): uploaded, not found under an old name.
  const saved = saveFigures(second.post);
  expect(saved.newPieces).toBeGreaterThan(0);
  expect(saved.uploaded).toBeGreaterThan(0);
  // The pieces nothing wrote to kept the names the restore checked; the rewritten one was hashed.
  expect(second.post.stdout).toMatch(
    /naming the pieces by their bytes: [1-9]\d* checked by the restore and untouched since, the others' [\d.]+ MB hashed/,
  );
  const third = await runJob(
    name,
    env('503'),
    (main) => {
      expect(main.outputs['state-restored']).toBe('prefix');
      expect(main.outputs['state-restored-key']).toBe(second.main.outputs['state-key']);
      expect(seen('out3')).toBe('version-2');
    },
    { 'state-save': 'never' },
  );
  expect(third.main.warnings).toEqual([]);
});

test('a piece whose bytes were changed in the cache: one warning, the volume emptied before BuildKit starts, a green job', async () => {
  const blobs = fs.readdirSync(server().dir).filter((f) => f.endsWith('.blob'));
  // The cache mount's bundle, and the build's history in the content store (its record names the step).
  expect(blobs.filter((b) => tamper(path.join(server().dir, b), 'version-2', 'version-X')).length).toBeGreaterThan(0);
  await runJob(
    name,
    env('504'),
    (main) => {
      expect(main.outputs['state-restored']).toBe('miss');
      expect(main.warnings).toEqual([
        expect.stringMatching(
          /^keep-state: the saved state could not be restored, starting from an empty state: piece [0-9a-f]{12} does not hold what its name says/,
        ),
      ]);
      // Nothing of the state is left: neither the tampered file nor any other piece.
      expect(seen('out4')).toBe('none\n');
      const { log } = build(writer('version-2', 'two'), 'out5');
      expect(runSteps(log).filter((s) => s.cached)).toEqual([]);
    },
    { 'state-save': 'never' },
  );
});

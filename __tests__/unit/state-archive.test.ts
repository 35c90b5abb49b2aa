/**
 * The state archive's own check, on real zstd files: a corrupt or truncated archive is refused before
 * anything is written into the new volume (fault case 11; the cache-service faults are in
 * e2e/keep-state, an archive of another BuildKit version never matches: unit/state-key).
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyArchive } from '../../src/state-archive.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-archive-'));
const archive = path.join(dir, 'state.tar.zst');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  fs.writeFileSync(path.join(dir, 'payload'), crypto.randomBytes(1 << 20));
  execFileSync('zstd', ['-q', '-f', '-3', path.join(dir, 'payload'), '-o', archive]);
});

test('a sound archive passes', async () => {
  await expect(verifyArchive(archive)).resolves.toBeUndefined();
});

test('a corrupt archive (bytes flipped in the middle) is refused', async () => {
  const data = fs.readFileSync(archive);
  for (let i = data.length >> 1; i < (data.length >> 1) + 64; i++) data[i] ^= 0xff;
  fs.writeFileSync(archive, data);
  await expect(verifyArchive(archive)).rejects.toThrow(/checking the state archive failed/);
});

test('a truncated archive is refused', async () => {
  fs.truncateSync(archive, fs.statSync(archive).size >> 1);
  await expect(verifyArchive(archive)).rejects.toThrow(/checking the state archive failed/);
});

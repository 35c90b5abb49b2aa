/**
 * `current` after concurrent jobs (fault case 9): a builder's removal puts back the `current` it
 * replaced only when what that names still exists (the default, a builder in the store, a docker
 * context); otherwise it removes `current`, so buildx falls back to the default builder instead of
 * pointing at a builder that another job on the same runner has removed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { removeBuilder, storeEntry, writeBuilder } from '../../src/buildx/buildx-store.js';
import { nodeNames } from '../../src/inputs/names.js';

let root: string;
let dir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'buildx-current-'));
  dir = path.join(root, 'buildx');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const entry = (name: string) =>
  storeEntry({ names: nodeNames(name), endpoint: 'unix:///var/run/docker.sock', platforms: [], driverOpts: {}, flags: [], files: {} });
const current = () =>
  fs.existsSync(path.join(dir, 'current')) ? JSON.parse(fs.readFileSync(path.join(dir, 'current'), 'utf8')).Name : undefined;

test('four jobs, created 0..3 and removed 0..3: current never names a removed builder', () => {
  const names = ['m0', 'm1', 'm2', 'm3'];
  const prev = names.map((n) => writeBuilder(dir, entry(n), { key: 'unix:///var/run/docker.sock' }).previousCurrent);
  expect(current()).toBe('m3');
  names.forEach((n, i) => {
    removeBuilder(dir, n, prev[i]);
    const c = current();
    if (c !== undefined) expect(names.slice(0, i + 1)).not.toContain(c);
  });
  expect(current()).toBeUndefined();
});

test('removed in reverse order: each puts back the one before it, then the original', () => {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'current'), '{"Key":"unix:///var/run/docker.sock","Name":"","Global":false}');
  const prev = ['a', 'b'].map((n) => writeBuilder(dir, entry(n), { key: 'k' }).previousCurrent);
  removeBuilder(dir, 'b', prev[1]);
  expect(current()).toBe('a');
  removeBuilder(dir, 'a', prev[0]);
  expect(current()).toBe('');
});

test('a docker context named in the saved current is put back', () => {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'current'), '{"Key":"ctx","Name":"remote-ctx","Global":false}');
  const meta = path.join(root, 'contexts', 'meta', createHash('sha256').update('remote-ctx').digest('hex'));
  fs.mkdirSync(meta, { recursive: true });
  fs.writeFileSync(path.join(meta, 'meta.json'), '{"Name":"remote-ctx"}');
  const { previousCurrent } = writeBuilder(dir, entry('c'), { key: 'k' });
  removeBuilder(dir, 'c', previousCurrent);
  expect(current()).toBe('remote-ctx');
});

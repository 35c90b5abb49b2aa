/**
 * keep-state end to end: the bundled action, the real engine and BuildKit, the real @actions/cache
 * against both loopback cache services. Run 1 builds and its post step saves; everything is removed;
 * run 2, a fresh runner, restores: every step is cached, the cache mount holds run 1's files and the
 * built filesystem is run 1's (whiteouts and opaque directories survived, in whole snapshots and in
 * snapshots cut into buckets); its save uploads only the pieces it added. By default a save keeps
 * only what the job's builds used (state-prune). Cache problems (a corrupt or evicted piece, a
 * stopped service, a 409 on save) are warnings, the state starts empty and the job stays green.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { BUCKETS, PART_BYTES } from '../../src/keep-state/state-pieces.js';
import { ActionJob, type StepResult } from '../support/action.js';
import { cacheEnvVars, type CacheProtocol } from '../support/cache-env.js';
import { startCacheV1Server } from '../support/cache-v1-server.js';
import { type CacheV2ServerOptions, startCacheV2Server } from '../support/cache-v2-server.js';
import { BASE_IMAGE, ENGINE, expectGone, inspectContainer, makeContext, sh, uniqueName } from '../support/engine.js';
import { saveFigures, v2CacheSuite } from '../support/keep-state.js';
import { buildLog, type Built, expectGreen, runJob, runSteps } from '../support/state-jobs.js';

/** A file that does not compress, bigger than a part: its bundle is uploaded as two entries. */
const BIG_FILE_BYTES = PART_BYTES + 6e6;
const DOCKERFILE = `FROM ${BASE_IMAGE}
RUN mkdir -p /d/sub && echo a > /d/a && echo b > /d/sub/b && echo gone > /gone.txt
RUN sleep 3 && echo slow > /slow.txt
RUN head -c ${BIG_FILE_BYTES} /dev/urandom > /big.bin
RUN --mount=type=cache,target=/cache,id=keep-state-test sh -c 'for i in 1 2 3; do echo run1-$i > /cache/f$i; done; ls /cache > /cache-at-build.txt'
RUN rm /gone.txt && for i in 1 2 3 4 5 6 7 8; do head -c 9000000 /dev/zero > /pad1-$i; done
RUN rm -rf /d && mkdir /d && echo new > /d/new && for i in 1 2 3 4 5 6 7 8; do head -c 9000000 /dev/zero > /pad2-$i; done
`;
/** Lookups a restore has out at once (keep-state/parts.ts LOOKUPS). */
const LOOKUPS_AT_ONCE = 8;
/** Pieces of the state this Dockerfile leaves with no snapshot cut into buckets (as measured). */
const WHOLE_PIECES = 14;
/** Its last two layers (a whiteout, an opaque directory) are big enough to be cut into buckets. */
const SPLIT_LAYERS = 2;
/** The big file's layer is cut into buckets too, of which one holds the file. */
const BIG_LAYER_PIECES = 1;
/** A step that is new in run 2 and reads the cache mount: what run 1 left in it. */
const READ_CACHE = `FROM ${BASE_IMAGE}
RUN --mount=type=cache,target=/cache,id=keep-state-test ls /cache > /seen.txt
`;

/** Every path with its type, mode and content hash: two builds' outputs compare equal or not. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const p = path.join(rel, name);
      const st = fs.lstatSync(path.join(dir, p));
      if (st.isDirectory()) {
        out[p] = `dir ${st.mode.toString(8)}`;
        walk(p);
      } else if (st.isSymbolicLink()) out[p] = `link ${fs.readlinkSync(path.join(dir, p))}`;
      else
        out[p] = `file ${st.mode.toString(8)} ${createHash('sha256')
          .update(fs.readFileSync(path.join(dir, p)))
          .digest('hex')}`;
    }
  };
  walk('.');
  return out;
}

/** A tree that a build from an empty state made again: the same but for the big file's random bytes. */
function remade(t: Record<string, string>): Record<string, string> {
  const { 'big.bin': big, ...rest } = t;
  expect(big).toMatch(/^file 100644 /);
  return rest;
}

/**
 * The cache server's stored entries: each is @actions/cache's tar.zst of one file, whose path says
 * which of ours it is (the manifest, or part k of a bundle, `piece-<id>.<k>.tar.zst`).
 */
function storedEntries(dir: string): { file: string; inner: string; size: number }[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'tmp' && !e.name.endsWith('.blocks')) walk(p);
      } else if (!e.name.endsWith('.db') && !e.name.endsWith('.tmp')) files.push(p);
    }
  };
  walk(dir);
  return files.map((file) => ({
    file,
    inner: sh('sh', ['-c', 'zstd -dc "$0" 2>/dev/null | tar -tf - 2>/dev/null | head -1', file]).trim(),
    size: fs.statSync(file).size,
  }));
}

const PART_FILE = /piece-([0-9a-f]{64})\.(\d+)\.tar\.zst$/;

/** How many parts each stored bundle has, fewest first. */
function partsPerBundle(dir: string): number[] {
  const parts = new Map<string, number>();
  for (const e of storedEntries(dir)) {
    const m = PART_FILE.exec(e.inner);
    if (m) parts.set(m[1], (parts.get(m[1]) ?? 0) + 1);
  }
  return [...parts.values()].sort((a, b) => a - b);
}

function largestPiece(dir: string): string {
  const pieces = storedEntries(dir).filter((e) => PART_FILE.test(e.inner));
  expect(pieces.length).toBeGreaterThan(0);
  return pieces.sort((a, b) => b.size - a.size)[0].file;
}

/** Flips bytes inside our piece in a stored entry, keeping @actions/cache's own archive around it sound. */
function corruptPiece(file: string): void {
  const tar = execFileSync('zstd', ['-dc', file], { maxBuffer: 1 << 30 });
  const inner = tar.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
  expect(inner).toBeGreaterThan(0);
  for (let i = inner + 200; i < inner + 264; i++) tar[i] ^= 0xff;
  execFileSync('zstd', ['-q', '-f', '-o', file], { input: tar });
}

interface Server {
  url: string;
  dir: string;
  close(): Promise<void>;
}

describe.each(['v1', 'v2'] as const)('keep-state through the real @actions/cache, %s service', (protocol: CacheProtocol) => {
  let server: Server;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `keep-state-${protocol}-`));
  // One runner layout for every run: the archive's path is part of the cache version.
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  const context = makeContext(DOCKERFILE);
  const readerContext = makeContext(READ_CACHE);
  const name = uniqueName(`ks${protocol}`);
  const env = (runId: string): NodeJS.ProcessEnv => ({
    ...cacheEnvVars(protocol, server.url, dirs),
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build',
  });
  /**
   * Run 1, which every test of this describe starts from (each passes alone with -t): a build from
   * an empty state, its save, and what the server held right after it.
   */
  let run1: { main: StepResult; post: StepResult; built: Built; tree: Record<string, string>; parts: number[] };
  /** The key of the newest save on the server: the state the next restore finds. */
  let newestSave: string;

  beforeAll(async () => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    server = protocol === 'v1' ? await startCacheV1Server() : await startCacheV2Server();
    let built!: Built;
    const r = await runJob(name, env('101'), () => {
      built = buildLog(name, context, path.join(root, 'out1'));
    });
    run1 = { ...r, built, tree: tree(built.out), parts: partsPerBundle(server.dir) };
    newestSave = r.main.outputs['state-key'];
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(context, { recursive: true, force: true });
    fs.rmSync(readerContext, { recursive: true, force: true });
  });

  test('run 1 builds from empty state; its post step saves the state', () => {
    const r = run1;
    expect(r.main.outputs['state-restored']).toBe('miss');
    expect(r.main.outputs['state-key']).toMatch(
      new RegExp(`^setup-buildkit-state-x86_64-${ENGINE.storageDriver}-[0-9a-f]{16}-101-1-build$`),
    );
    expect(runSteps(r.built.log).filter((s) => s.cached)).toEqual([]);
    expect(r.post.warnings).toEqual([]);
    expect(r.post.stdout).toMatch(/keep-state: saved setup-buildkit-state-.*-101-1-build: /);
    // Nothing was in the cache: every entry is uploaded.
    const saved = saveFigures(r.post);
    // Each of the two big layers is several buckets instead of one piece.
    expect(saved.pieces).toBeGreaterThanOrEqual(WHOLE_PIECES + BIG_LAYER_PIECES + SPLIT_LAYERS * 3);
    expect(saved.pieces).toBeLessThanOrEqual(WHOLE_PIECES + BIG_LAYER_PIECES + SPLIT_LAYERS * (BUCKETS - 1));
    expect(saved.uploaded).toBe(saved.entries);
    // The big file's bundle is two entries; every other bundle is one.
    const parts = r.parts;
    expect(parts.slice(-2)).toEqual([1, 2]);
    expect(parts.reduce((n, k) => n + k, 0)).toBe(saved.entries);
    expect(saved.newPieces).toBe(saved.pieces);
    expect(saved.uploadedPieces).toBe(saved.pieces);
    const t = r.tree;
    expect(t['gone.txt']).toBeUndefined();
    expect(Object.keys(t).filter((p) => p.startsWith('d/'))).toEqual(['d/new']);
    expect(fs.readFileSync(path.join(r.built.out, 'cache-at-build.txt'), 'utf8')).toBe('f1\nf2\nf3\n');
  });

  test('an unchanged state: run 2 restores and uploads nothing', async () => {
    const entries = storedEntries(server.dir).length;
    const r = await runJob(name, env('150'), (main) => {
      expect(main.outputs['state-restored']).toBe('prefix');
      expect(runSteps(buildLog(name, context, path.join(root, 'same')).log).every((s) => s.cached)).toBe(true);
    });
    expect(r.post.stdout).toContain('keep-state: the state is unchanged since it was restored: not saved again');
    expect(storedEntries(server.dir)).toHaveLength(entries);
  });

  test('run 2 on a fresh runner restores it: every step cached, same filesystem, cache mount kept', async () => {
    let built!: Built;
    let seen = '';
    const r = await runJob(name, env('102'), (main) => {
      expect(main.outputs['state-restored']).toBe('prefix');
      expect(main.outputs['state-restored-key']).toBe(run1.main.outputs['state-key']);
      expect(Number(main.outputs['state-restore-size'])).toBeGreaterThan(0);
      expect(main.stdout).toContain(`keep-state: restored ${run1.main.outputs['state-key']} (prefix match): `);
      built = buildLog(name, context, path.join(root, 'out2'));
      const steps = runSteps(built.log);
      expect(steps).toHaveLength(6);
      expect(steps.filter((s) => !s.cached)).toEqual([]);
      const read = buildLog(name, readerContext, path.join(root, 'seen'));
      expect(runSteps(read.log)).toEqual([{ step: expect.stringContaining('ls /cache'), cached: false }]);
      seen = fs.readFileSync(path.join(root, 'seen', 'seen.txt'), 'utf8');
    });
    expect(r.main.warnings).toEqual([]);
    expect(tree(built.out)).toEqual(run1.tree);
    expect(seen).toBe('f1\nf2\nf3\n');
    // The job added records (the cache-reading build, from a context of its own): this run saves,
    // and uploads exactly its new pieces, in one pack; run 1's entries are all found in the cache,
    // both parts of the big file's bundle among them.
    const first = saveFigures(run1.post);
    const saved = saveFigures(r.post);
    expect(r.post.stdout).toMatch(/keep-state: saved .*-102-1-build: /);
    newestSave = r.main.outputs['state-key'];
    expect(saved.newPieces).toBe(saved.pieces - first.pieces);
    expect(saved.newPieces).toBeGreaterThan(0);
    expect(saved.uploaded).toBe(1);
    expect(saved.uploadedPieces).toBe(saved.newPieces);
    expect(saved.entries - saved.uploaded).toBe(first.entries);
    expect(saved.bytes).toBeLessThan(first.bytes);
    // What the server holds now: run 1's entries, run 2's upload and the two manifests; the bytes
    // the server took for run 2's piece entry are what the save line says (within @actions/cache's
    // own tar around it).
    const stored = storedEntries(server.dir);
    expect(stored).toHaveLength(first.entries + saved.uploaded + 2);
    const pieces = stored.filter((e) => /piece-/.test(e.inner));
    expect(pieces).toHaveLength(first.entries + saved.uploaded);
    const newest = pieces.sort((a, b) => fs.statSync(b.file).mtimeMs - fs.statSync(a.file).mtimeMs)[0];
    expect(Math.abs(newest.size - saved.bytes)).toBeLessThan(0.05e6 + 0.05 * saved.bytes);
    expect(r.summary).toMatch(/\| restore \| restored .* \(prefix match\): \d+ pieces in \d+ entries/);
    expect(r.summary).toMatch(
      /### setup-buildkit post\n\n\| \| \|\n\|---\|---\|\n\| Builder \| .*\n\| State \| saved .*: 1 of \d+ piece entries uploaded \([\d.]+ MB\), \d+ reused/,
    );
  });

  test('a corrupt piece: refused before BuildKit starts, the volume emptied; run 3 warns, starts empty and builds', async () => {
    corruptPiece(largestPiece(server.dir));
    const anonymousVolumes = () => sh('docker', ['volume', 'ls', '-q', '--filter', 'dangling=true']).split('\n').filter(Boolean);
    const volumesBefore = anonymousVolumes();
    await runJob(
      name,
      env('103'),
      (main) => {
        expect(main.outputs['state-restored']).toBe('miss');
        // zstd's checksum or the engine's tar reader, whichever meets the flipped bytes first: the
        // first tar header (the flipped bytes are in it when zstd stored the part's bytes raw), or
        // the cut stream when zstd stops first (20.10's error names tar, 29's says "unexpected EOF").
        expect(main.warnings).toEqual([
          expect.stringMatching(/^keep-state: the saved state could not be restored, starting from an empty state: /),
        ]);
        expect(main.warnings[0]).toMatch(new RegExp(`checksum|invalid tar header|${ENGINE.truncatedTar.source}`));
        const built = buildLog(name, context, path.join(root, 'out3'));
        // Nothing of the half-unpacked state is left: every step runs again.
        expect(runSteps(built.log).filter((s) => s.cached)).toEqual([]);
        expect(remade(tree(built.out))).toEqual(remade(run1.tree));
        // The throwaway container that emptied the volume leaves no anonymous volume of its own.
        expect(anonymousVolumes().filter((v) => !volumesBefore.includes(v))).toEqual([]);
      },
      { 'state-save': 'never' },
    );
  });

  // Alone, the newest save is run 1's; after run 2, run 2's, whose pieces span both saves.
  test('an evicted piece: run 4 warns once, starts empty before fetching anything, and builds', async () => {
    fs.rmSync(largestPiece(server.dir));
    const evictedFrom = newestSave.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await runJob(
      name,
      env('104'),
      (main) => {
        expect(main.outputs['state-restored']).toBe('miss');
        expect(main.warnings).toEqual([
          expect.stringMatching(
            new RegExp(
              `^keep-state: piece entry [0-9a-f]{12} part \\d+ of ${evictedFrom} is not in the cache \\(evicted\\): starting from an empty state$`,
            ),
          ),
        ]);
        const built = buildLog(name, context, path.join(root, 'out4'));
        expect(runSteps(built.log).filter((s) => s.cached)).toEqual([]);
      },
      { 'state-save': 'never' },
    );
  });

  test('a stopped cache service: one warning in main (empty start, the build runs), one in post (not saved); no retries', async () => {
    await server.close();
    const down = new RegExp(`the cache service does not take connections \\(${new URL(server.url).origin}: ECONNREFUSED\\)`);
    const r = await runJob(name, env('105'), (main) => {
      expect(main.outputs['state-restored']).toBe('miss');
      expect(main.warnings).toHaveLength(1);
      expect(main.warnings[0]).toMatch(/^keep-state: the saved state could not be restored, starting from an empty state: /);
      expect(main.warnings[0]).toMatch(down);
      const built = buildLog(name, context, path.join(root, 'out3'));
      expect(remade(tree(built.out))).toEqual(remade(run1.tree));
    });
    expect(r.post.warnings).toHaveLength(1);
    expect(r.post.warnings[0]).toMatch(/^keep-state: the state was not saved: /);
    expect(r.post.warnings[0]).toMatch(down);
    // @actions/cache was never called: none of its retries or messages.
    expect(`${r.main.stdout}${r.post.stdout}`).not.toMatch(/Attempt \d|Failed to (restore|save)|Retrying/);
  });
});

describe('a rate-limited cache service', () => {
  const context = makeContext(DOCKERFILE);
  const { root, env, server } = v2CacheSuite('429', context);
  const name = uniqueName('ks429');

  test('limited after the manifest, for good: waited out once, then one warning of ours and none of @actions/cache, an empty start, a green job; the save likewise', async () => {
    await runJob(name, env('401'), () => void buildLog(name, context, path.join(root, 'out1')));
    const stored = server().entries().length;
    // Several piece entries (a save uploads at most 11 and the manifest), so that a lookup per entry would show.
    expect(stored - 1).toBeGreaterThan(2);
    server().rateLimitAfter(1, 1);
    const r = await runJob(name, env('402'), (main) => {
      expect(main.outputs['state-restored']).toBe('miss');
      expect(main.stdout).toContain('keep-state: the cache service is rate-limited: waiting 1 s as it asks, then trying once more');
      expect(main.warnings).toEqual([
        expect.stringMatching(
          // Refused at the manifest's lookup (the retry's first call) or at a part's.
          /^keep-state: (the state could not be looked up|piece entry [0-9a-f]{12} part \d+ of .*-401-1-build is not in the cache \(the lookup was refused): .*rate limit.*starting from an empty state$/,
        ),
      ]);
      // @actions/cache's own lines are debug lines: one per refused lookup, at most a round of them per try.
      const refused = (main.stdout.match(/^::debug::Failed to restore: /gm) ?? []).length;
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThanOrEqual(2 * LOOKUPS_AT_ONCE);
      expect(runSteps(buildLog(name, context, path.join(root, 'out2')).log).filter((s) => s.cached)).toEqual([]);
    });
    expect(r.post.warnings).toEqual([expect.stringMatching(/^keep-state: the state was not saved: .*rate limit/)]);
    expect(server().entries()).toHaveLength(stored);
    server().rateLimitAfter(undefined);
  });

  test('a limit that lifts within the Retry-After: waited out once, the state restored, no warning', async () => {
    server().rateLimitAfter(0, 3);
    const lift = setTimeout(() => server().rateLimitAfter(undefined), 1500);
    try {
      const r = await runJob(name, env('403'), (main) => {
        expect(main.stdout).toContain('keep-state: the cache service is rate-limited: waiting 3 s as it asks, then trying once more');
        expect(main.warnings).toEqual([]);
        expect(main.outputs['state-restored']).toBe('prefix');
      });
      expect(r.post.warnings).toEqual([]);
    } finally {
      clearTimeout(lift);
    }
  });
});

describe('state-prune: what a save keeps', () => {
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'keep-state-prune-ctx-'));
  const { root, env } = v2CacheSuite('prune', context);
  const name = uniqueName('ksprune');

  /** A commit of the project: its compile step's layer is new, the one before is no longer used. */
  const commit = (version: number) =>
    fs.writeFileSync(
      path.join(context, 'Dockerfile'),
      `FROM ${BASE_IMAGE}\nRUN head -c 3000000 /dev/urandom > /obj && echo version-${version} > /v\n`,
    );

  /** The versions whose compile layer is in the builder's build cache. */
  const versionsCached = (): string[] => {
    // An empty build cache is `null`.
    const records = (JSON.parse(sh('docker', ['exec', nodeNames(name).container, 'buildctl', 'du', '--format', '{{json .}}'])) ?? []) as {
      description?: string;
    }[];
    return records.flatMap((r) => /echo (version-\d+)/.exec(r.description ?? '')?.[1] ?? []).sort();
  };

  test('size keeps earlier builds up to the budget; unused (the default) keeps only what the last job used', async () => {
    /** Per run: the versions its restored state held, seen before its build. */
    const versions: Record<string, string[]> = {};
    const runVersion = (run: string, version: number, inputs?: Record<string, string>) =>
      runJob(
        name,
        env(run),
        (main) => {
          expect(main.warnings).toEqual([]);
          versions[run] = versionsCached();
          commit(version);
          buildLog(name, context, path.join(root, `out${run}`));
        },
        inputs,
      );
    await runVersion('301', 1);
    const second = await runVersion('302', 2, { 'state-prune': 'size' });
    expect(second.post.stdout).toMatch(/keep-state: build cache [\d.]+ MB, [\d.]+ MB after pruning to /);
    const third = await runVersion('303', 3);
    expect(third.post.stdout).toMatch(
      /keep-state: build cache [\d.]+ MB, [\d.]+ MB after dropping what this job did not use and pruning to /,
    );
    await runVersion('304', 4);
    expect(versions).toEqual({
      '301': [],
      '302': ['version-1'],
      // state-prune size: run 1's layer stayed beside run 2's.
      '303': ['version-1', 'version-2'],
      // unused: run 3 kept only the layer its build used.
      '304': ['version-3'],
    });
  });
});

describe('saving: policy and a 409', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keep-state-save-'));
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  const context = makeContext(`FROM ${BASE_IMAGE}\nRUN echo built > /built.txt\n`);
  beforeAll(() => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(context, { recursive: true, force: true });
  });

  /** One job that builds the context against a v2 server of its own (`opts`): its steps and what the server kept. */
  async function jobOnOwnServer(label: string, env: NodeJS.ProcessEnv, opts: CacheV2ServerOptions = {}) {
    const server = await startCacheV2Server(opts);
    try {
      const name = uniqueName(label);
      const r = await runJob(
        name,
        { ...cacheEnvVars('v2', server.url, dirs), ...env },
        () => void buildLog(name, context, path.join(root, label)),
      );
      return { ...r, entries: server.entries() };
    } finally {
      await server.close();
    }
  }

  test('a 409 on save (another job owns the key) is a warning; the builder is removed', async () => {
    const r = await jobOnOwnServer('ks409', { GITHUB_RUN_ID: '201' }, { failSave409: true });
    expect(r.post.warnings.join('\n')).toMatch(/keep-state: the state was not saved: .*the cache service did not take key/);
    expect(r.entries).toEqual([]);
  });

  test('state-save on-success does not save a failed job', async () => {
    const r = await jobOnOwnServer('ksfail', { GITHUB_RUN_ID: '202', 'INPUT_JOB-STATUS': 'failure' });
    expect(r.post.stdout).toContain('keep-state: state-save is on-success and the job status is failure: the state is not saved');
    expect(r.entries).toEqual([]);
  });

  test("the runner's cache mode 'read': main says so once, state-key is empty, post saves nothing, without a warning; the builder is removed", async () => {
    const r = await jobOnOwnServer('ksread', { GITHUB_RUN_ID: '203', ACTIONS_CACHE_MODE: 'read' });
    expect(r.main.stdout).toContain("this run does not save the state: the runner's cache mode is 'read', which does not permit saving");
    expect(`${r.main.stdout}${r.post.stdout}`.match(/cache mode is 'read'/g)).toHaveLength(1);
    expect(r.main.outputs['state-key']).toBe('');
    expect(r.post.warnings).toEqual([]);
    expect(r.entries).toEqual([]);
  });

  test('no cache service and a fixed name: the volume is kept and the next run reuses it', async () => {
    const name = uniqueName('kskeep');
    const volume = nodeNames(name).volume;
    const noCache = { ACTIONS_CACHE_URL: undefined, ACTIONS_RESULTS_URL: undefined, GITHUB_RUN_ID: '203' };
    const job1 = new ActionJob(noCache);
    const job2 = new ActionJob(noCache);
    try {
      expectGreen(await job1.main({ name, 'keep-state': 'true', 'driver-opts': 'network=host', use: 'false' }));
      buildLog(name, context, path.join(root, 'k1'));
      const post1 = await job1.post();
      expect(post1.stdout).toContain(`keep-state: volume ${volume} is kept`);
      expect(inspectContainer(nodeNames(name).container)).toBeUndefined();
      expect(sh('docker', ['volume', 'ls', '-q']).split('\n')).toContain(volume);
      const main2 = await job2.main({ name, 'keep-state': 'true', 'driver-opts': 'network=host', use: 'false' });
      expectGreen(main2);
      expect(main2.outputs['state-restored']).toBe('volume');
      expect(runSteps(buildLog(name, context, path.join(root, 'k2')).log).every((s) => s.cached)).toBe(true);
      await job2.post();
    } finally {
      // The test's own cleanup: the kept volume is what the feature leaves by design.
      sh('sh', ['-c', `docker rm -f ${nodeNames(name).container} >/dev/null 2>&1; docker volume rm ${volume} >/dev/null 2>&1; true`]);
      job1.dispose();
      job2.dispose();
    }
    expectGone(name);
  });
});

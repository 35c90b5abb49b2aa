/**
 * keep-state end to end: the bundled action, the real engine and BuildKit, the real @actions/cache
 * against both loopback cache services. Run 1 builds and its post step saves; everything is removed;
 * run 2, a fresh runner, restores: every step is cached, the cache mount holds run 1's files and the
 * built filesystem is run 1's (whiteouts and opaque directories survived). Cache problems (a
 * truncated archive, a stopped service, a 409 on save) are warnings and the job stays green.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActionJob, type StepResult } from '../support/action.js';
import { type CacheProtocol, cacheEnvVars } from '../support/cache-env.js';
import { startCacheV1Server } from '../support/cache-v1-server.js';
import { type CacheV2Server, startCacheV2Server } from '../support/cache-v2-server.js';
import { BASE_IMAGE, expectGone, inspectContainer, makeContext, sh, uniqueName } from '../support/engine.js';

const DOCKERFILE = `FROM ${BASE_IMAGE}
RUN mkdir -p /d/sub && echo a > /d/a && echo b > /d/sub/b && echo gone > /gone.txt
RUN sleep 3 && echo slow > /slow.txt
RUN --mount=type=cache,target=/cache,id=keep-state-test sh -c 'for i in 1 2 3; do echo run1-$i > /cache/f$i; done; ls /cache > /cache-at-build.txt'
RUN rm /gone.txt
RUN rm -rf /d && mkdir /d && echo new > /d/new
`;
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
      else out[p] = `file ${st.mode.toString(8)} ${createHash('sha256').update(fs.readFileSync(path.join(dir, p))).digest('hex')}`;
    }
  };
  walk('.');
  return out;
}

interface Built {
  out: string;
  log: string;
}

function buildLog(name: string, context: string, dest: string, dockerfile = 'Dockerfile'): Built {
  // buildx writes the progress to stderr; sh() returns stdout, so merge through a shell.
  const log = sh('sh', ['-c', `docker buildx build --builder "$0" --progress=plain -f "$1" --output "type=local,dest=$2" "$3" 2>&1`, name, path.join(context, dockerfile), dest, context]);
  return { out: dest, log };
}

/** The Dockerfile's RUN steps in the plain progress output, each with whether it was CACHED. */
function runSteps(log: string): { step: string; cached: boolean }[] {
  const steps = new Map<string, string>();
  for (const m of log.matchAll(/^#(\d+) \[(?:[^\]]* )?\d+\/\d+\] (RUN .*)$/gm)) steps.set(m[1], m[2]);
  return [...steps].map(([id, step]) => ({ step, cached: new RegExp(`^#${id} CACHED$`, 'm').test(log) }));
}

function expectGreen(step: StepResult): void {
  expect(step.errors).toEqual([]);
  expect(step.exitCode).toBe(0);
}

/** One simulated run on a fresh runner: main with keep-state, the work, post; nothing is left. */
async function runJob(name: string, env: NodeJS.ProcessEnv, work: (main: StepResult) => void | Promise<void>, inputs: Record<string, string> = {}): Promise<{ main: StepResult; post: StepResult; summary: string }> {
  const job = new ActionJob(env);
  try {
    const main = await job.main({ name, 'keep-state': 'true', 'driver-opts': 'network=host', use: 'false', ...inputs });
    let post: StepResult;
    try {
      expectGreen(main);
      await work(main);
    } finally {
      post = await job.post();
    }
    expectGreen(post);
    expectGone(name);
    return { main, post, summary: job.summary() };
  } finally {
    job.dispose();
  }
}

interface Server {
  url: string;
  close(): Promise<void>;
}

describe.each(['v1', 'v2'] as const)('keep-state through the real @actions/cache, %s service', (protocol: CacheProtocol) => {
  let server: Server;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `keep-state-${protocol}-`));
  // One runner layout for every run: the archive's path is part of the cache version.
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  const context = makeContext(DOCKERFILE, { 'read-cache.Dockerfile': READ_CACHE });
  const name = uniqueName(`ks${protocol}`);
  const env = (runId: string): NodeJS.ProcessEnv => ({ ...cacheEnvVars(protocol, server.url, dirs), GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build' });
  let run1: { main: StepResult; post: StepResult; tree: Record<string, string> };

  beforeAll(async () => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    server = protocol === 'v1' ? await startCacheV1Server() : await startCacheV2Server();
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(context, { recursive: true, force: true });
  });

  test('run 1 builds from empty state; its post step saves the state', async () => {
    let built!: Built;
    const r = await runJob(name, env('101'), (main) => {
      expect(main.outputs['state-restored']).toBe('miss');
      expect(main.outputs['state-key']).toMatch(/^setup-buildkit-state-x86_64-overlay2-[0-9a-f]{16}-101-1-build$/);
      built = buildLog(name, context, path.join(root, 'out1'));
      expect(runSteps(built.log).filter((s) => s.cached)).toEqual([]);
    });
    expect(r.post.warnings).toEqual([]);
    expect(r.post.stdout).toMatch(/keep-state: saved [\d.]+ MB under setup-buildkit-state-.*-101-1-build/);
    const t = tree(built.out);
    expect(t['gone.txt']).toBeUndefined();
    expect(Object.keys(t).filter((p) => p.startsWith('d/'))).toEqual(['d/new']);
    expect(fs.readFileSync(path.join(built.out, 'cache-at-build.txt'), 'utf8')).toBe('f1\nf2\nf3\n');
    run1 = { ...r, tree: t };
  });

  test('run 2 on a fresh runner restores it: every step cached, same filesystem, cache mount kept', async () => {
    expect(run1).toBeDefined();
    let built!: Built;
    let seen = '';
    const r = await runJob(name, env('102'), (main) => {
      expect(main.outputs['state-restored']).toBe('prefix');
      expect(main.outputs['state-restored-key']).toBe(run1.main.outputs['state-key']);
      expect(Number(main.outputs['state-restore-size'])).toBeGreaterThan(0);
      expect(main.stdout).toContain(`keep-state: restored ${run1.main.outputs['state-key']} (prefix match)`);
      built = buildLog(name, context, path.join(root, 'out2'));
      const steps = runSteps(built.log);
      expect(steps).toHaveLength(5);
      expect(steps.filter((s) => !s.cached)).toEqual([]);
      const read = buildLog(name, context, path.join(root, 'seen'), 'read-cache.Dockerfile');
      expect(runSteps(read.log)).toEqual([{ step: expect.stringContaining('ls /cache'), cached: false }]);
      seen = fs.readFileSync(path.join(root, 'seen', 'seen.txt'), 'utf8');
    });
    expect(r.main.warnings).toEqual([]);
    expect(tree(built.out)).toEqual(run1.tree);
    expect(seen).toBe('f1\nf2\nf3\n');
    // The job added a record (the cache-reading step): this run saves too.
    expect(r.post.stdout).toMatch(/keep-state: saved .* under .*-102-1-build/);
    expect(r.summary).toMatch(/\| restore \| restored .* \(prefix match\)/);
    expect(r.summary).toMatch(/### setup-buildkit post\n\n\| \| \|\n\|---\|---\|\n\| Builder \| .*\n\| State \| saved [\d.]+ MB archive/);
  });

  if (protocol === 'v2') {
    test('a truncated archive: run 3 warns, starts empty and builds', async () => {
      // The double's storage, <tmpdir>/cache-v2-*/<id>.blob: this server's blobs are those of its entries' sizes.
      const sizes = new Set((server as CacheV2Server).entries().map((e) => e.size));
      const tmp = os.tmpdir();
      const stored = fs
        .readdirSync(tmp)
        .filter((d) => d.startsWith('cache-v2-'))
        .flatMap((d) => fs.readdirSync(path.join(tmp, d)).map((f) => path.join(tmp, d, f)))
        .filter((f) => f.endsWith('.blob') && sizes.has(fs.statSync(f).size));
      expect(stored).toHaveLength(sizes.size);
      for (const file of stored) fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
      await runJob(name, env('103'), (main) => {
        expect(main.outputs['state-restored']).toBe('miss');
        expect(main.warnings.join('\n')).toMatch(/restore/i);
        const built = buildLog(name, context, path.join(root, 'out3'));
        expect(tree(built.out)).toEqual(run1.tree);
      }, { 'state-save': 'never' });
    });
  } else {
    test('a stopped cache service: run 3 warns, starts empty, builds, and its save is a warning', async () => {
      await server.close();
      const r = await runJob(name, env('103'), (main) => {
        expect(main.outputs['state-restored']).toBe('miss');
        expect(main.warnings.join('\n')).toMatch(/restore/i);
        const built = buildLog(name, context, path.join(root, 'out3'));
        expect(tree(built.out)).toEqual(run1.tree);
      });
      expect(r.post.warnings.join('\n')).toMatch(/keep-state: the state was not saved/);
    });
  }
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

  test('a 409 on save (another job owns the key) is a warning; the builder is removed', async () => {
    const server = await startCacheV2Server({ failSave409: true });
    try {
      const name = uniqueName('ks409');
      const r = await runJob(name, { ...cacheEnvVars('v2', server.url, dirs), GITHUB_RUN_ID: '201' }, () => void buildLog(name, context, path.join(root, 'o409')));
      expect(r.post.warnings.join('\n')).toMatch(/keep-state: the state was not saved: the cache service did not take key/);
      expect(server.entries()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('state-save on-success does not save a failed job', async () => {
    const server = await startCacheV2Server();
    try {
      const name = uniqueName('ksfail');
      const r = await runJob(name, { ...cacheEnvVars('v2', server.url, dirs), GITHUB_RUN_ID: '202', 'INPUT_JOB-STATUS': 'failure' }, () => void buildLog(name, context, path.join(root, 'ofail')));
      expect(r.post.stdout).toContain('keep-state: state-save is on-success and the job status is failure: the state is not saved');
      expect(server.entries()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('no cache service and a fixed name: the volume is kept and the next run reuses it', async () => {
    const name = uniqueName('kskeep');
    const volume = `buildx_buildkit_${name}0_state`;
    const noCache = { ACTIONS_CACHE_URL: undefined, ACTIONS_RESULTS_URL: undefined, GITHUB_RUN_ID: '203' };
    const job1 = new ActionJob(noCache);
    const job2 = new ActionJob(noCache);
    try {
      expectGreen(await job1.main({ name, 'keep-state': 'true', 'driver-opts': 'network=host', use: 'false' }));
      buildLog(name, context, path.join(root, 'k1'));
      const post1 = await job1.post();
      expect(post1.stdout).toContain(`keep-state: volume ${volume} is kept`);
      expect(inspectContainer(`buildx_buildkit_${name}0`)).toBeUndefined();
      expect(sh('docker', ['volume', 'ls', '-q']).split('\n')).toContain(volume);
      const main2 = await job2.main({ name, 'keep-state': 'true', 'driver-opts': 'network=host', use: 'false' });
      expectGreen(main2);
      expect(main2.outputs['state-restored']).toBe('volume');
      expect(runSteps(buildLog(name, context, path.join(root, 'k2')).log).every((s) => s.cached)).toBe(true);
      await job2.post();
    } finally {
      // The test's own cleanup: the kept volume is what the feature leaves by design.
      sh('sh', ['-c', `docker rm -f buildx_buildkit_${name}0 >/dev/null 2>&1; docker volume rm ${volume} >/dev/null 2>&1; true`]);
      job1.dispose();
      job2.dispose();
    }
    expectGone(name);
  });
});

/**
 * keep-state in a matrix, end to end: the bundled action, the real engine and BuildKit, the real
 * @actions/cache against the v2 cache double. Two legs of one run, at once, with the same inputs but
 * for `state-leg` (what the runner passes by default: the leg's matrix values, `toJSON(matrix)`),
 * build different things; both save; the next run's legs each get their own state back, every step
 * cached. A leg the matrix did not have before starts from a state of another leg.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { legId } from '../../src/keep-state/state-key.js';
import { cacheEnvVars } from '../support/cache-env.js';
import { type CacheV2Server, startCacheV2Server } from '../support/cache-v2-server.js';
import { BASE_IMAGE, makeContext, uniqueName } from '../support/engine.js';
import { buildLog, runJob, runSteps } from '../support/state-jobs.js';

/** `toJSON(matrix)` as the runner prints it for a leg. */
const matrixJson = (target: string) => JSON.stringify({ target, os: 'ubuntu-latest' }, null, 2);

/** What a leg builds: a file of its own, behind a slow step, so that a restored state shows as CACHED. */
const dockerfile = (target: string) => `FROM ${BASE_IMAGE}
RUN sleep 2 && echo ${target} > /target.txt
RUN --mount=type=cache,target=/cache,id=matrix-${target} sh -c 'echo ${target} > /cache/seen; cp /cache/seen /seen.txt'
`;

describe('keep-state: a matrix of two legs', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keep-state-matrix-'));
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  const legs = ['api', 'web'].map((target) => ({ target, context: makeContext(dockerfile(target)), name: uniqueName(`ksleg${target}`) }));
  let server: CacheV2Server;
  /** Run 1's key per leg. */
  const saved: Record<string, string> = {};
  beforeAll(async () => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    server = await startCacheV2Server();
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
    for (const leg of legs) fs.rmSync(leg.context, { recursive: true, force: true });
  });
  const env = (run: string): NodeJS.ProcessEnv => ({
    ...cacheEnvVars('v2', server.url, dirs),
    GITHUB_RUN_ID: run,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'build',
  });
  /** One leg's job of run `run`: its build's RUN steps, and its main and post steps. */
  const legJob = async (leg: (typeof legs)[number], run: string) => {
    let steps: { step: string; cached: boolean }[] = [];
    const r = await runJob(
      leg.name,
      env(run),
      () => void (steps = runSteps(buildLog(leg.name, leg.context, path.join(root, `${leg.target}-${run}`)).log)),
      { 'state-leg': matrixJson(leg.target) },
    );
    return { ...r, steps };
  };

  test('run 1: both legs at once build from empty, each saves under a key of its own leg', async () => {
    const runs = await Promise.all(legs.map((leg) => legJob(leg, '901')));
    for (const [i, leg] of legs.entries()) {
      const { main, post, steps } = runs[i];
      expect(main.outputs['state-restored']).toBe('miss');
      const key = main.outputs['state-key'];
      expect(key).toMatch(new RegExp(`-leg-${legId(matrixJson(leg.target))}-901-1-build$`));
      expect(steps).toHaveLength(2);
      expect(steps.filter((s) => s.cached)).toEqual([]);
      // Saved, and nothing refused: not the other leg's key, not a half upload.
      expect(post.warnings).toEqual([]);
      expect(post.stdout).toContain(`keep-state: saved ${key}: `);
      saved[leg.target] = key;
    }
    expect(saved.api).not.toBe(saved.web);
    const keys = server.entries().map((e) => e.key);
    expect(keys).toEqual(expect.arrayContaining([saved.api, saved.web]));
  });

  test("run 2: both legs at once, each restores its own leg's state and builds fully cached", async () => {
    expect(Object.keys(saved)).toHaveLength(2);
    const runs = await Promise.all(legs.map((leg) => legJob(leg, '902')));
    for (const [i, leg] of legs.entries()) {
      const { main, steps } = runs[i];
      expect(main.warnings).toEqual([]);
      expect(main.outputs['state-restored']).toBe('prefix');
      expect(main.outputs['state-restored-key']).toBe(saved[leg.target]);
      expect(steps).toHaveLength(2);
      expect(steps.filter((s) => !s.cached)).toEqual([]);
      expect(fs.readFileSync(path.join(root, `${leg.target}-902`, 'target.txt'), 'utf8')).toBe(`${leg.target}\n`);
    }
  });

  test("a leg new to the matrix starts from another leg's state (the fallback), then saves under its own", async () => {
    expect(Object.keys(saved)).toHaveLength(2);
    const name = uniqueName('kslegnew');
    const r = await runJob(name, env('903'), () => undefined, { 'state-leg': matrixJson('docs') });
    expect(r.main.outputs['state-restored']).toBe('prefix');
    expect(r.main.outputs['state-restored-key']).toMatch(/-leg-[0-9a-f]{12}-90[12]-1-build$/);
    expect(r.main.outputs['state-key']).toMatch(new RegExp(`-leg-${legId(matrixJson('docs'))}-903-1-build$`));
  });
});

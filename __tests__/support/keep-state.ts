/**
 * What the keep-state e2e files share beyond a job's steps (state-jobs.ts): a describe's own v2 cache
 * server, and what a post step's save line says.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { StepResult } from './action.js';
import { cacheEnvVars } from './cache-env.js';
import { type CacheV2Server, startCacheV2Server } from './cache-v2-server.js';

/** What a post step's save line says: pieces (new ones), entries, those uploaded, their pieces and compressed bytes. */
export function saveFigures(post: StepResult): {
  pieces: number;
  newPieces: number;
  entries: number;
  uploaded: number;
  uploadedPieces: number;
  bytes: number;
} {
  const m = /keep-state: saved \S+: (\d+) pieces \((\d+) new\) in (\d+) entries, (\d+) uploaded \((\d+) pieces, ([\d.]+) MB\)/.exec(
    post.stdout,
  );
  if (!m) throw new Error(`no save line in:\n${post.stdout}`);
  const [pieces, newPieces, entries, uploaded, uploadedPieces] = m.slice(1, 6).map(Number);
  return { pieces, newPieces, entries, uploaded, uploadedPieces, bytes: Number(m[6]) * 1e6 };
}

/**
 * A describe's own v2 cache server and runner directories, and `context`, all removed after it;
 * `env(run)` is a run of job `build` against them.
 */
export function v2CacheSuite(label: string, context: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `keep-state-${label}-`));
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  let server: CacheV2Server | undefined;
  beforeAll(async () => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    server = await startCacheV2Server();
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(context, { recursive: true, force: true });
  });
  return {
    root,
    server: () => server!,
    env: (run: string): NodeJS.ProcessEnv => ({
      ...cacheEnvVars('v2', server!.url, dirs),
      GITHUB_RUN_ID: run,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'build',
    }),
  };
}

/**
 * What the keep-state e2e files share: one simulated job on a fresh runner (main, the work, post),
 * a describe's own v2 cache server, a build through the builder with its plain progress, which RUN
 * steps were cached, and what a post step's save line says.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ActionJob, type StepResult } from './action.js';
import { cacheEnvVars } from './cache-env.js';
import { type CacheV2Server, startCacheV2Server } from './cache-v2-server.js';
import { expectGone, sh } from './engine.js';

export function expectGreen(step: StepResult): void {
  expect(step.errors).toEqual([]);
  expect(step.exitCode).toBe(0);
}

/** One simulated run on a fresh runner: main with keep-state, the work, post; nothing is left. */
export async function runJob(
  name: string,
  env: NodeJS.ProcessEnv,
  work: (main: StepResult) => void | Promise<void>,
  inputs: Record<string, string> = {},
): Promise<{ main: StepResult; post: StepResult; summary: string }> {
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

export interface Built {
  out: string;
  log: string;
}

export function buildLog(name: string, context: string, dest: string, dockerfile = 'Dockerfile'): Built {
  // buildx writes the progress to stderr; sh() returns stdout, so merge through a shell.
  const log = sh('sh', [
    '-c',
    `docker buildx build --builder "$0" --progress=plain -f "$1" --output "type=local,dest=$2" "$3" 2>&1`,
    name,
    path.join(context, dockerfile),
    dest,
    context,
  ]);
  return { out: dest, log };
}

/** The Dockerfile's RUN steps in the plain progress output, each with whether it was CACHED. */
export function runSteps(log: string): { step: string; cached: boolean }[] {
  const steps = new Map<string, string>();
  for (const m of log.matchAll(/^#(\d+) \[(?:[^\]]* )?\d+\/\d+\] (RUN .*)$/gm)) steps.set(m[1], m[2]);
  return [...steps].map(([id, step]) => ({ step, cached: new RegExp(`^#${id} CACHED$`, 'm').test(log) }));
}

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

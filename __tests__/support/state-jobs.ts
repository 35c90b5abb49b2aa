/**
 * keep-state jobs for the e2e tests: one simulated run on a fresh runner (main with keep-state, the
 * work, post, nothing left behind), a build through the builder with its plain log, and which of the
 * log's RUN steps were cached.
 */
import * as path from 'node:path';

import { ActionJob, type StepResult } from './action.js';
import { expectGone, sh } from './engine.js';

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

/**
 * Fault case 9 (issue 7): four matrix jobs on one self-hosted runner, each running the action at
 * once on the same engine and the same HOME / DOCKER_CONFIG (so one buildx store). No collision: each
 * gets its own builder and builds on it, each post removes only its own, and the buildx store stays
 * consistent (no entry left, `current` never names a builder that is gone).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob, type StepResult } from '../support/action.js';
import { BASE_IMAGE, inspectContainer, makeContext, tryRun, uniqueName, volumeExists } from '../support/engine.js';
import { forceRemove, tempDockerConfig } from '../support/faults.js';

const run = promisify(execFile);
const N = 4;

describe('four builders created at once on one engine, one runner', () => {
  const dockerConfig = tempDockerConfig();
  const env = { DOCKER_CONFIG: dockerConfig };
  const cliEnv = { ...process.env, ...env };
  const store = path.join(dockerConfig, 'buildx');
  const names = Array.from({ length: N }, (_, i) => uniqueName(`conc${i}`));
  const jobs = names.map(() => new ActionJob(env));
  let mains: StepResult[];

  beforeAll(async () => {
    mains = await Promise.all(jobs.map((job, i) => job.main({ name: names[i], 'driver-opts': 'network=host' })));
  });
  afterAll(() => {
    for (const n of names) forceRemove(n);
    for (const j of jobs) j.dispose();
    fs.rmSync(dockerConfig, { recursive: true, force: true });
  });

  test('every main succeeds with its own builder', () => {
    for (const [i, main] of mains.entries()) {
      expect({ name: names[i], exitCode: main.exitCode, errors: main.errors, warnings: main.warnings }).toEqual({
        name: names[i],
        exitCode: 0,
        errors: [],
        warnings: [],
      });
      expect(main.outputs.name).toBe(names[i]);
      expect(main.outputs.endpoint).toBe(`docker-container://${nodeNames(names[i]).container}`);
      expect(main.env.BUILDX_BUILDER).toBe(names[i]);
      expect(inspectContainer(nodeNames(names[i]).container)?.State.Running).toBe(true);
      expect(volumeExists(nodeNames(names[i]).volume)).toBe(true);
    }
  });

  test('the shared buildx store lists all four, and `current` is one of them', () => {
    expect(fs.readdirSync(path.join(store, 'instances')).sort()).toEqual(names.map((n) => n.toLowerCase()).sort());
    const ls = tryRun('docker', ['buildx', 'ls', '--format', 'json'], cliEnv);
    expect(ls.status).toBe(0);
    const listed = ls.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const n of names) expect(listed.find((b) => b.Name === n)?.Nodes[0]).toMatchObject({ Status: 'running' });
    expect(names).toContain(JSON.parse(fs.readFileSync(path.join(store, 'current'), 'utf8')).Name);
    // No temporary file of the atomic writes is left over.
    expect(fs.readdirSync(path.join(store, 'instances')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('each builds on its own builder, all at once', async () => {
    const contexts = names.map((n) => makeContext(`FROM ${BASE_IMAGE}\nRUN echo ${n} > /who.txt\n`, {}));
    try {
      await Promise.all(
        names.map((n, i) =>
          run('docker', ['buildx', 'build', '--builder', n, '--output', `type=local,dest=${path.join(contexts[i], 'out')}`, contexts[i]], {
            env: cliEnv,
          }),
        ),
      );
      names.forEach((n, i) => expect(fs.readFileSync(path.join(contexts[i], 'out', 'who.txt'), 'utf8')).toBe(`${n}\n`));
    } finally {
      for (const c of contexts) fs.rmSync(c, { recursive: true, force: true });
    }
  });

  test('each post removes only its own builder; afterwards the store is consistent', async () => {
    // Jobs end in another order than they started: the first one first.
    const [first, ...rest] = jobs;
    const firstPost = await first.post();
    expect(firstPost.exitCode).toBe(0);
    expect(firstPost.warnings).toEqual([]);
    expect(inspectContainer(nodeNames(names[0]).container)).toBeUndefined();
    for (const n of names.slice(1)) expect(inspectContainer(nodeNames(n).container)?.State.Running).toBe(true);

    const posts = await Promise.all(rest.map((j) => j.post()));
    for (const p of posts) {
      expect(p.exitCode).toBe(0);
      expect(p.warnings).toEqual([]);
    }
    for (const n of names) {
      expect(inspectContainer(nodeNames(n).container)).toBeUndefined();
      expect(volumeExists(nodeNames(n).volume)).toBe(false);
    }
    expect(fs.readdirSync(path.join(store, 'instances'))).toEqual([]);
    // `current` is gone or names something that still exists (never one of the removed builders).
    const currentFile = path.join(store, 'current');
    if (fs.existsSync(currentFile)) expect(names).not.toContain(JSON.parse(fs.readFileSync(currentFile, 'utf8')).Name);
    const ls = tryRun('docker', ['buildx', 'ls'], cliEnv);
    expect(ls.status).toBe(0);
    expect(ls.stderr).toBe('');
    expect(tryRun('docker', ['buildx', 'inspect'], cliEnv).status).toBe(0);
  });
});

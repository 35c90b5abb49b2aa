/**
 * What the end-to-end tests ask the real engine, through the docker CLI's JSON output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { OWNER_LABEL } from '../../src/node/owner.js';
import { engineUnderTest } from './engine-under-test.js';

/** The engine this test file runs against (one jest project per engine). */
export const ENGINE = engineUnderTest();
export const TEST_REGISTRY = '127.0.0.1:5000';
export const BASE_IMAGE = `${TEST_REGISTRY}/library/busybox:latest`;
export const HARNESS_BIN = process.env.HARNESS_CACHE ? path.join(process.env.HARNESS_CACHE, 'bin') : '/var/cache/setup-buildkit/bin';
export const BUILDCTL = path.join(HARNESS_BIN, 'buildctl');

export function sh(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    input: opts.input,
    env: opts.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/** Runs a command and returns its status and output whatever the status. */
export function tryRun(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ?? process.env, maxBuffer: 64 << 20 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function inspectContainer(name: string): any | undefined {
  const r = tryRun('docker', ['container', 'inspect', name]);
  return r.status === 0 ? JSON.parse(r.stdout)[0] : undefined;
}

export function volumeExists(name: string): boolean {
  return tryRun('docker', ['volume', 'inspect', name]).status === 0;
}

export function buildxInstances(): string[] {
  const dir = path.join(process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker'), 'buildx', 'instances');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

/**
 * The containers (running or not) and volumes on the engine that the action labelled as the builder's:
 * its nodes, their state volumes, a QEMU installer. Found by label, as the action finds its own.
 */
export function labelledFor(builder: string): { containers: string[]; volumes: string[] } {
  const filter = `label=${OWNER_LABEL}=${builder}`;
  const list = (args: string[]) =>
    sh('docker', [...args, '--filter', filter])
      .split('\n')
      .filter(Boolean)
      .sort();
  return { containers: list(['ps', '-a', '--format', '{{.Names}}']), volumes: list(['volume', 'ls', '-q']) };
}

/** Asserts that nothing of the builder is left: node 0's container and volume, anything labelled as its, the buildx entry. */
export function expectGone(builder: string): void {
  const { container, volume } = nodeNames(builder);
  expect(inspectContainer(container)).toBeUndefined();
  expect(volumeExists(volume)).toBe(false);
  expect(labelledFor(builder)).toEqual({ containers: [], volumes: [] });
  expect(buildxInstances()).not.toContain(builder.toLowerCase());
}

/** A build context with a Dockerfile that has RUN and COPY steps on the harness's base image. */
export function makeContext(dockerfile?: string, files: Record<string, string> = { 'hello.txt': 'hello from the context\n' }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-ctx-'));
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    dockerfile ?? `FROM ${BASE_IMAGE}\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt > /built.txt && uname -m >> /built.txt\n`,
  );
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** One build in BuildKit's history, as `buildctl debug histories --format '{{json .}}'` prints it. */
export interface HistoryRecord {
  FrontendAttrs: Record<string, string>;
  Results?: Record<string, unknown>;
}

/** The builds in that command's output, one JSON document a line. */
export function historyRecords(output: string): HistoryRecord[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { record: HistoryRecord }).record);
}

/** The platform each build in that output asked for ('' where none was). */
export function historyPlatforms(output: string): string[] {
  return historyRecords(output).map((r) => r.FrontendAttrs.platform ?? '');
}

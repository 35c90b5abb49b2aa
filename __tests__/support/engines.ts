/**
 * The extra engines of __tests__/harness/engines.sh (a mutual-TLS engine on tcp://127.0.0.1:23760, an
 * engine behind a local sshd), and docker contexts for them in a test DOCKER_CONFIG, made with the
 * docker CLI itself so that the action reads the CLI's own layout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { StoreEntry } from '../../src/buildx/buildx-store.js';
import { nodeNames } from '../../src/inputs/names.js';
import { ENGINE, sh, tryRun } from './engine.js';
import { tempDockerConfig } from './faults.js';

const CACHE = process.env.HARNESS_CACHE || '/var/cache/setup-buildkit';
export const TLS_DIR = path.join(CACHE, 'engines', 'tls');
export const TLS_ADDRESS = 'tcp://127.0.0.1:23760';

/**
 * Each test engine's own unix socket, for assertions that do not go through the path under test. The
 * runner's engine is the engine under test (20.10 or engine 29: one jest project each).
 */
export const ENGINES = {
  runner: ENGINE.host,
  tls: 'unix:///run/setup-buildkit/engine-tls.sock',
  ssh: 'unix:///run/setup-buildkit/engine-ssh.sock',
} as const;
export type EngineName = keyof typeof ENGINES;

/** The docker CLI against one test engine, whatever the test's DOCKER_CONFIG or DOCKER_HOST. */
export function onEngine(engine: EngineName, args: string[]): { status: number; stdout: string; stderr: string } {
  return tryRun('docker', ['--host', ENGINES[engine], ...args]);
}

export function containerOn(engine: EngineName, name: string): boolean {
  return onEngine(engine, ['container', 'inspect', name]).status === 0;
}

export function volumeOn(engine: EngineName, name: string): boolean {
  return onEngine(engine, ['volume', 'inspect', name]).status === 0;
}

/** Fails the suite early, with what to run, when the harness has not started the engines. */
export function requireTestEngines(): void {
  for (const engine of ['tls', 'ssh'] as const) {
    if (onEngine(engine, ['version']).status !== 0)
      throw new Error(`test engine ${engine} does not answer at ${ENGINES[engine]}: run bash __tests__/harness/engines.sh`);
  }
}

const tls = (ca: string, client = 'client') =>
  [
    `host=${TLS_ADDRESS}`,
    `ca=${path.join(TLS_DIR, `${ca}.pem`)}`,
    ...(client ? [`cert=${path.join(TLS_DIR, `${client}.pem`)}`, `key=${path.join(TLS_DIR, `${client}-key.pem`)}`] : []),
  ].join(',');

/** The contexts: the good ones, and one per fault. */
export const CONTEXTS: Record<string, string> = {
  'sbk-tls': tls('ca'),
  'sbk-tls-badca': tls('other-ca'),
  'sbk-tls-noclient': tls('ca', ''),
  'sbk-tls-otherclient': tls('ca', 'other-client'),
  'sbk-down': 'host=tcp://127.0.0.1:23999',
  'sbk-ssh': 'host=ssh://sbk-ssh-engine',
};

/** A fresh DOCKER_CONFIG holding the test contexts (and the installed CLI plugins). */
export function contextsConfig(config?: object): string {
  const dir = tempDockerConfig(config);
  for (const [name, docker] of Object.entries(CONTEXTS))
    sh('docker', ['context', 'create', name, '--docker', docker], { env: { ...process.env, DOCKER_CONFIG: dir } });
  return dir;
}

/**
 * What a test file on the test engines shares: a DOCKER_CONFIG with the contexts, and cleanups that
 * run after its last test (then the config is removed). Registers the file's beforeAll and afterAll.
 */
export function testEnginesSuite(): { config: string; cleanups: (() => void)[] } {
  const suite = { config: contextsConfig(), cleanups: [] as (() => void)[] };
  beforeAll(requireTestEngines);
  afterAll(() => {
    for (const c of suite.cleanups) c();
    fs.rmSync(suite.config, { recursive: true, force: true });
  });
  return suite;
}

/** Test cleanup: the builder's first `nodes` containers and state volumes, removed from every test engine. */
export function removeFromEngines(builder: string, nodes = 1): void {
  for (const engine of Object.keys(ENGINES) as EngineName[])
    for (let i = 0; i < nodes; i++) {
      const { container, volume } = nodeNames(builder, `${builder.toLowerCase()}${i}`);
      onEngine(engine, ['rm', '-f', '-v', container]);
      onEngine(engine, ['volume', 'rm', '-f', volume]);
    }
}

/** The builder's buildx store entry in a DOCKER_CONFIG, if there is one. */
export function storeEntry(name: string, dockerConfig: string): StoreEntry | undefined {
  const file = path.join(dockerConfig, 'buildx', 'instances', name.toLowerCase());
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StoreEntry) : undefined;
}

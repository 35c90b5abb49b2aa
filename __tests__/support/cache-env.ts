// The environment the real @actions/cache needs to talk to a loopback cache service, as the
// runner gives it to a JavaScript action. @actions/cache 6.x reads every one of these variables
// at call time (config.js, cacheUtils.js, tar.js, cacheHttpClient.js), none at import time, so
// the env can be switched between calls within one test file.
//
//   v1: ACTIONS_CACHE_URL (ending in '/'), no ACTIONS_CACHE_SERVICE_V2 (act never sets it)
//   v2: ACTIONS_RESULTS_URL, ACTIONS_CACHE_SERVICE_V2 non-empty, ACTIONS_RUNTIME_TOKEN required
// Both: GITHUB_SERVER_URL unset (anything but github.com / *.ghe.com / *.localhost is GHES, which
// forces v1), ACTIONS_CACHE_MODE unset (else saves or restores may be skipped), GITHUB_WORKSPACE
// (the root the cached paths are archived relative to) and RUNNER_TEMP (the archive's temp dir).
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type CacheProtocol = 'v1' | 'v2';

export interface CacheEnv {
  /** The variables set (string) or removed (undefined). */
  vars: Record<string, string | undefined>;
  workspace: string;
  runnerTemp: string;
  /** Puts process.env back as it was and removes the temp dirs this helper created. */
  restore(): void;
}

export const CACHE_ENV_NAMES = [
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
] as const;

/**
 * A syntactically valid runtime token: an HS256 JWT shaped like the runner's (the `ac` claim
 * lists cache scopes, as the real v2 service and falcondev's server read it). Nothing checks the
 * signature on loopback.
 */
export function fakeRuntimeToken(scope = 'refs/heads/main'): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = b64({
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'actions.githubusercontent.com',
    nbf: now - 60,
    iat: now - 60,
    exp: now + 6 * 3600,
    ac: JSON.stringify([{ Scope: scope, Permission: 3 }]),
    repository_id: '1',
    owner_id: '1',
    run_id: '1',
  });
  const sig = createHmac('sha256', 'setup-buildkit-tests').update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

/** The variables for a protocol and service URL; workspace and runnerTemp are given. */
export function cacheEnvVars(
  protocol: CacheProtocol,
  url: string,
  dirs: { workspace: string; runnerTemp: string },
): Record<string, string | undefined> {
  const base = url.endsWith('/') ? url : `${url}/`;
  return {
    ACTIONS_CACHE_URL: protocol === 'v1' ? base : undefined,
    ACTIONS_RESULTS_URL: protocol === 'v2' ? base : undefined,
    ACTIONS_CACHE_SERVICE_V2: protocol === 'v2' ? 'True' : undefined,
    ACTIONS_RUNTIME_TOKEN: fakeRuntimeToken(),
    ACTIONS_CACHE_MODE: undefined,
    GITHUB_SERVER_URL: undefined,
    GITHUB_WORKSPACE: dirs.workspace,
    RUNNER_TEMP: dirs.runnerTemp,
  };
}

/**
 * Applies the cache env for `protocol` at `url` to process.env. GITHUB_WORKSPACE and RUNNER_TEMP
 * are fresh temp dirs unless given. Call restore() (e.g. in afterEach) to undo it.
 */
export function withCacheEnv(protocol: CacheProtocol, url: string, opts: { workspace?: string; runnerTemp?: string } = {}): CacheEnv {
  const created: string[] = [];
  const tmp = (prefix: string) => {
    const d = mkdtempSync(path.join(os.tmpdir(), prefix));
    created.push(d);
    return d;
  };
  const workspace = opts.workspace ?? tmp('cache-ws-');
  const runnerTemp = opts.runnerTemp ?? tmp('cache-tmp-');
  const vars = cacheEnvVars(protocol, url, { workspace, runnerTemp });
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(vars)) {
    saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let restored = false;
  return {
    vars,
    workspace,
    runnerTemp,
    restore() {
      if (restored) return;
      restored = true;
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      for (const d of created) rmSync(d, { recursive: true, force: true });
    },
  };
}

// The loopback Actions cache services the state-persistence tests use, driven by the REAL
// @actions/cache (unmocked): v1 is nektos/act's own server (Go, built on demand), v2 a protocol
// double (twirp JSON + Azure blob). No Docker is needed. @actions/cache reads its env at call
// time, so a static import is fine; needs GNU tar and zstd on PATH (zstd changes the version).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as cache from '@actions/cache';
import { BlockBlobClient } from '@azure/storage-blob';

import { type CacheEnv, type CacheProtocol, fakeRuntimeToken, withCacheEnv } from '../support/cache-env.js';
import { startCacheV1Server } from '../support/cache-v1-server.js';
import { ALREADY_EXISTS_MSG, startCacheV2Server, TWIRP_PREFIX } from '../support/cache-v2-server.js';

/** Runs fn with process.stdout captured (where @actions/core writes info and ::warning::). */
async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; out: string }> {
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    return { result: await fn(), out };
  } finally {
    process.stdout.write = write;
  }
}

interface Server {
  url: string;
  close(): Promise<void>;
}

const starters: Record<CacheProtocol, () => Promise<Server>> = {
  v1: () => startCacheV1Server(),
  v2: () => startCacheV2Server(),
};

describe.each(['v1', 'v2'] as const)('real @actions/cache against the %s server', (protocol) => {
  let server: Server;
  const envs: CacheEnv[] = [];
  /** The cache env; a fresh GITHUB_WORKSPACE unless given. */
  const env = (workspace?: string) => {
    const e = withCacheEnv(protocol, server.url, { workspace });
    envs.push(e);
    return e;
  };
  // The paths array is part of the version hash: restore must pass the very same strings. The
  // archive holds the files relative to GITHUB_WORKSPACE, so a restore with another workspace
  // lands there. Saves use one workspace, saveWs, for the whole suite.
  let saveWs: string;
  let paths: string[];
  let original: Buffer;

  beforeAll(async () => {
    saveWs = mkdtempSync(path.join(os.tmpdir(), 'cache-save-ws-'));
    paths = [path.join(saveWs, 'state')];
    server = await starters[protocol]();
  });
  afterEach(() => {
    while (envs.length) envs.pop()!.restore();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(saveWs, { recursive: true, force: true });
  });

  test('saves a 3 MB file under k-1', async () => {
    env(saveWs);
    mkdirSync(paths[0]);
    original = randomBytes(3 * 1024 * 1024);
    writeFileSync(path.join(paths[0], 'blob.bin'), original);
    expect(cache.isFeatureAvailable()).toBe(true);
    const { result: id, out } = await captured(() => cache.saveCache(paths, 'k-1'));
    expect(out).not.toContain('::warning::');
    expect(id).toBeGreaterThan(0);
    if (protocol === 'v2') {
      const v2 = server as Awaited<ReturnType<typeof startCacheV2Server>>;
      expect(v2.entries()).toEqual([{ key: 'k-1', version: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number) }]);
    }
  });

  test('restores it by prefix into a fresh workspace, byte-identical', async () => {
    const e = env();
    const { result: key, out } = await captured(() => cache.restoreCache(paths, 'k-2', ['k-']));
    expect(out).not.toContain('::warning::');
    expect(key).toBe('k-1');
    expect(readFileSync(path.join(e.workspace, 'state', 'blob.bin')).equals(original)).toBe(true);
  });

  test('lookupOnly finds the key without downloading', async () => {
    env();
    const { result: key } = await captured(() => cache.restoreCache(paths, 'k-', [], { lookupOnly: true }));
    expect(key).toBe('k-1');
  });

  test('a miss returns undefined: unknown key, or same key with other paths (version)', async () => {
    const e = env();
    expect((await captured(() => cache.restoreCache(paths, 'other-1', ['other-']))).result).toBeUndefined();
    const { result, out } = await captured(() => cache.restoreCache([path.join(e.workspace, 'elsewhere')], 'k-1', ['k-']));
    expect(result).toBeUndefined();
    expect(out).not.toContain('::warning::');
  });

  if (protocol === 'v2') {
    test('a second save of the same key returns -1 without throwing (409 already_exists)', async () => {
      env(saveWs);
      const { result, out } = await captured(() => cache.saveCache(paths, 'k-1'));
      expect(result).toBe(-1);
      expect(out).toContain('Failed to save: Unable to reserve cache with key k-1, another job may be creating this cache.');
    });
  } else {
    test("act's server does not reject a duplicate key: a second save succeeds", async () => {
      env(saveWs);
      const { result } = await captured(() => cache.saveCache(paths, 'k-1'));
      expect(result).toBeGreaterThan(0);
    });
  }
});

describe('v2 double: failure modes', () => {
  let env: CacheEnv | undefined;
  afterEach(() => env?.restore());

  test('failSave409: saveCache returns -1 and reports the reservation failure as info', async () => {
    const server = await startCacheV2Server({ failSave409: true });
    try {
      env = withCacheEnv('v2', server.url);
      writeFileSync(path.join(env.workspace, 'f'), 'data');
      const { result, out } = await captured(() => cache.saveCache([path.join(env!.workspace, 'f')], 'k-1'));
      expect(result).toBe(-1);
      expect(out).toContain('Unable to reserve cache with key k-1');
      expect(server.entries()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('down: restoreCache returns undefined with a warning, saveCache does not throw', async () => {
    const server = await startCacheV2Server({ down: true });
    env = withCacheEnv('v2', server.url);
    writeFileSync(path.join(env.workspace, 'f'), 'data');
    const p = [path.join(env.workspace, 'f')];
    const restored = await captured(() => cache.restoreCache(p, 'k-1', ['k-']));
    expect(restored.result).toBeUndefined();
    expect(restored.out).toMatch(/::warning::Failed to restore: .*ECONNREFUSED/);
    const saved = await captured(() => cache.saveCache(p, 'k-1'));
    expect(saved.result).toBe(-1);
    expect(saved.out).toContain('Failed to save');
    await server.close();
  });
});

interface TwirpReply {
  ok?: boolean;
  signed_upload_url?: string;
  signed_download_url?: string;
  matched_key?: string;
  entry_id?: string;
  message?: string;
  code?: string;
  msg?: string;
}

describe('v2 double: protocol details', () => {
  const call = async (url: string, method: string, body: unknown) => (await (await twirp(url, method, body)).json()) as TwirpReply;
  const twirp = (url: string, method: string, body: unknown, token = fakeRuntimeToken()) =>
    fetch(new URL(TWIRP_PREFIX + method, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  test('Put Block / Put Block List (archives over 128 MiB) through the Azure SDK, then plain GET', async () => {
    const server = await startCacheV2Server();
    try {
      const created = await call(server.url, 'CreateCacheEntry', { key: 'big-1', version: 'v' });
      expect(created.ok).toBe(true);
      expect(created.signed_upload_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/cache\/\d+\?.*sig=/);
      const data = randomBytes(5 * 1024 * 1024 + 17);
      // The same client call @actions/cache makes, with a small single-shot limit to force blocks.
      const client = new BlockBlobClient(created.signed_upload_url!);
      const up = await client.uploadData(data, { maxSingleShotSize: 1024 * 1024, blockSize: 1024 * 1024, concurrency: 4 });
      expect(up._response.status).toBe(201);
      const fin = await call(server.url, 'FinalizeCacheEntryUpload', { key: 'big-1', version: 'v', size_bytes: String(data.length) });
      expect(fin).toEqual({ ok: true, entry_id: expect.stringMatching(/^\d+$/) });
      const got = await call(server.url, 'GetCacheEntryDownloadURL', { key: 'big-2', restore_keys: ['big-'], version: 'v' });
      expect(got).toMatchObject({ ok: true, matched_key: 'big-1' });
      const res = await fetch(got.signed_download_url!);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
      expect(server.entries()).toEqual([{ key: 'big-1', version: 'v', size: data.length }]);
    } finally {
      await server.close();
    }
  });

  test('matching: exact before prefix, newest prefix first, version must match; duplicate is 409', async () => {
    const server = await startCacheV2Server();
    try {
      for (const key of ['a-1', 'a-10', 'a-2']) {
        const c = await call(server.url, 'CreateCacheEntry', { key, version: 'v' });
        await new BlockBlobClient(c.signed_upload_url!).uploadData(Buffer.from(key));
        await twirp(server.url, 'FinalizeCacheEntryUpload', { key, version: 'v', size_bytes: String(key.length) });
      }
      const match = async (key: string, restore_keys: string[], version = 'v') =>
        (await call(server.url, 'GetCacheEntryDownloadURL', { key, restore_keys, version })).matched_key;
      expect(await match('a-1', [])).toBe('a-1');
      expect(await match('a-', [])).toBe('a-2');
      expect(await match('b-1', ['a-1', 'a-'])).toBe('a-1');
      expect(await match('a-1', [], 'other')).toBe('');
      const dup = await twirp(server.url, 'CreateCacheEntry', { key: 'a-1', version: 'v' });
      expect(dup.status).toBe(409);
      expect(await dup.json()).toEqual({ code: 'already_exists', msg: ALREADY_EXISTS_MSG });
      // Same key, other version (other paths or compression): a separate entry.
      expect((await twirp(server.url, 'CreateCacheEntry', { key: 'a-1', version: 'w' })).status).toBe(200);
      // Token: must be a JWT.
      expect((await twirp(server.url, 'GetCacheEntryDownloadURL', { key: 'a', version: 'v' }, 'not-a-jwt')).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

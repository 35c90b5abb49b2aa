/**
 * The Actions cache service, through @actions/cache, for the files the action carries from run to
 * run (the builder's state, cached images): each kind goes through one fixed path, because
 * @actions/cache makes the path part of the cache version, so it must be the same in every run: not
 * under RUNNER_TEMP, which is a fresh directory per run under act and differs between self-hosted
 * runners. Jobs of several runners on one machine share that path, so each use holds a lock.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import type * as ActionsCache from '@actions/cache';
import lockfile from 'proper-lockfile';

import { UserError } from '../util/errors.js';

/** How long the probe waits for the cache service's address to take a connection. */
const PROBE_TIMEOUT_MS = 5000;

/** Set, any of them sends @actions/cache's requests through a proxy: the service's address is not dialled directly. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** Why a TCP connection to `url`'s host and port failed (an error code, or the timeout); undefined when it was taken. */
function connectFailure(url: URL): Promise<string | undefined> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port, timeout: PROBE_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(`no connection in ${PROBE_TIMEOUT_MS / 1000} s`);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/**
 * Why the cache service cannot be reached, or undefined when it may be. A dead service costs every
 * call through @actions/cache its retries (protocol 1: two attempts 5 s apart) and a warning of its
 * own, many of them in a keep-state save; one connection to each address the runner gave tells it
 * at once. The service is called down only when every address refuses; behind a proxy nothing is
 * dialled, and @actions/cache finds out as before.
 */
export async function cacheServiceDown(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (PROXY_VARIABLES.some((v) => env[v])) return undefined;
  const urls: URL[] = [];
  for (const value of [env.ACTIONS_CACHE_URL, env.ACTIONS_RESULTS_URL]) {
    if (!value) continue;
    try {
      urls.push(new URL(value));
    } catch {
      return undefined;
    }
  }
  const failures = await Promise.all(urls.map(connectFailure));
  if (urls.length === 0 || failures.some((f) => f === undefined)) return undefined;
  return `the cache service does not take connections (${urls.map((u, i) => `${u.origin}: ${failures[i]}`).join(', ')})`;
}

/**
 * A caller that reports the service's problems itself (one warning per step, see heldBack) hands
 * its list here; calls of this module made within it hold @actions/cache's warnings back into it.
 */
const problemSink = new AsyncLocalStorage<string[]>();
/** Set only around a call into @actions/cache: what it writes there is its own, never ours. */
const inLibrary = new AsyncLocalStorage<string[]>();
let libraryOutputHeld = false;

/** A workflow command's message as @actions/core escapes it. */
function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * @actions/cache warns (core.warning, core.error) for every request the service refuses, rate-limits
 * or fails, twice for a 429 ("You've hit a rate limit", then "Failed to restore"), so a keep-state
 * save of tens of entries would be tens of warnings. Within heldBack, its warning and error commands
 * become debug lines and their messages go to the caller's list, which gives one warning of its own.
 */
function holdLibraryOutput(): void {
  if (libraryOutputHeld) return;
  libraryOutputHeld = true;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const held = inLibrary.getStore();
    const command = held && /^::(?:warning|error)(?: [^:]*)?::(.*)(\r?\n)?$/s.exec(String(chunk));
    if (!held || !command) return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    held.push(unescapeCommand(command[1].trimEnd()));
    return (write as (c: string, ...r: unknown[]) => boolean)(`::debug::${command[1]}${command[2] ?? '\n'}`, ...rest);
  }) as typeof process.stdout.write;
}

/** Runs `work`, holding back into `problems` what @actions/cache would warn about meanwhile. */
export function heldBack<T>(problems: string[], work: () => Promise<T>): Promise<T> {
  return problemSink.run(problems, work);
}

/** A call into @actions/cache, its warnings held back when the caller asked for it. */
function libraryCall<T>(call: () => Promise<T>): Promise<T> {
  const sink = problemSink.getStore();
  if (!sink) return call();
  holdLibraryOutput();
  return inLibrary.run(sink, call);
}

/**
 * The seconds the service asked to wait (429 with Retry-After, as @actions/cache words it), when
 * one of `problems` is a rate limit; undefined otherwise.
 */
export function retryAfterSeconds(problems: string[]): number | undefined {
  for (const p of problems) {
    const m = /rate limit will reset in (\d+) seconds/.exec(p);
    if (m) return Number(m[1]);
  }
  return problems.some((p) => /Rate limited|\(429\)/.test(p)) ? 0 : undefined;
}

/** The probe, made once per step, before the first call to the service. */
let probe: Promise<string | undefined> | undefined;

/**
 * @actions/cache (with the Azure SDK under it) is loaded only when a cache is used: loading it costs
 * about a third of a second at every start of the action otherwise. Throws at once when the service
 * is down (see cacheServiceDown).
 */
async function actionsCache(): Promise<typeof ActionsCache> {
  probe ??= cacheServiceDown(process.env);
  const down = await probe;
  if (down) throw new UserError(down);
  return import('@actions/cache');
}

/**
 * Why the runner's cache mode (ACTIONS_CACHE_MODE, as @actions/cache reads it) forbids saving, or
 * undefined when it permits it. @actions/cache would skip each save with a line of its own; asked
 * first, a keep-state save does not archive a state it may not store. An unknown mode permits, as
 * in @actions/cache.
 */
export function cacheWriteRefusal(env: NodeJS.ProcessEnv): string | undefined {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  return mode === 'read' || mode === 'none' ? `the runner's cache mode is '${mode}', which does not permit saving` : undefined;
}

/** The fixed path for one kind of cached file (`state`, `image-<hash>`), under the system's temp dir. */
export function sharedPath(kind: string, file: string): string {
  return path.join(os.tmpdir(), `setup-buildkit-${kind}`, file);
}

/**
 * Runs `work` while holding the lock of `shared` (proper-lockfile: a lock directory whose mtime the
 * holder refreshes, so a lock left by a job that died is taken over within a minute, and a long
 * transfer is never mistaken for one). Waits for the other jobs meanwhile.
 */
async function withLock<T>(shared: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(shared), { recursive: true });
  const release = await lockfile.lock(shared, {
    realpath: false,
    stale: 60000,
    update: 10000,
    retries: { forever: true, minTimeout: 200, maxTimeout: 1000 },
    // A lock another job took over after a stall of a minute: this transfer goes on; at worst the
    // restore misses or the save fails, which the callers already take as such.
    onCompromised: () => undefined,
  });
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

/** The cache service answers (the runner gives JavaScript actions its URL and token). */
export async function cacheAvailable(): Promise<boolean> {
  try {
    return (await import('@actions/cache')).isFeatureAvailable();
  } catch {
    return false;
  }
}

/**
 * Fetches the entry of `key`, or the newest one under a prefix of `restoreKeys`, through `shared`
 * into this job's own file `dest`. Returns the key that matched, or undefined on a miss.
 */
export async function restoreFile(shared: string, dest: string, key: string, restoreKeys: string[]): Promise<string | undefined> {
  const cache = await actionsCache();
  return withLock(shared, async () => {
    fs.rmSync(shared, { force: true });
    const matched = await libraryCall(() => cache.restoreCache([shared], key, restoreKeys));
    if (!matched || !fs.existsSync(shared)) return undefined;
    fs.renameSync(shared, dest);
    return matched;
  });
}

/** Saves this job's file `src` under `key`, through `shared`; `src` is gone afterwards. */
export async function saveFile(shared: string, src: string, key: string): Promise<void> {
  const cache = await actionsCache();
  const id = await withLock(shared, async () => {
    fs.renameSync(src, shared);
    try {
      return await libraryCall(() => cache.saveCache([shared], key));
    } finally {
      fs.rmSync(shared, { force: true });
    }
  });
  if (id === -1) {
    const why = problemSink.getStore()?.at(-1);
    throw new UserError(`the cache service did not take key ${key}${why ? `: ${why}` : ' (see the message above)'}`);
  }
}

/**
 * The key of the entry that a restore of `key`, or else of the newest entry under a prefix in
 * `restoreKeys`, would fetch; undefined when none. A lookup: nothing is downloaded.
 */
export async function cacheLookup(shared: string, key: string, restoreKeys: string[] = []): Promise<string | undefined> {
  const cache = await actionsCache();
  return libraryCall(() => cache.restoreCache([shared], key, restoreKeys, { lookupOnly: true }));
}

/** Whether an entry of exactly `key` exists (a lookup: nothing is downloaded). */
export async function cacheHas(shared: string, key: string): Promise<boolean> {
  return (await cacheLookup(shared, key)) === key;
}

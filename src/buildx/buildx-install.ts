/**
 * `buildx-version`: a docker-buildx release installed as the docker CLI plugin
 * (DOCKER_CONFIG/cli-plugins/docker-buildx), so that `docker buildx` and docker/build-push-action
 * use it. Found, in order, in the runner's tool cache (@actions/tool-cache), in the Actions cache
 * (`cache-binary`), or downloaded from the release (github.com, or `buildx-mirror` laid out the same
 * way) and checked against the release's checksums.txt before anything is kept. Loaded only when
 * `buildx-version` is set: the default path never pays for it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { HttpClient } from '@actions/http-client';
import * as tc from '@actions/tool-cache';

import { cacheAvailable, cacheHas, restoreFile, saveFile, sharedPath } from '../actions-cache/service.js';
import { dockerConfigDir } from '../engine/credentials.js';
import type { BuildxInputs } from '../inputs/read.js';
import { errorLine, UserError } from '../util/errors.js';
import { megabytes, secondsSince } from '../util/units.js';

export const GITHUB_RELEASES = 'https://github.com/docker/buildx/releases';
export const GITHUB_LATEST_API = 'https://api.github.com/repos/docker/buildx/releases/latest';
const TOOL = 'docker-buildx';
/** One path for every version: @actions/cache makes the path part of an entry's version. */
const SHARED = sharedPath('buildx', TOOL);
const USER_AGENT = 'setup-buildkit';

/** The release's name for this runner's binary: `buildx-v0.38.2.linux-amd64` (`.exe` on Windows). */
export function assetName(
  tag: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  armVersion = armVariant(),
): string {
  const osName = platform === 'win32' ? 'windows' : platform;
  const archName: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: `arm-v${armVersion}`,
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
  };
  if (!archName[arch]) throw new UserError(`buildx-version: docker-buildx has no release for this runner's architecture (${arch})`);
  return `buildx-${tag}.${osName}-${archName[arch]}${platform === 'win32' ? '.exe' : ''}`;
}

function armVariant(): string {
  return String((process.config.variables as { arm_version?: string }).arm_version ?? '7');
}

/** The sha256 `checksums.txt` (sha256sum's format, text or binary mode) gives for `asset`. */
export function checksumOf(checksums: string, asset: string): string | undefined {
  for (const line of checksums.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (m && m[2] === asset) return m[1];
  }
  return undefined;
}

/** The Actions cache key of one release's binary for one runner platform. */
export function binaryCacheKey(tag: string, asset: string): string {
  return `setup-buildkit-buildx-${tag}-${asset}`;
}

function http(): HttpClient {
  return new HttpClient(USER_AGENT, [], { allowRedirects: false });
}

/**
 * `latest` through the GitHub API (GITHUB_TOKEN raises the anonymous limit of 60 calls an hour a
 * runner IP). The token goes to api.github.com only, never to a mirror.
 */
export async function latestFromApi(url: string, token: string | undefined): Promise<string> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await http().get(url, headers);
  const body = await res.readBody();
  const status = res.message.statusCode ?? 0;
  const remaining = res.message.headers['x-ratelimit-remaining'];
  if (status === 429 || (status === 403 && remaining === '0')) {
    const reset = Number(res.message.headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : '';
    throw new UserError(
      `buildx-version latest: the GitHub API's rate limit is used up${when} (${token ? 'with' : 'without'} GITHUB_TOKEN); ${token ? '' : 'give the step GITHUB_TOKEN (env: GITHUB_TOKEN: ${{ github.token }}) or '}pin buildx-version to a release such as v0.38.2`,
    );
  }
  if (status !== 200) throw new UserError(`buildx-version latest: ${url} answered HTTP ${status}`);
  return tagFromJson(body, url);
}

function tagFromJson(body: string, url: string): string {
  let tag: unknown;
  try {
    tag = (JSON.parse(body) as { tag_name?: unknown }).tag_name;
  } catch {
    tag = undefined;
  }
  if (typeof tag !== 'string' || !/^v\d+\.\d+\.\d+/.test(tag))
    throw new UserError(`buildx-version latest: ${url} did not give a release tag (tag_name)`);
  return tag;
}

/**
 * `latest` through a mirror: `<mirror>/latest` either redirects to the release (as
 * github.com/docker/buildx/releases/latest does, to `.../tag/<tag>`) or serves the API's JSON for
 * it (a file holding the answer of api.github.com/repos/docker/buildx/releases/latest).
 */
export async function latestFromMirror(mirror: string): Promise<string> {
  const url = `${mirror}/latest`;
  let res;
  try {
    res = await http().get(url);
  } catch (err) {
    throw new UserError(`buildx-version latest: ${url} did not answer: ${errorLine(err)}`);
  }
  const body = await res.readBody();
  const status = res.message.statusCode ?? 0;
  const location = res.message.headers.location;
  if (status >= 300 && status < 400 && location) {
    const tag = new URL(location, url).pathname.split('/').filter(Boolean).pop() ?? '';
    if (/^v\d+\.\d+\.\d+/.test(tag)) return tag;
    throw new UserError(`buildx-version latest: ${url} redirects to ${location}, which names no release tag`);
  }
  if (status !== 200) throw new UserError(`buildx-version latest: ${url} answered HTTP ${status}`);
  return tagFromJson(body, url);
}

/** A file fetched into `dest` through @actions/tool-cache (retries included), errors naming what and where. */
async function download(url: string, dest: string, what: string): Promise<void> {
  try {
    await tc.downloadTool(url, dest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const status = err instanceof tc.HTTPError ? `HTTP ${err.httpStatusCode}` : `${errorLine(err)}${code ? ` (${code})` : ''}`;
    throw new UserError(`buildx-version: downloading ${what} from ${url} failed: ${status}`);
  }
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface InstalledBuildx {
  tag: string;
  /** The plugin's path. */
  plugin: string;
  /** Where the binary came from. */
  source: 'tool cache' | 'Actions cache' | 'release';
  /** A download the post step saves to the Actions cache (cache-binary). */
  toSave?: { key: string; file: string };
}

/**
 * @actions/tool-cache keeps tools under RUNNER_TOOL_CACHE; outside a runner (the command line) a
 * per-user directory stands in for it.
 */
function useToolCacheFallback(): void {
  process.env.RUNNER_TOOL_CACHE ||= path.join(os.homedir(), '.cache', 'setup-buildkit', 'tool-cache');
}

/** The binary's path in the tool cache, fetched into it first when it is not there. */
async function cachedBinary(
  tag: string,
  asset: string,
  inputs: BuildxInputs,
  log: (line: string) => void,
): Promise<{ file: string; source: InstalledBuildx['source']; toSave?: InstalledBuildx['toSave'] }> {
  useToolCacheFallback();
  const found = tc.find(TOOL, tag);
  if (found) return { file: path.join(found, TOOL), source: 'tool cache' };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-buildx-'));
  try {
    const file = path.join(work, asset);
    const key = binaryCacheKey(tag, asset);
    const keep = async () => path.join(await tc.cacheFile(file, TOOL, TOOL, tag), TOOL);
    if (inputs.cacheBinary && (await cacheAvailable())) {
      try {
        if (await restoreFile(SHARED, file, key, [])) {
          fs.chmodSync(file, 0o755);
          return { file: await keep(), source: 'Actions cache' };
        }
      } catch (err) {
        log(`buildx: the Actions cache did not give ${asset} (${errorLine(err)}): downloading it`);
      }
    }
    const base = inputs.mirror || GITHUB_RELEASES;
    const started = Date.now();
    await download(`${base}/download/${tag}/checksums.txt`, path.join(work, 'checksums.txt'), `checksums.txt of ${tag}`);
    const expected = checksumOf(fs.readFileSync(path.join(work, 'checksums.txt'), 'utf8'), asset);
    if (!expected) throw new UserError(`buildx-version: checksums.txt of ${tag} (${base}) has no line for ${asset}`);
    await download(`${base}/download/${tag}/${asset}`, file, asset);
    const actual = sha256(file);
    if (actual !== expected)
      throw new UserError(
        `buildx-version: ${asset} does not match checksums.txt: expected sha256 ${expected}, downloaded ${actual} (from ${base})`,
      );
    log(`buildx: downloaded ${asset} (${megabytes(fs.statSync(file).size)} MB, ${secondsSince(started)} s), sha256 as checksums.txt says`);
    fs.chmodSync(file, 0o755);
    const kept = await keep();
    return { file: kept, source: 'release', ...(inputs.cacheBinary ? { toSave: { key, file: kept } } : {}) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Resolves the version, finds or fetches the binary, and installs it as the docker CLI plugin. */
export async function installBuildx(inputs: BuildxInputs, log: (line: string) => void, env = process.env): Promise<InstalledBuildx> {
  const tag =
    inputs.version === 'latest'
      ? await (inputs.mirror ? latestFromMirror(inputs.mirror) : latestFromApi(GITHUB_LATEST_API, env.GITHUB_TOKEN || undefined))
      : inputs.version;
  if (inputs.version === 'latest') log(`buildx: latest is ${tag}`);
  const asset = assetName(tag);
  const { file: binary, ...got } = await cachedBinary(tag, asset, inputs, log);
  const plugin = path.join(dockerConfigDir(env), 'cli-plugins', TOOL);
  // Through a temporary file and a rename: a job on the same runner may be running the old plugin.
  fs.mkdirSync(path.dirname(plugin), { recursive: true });
  const tmp = `${plugin}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  // A hard link where both are on one filesystem: the tool cache's copy never changes, and 70 MB
  // need not be copied on every run.
  try {
    fs.linkSync(binary, tmp);
  } catch {
    fs.copyFileSync(binary, tmp);
  }
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, plugin);
  log(`buildx: ${tag} installed as ${plugin} (from the ${got.source})`);
  return { ...got, tag, plugin };
}

/** post, with cache-binary: saves a downloaded binary to the Actions cache once. Never throws. */
export async function saveBinary(
  toSave: { key: string; file: string },
  log: (line: string) => void,
  warn: (line: string) => void,
): Promise<void> {
  const own = `${SHARED}.${process.pid}`;
  try {
    if (!(await cacheAvailable())) return;
    if (await cacheHas(SHARED, toSave.key)) {
      log(`buildx: cached already (${toSave.key})`);
      return;
    }
    fs.mkdirSync(path.dirname(own), { recursive: true });
    fs.copyFileSync(toSave.file, own);
    await saveFile(SHARED, own, toSave.key);
    log(`buildx: saved to the Actions cache under ${toSave.key}`);
  } catch (err) {
    warn(`buildx: the binary was not saved to the Actions cache: ${errorLine(err)}`);
  } finally {
    fs.rmSync(own, { force: true });
  }
}

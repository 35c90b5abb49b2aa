/**
 * Registry credentials for the images the action pulls (BuildKit, the QEMU installer), found as the
 * docker CLI finds them in its config (DOCKER_CONFIG or ~/.docker/config.json): a credential helper
 * named for the registry in `credHelpers`, else the `credsStore` helper, else the `auths` entry.
 * Helpers speak the docker-credential-helpers protocol (`docker-credential-<name> get`, the server
 * address on stdin, JSON on stdout). dockerode sends the result as X-Registry-Auth; it is never logged.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type Docker from 'dockerode';

import { errorLine } from '../util/errors.js';

/** The docker CLI's configuration directory (config.json, cli-plugins, buildx). */
export function dockerConfigDir(env = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/** What the docker CLI config says about credentials. */
export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Docker Hub's hosts: the name images use, its index, and its registry API. */
const HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];
/** The key the docker CLI keeps Docker Hub's credentials under (`docker login` without a server). */
const HUB_CREDENTIALS_KEY = 'https://index.docker.io/v1/';

/** An image reference taken apart as the docker CLI reads it (distribution's reference rules). */
export interface ImageRef {
  /** The registry host; `docker.io` for every spelling of Docker Hub. */
  registry: string;
  hub: boolean;
  /** The repository path on the registry; Docker Hub's official images under `library/`. */
  path: string;
  tag?: string;
  digest?: string;
}

/**
 * The one rule for which registry an image is on: the first path component is a host when it holds
 * a `.` or a `:` or is `localhost`; otherwise, and for `docker.io`, `index.docker.io` and
 * `registry-1.docker.io` (all Docker Hub; the docker CLI normalizes the first two, and the third is
 * the host Hub's registry API answers on, with the same accounts), the image is on Docker Hub.
 */
export function parseImageRef(ref: string): ImageRef {
  const slash = ref.indexOf('/');
  const first = slash === -1 ? '' : ref.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  const host = isHost ? first.toLowerCase() : 'docker.io';
  const hub = HUB_HOSTS.includes(host);
  let rest = isHost ? ref.slice(slash + 1) : ref;
  const at = rest.indexOf('@');
  const digest = at === -1 ? undefined : rest.slice(at + 1);
  if (at !== -1) rest = rest.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  if (tag !== undefined) rest = rest.slice(0, colon);
  if (hub && !rest.includes('/')) rest = `library/${rest}`;
  return { registry: hub ? 'docker.io' : host, hub, path: rest, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The key the docker CLI keeps an image's registry credentials under: Docker Hub's index URL, else the host. */
export function registryOf(ref: string): string {
  const image = parseImageRef(ref);
  return image.hub ? HUB_CREDENTIALS_KEY : image.registry;
}

/** A config key's host, as the docker CLI's ConvertToHostname reads it (`https://ghcr.io/v2/` → `ghcr.io`). */
function keyHost(key: string): string {
  return key
    .replace(/^https?:\/\//, '')
    .split('/')[0]!
    .toLowerCase();
}

/**
 * The config entry for a registry: the exact key, else one whose host is the registry (the docker
 * CLI's rule for keys written with a scheme or path). For Docker Hub, a key naming any of its hosts
 * counts too: configs written by hand say `docker.io`, and the CLI would find nothing and pull
 * anonymously, which is what Docker Hub rate-limits.
 */
function entryFor<T>(entries: Record<string, T> | undefined, registry: string): T | undefined {
  if (!entries) return undefined;
  if (entries[registry] !== undefined) return entries[registry];
  const hosts = registry === HUB_CREDENTIALS_KEY ? HUB_HOSTS : [registry];
  const key = Object.keys(entries).find((k) => hosts.includes(keyHost(k)));
  return key === undefined ? undefined : entries[key];
}

/** Where the credentials for `registry` come from: a helper, an `auths` entry, or nowhere. */
export type CredentialSource = { helper: string } | { auth: string; identityToken?: string } | undefined;

/**
 * The docker CLI's order: a `credHelpers` entry for the registry, then `credsStore`; a helper, once
 * configured, is the only source (the CLI does not fall back to `auths` when it finds nothing).
 */
export function credentialSource(config: DockerConfigFile, registry: string): CredentialSource {
  const helper = entryFor(config.credHelpers, registry) || config.credsStore;
  if (helper) return { helper };
  const entry = entryFor(config.auths, registry);
  if (!entry?.auth && !entry?.identitytoken) return undefined;
  return { auth: entry.auth ?? '', identityToken: entry.identitytoken };
}

/** A helper's answer as the docker CLI reads it: the user "<token>" means the secret is an identity token. */
export function helperCredentials(stdout: string, registry: string): Docker.AuthConfig | undefined {
  const creds = JSON.parse(stdout) as { Username?: string; Secret?: string };
  if (!creds.Secret) return undefined;
  if (creds.Username === '<token>') return { identitytoken: creds.Secret, serveraddress: registry } as Docker.AuthConfig;
  return { username: creds.Username ?? '', password: creds.Secret, serveraddress: registry };
}

export interface RegistryCredentials {
  auth?: Docker.AuthConfig;
  /** Why no credentials were found where the config said to look (for the progress log). */
  problem?: string;
}

/** How long a helper may take (helpers for cloud registries call their cloud's API). */
const HELPER_TIMEOUT_MS = 60000;

export async function registryAuth(ref: string, env = process.env): Promise<RegistryCredentials> {
  let config: DockerConfigFile;
  try {
    config = JSON.parse(fs.readFileSync(path.join(dockerConfigDir(env), 'config.json'), 'utf8'));
  } catch {
    return {};
  }
  const registry = registryOf(ref);
  const source = credentialSource(config, registry);
  if (!source) return {};
  if ('auth' in source) {
    if (source.identityToken) return { auth: { identitytoken: source.identityToken, serveraddress: registry } as Docker.AuthConfig };
    const decoded = Buffer.from(source.auth, 'base64').toString();
    const colon = decoded.indexOf(':');
    return { auth: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: registry } };
  }
  const program = `docker-credential-${source.helper}`;
  try {
    const stdout = await runHelper(program, registry, env);
    const auth = helperCredentials(stdout, registry);
    return auth ? { auth } : { problem: `${program} has no credentials for ${registry}` };
  } catch (err) {
    return { problem: `${program} get failed for ${registry}: ${errorLine(err)}` };
  }
}

function runHelper(program: string, registry: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(program, ['get'], { env, timeout: HELPER_TIMEOUT_MS, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      // "credentials not found in native keychain": the helper's way of saying there are none.
      if (err && /credentials not found/i.test(`${stdout}${stderr}`)) resolve('{}');
      else if (err) reject(new Error(stderr.trim() || err.message));
      else resolve(stdout);
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(registry);
  });
}

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

/** buildx's own directory (its builder store, and the remote driver's certificates): BUILDX_CONFIG, else the docker config dir's buildx. */
export function buildxDir(env = process.env): string {
  if (env.BUILDX_CONFIG) return env.BUILDX_CONFIG;
  return path.join(dockerConfigDir(env), 'buildx');
}

/** What the docker CLI config says about credentials. */
export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The registry of an image reference, as the docker CLI keys credentials (Docker Hub by its index URL). */
export function registryOf(ref: string): string {
  const first = ref.split('/')[0];
  const isHost = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'https://index.docker.io/v1/';
}

/** Where the credentials for `registry` come from: a helper, an `auths` entry, or nowhere. */
export type CredentialSource = { helper: string } | { auth: string; identityToken?: string } | undefined;

/**
 * The docker CLI's order: a `credHelpers` entry for the registry, then `credsStore`; a helper, once
 * configured, is the only source (the CLI does not fall back to `auths` when it finds nothing).
 */
export function credentialSource(config: DockerConfigFile, registry: string): CredentialSource {
  const helper = config.credHelpers?.[registry] || config.credsStore;
  if (helper) return { helper };
  const entry = config.auths?.[registry] ?? config.auths?.[registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '')];
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

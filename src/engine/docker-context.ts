/**
 * The docker CLI's contexts, as the CLI and buildx read them: which context is current, and what a
 * context holds (its engine's host and TLS material). Layout of the store under the docker config dir:
 *   contexts/meta/<sha256 of the name>/meta.json          {"Name", "Endpoints": {"docker": {"Host", "SkipTLSVerify"}}}
 *   contexts/tls/<sha256 of the name>/docker/{ca,cert,key}.pem
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { UserError } from '../util/errors.js';
import { dockerConfigDir } from './credentials.js';

export const DEFAULT_CONTEXT = 'default';

/** TLS material for an engine: any of the three files, and whether the server is verified. */
export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  skipVerify: boolean;
}

export interface DockerContext {
  name: string;
  host: string;
  tls?: TlsMaterial;
}

const TLS_FILES = ['ca', 'cert', 'key'] as const;

function storeDir(name: string, env: NodeJS.ProcessEnv): { meta: string; tls: string } {
  const id = createHash('sha256').update(name).digest('hex');
  const root = path.join(dockerConfigDir(env), 'contexts');
  return { meta: path.join(root, 'meta', id), tls: path.join(root, 'tls', id) };
}

/**
 * The current context, as the CLI picks it: DOCKER_HOST set means the default context (it beats
 * DOCKER_CONTEXT), then DOCKER_CONTEXT, then `currentContext` in config.json, then the default.
 */
export function currentContextName(env = process.env): string {
  if (env.DOCKER_HOST) return DEFAULT_CONTEXT;
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  try {
    const config = JSON.parse(fs.readFileSync(path.join(dockerConfigDir(env), 'config.json'), 'utf8')) as { currentContext?: string };
    if (config.currentContext) return config.currentContext;
  } catch {
    // No config, or one the CLI would also fail on: the default context.
  }
  return DEFAULT_CONTEXT;
}

/** A key of meta.json, read case-insensitively as the CLI reads it. */
function field(obj: unknown, key: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const found = Object.entries(obj).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return found?.[1];
}

/** A context from the store; undefined when there is none of that name. */
export function readContext(name: string, env = process.env): DockerContext | undefined {
  const dirs = storeDir(name, env);
  let meta: unknown;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(dirs.meta, 'meta.json'), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`docker context ${name}: unreadable meta.json: ${(err as Error).message}`, { cause: err });
  }
  const docker = field(field(meta, 'Endpoints'), 'docker');
  const host = field(docker, 'Host');
  if (typeof host !== 'string' || host === '') throw new UserError(`docker context ${name} has no docker endpoint`);
  const tls: TlsMaterial = { skipVerify: field(docker, 'SkipTLSVerify') === true };
  for (const file of TLS_FILES) {
    const p = path.join(dirs.tls, 'docker', `${file}.pem`);
    if (fs.existsSync(p)) tls[file] = fs.readFileSync(p);
  }
  const hasTls = tls.skipVerify || TLS_FILES.some((f) => tls[f]);
  return { name, host, tls: hasTls ? tls : undefined };
}

/** Writes a context as `docker context create` does (meta 0644 in 0755 dirs, TLS files 0600 in 0700 dirs). */
export function writeContext(context: DockerContext, env = process.env): void {
  const dirs = storeDir(context.name, env);
  fs.mkdirSync(dirs.meta, { recursive: true, mode: 0o755 });
  const endpoint = { Host: context.host, SkipTLSVerify: context.tls?.skipVerify ?? false };
  fs.writeFileSync(
    path.join(dirs.meta, 'meta.json'),
    JSON.stringify({ Name: context.name, Metadata: {}, Endpoints: { docker: endpoint } }),
    { mode: 0o644 },
  );
  const tlsDir = path.join(dirs.tls, 'docker');
  for (const file of TLS_FILES) {
    const data = context.tls?.[file];
    if (!data) continue;
    fs.mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(tlsDir, `${file}.pem`), data, { mode: 0o600 });
  }
}

export function removeContext(name: string, env = process.env): void {
  const dirs = storeDir(name, env);
  for (const dir of [dirs.meta, dirs.tls]) fs.rmSync(dir, { recursive: true, force: true });
}

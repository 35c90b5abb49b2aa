/**
 * A node's engine: from the `endpoint` input (or the docker CLI's current context when it is empty) to
 * the address dialled and the string buildx stores as the node's Endpoint, as the docker CLI and buildx
 * resolve them. TLS comes from a context only (buildx attaches none to a raw tcp:// URL); TLS from the
 * environment (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) goes through a context written for the builder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { InputError, UserError } from '../util/errors.js';
import { dockerConfigDir } from './credentials.js';
import { currentContextName, DEFAULT_CONTEXT, readContext, type TlsMaterial } from './docker-context.js';

const DEFAULT_HOST = 'unix:///var/run/docker.sock';

export interface EngineAddress {
  /** What buildx stores as the node's Endpoint: a context name, or a normalized host URL. */
  endpoint: string;
  /** The engine's address: unix://, tcp:// or ssh://. */
  host: string;
  /** The context the address came from. */
  context?: string;
  /** Where it came from, for messages: DOCKER_HOST, a context, an input. */
  source: string;
  tls?: TlsMaterial;
  /**
   * The default context got TLS from the environment: buildx refuses to store such a node, so a
   * context holding that TLS must be written and named in the store instead (see main).
   */
  tlsFromEnv?: boolean;
}

/**
 * The docker CLI's host normalization (`opts.ParseHost`): no scheme means tcp; tcp gets localhost and
 * port 2375 (2376 with TLS) where they are missing; `unix://` alone is the default socket; ssh:// and
 * fd:// are kept as they are. Throws on anything else.
 */
export function parseHost(value: string, tls = false): string {
  const sep = value.indexOf('://');
  const scheme = sep < 0 ? 'tcp' : value.slice(0, sep);
  const rest = sep < 0 ? value : value.slice(sep + 3);
  switch (scheme) {
    case 'unix':
      return `unix://${rest || DEFAULT_HOST.slice('unix://'.length)}`;
    case 'ssh':
    case 'fd':
      return `${scheme}://${rest}`;
    case 'tcp': {
      let url: URL;
      try {
        // An empty host (tcp://:2375) is localhost, which URL would refuse.
        url = new URL(`tcp://${rest.startsWith(':') ? `localhost${rest}` : rest}`);
      } catch {
        throw new Error(`invalid bind address format: ${value}`);
      }
      if (url.username || url.password) throw new Error(`invalid bind address format: ${value}`);
      const hostname = url.hostname || 'localhost';
      return `tcp://${hostname}:${url.port || (tls ? '2376' : '2375')}${url.pathname === '/' ? '' : url.pathname}`;
    }
    default:
      throw new Error(`invalid bind address format: ${value}`);
  }
}

/** The docker CLI's default context: DOCKER_HOST or the default socket, with TLS from the environment. */
function defaultContextAddress(env: NodeJS.ProcessEnv): EngineAddress {
  const tlsWanted = !!env.DOCKER_TLS_VERIFY || !!env.DOCKER_TLS;
  let host: string;
  try {
    host = env.DOCKER_HOST ? parseHost(env.DOCKER_HOST, tlsWanted) : DEFAULT_HOST;
  } catch (err) {
    throw new UserError(`DOCKER_HOST=${env.DOCKER_HOST} is not a Docker endpoint: ${(err as Error).message}`);
  }
  const source = env.DOCKER_HOST ? 'DOCKER_HOST' : 'the default socket; set DOCKER_HOST or the endpoint input for another';
  if (!tlsWanted || !host.startsWith('tcp://')) return { endpoint: host, host, source };
  // As the CLI: the files default to the docker config dir, and a missing one is left out.
  const certDir = env.DOCKER_CERT_PATH || dockerConfigDir(env);
  const tls: TlsMaterial = { skipVerify: !env.DOCKER_TLS_VERIFY };
  for (const file of ['ca', 'cert', 'key'] as const) {
    const p = path.join(certDir, `${file}.pem`);
    if (fs.existsSync(p)) tls[file] = fs.readFileSync(p);
  }
  return { endpoint: host, host, source: `${source}, TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH`, tls, tlsFromEnv: true };
}

function contextAddress(name: string, env: NodeJS.ProcessEnv): EngineAddress | undefined {
  if (name === DEFAULT_CONTEXT) return defaultContextAddress(env);
  const context = readContext(name, env);
  return context && { endpoint: name, host: context.host, context: name, source: `docker context ${name}`, tls: context.tls };
}

/**
 * buildx's current endpoint (`GetCurrentEndpoint`): the current context's name, or when that is the
 * default context, its host.
 */
export function currentEndpoint(env = process.env): EngineAddress {
  const name = currentContextName(env);
  const address = contextAddress(name, env);
  if (!address) {
    const source = env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : `currentContext in ${path.join(dockerConfigDir(env), 'config.json')}`;
    throw new UserError(`docker context "${name}" (${source}) does not exist; list contexts with docker context ls`);
  }
  return address;
}

/**
 * The key `docker buildx use` writes in `current`: the current context's name, or the default
 * context's host, whichever endpoint the builder's nodes are on.
 */
export function currentEndpointKey(env = process.env): string {
  const name = currentContextName(env);
  if (name !== DEFAULT_CONTEXT) return name;
  try {
    return defaultContextAddress(env).endpoint;
  } catch {
    return env.DOCKER_HOST ?? DEFAULT_HOST;
  }
}

/** A docker context name as the CLI accepts one. */
const CONTEXT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;

/**
 * An explicit endpoint, as buildx's `validateEndpoint`: a context of that name first, else a host
 * address. A bare word that names no context is refused (buildx would dial tcp://WORD:2375).
 */
export function resolveEndpoint(value: string, input: string, env = process.env): EngineAddress {
  if (CONTEXT_NAME.test(value)) {
    const address = contextAddress(value, env);
    if (address) return address;
    throw new InputError(
      input,
      value,
      'no docker context of that name (docker context ls); an address needs its scheme: unix://, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT]',
    );
  }
  let host: string;
  try {
    host = parseHost(value);
  } catch (err) {
    throw new InputError(
      input,
      value,
      `${(err as Error).message}; a docker context name, unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT][/SOCKET]`,
    );
  }
  if (host.startsWith('fd://')) throw new InputError(input, value, 'fd:// is for a daemon, not a client; use unix://, tcp:// or ssh://');
  if (host.startsWith('ssh://')) checkSshUrl(host, input);
  return { endpoint: host, host, source: `input "${input}"` };
}

/** The docker CLI's ssh URL rule: ssh://[user@]host[:port][/path], without password, query or fragment. */
function checkSshUrl(host: string, input: string): void {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new InputError(input, host, 'ssh://[USER@]HOST[:PORT][/SOCKET]');
  }
  if (!url.hostname || url.password || url.search || url.hash) {
    throw new InputError(input, host, 'ssh://[USER@]HOST[:PORT][/SOCKET], without a password, query or fragment');
  }
}

/**
 * The address behind an Endpoint this action stored: the context of that name, else the host URL.
 * For the post step, which must reach the engine main used.
 */
export function storedAddress(endpoint: string, env = process.env): EngineAddress {
  if (!endpoint.includes('://')) {
    const address = contextAddress(endpoint, env);
    if (!address) throw new UserError(`docker context ${endpoint}, the builder's endpoint, no longer exists`);
    return address;
  }
  return { endpoint, host: endpoint, source: "the builder's endpoint" };
}

/** The context written for a node whose TLS comes from the environment (buildx stores no such node). */
export function temporaryContextName(builder: string): string {
  return `setup-buildkit-${builder.toLowerCase()}`;
}

/**
 * buildctl's address of a node: its docker-container:// address, with the context when the node's
 * engine is one (BuildKit's connection helper then runs `docker --context=NAME exec`).
 */
export function buildctlAddress(containerAddress: string, storedEndpoint: string): string {
  return storedEndpoint.includes('://') ? containerAddress : `${containerAddress}?context=${encodeURIComponent(storedEndpoint)}`;
}

/**
 * Reaching an engine: a client for an address (unix, tcp with or without TLS, ssh), its first answer
 * within a bound, and why a connection failed, on one line. Post's removal needs no more of the
 * engine layer than this and docker-client.ts, so it loads nothing of pulls, exec or archives.
 */
import * as https from 'node:https';

import type Docker from 'dockerode';

import { errorLine, UserError } from '../util/errors.js';
import { DockerClient, type RequestBounds } from './docker-client.js';
import type { EngineAddress } from './endpoint.js';
import { SshAgent } from './ssh-transport.js';

export interface Engine {
  docker: DockerClient;
  /** The address as buildx writes it in its store: a context name or a host URL (see endpoint.ts). */
  endpoint: string;
  address: EngineAddress;
}

/**
 * A client for one engine. Every connection field is set, so that nothing of DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH or SSH_AUTH_SOCK leaks in from dockerode's environment defaults.
 */
export function engineClient(address: EngineAddress, bounds: RequestBounds = {}): DockerClient {
  const none = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    agent: undefined,
    timeout: undefined,
    username: undefined,
    pathPrefix: undefined,
  };
  const url = new URL(address.host);
  switch (url.protocol) {
    case 'unix:':
      return new DockerClient({ ...none, socketPath: url.pathname, protocol: 'http' }, bounds);
    case 'ssh:':
      // The host name only fills the Host header: the ssh child is the connection.
      return new DockerClient(
        { ...none, host: 'docker', protocol: 'http', agent: new SshAgent(address.host) } as Docker.DockerOptions,
        bounds,
      );
    case 'tcp:': {
      const tls = address.tls;
      const base = {
        ...none,
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port,
        pathPrefix: url.pathname === '/' ? undefined : url.pathname,
      };
      if (!tls) return new DockerClient({ ...base, protocol: 'http' }, bounds);
      return new DockerClient(
        {
          ...base,
          protocol: 'https',
          ca: tls.ca,
          cert: tls.cert,
          key: tls.key,
          // dockerode passes no rejectUnauthorized of its own: a context's SkipTLSVerify needs an agent.
          agent: tls.skipVerify ? new https.Agent({ rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key }) : undefined,
        } as Docker.DockerOptions,
        bounds,
      );
    }
    default:
      throw new UserError(`${address.host}: not an address this action can reach (unix://, tcp:// or ssh://)`);
  }
}

/** An address and where it came from, for messages. */
function describeAddress(address: EngineAddress): string {
  return `${address.host} (${address.source})`;
}

/** How long an engine has to answer its first request: the docker CLI's ssh ConnectTimeout. */
const CONNECT_TIMEOUT_MS = 30000;

/**
 * Connects to an engine and checks that it answers, within a bound: a silent host must not hang the step.
 * `bounds` are those of the client's later requests (see RequestBounds).
 */
export async function connect(address: EngineAddress, timeoutMs = CONNECT_TIMEOUT_MS, bounds: RequestBounds = {}): Promise<Engine> {
  const docker = engineClient(address, bounds);
  try {
    await docker.ping({ abortSignal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const problem =
      (err as Error)?.name === 'AbortError' || (err as Error)?.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : connectionProblem(err);
    throw new UserError(`Docker engine not reachable at ${describeAddress(address)}: ${problem}`);
  }
  return { docker, endpoint: address.endpoint, address };
}

export const UNTRUSTED_SERVER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);
export const REFUSED_CLIENT = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
]);

/** Why a connection failed, on one line; TLS failures say which side refused whom. */
export function connectionProblem(err: unknown): string {
  const code = (err as { code?: string })?.code ?? '';
  const line = errorLine(err)
    .split('\n')[0]
    .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/, '');
  if (UNTRUSTED_SERVER.has(code)) return `${line}: the engine's certificate is not signed by the CA given (ca.pem)`;
  if (REFUSED_CLIENT.has(code))
    return `the engine refused the TLS handshake (${line.replace(/:.*$/, '')}): it asks for a client certificate signed by a CA it trusts (cert.pem and key.pem)`;
  return line;
}

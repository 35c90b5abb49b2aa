/**
 * Reads from an OCI registry (the distribution API): manifests and blobs by digest, checked against
 * it, and an artifact's referrers. Only what the builder image check needs: the engine pulls images,
 * but it keeps neither an image's attestation manifests nor their signatures, which are read here.
 * Authentication is the registries' token flow (RFC 6750 challenge, anonymous or with the docker
 * config's credentials) or basic.
 */
import { createHash } from 'node:crypto';

import type Docker from 'dockerode';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const MANIFEST_TYPES = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  platform?: { os: string; architecture: string; variant?: string };
}

/** An index or manifest, the fields the check reads. */
export interface Manifest {
  mediaType?: string;
  artifactType?: string;
  manifests?: Descriptor[];
  layers?: Descriptor[];
  subject?: Descriptor;
}

export interface RegistryReader {
  /** Where it reads from, for messages: `host/repository`. */
  where: string;
  /** The manifest's bytes, refused unless they hash to `digest`. */
  manifest(digest: string): Promise<Buffer>;
  blob(digest: string): Promise<Buffer>;
  /** The manifests whose subject is `digest`: the referrers API, else the `sha256-<hex>` tag schema. */
  referrers(digest: string): Promise<Descriptor[]>;
}

export interface RegistryOptions {
  /** `host[:port][/path prefix]`; Docker Hub is `docker.io`. */
  host: string;
  repository: string;
  auth?: Docker.AuthConfig;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** Plain HTTP for a registry on this machine, as the engine allows it; HTTPS for any other. */
function baseUrl(host: string): { origin: string; prefix: string } {
  const [hostPort, ...path] = host.split('/');
  const name = hostPort === 'docker.io' ? 'registry-1.docker.io' : hostPort;
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(name);
  return { origin: `${loopback ? 'http' : 'https'}://${name}`, prefix: path.length > 0 ? `${path.join('/')}/` : '' };
}

export function registryReader(opts: RegistryOptions): RegistryReader {
  const { origin, prefix } = baseUrl(opts.host);
  const repo = `${prefix}${opts.repository}`;
  let authorization: string | undefined;

  const request = async (path: string, accept: string): Promise<Response> => {
    const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs);
    const send = () =>
      fetch(`${origin}/v2/${repo}/${path}`, {
        headers: { Accept: accept, ...(authorization ? { Authorization: authorization } : {}) },
        signal,
      });
    let response = await send();
    if (response.status === 401 && authorization === undefined) {
      authorization = await authorize(response.headers.get('www-authenticate') ?? '', repo, opts.auth, signal);
      response = await send();
    }
    return response;
  };

  const read = async (path: string, accept: string, digest: string): Promise<Buffer> => {
    const response = await request(path, accept);
    if (!response.ok) throw new Error(`${opts.host}/${repo}: GET ${path}: ${response.status} ${response.statusText}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const [algorithm, hex] = digest.split(':');
    if (algorithm !== 'sha256' || createHash('sha256').update(bytes).digest('hex') !== hex)
      throw new Error(`${opts.host}/${repo}: ${path} does not match its digest ${digest}`);
    return bytes;
  };

  return {
    where: `${opts.host}/${repo}`,
    manifest: (digest) => read(`manifests/${digest}`, MANIFEST_TYPES, digest),
    blob: (digest) => read(`blobs/${digest}`, '*/*', digest),
    async referrers(digest) {
      const api = await request(`referrers/${digest}`, OCI_INDEX);
      if (api.ok) return ((await api.json()) as Manifest).manifests ?? [];
      // Registries without the referrers API keep them in an index under a tag named after the subject.
      const tagged = await request(`manifests/${digest.replace(':', '-')}`, OCI_INDEX);
      if (tagged.status === 404) return [];
      if (!tagged.ok) throw new Error(`${opts.host}/${repo}: referrers of ${digest}: ${tagged.status} ${tagged.statusText}`);
      return ((await tagged.json()) as Manifest).manifests ?? [];
    },
  };
}

/** The Authorization header a 401's challenge asks for: a bearer token from its realm, or basic. */
async function authorize(challenge: string, repo: string, auth: Docker.AuthConfig | undefined, signal: AbortSignal): Promise<string> {
  const user = auth && 'username' in auth ? auth : undefined;
  const basic = user?.username ? `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}` : undefined;
  const scheme = challenge.split(' ')[0]?.toLowerCase();
  if (scheme === 'basic' && basic) return basic;
  if (scheme !== 'bearer') throw new Error(`registry refused access (${challenge || 'no challenge'})`);
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  if (!params.realm) throw new Error(`registry's challenge names no realm: ${challenge}`);
  const url = new URL(params.realm);
  if (params.service) url.searchParams.set('service', params.service);
  url.searchParams.set('scope', params.scope ?? `repository:${repo}:pull`);
  const response = await fetch(url, { headers: basic ? { Authorization: basic } : {}, signal });
  if (!response.ok) throw new Error(`token from ${url.origin}: ${response.status} ${response.statusText}`);
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token) throw new Error(`token from ${url.origin}: the answer holds no token`);
  return `Bearer ${token}`;
}

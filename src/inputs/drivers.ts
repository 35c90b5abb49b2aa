/**
 * The `driver` input and what each driver accepts, checked before anything is reached:
 * - `remote` (buildx's driver/remote): an existing BuildKit daemon at `endpoint` (tcp:// or unix://, else
 *   BUILDKIT_HOST), mutual TLS through driver-opts `cacert`, `cert`, `key`, `servername` or, as
 *   setup-buildx-action does, BUILDER_NODE_<i>_AUTH_TLS_CACERT/CERT/KEY written to buildx's certs
 *   directory (`cacert_<host>-<port>.pem`, ...) and named in those driver-opts.
 * - `docker` (buildx's driver/docker): the engine's own BuildKit; the builder is the docker context's
 *   (named as the context, `default` for most runners), nothing is created.
 * Inputs that only make sense for a container this action creates are errors naming why: a daemon it
 * does not own takes no buildkitd config, flags, QEMU (that is the daemon's host's kernel) or keep-state
 * (buildx refuses config and flags for both; `buildx rm --keep-state` is docker-container only).
 */
import * as path from 'node:path';

import { InputError } from '../util/errors.js';
import { goBool } from '../util/units.js';
import { type DriverOpts, type RemoteTls, splitDriverOpts } from './driver-opts.js';
import { DEFAULT_BUILDKITD_FLAGS } from './values.js';

const DRIVERS = ['docker-container', 'kubernetes', 'remote', 'docker'] as const;
export type Driver = (typeof DRIVERS)[number];

export function parseDriver(value: string): Driver {
  const driver = value || 'docker-container';
  if (!(DRIVERS as readonly string[]).includes(driver)) throw new InputError('driver', driver, DRIVERS.join(', '));
  return driver as Driver;
}

/** The inputs that need a container this action creates, as given (the runner passes action.yml's defaults). */
export interface ContainerInputs {
  'buildkitd-config': string;
  'buildkitd-config-inline': string;
  'buildkitd-flags': string;
  qemu: string;
  'keep-state': string;
  'cache-image': string;
  append: string;
}

/** Refuses, for a driver whose BuildKit this action does not create, every input that needs one. */
export function refuseContainerInputs(driver: Exclude<Driver, 'docker-container' | 'kubernetes'>, given: ContainerInputs): void {
  const daemon =
    driver === 'remote'
      ? 'the remote driver uses a BuildKit daemon this action does not run'
      : "the docker driver uses the engine's own BuildKit";
  const refuse = (input: keyof ContainerInputs, why: string) => {
    throw new InputError(input, given[input], `${daemon}: ${why}`);
  };
  if (given['buildkitd-config'] || given['buildkitd-config-inline'])
    refuse(
      given['buildkitd-config'] ? 'buildkitd-config' : 'buildkitd-config-inline',
      'configure the daemon itself (buildx refuses a config with this driver); leave it empty',
    );
  if (given['buildkitd-flags'] && given['buildkitd-flags'] !== DEFAULT_BUILDKITD_FLAGS)
    refuse('buildkitd-flags', 'its flags are set where it is started (buildx refuses them with this driver); leave the input out');
  const qemu = given.qemu.toLowerCase();
  if (qemu !== '' && qemu !== 'false')
    refuse(
      'qemu',
      'emulators would go into the kernel of a host this action does not own; register them there (docker/setup-qemu-action) or use false',
    );
  if (goBool(given['keep-state']))
    refuse(
      'keep-state',
      "its state is the daemon's own and outlives the job by itself; keep-state is for a docker-container builder (use false)",
    );
  if (goBool(given['cache-image'])) refuse('cache-image', 'no BuildKit image is pulled; use false');
  if (driver === 'docker' && given.append.trim() !== '')
    refuse('append', 'it is one node, the engine itself; append nodes to a docker-container, kubernetes or remote builder');
}

/** The docker driver's builder: the docker context's own, named as the context. */
export function dockerBuilderName(given: string, context: string | undefined): string {
  if (!context)
    throw new InputError(
      'endpoint',
      '',
      "the docker driver uses a docker context's engine: name a context (docker context ls), or leave endpoint empty for the current one",
    );
  if (given !== '' && given !== context)
    throw new InputError('name', given, `the docker driver's builder is the docker context's own, named ${context}: leave name empty`);
  return context;
}

/** The docker driver takes no driver-opts (buildx's factory has none). */
export function noDriverOpts(text: string): DriverOpts {
  if (text.trim() !== '')
    throw new InputError(
      'driver-opts',
      text.split('\n')[0],
      "the docker driver takes none: the engine's own BuildKit is configured in the engine's daemon.json",
    );
  return { env: {}, given: {} };
}

/** A BuildKit address the remote driver dials: tcp://host:port or unix:///path, as given (buildx stores it as typed). */
export function remoteEndpoint(value: string, env = process.env): string {
  const input = value ? 'endpoint' : 'BUILDKIT_HOST';
  const endpoint = value || env.BUILDKIT_HOST || '';
  const accepted = "the BuildKit daemon's address, tcp://HOST:PORT or unix:///PATH (BUILDKIT_HOST when endpoint is empty)";
  if (endpoint === '') throw new InputError('endpoint', '', `the remote driver needs ${accepted}`);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError(input, endpoint, accepted);
  }
  if (url.protocol === 'tcp:' && url.hostname && url.port && (url.pathname === '' || url.pathname === '/')) return endpoint;
  if (url.protocol === 'unix:' && !url.hostname && url.pathname.length > 1) return endpoint;
  throw new InputError(input, endpoint, accepted);
}

const TLS_ENV = { cacert: 'CACERT', cert: 'CERT', key: 'KEY' } as const;

/**
 * The remote driver's driver-opts (buildx's factory: cacert, cert, key, servername, default-load), with
 * the certificates of BUILDER_NODE_<index>_AUTH_TLS_* (setup-buildx-action's variables) added as
 * files under `<buildx dir>/certs`, named as setup-buildx-action names them, for a tcp:// endpoint.
 * The files are written by the driver before it connects and removed by post.
 */
export function parseRemoteOpts(text: string, endpoint: string, index: number, certsDir: string, env = process.env): DriverOpts {
  const given: Record<string, string> = {};
  const tls: RemoteTls = { files: {} };
  let defaultLoad: boolean | undefined;
  for (const field of splitDriverOpts(text)) {
    const eq = field.indexOf('=');
    if (eq <= 0) throw new InputError('driver-opts', field, 'each option must be key=value');
    const key = field.slice(0, eq);
    const value = field.slice(eq + 1);
    switch (key) {
      case 'cacert':
      case 'cert':
      case 'key':
        // buildx reads them at every connection, from wherever docker buildx runs: a relative path would move.
        if (!path.isAbsolute(value)) throw new InputError('driver-opts', field, `${key} is an absolute path to a PEM file`);
        tls[key === 'cacert' ? 'caCert' : key] = value;
        break;
      case 'servername':
        tls.serverName = value;
        break;
      case 'default-load':
        defaultLoad = goBool(value);
        if (defaultLoad === undefined) throw new InputError('driver-opts', field, 'default-load must be true or false');
        break;
      default:
        throw new InputError(
          'driver-opts',
          field,
          `unknown option "${key}"; the remote driver accepts cacert, cert, key, servername, default-load`,
        );
    }
    given[key] = value;
  }
  const url = new URL(endpoint);
  if (url.protocol === 'tcp:') {
    const hostPort = `${url.hostname}-${url.port}`;
    for (const [opt, suffix] of Object.entries(TLS_ENV) as [keyof typeof TLS_ENV, string][]) {
      const pem = env[`BUILDER_NODE_${index}_AUTH_TLS_${suffix}`];
      if (!pem) continue;
      const file = path.join(certsDir, `${opt}_${hostPort}.pem`);
      tls.files[file] = pem;
      tls[opt === 'cacert' ? 'caCert' : opt] = file;
      given[opt] = file;
    }
  }
  const on = tls.caCert || tls.cert || tls.key || tls.serverName;
  if (on) {
    const missing = [!tls.caCert && 'cacert', tls.cert && !tls.key && 'key', tls.key && !tls.cert && 'cert'].filter(Boolean);
    if (missing.length > 0)
      throw new InputError(
        'driver-opts',
        text.split('\n')[0],
        `TLS is on but ${missing.join(' and ')} is missing (cacert always, cert and key together; or BUILDER_NODE_${index}_AUTH_TLS_CACERT/CERT/KEY)`,
      );
    if (url.protocol !== 'tcp:') throw new InputError('driver-opts', text.split('\n')[0], 'TLS options are for a tcp:// endpoint');
  }
  return { env: {}, given, ...(defaultLoad === undefined ? {} : { defaultLoad }), ...(on ? { remote: tls } : {}) };
}

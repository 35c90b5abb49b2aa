/**
 * The engine client: dockerode's container, image and volume objects over its docker-modem connection,
 * with the handful of top-level calls this action makes. dockerode's own `Docker` class is not loaded:
 * it loads the gRPC and protobuf code of its BuildKit build sessions when the bundle starts, a third of
 * the bundle's load time, for a feature this action never uses (see docs/benchmarks.md).
 */
import type { Duplex, Readable } from 'node:stream';

import Modem from 'docker-modem';
import type Docker from 'dockerode';
import Container from 'dockerode/lib/container.js';
import Image from 'dockerode/lib/image.js';
import { parseRepositoryTag } from 'dockerode/lib/util.js';
import Volume from 'dockerode/lib/volume.js';

import { errorLine } from '../util/errors.js';

/** The fields of the engine's `GET /info` that this action reads. */
export interface EngineInfo {
  CgroupDriver?: string;
  SecurityOptions?: string[] | null;
  Runtimes?: Record<string, unknown> | null;
  CDISpecDirs?: string[] | null;
  /** Docker 28.3+: the devices its device drivers found (CDI), left out when there are none. */
  DiscoveredDevices?: { Source: string; ID: string }[] | null;
  /** The engine's release, e.g. 29.8.1. */
  ServerVersion?: string;
  OperatingSystem?: string;
  KernelVersion?: string;
  CgroupVersion?: string;
  Architecture?: string;
  /** The storage driver. */
  Driver?: string;
}

/** The HTTP status of an engine's answer that was an error. */
export function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

/** The engine's error text, without dockerode's "(HTTP code N) unexpected -" prefix. */
export function engineMessage(err: unknown): string {
  const json = (err as { json?: { message?: string } | null })?.json;
  return (json?.message ?? errorLine(err).replace(/^\(HTTP code \d+\) [^-]*- /, '')).trim();
}

/** What bounds every request of one client. */
export interface RequestBounds {
  /**
   * How long the engine has to answer a request (its response's headers, or the upgrade of an exec).
   * What follows is a transfer of the caller's size (a pull's progress, a log, an exec's output) and
   * is not bounded here; nor are uploads (a request carrying a file) and waits for a container's end,
   * whose length is the caller's to bound.
   */
  answerMs?: number;
  /**
   * Aborts every request in flight and refuses new ones (another node failed, the step is cancelled),
   * but a creation (of a container or a volume), which the engine may complete anyway: it runs to its
   * answer, so that what it made is recorded and removed.
   */
  signal?: AbortSignal;
  /** Names the engine in the error of a request that got no answer. */
  engine?: string;
}

export class DockerClient {
  readonly modem: Modem;

  /** Takes what dockerode's `new Docker(opts)` takes; none: DOCKER_HOST, or the default socket. */
  constructor(opts?: Docker.DockerOptions, bounds: RequestBounds = {}) {
    this.modem = new Modem(opts);
    // dockerode's objects build their promises with the modem's Promise, which its Docker class sets.
    this.modem.Promise = Promise;
    if (bounds.answerMs !== undefined || bounds.signal) boundRequests(this.modem, bounds);
  }

  private dial<T>(options: Modem.DialOptions): Promise<T> {
    return new Promise((resolve, reject) => this.modem.dial(options, (err, data) => (err ? reject(err) : resolve(data as T))));
  }

  ping(opts: { abortSignal?: AbortSignal } = {}): Promise<unknown> {
    return this.dial({ path: '/_ping', method: 'GET', abortSignal: opts.abortSignal, statusCodes: { 200: true, 500: 'server error' } });
  }

  info(): Promise<EngineInfo> {
    return this.dial({ path: '/info', method: 'GET', statusCodes: { 200: true, 500: 'server error' } });
  }

  async createContainer(spec: Docker.ContainerCreateOptions): Promise<Docker.Container> {
    const created = await this.dial<{ Id: string }>({
      path: '/containers/create?',
      method: 'POST',
      options: spec,
      statusCodes: {
        200: true,
        201: true,
        400: 'bad parameter',
        404: 'no such container',
        406: 'impossible to attach',
        500: 'server error',
      },
    });
    return this.getContainer(created.Id);
  }

  async createVolume(spec: Docker.VolumeCreateOptions): Promise<Docker.Volume> {
    const created = await this.dial<{ Name: string }>({
      path: '/volumes/create?',
      method: 'POST',
      options: spec,
      statusCodes: { 200: true, 201: true, 500: 'server error' },
    });
    return this.getVolume(created.Name);
  }

  /** Pulls (`POST /images/create`): the engine's progress stream, to be read to its end. */
  pull(ref: string, opts: { authconfig?: Docker.AuthConfig } = {}): Promise<Readable> {
    const { repository, tag } = parseRepositoryTag(ref);
    return this.dial({
      path: '/images/create?',
      method: 'POST',
      options: { fromImage: repository, tag: tag || 'latest' },
      authconfig: opts.authconfig,
      isStream: true,
      statusCodes: { 200: true, 500: 'server error' },
    });
  }

  /** Loads an image archive (`docker load`): the engine's progress stream, to be read to its end. */
  loadImage(archive: Readable): Promise<Readable> {
    return this.dial({
      path: '/images/load?',
      method: 'POST',
      file: archive,
      isStream: true,
      statusCodes: { 200: true, 500: 'server error' },
    });
  }

  /** `GET /containers/json`; `filters` as the engine takes them (JSON). */
  listContainers(opts: { all?: boolean; filters?: string } = {}): Promise<Docker.ContainerInfo[]> {
    return this.dial({
      path: '/containers/json?',
      method: 'GET',
      options: opts,
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
    });
  }

  /** `GET /volumes`; `filters` as the engine takes them (JSON). */
  listVolumes(opts: { filters?: string } = {}): Promise<{ Volumes: Docker.VolumeInspectInfo[] | null }> {
    return this.dial({
      path: '/volumes?',
      method: 'GET',
      options: opts,
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
    });
  }

  /**
   * The engine's own BuildKit: `POST /grpc` upgraded to h2c, the stream buildx's docker driver runs its
   * gRPC client over (`DialHijack(ctx, "/grpc", "h2c")`).
   */
  buildkitStream(): Promise<Duplex> {
    return this.dial({
      path: '/grpc',
      method: 'POST',
      hijack: true,
      headers: { Upgrade: 'h2c' },
      statusCodes: { 101: true, 200: true, 400: 'bad parameter', 404: 'no BuildKit in this engine', 500: 'server error' },
    });
  }

  /** `GET /version`: the engine's release (Version) among others. */
  version(): Promise<{ Version?: string }> {
    return this.dial({ path: '/version', method: 'GET', statusCodes: { 200: true, 500: 'server error' } });
  }

  getContainer(id: string): Docker.Container {
    return new Container(this.modem, id);
  }

  getImage(name: string): Docker.Image {
    return new Image(this.modem, name);
  }

  getVolume(name: string): Docker.Volume {
    return new Volume(this.modem, name);
  }
}

/**
 * Every request through the modem (dockerode's objects dial it directly) gets the bounds: an abort
 * signal combining the caller's, the client's and a timer, the timer cleared once the engine answers.
 */
function boundRequests(modem: Modem, bounds: RequestBounds): void {
  const dial = modem.dial.bind(modem);
  modem.dial = (options: Modem.DialOptions, callback?: Modem.RequestCallback) => {
    const waits = options.file !== undefined || /\/wait\?/.test(options.path ?? '');
    // A creation is not cut short: the engine may complete it anyway, and then its caller records it.
    const creates = options.method === 'POST' && /^\/(containers|volumes)\/create/.test(options.path ?? '');
    const signals = [creates ? undefined : bounds.signal, options.abortSignal].filter((s) => s !== undefined);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    if (bounds.answerMs !== undefined && !waits) {
      const timeout = new AbortController();
      timer = setTimeout(() => {
        timedOut = true;
        timeout.abort();
      }, bounds.answerMs);
      signals.push(timeout.signal);
    }
    const answered: Modem.RequestCallback = (err, data) => {
      clearTimeout(timer);
      if (err && timedOut) {
        const where = bounds.engine ? `the Docker engine at ${bounds.engine}` : 'the Docker engine';
        return callback?.(
          new Error(
            `${where} did not answer ${options.method ?? 'GET'} ${(options.path ?? '').replace(/\?.*$/, '')} within ${bounds.answerMs! / 1000} s`,
          ),
          null,
        );
      }
      callback?.(err, data);
    };
    return dial({ ...options, abortSignal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] }, answered);
  };
}

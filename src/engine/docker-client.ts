/**
 * The engine client: dockerode's container, image and volume objects over its docker-modem connection,
 * with the handful of top-level calls this action makes. dockerode's own `Docker` class is not loaded:
 * it loads the gRPC and protobuf code of its BuildKit build sessions when the bundle starts, a third of
 * the bundle's load time, for a feature this action never uses (see docs/benchmarks.md).
 */
import type { Readable } from 'node:stream';

import Modem from 'docker-modem';
import type Docker from 'dockerode';
import Container from 'dockerode/lib/container.js';
import Image from 'dockerode/lib/image.js';
import { parseRepositoryTag } from 'dockerode/lib/util.js';
import Volume from 'dockerode/lib/volume.js';

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

export class DockerClient {
  readonly modem: Modem;

  /** Takes what dockerode's `new Docker(opts)` takes; none: DOCKER_HOST, or the default socket. */
  constructor(opts?: Docker.DockerOptions) {
    this.modem = new Modem(opts);
    // dockerode's objects build their promises with the modem's Promise, which its Docker class sets.
    this.modem.Promise = Promise;
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

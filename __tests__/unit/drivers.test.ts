/**
 * The remote and docker drivers' pure parts: what each accepts (inputs/drivers.ts), and BuildKit's
 * control API client (buildkit/control.ts) against a gRPC double that speaks HTTP/2 and gRPC's framing
 * and trailers, answering with protobuf bytes encoded here field by field.
 */
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import * as net from 'node:net';

import { ControlClient, GrpcStatusError } from '../../src/buildkit/control.js';
import {
  dockerBuilderName,
  noDriverOpts,
  parseDriver,
  parseRemoteOpts,
  refuseContainerInputs,
  remoteEndpoint,
} from '../../src/inputs/drivers.js';
import { DEFAULT_BUILDKITD_FLAGS } from '../../src/inputs/values.js';
import { InputError } from '../../src/util/errors.js';

const none = {
  'buildkitd-config': '',
  'buildkitd-config-inline': '',
  'buildkitd-flags': DEFAULT_BUILDKITD_FLAGS,
  qemu: 'false',
  'keep-state': 'false',
  'cache-image': 'false',
  append: '',
};

describe('driver input', () => {
  test('docker-container by default, remote and docker accepted, anything else named', () => {
    expect(parseDriver('')).toBe('docker-container');
    expect(parseDriver('remote')).toBe('remote');
    expect(parseDriver('docker')).toBe('docker');
    expect(() => parseDriver('podman')).toThrow('input "driver": invalid value "podman": docker-container, kubernetes, remote, docker');
  });

  test("inputs needing a container this action runs are refused, each naming the input; action.yml's defaults pass", () => {
    expect(() => refuseContainerInputs('remote', none)).not.toThrow();
    for (const [input, value] of [
      ['buildkitd-config', '/x.toml'],
      ['buildkitd-config-inline', '[grpc]'],
      ['buildkitd-flags', '--debug'],
      ['qemu', 'auto'],
      ['keep-state', 'true'],
      ['cache-image', 'true'],
      ['append', '- endpoint: tcp://x:1'],
    ] as const) {
      // A remote builder takes more remote nodes (append.test.ts); the docker driver's is the engine alone.
      for (const driver of input === 'append' ? (['docker'] as const) : (['remote', 'docker'] as const)) {
        let err: unknown;
        try {
          refuseContainerInputs(driver, { ...none, [input]: value });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(InputError);
        expect((err as InputError).input).toBe(input);
        expect((err as Error).message).toMatch(driver === 'remote' ? /daemon this action does not run/ : /engine's own BuildKit/);
      }
    }
  });

  test("docker: the builder is the context's, named as it; no driver-opts", () => {
    expect(dockerBuilderName('', 'default')).toBe('default');
    expect(dockerBuilderName('ctx', 'ctx')).toBe('ctx');
    expect(() => dockerBuilderName('mine', 'default')).toThrow(/input "name".*named default/);
    expect(() => dockerBuilderName('', undefined)).toThrow(/input "endpoint".*docker context/);
    expect(noDriverOpts('')).toEqual({ env: {}, given: {} });
    expect(() => noDriverOpts('image=x')).toThrow(/input "driver-opts".*takes none/);
  });
});

describe('remote endpoint and driver-opts', () => {
  test('tcp://host:port and unix:///path as given, else BUILDKIT_HOST, else an error naming what is accepted', () => {
    expect(remoteEndpoint('tcp://10.0.0.1:1234', {})).toBe('tcp://10.0.0.1:1234');
    expect(remoteEndpoint('unix:///run/buildkit/buildkitd.sock', {})).toBe('unix:///run/buildkit/buildkitd.sock');
    expect(remoteEndpoint('', { BUILDKIT_HOST: 'tcp://b:1' })).toBe('tcp://b:1');
    for (const bad of ['tcp://host', 'ssh://me@host', 'host:1234', 'tcp://h:1/path', 'unix://'])
      expect(() => remoteEndpoint(bad, {})).toThrow(/input "endpoint".*tcp:\/\/HOST:PORT or unix:\/\/\/PATH/);
    expect(() => remoteEndpoint('', {})).toThrow(/input "endpoint": invalid value "": the remote driver needs/);
  });

  test("buildx's keys: absolute paths, cacert required once TLS is on, cert and key together", () => {
    const opts = parseRemoteOpts(
      'cacert=/c/ca.pem,cert=/c/cert.pem,key=/c/key.pem\nservername=b.test\ndefault-load=true',
      'tcp://h:1',
      0,
      '/certs',
      {},
    );
    expect(opts.given).toEqual({
      cacert: '/c/ca.pem',
      cert: '/c/cert.pem',
      key: '/c/key.pem',
      servername: 'b.test',
      'default-load': 'true',
    });
    expect(opts.remote).toEqual({ caCert: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem', serverName: 'b.test', files: {} });
    expect(opts.defaultLoad).toBe(true);
    expect(parseRemoteOpts('', 'tcp://h:1', 0, '/certs', {})).toEqual({ env: {}, given: {} });
    expect(() => parseRemoteOpts('cacert=ca.pem', 'tcp://h:1', 0, '/certs', {})).toThrow(/cacert is an absolute path/);
    expect(() => parseRemoteOpts('cert=/a,key=/b', 'tcp://h:1', 0, '/certs', {})).toThrow(/cacert is missing/);
    expect(() => parseRemoteOpts('cacert=/a,cert=/b', 'tcp://h:1', 0, '/certs', {})).toThrow(/key is missing/);
    expect(() => parseRemoteOpts('image=x', 'tcp://h:1', 0, '/certs', {})).toThrow(
      /unknown option "image"; the remote driver accepts cacert, cert, key, servername, default-load/,
    );
    expect(() => parseRemoteOpts('cacert=/a', 'unix:///s', 0, '/certs', {})).toThrow(/TLS options are for a tcp:\/\/ endpoint/);
  });

  test("BUILDER_NODE_<i>_AUTH_TLS_*: files named as setup-buildx-action names them, in buildx's certs dir, added as driver-opts", () => {
    const env = {
      BUILDER_NODE_0_AUTH_TLS_CACERT: 'CA',
      BUILDER_NODE_0_AUTH_TLS_CERT: 'CERT',
      BUILDER_NODE_0_AUTH_TLS_KEY: 'KEY',
      BUILDER_NODE_1_AUTH_TLS_CACERT: 'other',
    };
    const opts = parseRemoteOpts('', 'tcp://build.farm:1234', 0, '/home/r/.docker/buildx/certs', env);
    expect(opts.given).toEqual({
      cacert: '/home/r/.docker/buildx/certs/cacert_build.farm-1234.pem',
      cert: '/home/r/.docker/buildx/certs/cert_build.farm-1234.pem',
      key: '/home/r/.docker/buildx/certs/key_build.farm-1234.pem',
    });
    expect(opts.remote?.files).toEqual({
      '/home/r/.docker/buildx/certs/cacert_build.farm-1234.pem': 'CA',
      '/home/r/.docker/buildx/certs/cert_build.farm-1234.pem': 'CERT',
      '/home/r/.docker/buildx/certs/key_build.farm-1234.pem': 'KEY',
    });
    // A unix socket gets none of them, as setup-buildx-action writes them for tcp:// only.
    expect(parseRemoteOpts('', 'unix:///s', 0, '/certs', env).remote).toBeUndefined();
  });
});

/** Protobuf encoding, for the double's answers. */
const varint = (n: number): Buffer => {
  const out: number[] = [];
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
};
const bytesField = (field: number, value: Buffer | string) => {
  const b = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([varint(field * 8 + 2), varint(b.length), b]);
};
const varintField = (field: number, n: number) => Buffer.concat([varint(field * 8), varint(n)]);

/** A gRPC server on a unix socket answering ListWorkers and Info, or a status, as BuildKit does. */
async function grpcDouble(
  answer: (path: string) => { message?: Buffer; status?: number; text?: string },
): Promise<{ dial: () => Promise<net.Socket>; close: () => void }> {
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      const a = answer(String(headers[':path']));
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () =>
        stream.sendTrailers({ 'grpc-status': String(a.status ?? 0), ...(a.text ? { 'grpc-message': encodeURIComponent(a.text) } : {}) }),
      );
      if (a.message) {
        const head = Buffer.alloc(5);
        head.writeUInt32BE(a.message.length, 1);
        stream.end(Buffer.concat([head, a.message]));
      } else stream.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    dial: () =>
      new Promise((resolve, reject) => {
        const s = net.connect({ host: '127.0.0.1', port });
        s.once('connect', () => resolve(s));
        s.once('error', reject);
      }),
    close: () => server.close(),
  };
}

describe('BuildKit control client', () => {
  test('ListWorkers: id, labels, platforms with variants, GC rules and version, decoded from the wire', async () => {
    const platform = (arch: string, variant?: string) =>
      bytesField(3, Buffer.concat([bytesField(1, arch), bytesField(2, 'linux'), ...(variant ? [bytesField(3, variant)] : [])]));
    const worker = Buffer.concat([
      bytesField(1, 'w1'),
      bytesField(2, Buffer.concat([bytesField(1, 'org.mobyproject.buildkit.worker.snapshotter'), bytesField(2, 'overlayfs')])),
      platform('amd64'),
      platform('arm', 'v7'),
      bytesField(
        4,
        Buffer.concat([
          varintField(1, 1),
          varintField(2, 172800000000000),
          bytesField(4, 'type==source.local'),
          varintField(5, 3 * 2 ** 40),
        ]),
      ),
      bytesField(5, Buffer.concat([bytesField(1, 'github.com/moby/buildkit'), bytesField(2, 'v0.26.3')])),
    ]);
    const double = await grpcDouble((p) =>
      p === '/moby.buildkit.v1.Control/ListWorkers' ? { message: bytesField(1, worker) } : { status: 12, text: 'unknown method' },
    );
    const client = await ControlClient.connect(double.dial, 'buildkitd.test');
    try {
      expect(await client.listWorkers()).toEqual([
        {
          id: 'w1',
          labels: { 'org.mobyproject.buildkit.worker.snapshotter': 'overlayfs' },
          platforms: [
            { os: 'linux', architecture: 'amd64' },
            { os: 'linux', architecture: 'arm', variant: 'v7' },
          ],
          gcPolicy: [{ all: true, keepDuration: 172800000000000, filter: ['type==source.local'], maxUsedSpace: 3 * 2 ** 40 }],
          buildkitVersion: { version: 'v0.26.3' },
        },
      ]);
      // A status other than OK is an error carrying gRPC's code and message.
      const err = await client.version().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GrpcStatusError);
      expect(err).toMatchObject({ code: 12, details: 'unknown method' });
    } finally {
      client.close();
      double.close();
    }
  });

  test('Info: the version; an empty answer is no version', async () => {
    const double = await grpcDouble(() => ({ message: bytesField(1, bytesField(2, 'v0.33.0')) }));
    const client = await ControlClient.connect(double.dial, 'docker');
    try {
      expect(await client.version()).toBe('v0.33.0');
    } finally {
      client.close();
      double.close();
    }
  });
});

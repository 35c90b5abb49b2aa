import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { connect, connectionProblem, engineClient } from '../../src/engine/connect.js';
import { isLocalEngine } from '../../src/engine/docker.js';
import { currentContextName, readContext, removeContext, writeContext } from '../../src/engine/docker-context.js';
import {
  buildctlAddress,
  currentEndpoint,
  currentEndpointKey,
  parseHost,
  resolveEndpoint,
  storedAddress,
} from '../../src/engine/endpoint.js';
import { sshCommand } from '../../src/engine/ssh-transport.js';
import { parseName } from '../../src/inputs/read.js';
import { InputError } from '../../src/util/errors.js';

let config: string;
beforeEach(() => {
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-endpoint-'));
});
afterEach(() => fs.rmSync(config, { recursive: true, force: true }));

/** A context as `docker context create` lays it out (the meta dir is the sha256 of the name). */
function context(name: string, host: string, tls: Record<string, string> = {}, skipVerify = false): void {
  writeContext(
    { name, host, tls: Object.keys(tls).length || skipVerify ? { ...mapValues(tls), skipVerify } : undefined },
    { DOCKER_CONFIG: config },
  );
}
function mapValues(tls: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(tls).map(([k, v]) => [k, Buffer.from(v)]));
}

describe('parseHost, as the docker CLI normalizes DOCKER_HOST (outputs of `docker context inspect default`)', () => {
  test.each([
    ['unix://', 'unix:///var/run/docker.sock'],
    ['unix:///a/b', 'unix:///a/b'],
    ['tcp://h', 'tcp://h:2375'],
    ['h:1234', 'tcp://h:1234'],
    ['tcp://h:', 'tcp://h:2375'],
    ['tcp://:2375', 'tcp://localhost:2375'],
    ['tcp://', 'tcp://localhost:2375'],
    ['tcp://h:1/p', 'tcp://h:1/p'],
    ['tcp://[::1]:5', 'tcp://[::1]:5'],
    ['ssh://me@h:22/x', 'ssh://me@h:22/x'],
    ['ssh://h', 'ssh://h'],
    ['foo', 'tcp://foo:2375'],
  ])('%s → %s', (value, host) => expect(parseHost(value)).toBe(host));
  test('TLS gets port 2376', () => expect(parseHost('tcp://h', true)).toBe('tcp://h:2376'));
  test.each(['http://h', 'tcp://h:port', 'a b'])('%s is refused', (value) =>
    expect(() => parseHost(value)).toThrow(/invalid bind address format/),
  );
});

describe('the current context, as the docker CLI picks it', () => {
  test('DOCKER_HOST beats DOCKER_CONTEXT, which beats config.json, which beats default', () => {
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'from-config' }));
    expect(currentContextName({ DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///x', DOCKER_CONTEXT: 'c' })).toBe('default');
    expect(currentContextName({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'c' })).toBe('c');
    expect(currentContextName({ DOCKER_CONFIG: config })).toBe('from-config');
    fs.rmSync(path.join(config, 'config.json'));
    expect(currentContextName({ DOCKER_CONFIG: config })).toBe('default');
  });

  test('a selected context is the endpoint buildx stores (its name), with its host and TLS files', () => {
    context('remote', 'tcp://10.0.0.9:2376', { ca: 'CA', cert: 'CERT', key: 'KEY' });
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    const address = currentEndpoint({ DOCKER_CONFIG: config });
    expect(address).toMatchObject({ endpoint: 'remote', host: 'tcp://10.0.0.9:2376', context: 'remote' });
    expect(address.tls?.ca?.toString()).toBe('CA');
    expect(address.tls?.skipVerify).toBe(false);
    expect(currentEndpointKey({ DOCKER_CONFIG: config })).toBe('remote');
  });

  test('the default context stores its host: DOCKER_HOST normalized, else the default socket', () => {
    expect(currentEndpoint({ DOCKER_CONFIG: config })).toMatchObject({
      endpoint: 'unix:///var/run/docker.sock',
      host: 'unix:///var/run/docker.sock',
    });
    expect(currentEndpoint({ DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://h' }).endpoint).toBe('tcp://h:2375');
    expect(currentEndpointKey({ DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://h' })).toBe('tcp://h:2375');
  });

  test('TLS from the environment is marked for a context of its own (buildx stores no such node)', () => {
    for (const f of ['ca', 'cert', 'key']) fs.writeFileSync(path.join(config, `${f}.pem`), f.toUpperCase());
    const address = currentEndpoint({ DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1' });
    expect(address).toMatchObject({ endpoint: 'tcp://h:2376', tlsFromEnv: true });
    expect(address.tls?.key?.toString()).toBe('KEY');
    expect(address.tls?.skipVerify).toBe(false);
  });

  test('an unknown selected context is an error naming it and where it was selected', () => {
    expect(() => currentEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'gone' })).toThrow(
      'docker context "gone" (DOCKER_CONTEXT) does not exist',
    );
    expect(currentEndpointKey({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'gone' })).toBe('gone');
  });
});

describe('readContext', () => {
  test('keys are read case-insensitively, as the CLI reads them', () => {
    context('lower', 'unix:///placeholder');
    const metaDir = fs.readdirSync(path.join(config, 'contexts', 'meta'))[0];
    fs.writeFileSync(
      path.join(config, 'contexts', 'meta', metaDir, 'meta.json'),
      JSON.stringify({ name: 'lower', endpoints: { docker: { host: 'tcp://h:1', skipTLSVerify: true } } }),
    );
    expect(readContext('lower', { DOCKER_CONFIG: config })).toEqual({ name: 'lower', host: 'tcp://h:1', tls: { skipVerify: true } });
  });

  test("the layout is the CLI's: meta under the sha256 of the name, TLS files 0600", () => {
    context('probe-ctx', 'tcp://h:1', { key: 'KEY' });
    // printf probe-ctx | sha256sum
    const id = 'f966a42244554f95032b100cf495e377efa027c50bea1f6eaff8e453564f68b2';
    expect(JSON.parse(fs.readFileSync(path.join(config, 'contexts', 'meta', id, 'meta.json'), 'utf8'))).toEqual({
      Name: 'probe-ctx',
      Metadata: {},
      Endpoints: { docker: { Host: 'tcp://h:1', SkipTLSVerify: false } },
    });
    expect(fs.statSync(path.join(config, 'contexts', 'tls', id, 'docker', 'key.pem')).mode & 0o777).toBe(0o600);
    removeContext('probe-ctx', { DOCKER_CONFIG: config });
    expect(readContext('probe-ctx', { DOCKER_CONFIG: config })).toBeUndefined();
  });
});

describe('resolveEndpoint (the endpoint input)', () => {
  const env = () => ({ DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://should-not-matter:1' });
  test('a context name stores the name', () => {
    context('node-b', 'tcp://127.0.0.1:23760', { ca: 'CA' });
    expect(resolveEndpoint('node-b', 'endpoint', env())).toMatchObject({
      endpoint: 'node-b',
      host: 'tcp://127.0.0.1:23760',
      context: 'node-b',
    });
  });
  test('"default" stores the default context\'s host', () => {
    expect(resolveEndpoint('default', 'endpoint', env()).endpoint).toBe('tcp://should-not-matter:1');
  });
  test('an address stores its normalized form, without TLS', () => {
    const socket = resolveEndpoint('unix://', 'endpoint', env());
    expect(socket.endpoint).toBe('unix:///var/run/docker.sock');
    expect(socket.tls).toBeUndefined();
    expect(resolveEndpoint('127.0.0.1:2375', 'endpoint', env()).endpoint).toBe('tcp://127.0.0.1:2375');
    expect(resolveEndpoint('ssh://root@h:2222/run/d.sock', 'endpoint', env()).endpoint).toBe('ssh://root@h:2222/run/d.sock');
  });
  test.each([
    ['no-such-context', /input "endpoint": invalid value "no-such-context": no docker context of that name/],
    ['http://h', /invalid bind address format/],
    ['fd://3', /fd:\/\/ is for a daemon/],
    ['ssh://me:secret@h', /without a password/],
    ['ssh://h?x=1', /without a password, query or fragment/],
  ])('%s is an input error', (value, message) => {
    let err: unknown;
    try {
      resolveEndpoint(value, 'endpoint', env());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});

test('storedAddress: post reaches the stored endpoint, not DOCKER_HOST', () => {
  context('ctx', 'tcp://h:9');
  expect(storedAddress('unix:///var/run/docker.sock', { DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://elsewhere:1' }).host).toBe(
    'unix:///var/run/docker.sock',
  );
  expect(storedAddress('ctx', { DOCKER_CONFIG: config }).host).toBe('tcp://h:9');
  expect(() => storedAddress('gone', { DOCKER_CONFIG: config })).toThrow("docker context gone, the builder's endpoint, no longer exists");
});

describe("engineClient sets every connection field (nothing leaks from dockerode's environment defaults)", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
  test('a unix socket stays plain HTTP on its socket with DOCKER_HOST/TLS set to another engine', () => {
    process.env.DOCKER_HOST = 'tcp://1.2.3.4:2376';
    process.env.DOCKER_TLS_VERIFY = '1';
    const modem = engineClient({ endpoint: 'unix:///run/x.sock', host: 'unix:///run/x.sock', source: 't' }).modem as unknown as Record<
      string,
      unknown
    >;
    expect(modem).toMatchObject({ socketPath: '/run/x.sock', host: undefined, protocol: 'http', ca: undefined });
    expect(isLocalEngine(engineClient({ endpoint: 'unix:///run/x.sock', host: 'unix:///run/x.sock', source: 't' }))).toBe(true);
  });
  test("tcp with a context's TLS is https with its files; tcp without is http even on 2376", () => {
    const tls = engineClient({
      endpoint: 'c',
      host: 'tcp://127.0.0.1:23760',
      source: 't',
      tls: { ca: Buffer.from('CA'), cert: Buffer.from('C'), key: Buffer.from('K'), skipVerify: false },
    });
    expect(tls.modem).toMatchObject({ host: '127.0.0.1', port: '23760', protocol: 'https' });
    expect((tls.modem as unknown as { socketPath?: string }).socketPath).toBeUndefined();
    expect((tls.modem as unknown as { ca: Buffer }).ca.toString()).toBe('CA');
    expect(isLocalEngine(tls)).toBe(false);
    expect(engineClient({ endpoint: 'tcp://h:2376', host: 'tcp://h:2376', source: 't' }).modem).toMatchObject({
      protocol: 'http',
      host: 'h',
    });
  });
  test("ssh goes through the OpenSSH agent, not dockerode's ssh2", () => {
    const modem = engineClient({ endpoint: 'ssh://me@h', host: 'ssh://me@h', source: 't' }).modem as unknown as Record<string, unknown>;
    expect(modem.protocol).toBe('http');
    expect((modem.agent as object).constructor.name).toBe('SshAgent');
  });
});

test("sshCommand is the docker CLI's command line", () => {
  expect(sshCommand('ssh://root@127.0.0.1:2222')).toEqual([
    '-l',
    'root',
    '-p',
    '2222',
    '-o',
    'ConnectTimeout=30',
    '-T',
    '--',
    '127.0.0.1',
    'docker',
    'system',
    'dial-stdio',
  ]);
  expect(sshCommand('ssh://box/run/d.sock')).toEqual([
    '-o',
    'ConnectTimeout=30',
    '-T',
    '--',
    'box',
    'docker',
    '--host=unix:///run/d.sock',
    'system',
    'dial-stdio',
  ]);
});

test('a builder name whose volume name the engine would refuse is an input error', () => {
  expect(parseName('a'.repeat(232))).toHaveLength(232);
  expect(() => parseName('a'.repeat(233))).toThrow(/input "name": invalid value "a+": at most 232 characters/);
});

test('buildctlAddress names the context of a node on one', () => {
  expect(buildctlAddress('docker-container://buildx_buildkit_b0', 'unix:///var/run/docker.sock')).toBe(
    'docker-container://buildx_buildkit_b0',
  );
  expect(buildctlAddress('docker-container://buildx_buildkit_b0', 'sbk-tls')).toBe('docker-container://buildx_buildkit_b0?context=sbk-tls');
});

test('connectionProblem: one line, saying which side of a TLS handshake refused', () => {
  const err = (message: string, code: string) => Object.assign(new Error(message), { code });
  expect(connectionProblem(err('unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toBe(
    "unable to verify the first certificate: the engine's certificate is not signed by the CA given (ca.pem)",
  );
  const alert =
    '80EC63F74A7F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42\n';
  expect(connectionProblem(err(alert, 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE'))).toBe(
    'the engine refused the TLS handshake (sslv3 alert bad certificate): it asks for a client certificate signed by a CA it trusts (cert.pem and key.pem)',
  );
  expect(connectionProblem(err('connect ECONNREFUSED 127.0.0.1:1\nmore', 'ECONNREFUSED'))).toBe('connect ECONNREFUSED 127.0.0.1:1');
});

test('connect gives up on an engine that accepts the connection but never answers', async () => {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const host = `tcp://127.0.0.1:${port}`;
  try {
    await expect(connect({ endpoint: host, host, source: 'input "endpoint"' }, 200)).rejects.toThrow(
      `Docker engine not reachable at ${host} (input "endpoint"): no answer within 0.2 s`,
    );
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
  }
});

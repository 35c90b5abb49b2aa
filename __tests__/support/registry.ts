/**
 * A real OCI registry (the `distribution` registry the harness builds) on a loopback port, for one
 * test file: storage in a temp dir, removed by stop(). With `tls`, it serves HTTPS with a CA, server
 * and client certificates made here with openssl, and requires a client certificate signed by that
 * CA (`http.tls.clientcas`, `clientauth: require-and-verify-client-cert`).
 * Every response carries `Setup-Buildkit-Test-Registry: <host:port>`: BuildKit's debug log prints
 * response headers, so it shows which registry answered (as the seed's x-goog-* headers show a mirror).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { HARNESS_BIN, sh, tryRun } from './engine.js';

export const REGISTRY_BIN = path.join(HARNESS_BIN, 'registry');
export const REGISTRY_HEADER = 'Setup-Buildkit-Test-Registry';
const HARNESS_LIB = path.resolve('__tests__/harness/lib.sh');

/** PEM files of the test PKI. The key files are the secrets a builder config must not leak. */
export interface TestPki {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export interface Registry {
  /** host:port, as image references and buildkitd.toml name it. */
  host: string;
  url: string;
  pki?: TestPki;
  /** The registry's own log (access log included): which requests reached it. */
  log(): string;
  /** curl's TLS arguments for this registry: the CA and the client certificate (none without TLS). */
  curlTls(): string[];
  /** Copies an image of the engine into this registry under `repoTag` (a plain-HTTP registry only). */
  pushFromEngine(image: string, repoTag: string): void;
  stop(): Promise<void>;
}

export async function startRegistry(opts: { tls?: boolean } = {}): Promise<Registry> {
  if (!fs.existsSync(REGISTRY_BIN)) throw new Error(`${REGISTRY_BIN} is missing: run bash __tests__/harness/setup.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-registry-'));
  try {
    const pki = opts.tls ? makePki(path.join(dir, 'pki')) : undefined;
    // A port that was free a moment ago can be taken before the registry binds it: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const started = await serve(dir, port, pki);
      if (started) return started;
      if (attempt === 3) throw new Error(`registry did not start; its log:\n${fs.readFileSync(path.join(dir, 'log'), 'utf8')}`);
    }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function serve(dir: string, port: number, pki: TestPki | undefined): Promise<Registry | undefined> {
  const host = `127.0.0.1:${port}`;
  const config = path.join(dir, 'config.yml');
  const tls = pki
    ? `  tls:\n    certificate: ${pki.serverCert}\n    key: ${pki.serverKey}\n    clientcas: [${pki.ca}]\n    clientauth: require-and-verify-client-cert\n`
    : '';
  fs.writeFileSync(
    config,
    `version: 0.1\nlog: {level: info, accesslog: {disabled: false}}\nstorage: {filesystem: {rootdirectory: ${path.join(dir, 'data')}}}\nhttp:\n  addr: ${host}\n  headers: {${REGISTRY_HEADER}: ["${host}"]}\n${tls}`,
  );
  const logFile = path.join(dir, 'log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(REGISTRY_BIN, ['serve', config], {
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `${pki ? 'https' : 'http'}://${host}`;
  const deadline = Date.now() + 10000;
  while ((await get(`${url}/v2/`, pki)) !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child, exited);
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    url,
    pki,
    log: () => fs.readFileSync(logFile, 'utf8'),
    curlTls: () => (pki ? ['--cacert', pki.ca, '--cert', pki.clientCert, '--key', pki.clientKey] : []),
    pushFromEngine(image, repoTag) {
      if (pki) throw new Error('pushFromEngine is for plain-HTTP registries (the engine has no client certificate for this one)');
      const target = `${host}/${repoTag}`;
      sh('docker', ['tag', image, target]);
      try {
        sh('docker', ['push', '-q', target]);
      } finally {
        tryRun('docker', ['rmi', target]);
      }
    },
    async stop() {
      await stopChild(child, exited);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}

/** The status of a GET, or 0 when nothing answers; over TLS with the test CA and client certificate. */
function get(url: string, pki: TestPki | undefined): Promise<number> {
  return new Promise((resolve) => {
    const onResponse = (res: http.IncomingMessage) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    };
    const req = pki
      ? https.get(
          url,
          { ca: fs.readFileSync(pki.ca), cert: fs.readFileSync(pki.clientCert), key: fs.readFileSync(pki.clientKey) },
          onResponse,
        )
      : http.get(url, onResponse);
    req.setTimeout(2000, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A CA, a server certificate for 127.0.0.1 and localhost, and a client certificate (clientAuth),
 * both signed by the CA; P-256 keys, which are quick to make.
 */
export function makePki(dir: string): TestPki {
  ensureOpenssl();
  fs.mkdirSync(dir, { recursive: true });
  const f = (name: string) => path.join(dir, name);
  const pki: TestPki = {
    ca: f('ca.pem'),
    serverCert: f('server.pem'),
    serverKey: f('server-key.pem'),
    clientCert: f('client.pem'),
    clientKey: f('client-key.pem'),
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  sh('openssl', ['req', '-x509', ...ec, '-keyout', f('ca-key.pem'), '-out', pki.ca, '-days', '2', '-subj', '/CN=setup-buildkit test CA']);
  const issue = (cert: string, key: string, cn: string, ext: string) => {
    const csr = `${cert}.csr`;
    const extFile = `${cert}.ext`;
    fs.writeFileSync(extFile, ext);
    sh('openssl', ['req', '-new', ...ec, '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`]);
    sh('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      pki.ca,
      '-CAkey',
      f('ca-key.pem'),
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '2',
      '-extfile',
      extFile,
    ]);
  };
  issue(pki.serverCert, pki.serverKey, '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue(pki.clientCert, pki.clientKey, 'setup-buildkit test client', 'extendedKeyUsage=clientAuth\n');
  return pki;
}

function ensureOpenssl(): void {
  if (tryRun('sh', ['-c', 'command -v openssl']).status === 0) return;
  sh('bash', ['-c', `source ${JSON.stringify(HARNESS_LIB)} && apt_install openssl`]);
}

/**
 * Secrets (issue 7): `env.<key>` driver-opts values, a registry private key named by
 * buildkitd-config-inline, and the registry credentials of the docker config never appear in the
 * step's stdout/stderr, outputs, GITHUB_ENV, the job summary, the saved state or the debug output
 * (RUNNER_DEBUG=1), in main or post. `::add-mask::` is emitted for each (for a multi-line key, for each
 * of its lines too: the runner masks line by line) before anything else is printed. The X-Registry-Auth
 * header the action sends (seen through an engine proxy) is never printed. Files holding the key are
 * not world-readable: in the container (0600) and in the buildx store on the runner (0600).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob, decodeCommand, type StepResult } from '../support/action.js';
import { expectGone, sh, uniqueName } from '../support/engine.js';
import { EngineProxy, forceRemove, tempDockerConfig } from '../support/faults.js';

describe('secrets never leak', () => {
  const name = uniqueName('secret');
  const envSecret = `tok-${randomBytes(12).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const username = 'sbk-user';
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  const privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyLines = privateKey.split('\n').filter((l) => l && !l.startsWith('-----'));
  const registry = 'secret-registry.invalid:5443';
  const dockerConfig = tempDockerConfig({ auths: { 'https://index.docker.io/v1/': { auth } } });
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-secret-certs-'));
  const keyFile = path.join(certDir, 'client.key');
  const certFile = path.join(certDir, 'client.cert');
  const proxy = new EngineProxy();
  let job: ActionJob;
  let main: StepResult;
  let post: StepResult;
  let files: Record<string, string>;

  /** Every form in which the secrets could show up. */
  const forbidden = () => {
    const xAuth = JSON.stringify({ username, password, serveraddress: 'https://index.docker.io/v1/' });
    return {
      envSecret,
      password,
      auth,
      'key (base64)': Buffer.from(privateKey).toString('base64').slice(0, 40),
      'X-Registry-Auth (base64)': Buffer.from(xAuth).toString('base64').slice(0, 40),
      'X-Registry-Auth (base64url)': Buffer.from(xAuth).toString('base64url').slice(0, 40),
      ...Object.fromEntries(keyLines.map((l, i) => [`key line ${i}`, l])),
    };
  };

  beforeAll(async () => {
    fs.writeFileSync(keyFile, privateKey, { mode: 0o600 });
    fs.writeFileSync(certFile, 'not a real certificate\n');
    await proxy.listen();
    job = new ActionJob({ RUNNER_DEBUG: '1', DOCKER_CONFIG: dockerConfig, DOCKER_HOST: proxy.dockerHost });
    main = await job.main({
      name,
      'driver-opts': `network=host\nenv.SBK_TOKEN=${envSecret}`,
      'buildkitd-config-inline': `debug = true\n[registry."${registry}"]\n  keypair = [{ key = "${keyFile}", cert = "${certFile}" }]\n`,
    });
    files = {
      outputs: fs.readFileSync(path.join(job.dir, 'output'), 'utf8'),
      env: fs.readFileSync(path.join(job.dir, 'env'), 'utf8'),
      summary: job.summary(),
      state: fs.readFileSync(path.join(job.dir, 'state'), 'utf8'),
    };
  });
  afterAll(async () => {
    forceRemove(name);
    job.dispose();
    await proxy.close();
    fs.rmSync(dockerConfig, { recursive: true, force: true });
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  test('main succeeds, and the pull sent the credentials as X-Registry-Auth', () => {
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    const pulls = proxy.seen.filter((r) => r.method === 'POST' && r.path.startsWith('/images/create'));
    expect(pulls.length).toBeGreaterThan(0);
    const header = pulls[0].headers?.['x-registry-auth'] as string;
    expect(header).toBeDefined();
    expect(JSON.parse(Buffer.from(header, 'base64').toString())).toMatchObject({ username, password });
  });

  test('::add-mask:: comes first, for the env value, the key and each line of the key', () => {
    const lines = main.stdout.split('\n').filter(Boolean);
    const masks = lines.filter((l) => l.startsWith('::add-mask::')).map((l) => decodeCommand(l.slice('::add-mask::'.length)));
    expect(masks).toContain(envSecret);
    expect(masks).toContain(privateKey);
    for (const l of keyLines) expect(masks).toContain(l);
    // Nothing else is printed before the last mask.
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
    const lastMask = lines.map((l) => l.startsWith('::add-mask::')).lastIndexOf(true);
    expect(firstOther).toBeGreaterThan(lastMask);
  });

  test('no secret in main output (debug on), outputs, GITHUB_ENV, summary or state', () => {
    const stdoutWithoutMasks = main.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    const places: Record<string, string> = { stdout: stdoutWithoutMasks, stderr: main.stderr, ...files };
    for (const [where, text] of Object.entries(places)) {
      for (const [what, secret] of Object.entries(forbidden())) {
        expect({ where, what, found: text.includes(secret) }).toEqual({ where, what, found: false });
      }
    }
  });

  test('the key is 0600 in the container and in the buildx store', () => {
    const mode = sh('docker', [
      'exec',
      nodeNames(name).container,
      'stat',
      '-c',
      '%a',
      `/etc/buildkit/certs/${registry.replace(/[^a-zA-Z0-9.-]+/g, '_')}/client.key`,
    ]).trim();
    expect(mode).toBe('600');
    const instance = path.join(dockerConfig, 'buildx', 'instances', name.toLowerCase());
    expect(fs.statSync(instance).mode & 0o077).toBe(0);
    expect(fs.statSync(path.dirname(instance)).mode & 0o077).toBe(0);
  });

  test('no secret in the post step (debug on: it prints the BuildKit log), and nothing is left', async () => {
    post = await job.post();
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`BuildKit log of ${nodeNames(name).container}`);
    for (const [where, text] of Object.entries({ stdout: post.stdout, stderr: post.stderr })) {
      for (const [what, secret] of Object.entries(forbidden())) {
        expect({ where, what, found: text.includes(secret) }).toEqual({ where, what, found: false });
      }
    }
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = dockerConfig;
    try {
      expectGone(name);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
    }
  });
});

describe('credentials from a docker credential helper', () => {
  const secret = `helper-${randomBytes(12).toString('hex')}`;
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-helper-'));
  const asked = path.join(bin, 'asked');
  // The docker-credential-helpers protocol, as the docker CLI runs a helper: `get`, the registry on stdin.
  fs.writeFileSync(
    path.join(bin, 'docker-credential-sbke2e'),
    `#!/bin/sh\nread -r server\necho "$server" >> ${asked}\nprintf '{"ServerURL":"%s","Username":"robot","Secret":"${secret}"}' "$server"\n`,
    { mode: 0o755 },
  );
  const env = (store: string) => ({ DOCKER_CONFIG: tempDockerConfig({ credsStore: store }), PATH: `${bin}:${process.env.PATH}` });
  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

  test("the credsStore helper's credentials go to the pull as X-Registry-Auth, and never to the log", async () => {
    const name = uniqueName('helper');
    const proxy = new EngineProxy();
    await proxy.listen();
    const extra = env('sbke2e');
    const job = new ActionJob({ ...extra, DOCKER_HOST: proxy.dockerHost, RUNNER_DEBUG: '1' });
    try {
      const main = await job.main({ name, use: 'false' });
      expect(main.errors).toEqual([]);
      const pull = proxy.seen.find((r) => r.method === 'POST' && r.path.startsWith('/images/create'));
      expect(JSON.parse(Buffer.from(pull!.headers!['x-registry-auth'] as string, 'base64').toString())).toMatchObject({
        username: 'robot',
        password: secret,
      });
      expect(fs.readFileSync(asked, 'utf8').split('\n')).toContain('https://index.docker.io/v1/');
      expect(`${main.stdout}${main.stderr}`).not.toContain(secret);
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      forceRemove(name, extra.DOCKER_CONFIG);
      job.dispose();
      await proxy.close();
      fs.rmSync(extra.DOCKER_CONFIG, { recursive: true, force: true });
    }
  });

  test('a helper that is not installed is noted, and the pull goes on without credentials', async () => {
    const name = uniqueName('nohelper');
    const extra = env('sbk-absent');
    const job = new ActionJob(extra);
    try {
      const main = await job.main({ name, use: 'false' });
      expect(main.errors).toEqual([]);
      expect(main.stdout).toMatch(
        /#1 docker-credential-sbk-absent get failed for https:\/\/index\.docker\.io\/v1\/: .*; pulling without credentials/,
      );
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      forceRemove(name, extra.DOCKER_CONFIG);
      job.dispose();
      fs.rmSync(extra.DOCKER_CONFIG, { recursive: true, force: true });
    }
  });
});

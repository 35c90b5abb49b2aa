import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { restoreBuilderAlias, setBuilderAlias } from '../../src/buildx/builder-alias.js';
import { assetName, binaryCacheKey, checksumOf, latestFromApi, latestFromMirror } from '../../src/buildx/buildx-install.js';
import { parseBuildxInputs } from '../../src/inputs/read.js';
import type { Host } from '../../src/step/host.js';

function host(inputs: Record<string, string>): Host {
  return { input: (n: string) => inputs[n] ?? '' } as Host;
}

describe('inputs', () => {
  test.each([
    [{}, { version: '', mirror: '', cacheBinary: true, install: false }],
    [{ 'buildx-version': 'latest' }, { version: 'latest' }],
    [{ 'buildx-version': 'v0.38.2' }, { version: 'v0.38.2' }],
    [{ 'buildx-version': '0.38.2' }, { version: 'v0.38.2' }],
    [{ 'buildx-version': 'v0.39.0-rc1' }, { version: 'v0.39.0-rc1' }],
    [{ 'buildx-mirror': 'https://mirror.example/docker/buildx/releases/' }, { mirror: 'https://mirror.example/docker/buildx/releases' }],
    [
      { 'cache-binary': 'false', install: 'true' },
      { cacheBinary: false, install: true },
    ],
  ])('%j', (inputs, expected) => expect(parseBuildxInputs(host(inputs))).toMatchObject(expected));

  test.each([
    [
      { 'buildx-version': 'https://github.com/docker/buildx.git#master' },
      'input "buildx-version": invalid value "https://github.com/docker/buildx.git#master": empty (the installed buildx), latest, or a docker/buildx release such as v0.38.2',
    ],
    [{ 'buildx-version': 'v0.38' }, 'input "buildx-version": invalid value "v0.38"'],
    [{ 'buildx-mirror': 'ftp://m/x' }, 'input "buildx-mirror": invalid value "ftp://m/x": an http(s) URL'],
    [{ 'buildx-mirror': 'mirror.example' }, 'input "buildx-mirror": invalid value "mirror.example"'],
    [{ install: 'yes' }, 'input "install": invalid value "yes": true or false'],
    [{ 'cache-binary': '1' }, 'input "cache-binary": invalid value "1": true or false'],
  ])('%j is refused', (inputs, message) => expect(() => parseBuildxInputs(host(inputs))).toThrow(message));
});

test.each([
  ['linux', 'x64', 'buildx-v0.38.2.linux-amd64'],
  ['linux', 'arm64', 'buildx-v0.38.2.linux-arm64'],
  ['linux', 'arm', 'buildx-v0.38.2.linux-arm-v7'],
  ['linux', 'ppc64', 'buildx-v0.38.2.linux-ppc64le'],
  ['darwin', 'arm64', 'buildx-v0.38.2.darwin-arm64'],
  ['win32', 'x64', 'buildx-v0.38.2.windows-amd64.exe'],
] as const)('the asset for %s/%s is %s', (platform, arch, asset) => expect(assetName('v0.38.2', platform, arch, '7')).toBe(asset));

test('an architecture without a release is a clear error', () =>
  expect(() => assetName('v0.38.2', 'linux', 'mips')).toThrow("docker-buildx has no release for this runner's architecture (mips)"));

test('checksums.txt: text and binary mode lines; other assets and junk are not taken', () => {
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);
  const text = `${a}  buildx-v0.38.2.linux-amd64\n${b} *buildx-v0.38.2.linux-arm64\nnot a line\n`;
  expect(checksumOf(text, 'buildx-v0.38.2.linux-amd64')).toBe(a);
  expect(checksumOf(text, 'buildx-v0.38.2.linux-arm64')).toBe(b);
  expect(checksumOf(text, 'buildx-v0.38.2.linux-amd')).toBeUndefined();
  expect(binaryCacheKey('v0.38.2', 'buildx-v0.38.2.linux-amd64')).toBe('setup-buildkit-buildx-v0.38.2-buildx-v0.38.2.linux-amd64');
});

describe('latest', () => {
  let server: http.Server;
  let url: string;
  let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  const seen: http.IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers);
      answer(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('the API: tag_name, with the token as a bearer', async () => {
    answer = (_q, res) => res.writeHead(200).end(JSON.stringify({ tag_name: 'v0.38.2' }));
    await expect(latestFromApi(`${url}/repos/docker/buildx/releases/latest`, 'tok123')).resolves.toBe('v0.38.2');
    expect(seen.at(-1)).toMatchObject({ authorization: 'Bearer tok123', accept: 'application/vnd.github+json' });
  });

  test('the API rate limit is a clear error that says what to do', async () => {
    answer = (_q, res) =>
      res
        .writeHead(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.UTC(2026, 0, 1, 12, 34) / 1000) })
        .end('{"message":"API rate limit exceeded"}');
    await expect(latestFromApi(`${url}/latest`, undefined)).rejects.toThrow(
      "buildx-version latest: the GitHub API's rate limit is used up until 12:34 UTC (without GITHUB_TOKEN); give the step GITHUB_TOKEN (env: GITHUB_TOKEN: ${{ github.token }}) or pin buildx-version to a release such as v0.38.2",
    );
    expect(seen.at(-1)?.authorization).toBeUndefined();
    answer = (_q, res) => res.writeHead(429).end();
    await expect(latestFromApi(`${url}/latest`, 't')).rejects.toThrow(
      "the GitHub API's rate limit is used up (with GITHUB_TOKEN); pin buildx-version",
    );
  });

  test('a mirror: a redirect to the tag, or the API JSON; never the token', async () => {
    process.env.GITHUB_TOKEN = 'never-sent';
    answer = (_q, res) => res.writeHead(302, { location: '/docker/buildx/releases/tag/v0.38.2' }).end();
    await expect(latestFromMirror(url)).resolves.toBe('v0.38.2');
    answer = (_q, res) => res.writeHead(200).end(JSON.stringify({ tag_name: 'v0.39.0' }));
    await expect(latestFromMirror(url)).resolves.toBe('v0.39.0');
    expect(seen.at(-1)?.authorization).toBeUndefined();
    delete process.env.GITHUB_TOKEN;
    answer = (_q, res) => res.writeHead(404).end();
    await expect(latestFromMirror(url)).rejects.toThrow(`buildx-version latest: ${url}/latest answered HTTP 404`);
    answer = (_q, res) => res.writeHead(200).end('<html>');
    await expect(latestFromMirror(url)).rejects.toThrow('did not give a release tag (tag_name)');
  });
});

describe('the builder alias (install)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alias-'));
  const file = path.join(dir, 'config.json');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('set in a config that has other settings, and removed again leaving them', () => {
    fs.writeFileSync(file, JSON.stringify({ auths: { 'r.example': { auth: 'eA==' } }, aliases: { other: 'x' } }));
    const alias = setBuilderAlias({ DOCKER_CONFIG: dir });
    expect(alias).toEqual({ configFile: file, previous: null });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      auths: { 'r.example': { auth: 'eA==' } },
      aliases: { other: 'x', builder: 'buildx' },
    });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(restoreBuilderAlias(alias)).toBe('docker build is the docker CLI builder again');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ auths: { 'r.example': { auth: 'eA==' } }, aliases: { other: 'x' } });
  });

  test('no config yet: created, and left without an aliases key afterwards', () => {
    fs.rmSync(file, { force: true });
    const alias = setBuilderAlias({ DOCKER_CONFIG: dir });
    restoreBuilderAlias(alias);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({});
  });

  test('already installed (docker buildx install before the step): left as it was', () => {
    fs.writeFileSync(file, JSON.stringify({ aliases: { builder: 'buildx' } }));
    const alias = setBuilderAlias({ DOCKER_CONFIG: dir });
    expect(restoreBuilderAlias(alias)).toBe('docker build is left as it is');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ aliases: { builder: 'buildx' } });
  });

  test('an unreadable config is an error naming the input and the file', () => {
    fs.writeFileSync(file, '{not json');
    expect(() => setBuilderAlias({ DOCKER_CONFIG: dir })).toThrow(`install: the docker CLI config ${file} cannot be read: `);
  });
});

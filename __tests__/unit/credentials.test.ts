import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { credentialSource, helperCredentials, parseImageRef, registryAuth, registryOf } from '../../src/engine/credentials.js';

const HUB = 'https://index.docker.io/v1/';

describe('registryOf', () => {
  test('Docker Hub by its index URL, other registries by host', () => {
    expect(registryOf('moby/buildkit:buildx-stable-1')).toBe(HUB);
    expect(registryOf('busybox')).toBe(HUB);
    expect(registryOf('ghcr.io/o/buildkit:x')).toBe('ghcr.io');
    expect(registryOf('127.0.0.1:5000/moby/buildkit')).toBe('127.0.0.1:5000');
    expect(registryOf('localhost/buildkit')).toBe('localhost');
  });

  test.each(['moby/buildkit:x', 'docker.io/moby/buildkit:x', 'index.docker.io/moby/buildkit:x', 'registry-1.docker.io/moby/buildkit:x'])(
    'every spelling of Docker Hub is the docker CLI key: %s',
    (ref) => expect(registryOf(ref)).toBe(HUB),
  );
});

describe('parseImageRef: the one rule for an image reference', () => {
  test.each([
    ['busybox', { registry: 'docker.io', hub: true, path: 'library/busybox' }],
    ['docker.io/busybox:1', { registry: 'docker.io', hub: true, path: 'library/busybox', tag: '1' }],
    ['index.docker.io/moby/buildkit:v1', { registry: 'docker.io', hub: true, path: 'moby/buildkit', tag: 'v1' }],
    ['registry-1.docker.io/library/alpine@sha256:ab', { registry: 'docker.io', hub: true, path: 'library/alpine', digest: 'sha256:ab' }],
    ['127.0.0.1:5000/moby/buildkit:x', { registry: '127.0.0.1:5000', hub: false, path: 'moby/buildkit', tag: 'x' }],
    ['localhost/buildkit', { registry: 'localhost', hub: false, path: 'buildkit' }],
    ['ghcr.io/o/bk:t@sha256:cd', { registry: 'ghcr.io', hub: false, path: 'o/bk', tag: 't', digest: 'sha256:cd' }],
    ['moby/buildkit', { registry: 'docker.io', hub: true, path: 'moby/buildkit' }],
  ])('%s', (ref, expected) => expect(parseImageRef(ref)).toEqual(expected));
});

describe('credentialSource, in the docker CLI order', () => {
  const auth = Buffer.from('u:p').toString('base64');
  test('a credHelpers entry for the registry first, then credsStore, then auths', () => {
    const config = { credHelpers: { 'ecr.example': 'ecr-login' }, credsStore: 'pass', auths: { 'ecr.example': { auth }, [HUB]: { auth } } };
    expect(credentialSource(config, 'ecr.example')).toEqual({ helper: 'ecr-login' });
    expect(credentialSource(config, HUB)).toEqual({ helper: 'pass' });
    expect(credentialSource({ auths: config.auths }, HUB)).toEqual({ auth, identityToken: undefined });
  });

  test('auths keyed by the bare host match too; an empty entry is no credentials', () => {
    expect(credentialSource({ auths: { 'index.docker.io': { auth } } }, HUB)).toEqual({ auth, identityToken: undefined });
    expect(credentialSource({ auths: { 'ghcr.io': {} } }, 'ghcr.io')).toBeUndefined();
    expect(credentialSource({}, 'ghcr.io')).toBeUndefined();
    expect(credentialSource({ auths: { 'ghcr.io': { identitytoken: 't' } } }, 'ghcr.io')).toEqual({ auth: '', identityToken: 't' });
  });
});

describe('helperCredentials', () => {
  test('a user and secret, or an identity token when the user is "<token>"', () => {
    expect(helperCredentials('{"ServerURL":"r","Username":"u","Secret":"s"}', 'r')).toEqual({
      username: 'u',
      password: 's',
      serveraddress: 'r',
    });
    expect(helperCredentials('{"Username":"<token>","Secret":"t"}', 'r')).toEqual({ identitytoken: 't', serveraddress: 'r' });
    expect(helperCredentials('{}', 'r')).toBeUndefined();
  });
});

describe('registryAuth through a real helper program', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-cred-'));
  const bin = path.join(dir, 'bin');
  const env = { ...process.env, DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH}` };
  fs.mkdirSync(bin);
  // The docker-credential-helpers protocol: `get`, the server address on stdin, JSON on stdout.
  fs.writeFileSync(
    path.join(bin, 'docker-credential-sbkunit'),
    '#!/bin/sh\nread -r server\ncase "$server" in\n  127.0.0.1:5999) printf \'{"ServerURL":"%s","Username":"robot","Secret":"s3cret"}\' "$server" ;;\n  *) echo "credentials not found in native keychain"; exit 1 ;;\nesac\n',
    { mode: 0o755 },
  );
  const config = (c: object) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(c));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the helper named for the registry answers', async () => {
    config({ credHelpers: { '127.0.0.1:5999': 'sbkunit' } });
    expect(await registryAuth('127.0.0.1:5999/moby/buildkit:x', env)).toEqual({
      auth: { username: 'robot', password: 's3cret', serveraddress: '127.0.0.1:5999' },
    });
    expect(await registryAuth('moby/buildkit:x', env)).toEqual({});
  });

  test('"credentials not found" and a missing helper are problems to note, not failures', async () => {
    config({ credsStore: 'sbkunit' });
    expect(await registryAuth('moby/buildkit:x', env)).toEqual({ problem: `docker-credential-sbkunit has no credentials for ${HUB}` });
    config({ credsStore: 'sbk-absent' });
    expect((await registryAuth('moby/buildkit:x', env)).problem).toMatch(
      /^docker-credential-sbk-absent get failed for https:\/\/index\.docker\.io\/v1\/: .*ENOENT/,
    );
  });

  test('no config, or an unreadable one, is no credentials', async () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{not json');
    expect(await registryAuth('moby/buildkit:x', env)).toEqual({});
  });
});

describe('Docker Hub credentials for every spelling of its images', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-hub-'));
  const bin = path.join(dir, 'bin');
  const env = { ...process.env, DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH}` };
  fs.mkdirSync(bin);
  // Answers only for the key the docker CLI keeps Docker Hub's credentials under.
  fs.writeFileSync(
    path.join(bin, 'docker-credential-sbkhub'),
    `#!/bin/sh\nread -r server\nif [ "$server" = "${HUB}" ]; then printf '{"ServerURL":"%s","Username":"hubber","Secret":"hubpass"}' "$server"; else echo "credentials not found in native keychain"; exit 1; fi\n`,
    { mode: 0o755 },
  );
  const config = (c: object) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(c));
  const hubAuth = { username: 'hubber', password: 'hubpass', serveraddress: HUB };
  const spellings = [
    'moby/buildkit:buildx-stable-1',
    'busybox',
    'docker.io/moby/buildkit:buildx-stable-1',
    'docker.io/library/busybox',
    'index.docker.io/moby/buildkit:buildx-stable-1',
    'registry-1.docker.io/moby/buildkit:buildx-stable-1',
  ];
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(spellings)('a credsStore helper is asked for the Hub key: %s', async (ref) => {
    config({ credsStore: 'sbkhub' });
    expect(await registryAuth(ref, env)).toEqual({ auth: hubAuth });
  });

  test.each(spellings)('a credHelpers entry under docker.io or the Hub key: %s', async (ref) => {
    config({ credHelpers: { 'docker.io': 'sbkhub' } });
    expect(await registryAuth(ref, env)).toEqual({ auth: hubAuth });
    config({ credHelpers: { [HUB]: 'sbkhub' } });
    expect(await registryAuth(ref, env)).toEqual({ auth: hubAuth });
  });

  test.each(spellings)('an auths entry as docker login writes it: %s', async (ref) => {
    config({ auths: { [HUB]: { auth: Buffer.from('hubber:hubpass').toString('base64') } } });
    expect(await registryAuth(ref, env)).toEqual({ auth: hubAuth });
  });

  test('an auths entry written by hand under docker.io counts for Docker Hub; another registry is not Hub', async () => {
    config({ auths: { 'docker.io': { auth: Buffer.from('hubber:hubpass').toString('base64') } } });
    expect(await registryAuth('docker.io/moby/buildkit:x', env)).toEqual({ auth: hubAuth });
    expect(await registryAuth('ghcr.io/moby/buildkit:x', env)).toEqual({});
    config({ auths: { 'https://ghcr.io/v2/': { auth: Buffer.from('g:h').toString('base64') } } });
    expect(await registryAuth('ghcr.io/moby/buildkit:x', env)).toEqual({
      auth: { username: 'g', password: 'h', serveraddress: 'ghcr.io' },
    });
    expect(await registryAuth('moby/buildkit:x', env)).toEqual({});
  });
});

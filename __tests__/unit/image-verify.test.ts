/**
 * The builder image check's I/O (src/node/image-verify.ts) against an in-memory registry double and
 * a fake engine: which requests it makes, and that it refuses what it must, before anything else.
 * The images are the tests' own (support/signed-image.ts); Docker's real signatures need Docker Hub.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { DockerClient } from '../../src/engine/docker-client.js';
import { checkBuilderImage, type ImageCheckContext } from '../../src/node/image-verify.js';
import { Progress } from '../../src/step/progress.js';
import { type RegistryDouble, startRegistryDouble } from '../support/oci-registry-double.js';
import { makeTestSigner, pushTestImage, type TestSigner } from '../support/signed-image.js';

const ARCH = 'amd64';
let dir: string;
let signer: TestSigner;
const doubles: RegistryDouble[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-image-verify-'));
  signer = makeTestSigner(dir, 'refs/tags/v0.27.0');
});
afterAll(async () => {
  for (const d of doubles) await d.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function registry(opts: { token?: string } = {}): Promise<RegistryDouble> {
  const double = await startRegistryDouble(opts);
  doubles.push(double);
  return double;
}

/** An engine whose image inspect gives `digest` as the containerd image store does (none: the classic store). */
function engine(digest: string | undefined): { docker: DockerClient; inspected: string[] } {
  const inspected: string[] = [];
  const docker = {
    getImage: (name: string) => ({
      inspect: async () => {
        inspected.push(name);
        return digest ? { Descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', digest, size: 1 } } : {};
      },
    }),
  } as unknown as DockerClient;
  return { docker, inspected };
}

function context(docker: DockerClient, image: string, more: Partial<ImageCheckContext> = {}): ImageCheckContext & { log: string[] } {
  const log: string[] = [];
  return {
    docker,
    image,
    enabled: true,
    allowUntrusted: false,
    mirrors: [],
    architecture: ARCH,
    progress: new Progress((l) => log.push(l), 1, 'test'),
    log,
    ...more,
  };
}

test("an image signed with Docker's identity by another CA is refused; the signature is read from the mirror, referrers by the tag schema", async () => {
  const mirror = await registry();
  const digest = await pushTestImage(mirror.host, 'moby/buildkit', 'v0.27.0', ARCH, signer);
  mirror.requests.length = 0;
  const ctx = context(engine(digest).docker, 'moby/buildkit:v0.27.0', { mirrors: [mirror.host] });
  await expect(checkBuilderImage(ctx)).rejects.toThrow(
    "failed to verify image docker.io/moby/buildkit:v0.27.0: its signature does not verify against Sigstore's trust root: Failed to verify certificate chain",
  );
  expect(ctx.log).toEqual(['#1 test', '#1 verifying image docker.io/moby/buildkit:v0.27.0']);
  expect(mirror.requests).toEqual([
    `GET /v2/moby/buildkit/manifests/${digest}`,
    expect.stringMatching(/^GET \/v2\/moby\/buildkit\/manifests\/sha256:/),
    expect.stringMatching(/^GET \/v2\/moby\/buildkit\/referrers\/sha256:/),
    expect.stringMatching(/^GET \/v2\/moby\/buildkit\/manifests\/sha256-/),
    expect.stringMatching(/^GET \/v2\/moby\/buildkit\/manifests\/sha256:/),
    expect.stringMatching(/^GET \/v2\/moby\/buildkit\/blobs\/sha256:/),
  ]);
});

test('a registry that wants a token is asked for one first', async () => {
  const mirror = await registry({ token: 'secret' });
  const digest = await pushTestImage(mirror.host, 'moby/buildkit', 'buildx-stable-1', ARCH);
  mirror.requests.length = 0;
  const ctx = context(engine(digest).docker, 'moby/buildkit:buildx-stable-1', { mirrors: [mirror.host] });
  await expect(checkBuilderImage(ctx)).rejects.toThrow(
    /no signature metadata available for docker\.io\/moby\/buildkit:buildx-stable-1 in /,
  );
  expect(mirror.requests).toEqual([`GET /v2/moby/buildkit/manifests/${digest}`, 'GET /token', `GET /v2/moby/buildkit/manifests/${digest}`]);
});

test('an image without attestations is refused, naming what is missing and how to opt out', async () => {
  const mirror = await registry();
  const digest = await pushTestImage(mirror.host, 'moby/buildkit', 'latest', ARCH);
  await expect(checkBuilderImage(context(engine(digest).docker, 'moby/buildkit', { mirrors: [mirror.host] }))).rejects.toThrow(
    `failed to verify image docker.io/moby/buildkit:latest: no signature metadata available for docker.io/moby/buildkit:latest in ${mirror.host}/moby/buildkit: the linux/amd64 manifest has no attestation manifest; to use it anyway, set driver-opts allow-untrusted-image=true`,
  );
});

test('an image for another platform only is refused', async () => {
  const mirror = await registry();
  const digest = await pushTestImage(mirror.host, 'moby/buildkit', 'latest', 'arm64', signer);
  await expect(checkBuilderImage(context(engine(digest).docker, 'moby/buildkit:latest', { mirrors: [mirror.host] }))).rejects.toThrow(
    /the index has no linux\/amd64 manifest/,
  );
});

test('a release from before signing is pinned to the engine digest without asking any registry', async () => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  const ctx = context(engine(digest).docker, 'moby/buildkit:v0.26.3');
  expect(await checkBuilderImage(ctx)).toEqual({
    image: `docker.io/moby/buildkit:v0.26.3@${digest}`,
    outcome: { kind: 'pinned', pinned: `docker.io/moby/buildkit:v0.26.3@${digest}`, why: 'v0.26.3 predates signed releases (v0.27.0)' },
  });
  expect(ctx.log.at(-1)).toBe(
    `#1 builder image allowed unsigned (v0.26.3 predates signed releases (v0.27.0)), pinned to docker.io/moby/buildkit:v0.26.3@${digest}`,
  );
});

test.each<[string, Partial<ImageCheckContext>, string | undefined, string]>([
  ['the gate off', { enabled: false }, 'sha256:00', 'BUILDX_DEFAULT_POLICY is not set, as buildx leaves it by default'],
  ['allow-untrusted-image', { allowUntrusted: true }, 'sha256:00', 'allow-untrusted-image=true'],
])('%s: the image is used as given, and the engine is not even asked', async (_what, more, digest, reason) => {
  const { docker, inspected } = engine(digest);
  const ctx = context(docker, 'moby/buildkit:buildx-stable-1', more);
  expect(await checkBuilderImage(ctx)).toEqual({ image: 'moby/buildkit:buildx-stable-1', outcome: { kind: 'skipped', reason } });
  expect(inspected).toEqual([]);
  expect(ctx.log.at(-1)).toBe(`#1 builder image not verified: ${reason}`);
});

test('the classic image store: asked, no descriptor, not verified', async () => {
  const { docker, inspected } = engine(undefined);
  const result = await checkBuilderImage(context(docker, 'moby/buildkit:buildx-stable-1'));
  expect(inspected).toEqual(['moby/buildkit:buildx-stable-1']);
  expect(result.image).toBe('moby/buildkit:buildx-stable-1');
  expect(result.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/classic image store/) });
});

/**
 * The builder image check (src/node/image-policy.ts) through the bundled action, as buildx makes it
 * with BUILDX_DEFAULT_POLICY=1: on the containerd image store (engine 29) a moby/buildkit image is
 * refused unless Docker's signature verifies, before anything is created; on the classic store
 * (engine 20.10) it is used unchecked, as buildx uses it; allow-untrusted-image turns the check off;
 * what passes runs pinned to the digest the engine has.
 *
 * The harness's BuildKit image is built here and carries no signature, so these tests prove that the
 * check runs and refuses, never that it passes: the refused images are pushed by the test to a
 * registry of its own, which the builder's buildkitd.toml names as the docker.io mirror (the action
 * pulls the builder image through it, and reads the signature from it), under a release tag no other
 * test uses; one has no attestation at all, one is signed with Docker's signing identity by a
 * certificate authority the test made (support/signed-image.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob } from '../support/action.js';
import { ENGINE, expectGone, inspectContainer, sh, tryRun, uniqueName } from '../support/engine.js';
import { type Registry, startRegistry } from '../support/registry.js';
import { makeTestSigner, pushTestImage } from '../support/signed-image.js';

const POLICY_ON = { BUILDX_DEFAULT_POLICY: '1' };
const ARCH = process.arch === 'x64' ? 'amd64' : process.arch;

const jobs: ActionJob[] = [];
const pulled: string[] = [];
function newJob(env: NodeJS.ProcessEnv = {}): ActionJob {
  const job = new ActionJob(env);
  jobs.push(job);
  return job;
}
afterAll(() => {
  for (const j of jobs) j.dispose();
  for (const image of pulled) tryRun('docker', ['rmi', image]);
});

/** A release tag of the policy's (v0.27.0 and later need a signature from that release) that only this test pushes. */
function releaseTag(): string {
  return `v0.27.0-rc${Date.now() % 1e9}${Math.floor(Math.random() * 1000)}`;
}

/** Main refuses, names the image, and leaves nothing: no container, no volume, no buildx entry. */
async function expectRefused(name: string, job: ActionJob, inputs: Record<string, string>, message: RegExp): Promise<string> {
  const main = await job.main({ name, ...inputs });
  expect(main.exitCode).not.toBe(0);
  expect(main.errors).toEqual([expect.stringMatching(message)]);
  expectGone(name);
  await job.post();
  expectGone(name);
  return main.stdout;
}

describe('BUILDX_DEFAULT_POLICY=1 on the containerd image store', () => {
  const onContainerdStore = ENGINE.containerdStore ? test : test.skip;
  let registry: Registry;
  let dir: string;
  beforeAll(async () => {
    if (!ENGINE.containerdStore) return;
    registry = await startRegistry();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-image-policy-'));
  });
  afterAll(async () => {
    await registry?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const throughMirror = () => `[registry."docker.io"]\nmirrors = ["${registry.host}"]\n[registry."${registry.host}"]\nhttp = true\n`;

  onContainerdStore('a moby/buildkit release without attestations is refused before anything is created', async () => {
    const tag = releaseTag();
    await pushTestImage(registry.host, 'moby/buildkit', tag, ARCH);
    pulled.push(`moby/buildkit:${tag}`, `${registry.host}/moby/buildkit:${tag}`);
    const name = uniqueName('imgpol-unsigned');
    const stdout = await expectRefused(
      name,
      newJob(POLICY_ON),
      { 'driver-opts': `image=moby/buildkit:${tag}`, 'buildkitd-config-inline': throughMirror() },
      new RegExp(
        `^failed to verify image docker\\.io/moby/buildkit:${tag}: no signature metadata available for docker\\.io/moby/buildkit:${tag} in ${registry.host}/moby/buildkit: the linux/${ARCH} manifest has no attestation manifest; to use it anyway, set driver-opts allow-untrusted-image=true$`,
      ),
    );
    expect(stdout).toContain(`#1 verifying image docker.io/moby/buildkit:${tag}`);
  });

  onContainerdStore("an image signed with Docker's identity by a CA other than Sigstore's is refused", async () => {
    const tag = releaseTag();
    const signer = makeTestSigner(path.join(dir, tag), `refs/tags/${tag}`);
    await pushTestImage(registry.host, 'moby/buildkit', tag, ARCH, signer);
    pulled.push(`moby/buildkit:${tag}`, `${registry.host}/moby/buildkit:${tag}`);
    const name = uniqueName('imgpol-forged');
    await expectRefused(
      name,
      newJob(POLICY_ON),
      { 'driver-opts': `image=moby/buildkit:${tag}`, 'buildkitd-config-inline': throughMirror() },
      new RegExp(
        `^failed to verify image docker\\.io/moby/buildkit:${tag}: its signature does not verify against Sigstore's trust root: Failed to verify certificate chain$`,
      ),
    );
    // The signature was looked up in the mirror the image came through (the referrers tag schema: the engine never asks for it).
    expect(registry.log()).toMatch(/GET \/v2\/moby\/buildkit\/manifests\/sha256-[0-9a-f]{64} /);
  });

  onContainerdStore(
    'a release from before signing is allowed unsigned, and the builder runs it pinned to the digest the engine has',
    async () => {
      const tag = `v0.26.${Date.now() % 1e9}`;
      sh('docker', ['tag', 'moby/buildkit:buildx-stable-1', `moby/buildkit:${tag}`]);
      pulled.push(`moby/buildkit:${tag}`);
      const digest = JSON.parse(sh('docker', ['image', 'inspect', `moby/buildkit:${tag}`]))[0].Descriptor.digest as string;
      const pinned = `docker.io/moby/buildkit:${tag}@${digest}`;
      const name = uniqueName('imgpol-pinned');
      const job = newJob(POLICY_ON);
      try {
        const main = await job.main({ name, 'pull-policy': 'never', 'driver-opts': `image=moby/buildkit:${tag}` });
        expect(main.errors).toEqual([]);
        const text = `allowed unsigned (${tag} predates signed releases (v0.27.0)), pinned to ${pinned}`;
        expect(main.stdout).toContain(`#1 builder image ${text}`);
        expect(job.summary()).toContain(`| Builder image | ${text} |`);
        expect(inspectContainer(nodeNames(name).container)?.Config.Image).toBe(pinned);
      } finally {
        await job.post();
      }
      expectGone(name);
    },
  );

  onContainerdStore(
    'the local BuildKit image, unsigned: refused; with allow-untrusted-image=true, the builder is made from it unchecked',
    async () => {
      const local = { 'pull-policy': 'never', 'driver-opts': 'image=moby/buildkit:buildx-stable-1' };
      await expectRefused(
        uniqueName('imgpol-local'),
        newJob(POLICY_ON),
        local,
        /^failed to verify image docker\.io\/moby\/buildkit:buildx-stable-1: /,
      );

      const name = uniqueName('imgpol-allow');
      const job = newJob(POLICY_ON);
      try {
        const main = await job.main({ name, ...local, 'driver-opts': `${local['driver-opts']},allow-untrusted-image=true` });
        expect(main.errors).toEqual([]);
        expect(main.stdout).toContain('#1 builder image not verified: allow-untrusted-image=true');
        expect(job.summary()).toContain('| Builder image | not verified: allow-untrusted-image=true |');
      } finally {
        await job.post();
      }
      expectGone(name);
    },
  );
});

describe('BUILDX_DEFAULT_POLICY=1 on the classic image store', () => {
  (ENGINE.containerdStore ? test.skip : test)('the image is used unchecked, as buildx uses it, and the summary says why', async () => {
    const name = uniqueName('imgpol-classic');
    const job = newJob(POLICY_ON);
    try {
      const main = await job.main({ name, 'pull-policy': 'never' });
      expect(main.errors).toEqual([]);
      const why =
        'not verified: the engine uses the classic image store, which gives no image digest to pin (buildx verifies only on the containerd image store)';
      expect(main.stdout).toContain(`#1 builder image ${why}`);
      expect(job.summary()).toContain(`| Builder image | ${why} |`);
    } finally {
      await job.post();
    }
    expectGone(name);
  });
});

test('BUILDX_DEFAULT_POLICY that is not a boolean is refused before anything is created, naming what it accepts', async () => {
  const name = uniqueName('imgpol-gate');
  await expectRefused(
    name,
    newJob({ BUILDX_DEFAULT_POLICY: 'yes' }),
    {},
    /^environment variable BUILDX_DEFAULT_POLICY: invalid value "yes": one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False$/,
  );
});

import { defaultPolicyEnabled } from '../../src/inputs/values.js';
import {
  imageCheckPlan,
  imageCheckRow,
  outcomeText,
  refusalMessage,
  signatureRequirement,
  type SignerFacts,
  signerMismatch,
  signerName,
} from '../../src/node/image-policy.js';
import { dockerSigner } from '../support/signed-image.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const on = { enabled: true, allowUntrusted: false, descriptorDigest: DIGEST };

describe('the BUILDX_DEFAULT_POLICY gate, read as buildx reads it (Go ParseBool)', () => {
  test.each([['1'], ['t'], ['T'], ['TRUE'], ['true'], ['True']])('%s turns it on', (v) => {
    expect(defaultPolicyEnabled({ BUILDX_DEFAULT_POLICY: v })).toBe(true);
  });
  test.each([['0'], ['f'], ['false'], ['FALSE'], ['']])('%p leaves it off', (v) => {
    expect(defaultPolicyEnabled({ BUILDX_DEFAULT_POLICY: v })).toBe(false);
  });
  test('unset: off, as in buildx today', () => {
    expect(defaultPolicyEnabled({})).toBe(false);
  });
  test.each([['yes'], ['on'], ['2'], [' true']])('%p is an error naming the variable and what it accepts', (v) => {
    expect(() => defaultPolicyEnabled({ BUILDX_DEFAULT_POLICY: v })).toThrow(
      `environment variable BUILDX_DEFAULT_POLICY: invalid value ${JSON.stringify(v)}: one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False`,
    );
  });
});

describe('what each moby/buildkit tag requires of the signature (policy/default.rego)', () => {
  test.each([
    'latest',
    'latest-ubuntu',
    'rootless',
    'master',
    'master-rootless',
    'master-ubuntu',
    'nightly',
    'nightly-rootless',
    'nightly-ubuntu',
    'buildx-stable-1',
    'buildx-stable-1-rootless',
    'buildx-stable-12-gpu',
  ])('floating tag %s: any signed build of moby/buildkit', (tag) => {
    expect(signatureRequirement(tag)).toEqual({ kind: 'signed' });
  });
  test.each([
    ['v0.27.0', 'refs/tags/v0.27.0'],
    ['v0.27.0-rootless', 'refs/tags/v0.27.0'],
    ['v0.28.1-rc2-ubuntu', 'refs/tags/v0.28.1-rc2'],
    ['v1.0.0', 'refs/tags/v1.0.0'],
  ])('release %s: signed from %s', (tag, sourceRef) => {
    expect(signatureRequirement(tag)).toEqual({ kind: 'release', sourceRef });
  });
  test.each([
    ['v0.26.3', 'v0.26.3 predates signed releases (v0.27.0)'],
    ['v0.12.0-rootless', 'v0.12.0 predates signed releases (v0.27.0)'],
    ['master-cache', 'tag master-cache is not one the policy covers'],
    ['buildx-stable-1-debug', 'tag buildx-stable-1-debug is not one the policy covers'],
    ['v0.27', 'tag v0.27 is not one the policy covers'],
  ])('%s: allowed unsigned (%s)', (tag, why) => {
    expect(signatureRequirement(tag)).toEqual({ kind: 'none', why });
  });
});

describe('whether the check applies, in buildx order', () => {
  test('off without the gate, whatever else', () => {
    expect(imageCheckPlan('moby/buildkit:buildx-stable-1', { ...on, enabled: false })).toEqual({
      verify: false,
      reason: 'BUILDX_DEFAULT_POLICY is not set, as buildx leaves it by default',
    });
  });
  test('allow-untrusted-image turns it off', () => {
    expect(imageCheckPlan('moby/buildkit:buildx-stable-1', { ...on, allowUntrusted: true })).toEqual({
      verify: false,
      reason: 'allow-untrusted-image=true',
    });
  });
  test('the classic image store gives no descriptor: not checked, as buildx', () => {
    const plan = imageCheckPlan('moby/buildkit:buildx-stable-1', { ...on, descriptorDigest: undefined });
    expect(plan.verify).toBe(false);
    expect(!plan.verify && plan.reason).toMatch(/classic image store/);
  });
  test('a reference by digest alone is already pinned', () => {
    expect(imageCheckPlan(`moby/buildkit@${DIGEST}`, on)).toEqual({ verify: false, reason: 'the image is pinned by digest' });
  });
  test.each(['example.com/moby/buildkit:buildx-stable-1', 'ghcr.io/moby/buildkit:latest', 'moby/buildkit-fork:latest', 'buildkit:latest'])(
    'another repository (%s) is not covered',
    (image) => {
      expect(imageCheckPlan(image, on)).toEqual({ verify: false, reason: 'the policy covers only docker.io/moby/buildkit images' });
    },
  );
  test.each([
    ['moby/buildkit:buildx-stable-1', 'buildx-stable-1'],
    ['docker.io/moby/buildkit:buildx-stable-1', 'buildx-stable-1'],
    ['index.docker.io/moby/buildkit:buildx-stable-1', 'buildx-stable-1'],
    ['registry-1.docker.io/moby/buildkit:buildx-stable-1', 'buildx-stable-1'],
    ['moby/buildkit', 'latest'],
  ])('every spelling of Docker Hub: %s is checked as docker.io/moby/buildkit:%s and pinned to the engine digest', (image, tag) => {
    expect(imageCheckPlan(image, on)).toEqual({
      verify: true,
      ref: `docker.io/moby/buildkit:${tag}`,
      tag,
      digest: DIGEST,
      pinned: `docker.io/moby/buildkit:${tag}@${DIGEST}`,
      requirement: signatureRequirement(tag),
    });
  });
  test('a tag with a digest is still checked (the tag names the release), pinned to what the engine pulled', () => {
    const other = `sha256:${'cd'.repeat(32)}`;
    const plan = imageCheckPlan(`moby/buildkit:v0.27.0@${other}`, on);
    expect(plan).toMatchObject({
      verify: true,
      ref: 'docker.io/moby/buildkit:v0.27.0',
      pinned: `docker.io/moby/buildkit:v0.27.0@${DIGEST}`,
    });
  });
});

describe('the signer, judged as the default policy judges a docker-github-builder signature', () => {
  const docker = dockerSigner('refs/tags/v0.27.0');
  test('a release signed from its own tag passes, and any signed build passes a floating tag', () => {
    expect(signerMismatch(docker, { kind: 'release', sourceRef: 'refs/tags/v0.27.0' })).toBeUndefined();
    expect(signerMismatch({ ...docker, sourceRepositoryRef: 'refs/heads/master' }, { kind: 'signed' })).toBeUndefined();
    expect(
      signerMismatch(
        { ...docker, buildSignerURI: 'https://github.com/docker/github-builder-experimental/.github/workflows/x.yml@refs/heads/main' },
        { kind: 'signed' },
      ),
    ).toBeUndefined();
  });
  test.each<[string, Partial<SignerFacts>, string]>([
    ['another release', { sourceRepositoryRef: 'refs/tags/v0.26.0' }, 'source ref refs/tags/v0.26.0, not refs/tags/v0.27.0'],
    [
      'another repository',
      { sourceRepositoryURI: 'https://github.com/evil/buildkit' },
      'source repository https://github.com/evil/buildkit, not https://github.com/moby/buildkit',
    ],
    ['a self-hosted runner', { runnerEnvironment: 'self-hosted' }, 'runner environment self-hosted, not github-hosted'],
    [
      'another OIDC issuer',
      { issuer: 'https://accounts.google.com' },
      'OIDC issuer https://accounts.google.com, not https://token.actions.githubusercontent.com',
    ],
    [
      'another workflow',
      { subjectAlternativeName: 'https://github.com/moby/buildkit/.github/workflows/build.yml@refs/tags/v0.27.0' },
      "not Docker's github-builder workflow",
    ],
    ['another CA', { certificateIssuer: 'CN=example' }, 'certificate issuer CN=example, not CN=sigstore-intermediate,O=sigstore.dev'],
    ['no timestamp', { timestamps: 0 }, 'no verified timestamp'],
  ])('refused: %s', (_what, change, why) => {
    expect(signerMismatch({ ...docker, ...change }, { kind: 'release', sourceRef: 'refs/tags/v0.27.0' })).toContain(why);
  });
  test('every failed requirement is named', () => {
    expect(signerMismatch({ certificateIssuer: 'CN=x', timestamps: 0 }, { kind: 'signed' })?.split('; ')).toHaveLength(6);
  });
  test("the refusal is buildx's, names the image, and says how to opt out", () => {
    expect(refusalMessage('docker.io/moby/buildkit:v0.27.0', 'v0.27.0', 'why')).toBe(
      'failed to verify image docker.io/moby/buildkit:v0.27.0: image docker.io/moby/buildkit:v0.27.0 is not allowed by default policy: a verified docker-github-builder signature is required for v0.27.0 tag (why); to use it anyway, set driver-opts allow-untrusted-image=true',
    );
  });
  test('the signer as the outcome names it', () => {
    expect(signerName(docker)).toBe("moby/buildkit@v0.27.0, signed by Docker's github-builder workflow");
  });
});

describe('the outcome, in the log and the summary', () => {
  const pinned = `docker.io/moby/buildkit:v0.27.0@${DIGEST}`;
  test.each<[Parameters<typeof outcomeText>[0], string]>([
    [{ kind: 'skipped', reason: 'allow-untrusted-image=true' }, 'not verified: allow-untrusted-image=true'],
    [
      { kind: 'pinned', pinned, why: 'v0.26.3 predates signed releases (v0.27.0)' },
      `allowed unsigned (v0.26.3 predates signed releases (v0.27.0)), pinned to ${pinned}`,
    ],
    [{ kind: 'verified', pinned, signer: 'moby/buildkit@v0.27.0' }, `verified (moby/buildkit@v0.27.0), pinned to ${pinned}`],
  ])('%j', (outcome, text) => {
    expect(outcomeText(outcome)).toBe(text);
    expect(imageCheckRow(outcome)).toEqual(['Builder image', text]);
    expect(imageCheckRow(outcome, 'ci1')).toEqual(['Builder image (ci1)', text]);
  });
});

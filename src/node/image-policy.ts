/**
 * The builder image check of buildx's docker-container driver (buildx 0.36+), pure: whether it
 * applies, what a tag requires of the image's signature, whether a signer meets it, and what the log
 * and the summary say. The engine and registry I/O is image-verify.ts.
 *
 * What buildx does, and this action with it (driver/docker-container/driver.go `create` and
 * `verifiedImageRef`, driver/image.go `VerifyImageRef`, policy/default.go, policy/default.rego,
 * policy/builtins.rego):
 * - Only when `BUILDX_DEFAULT_POLICY` is true (Go's ParseBool); off by default "for now".
 * - Only for a builder container being created, and only when the engine's image inspect carries the
 *   image's descriptor: the containerd image store. Classic-store images are used unverified.
 * - `allow-untrusted-image=true` turns it off for the node.
 * - Only `docker.io/moby/buildkit`, and not a reference pinned by digest without a tag.
 * - The floating tags (latest, rootless, master*, nightly*, latest-ubuntu, buildx-stable-N[-rootless|-gpu])
 *   need a docker-github-builder signature of https://github.com/moby/buildkit; release tags from
 *   v0.27.0 (the first signed release) need one whose source ref is exactly `refs/tags/vX.Y.Z[-rcN]`;
 *   older releases and other tags pass unsigned.
 * - The builder is then created from `docker.io/moby/buildkit:<tag>@<digest>`, the digest of the
 *   image the engine pulled, so what was checked is what runs.
 */
import { parseImageRef } from '../engine/credentials.js';
import { POLICY_GATE } from '../inputs/values.js';

const TRUSTED_REPO = 'docker.io/moby/buildkit';
const TRUSTED_SOURCE = 'https://github.com/moby/buildkit';

/** What the image's signature must show, by tag (policy/default.rego's moby/buildkit rules). */
export type SignatureRequirement =
  /** A floating tag: any signed build of moby/buildkit. */
  | { kind: 'signed' }
  /** A release tag: signed from exactly that release's git tag. */
  | { kind: 'release'; sourceRef: string }
  /** A release before signing began, or a tag the policy does not know: allowed unsigned, still pinned. */
  | { kind: 'none'; why: string };

const FLOATING_TAGS = new Set([
  'latest',
  'latest-ubuntu',
  'rootless',
  'master',
  'master-rootless',
  'master-ubuntu',
  'nightly',
  'nightly-rootless',
  'nightly-ubuntu',
]);

export function signatureRequirement(tag: string): SignatureRequirement {
  if (FLOATING_TAGS.has(tag) || /^buildx-stable-\d+(?:-rootless|-gpu)?$/.test(tag)) return { kind: 'signed' };
  const release = /^(v(\d+)\.(\d+)\.\d+(?:-rc\d+)?)(?:-rootless|-ubuntu)?$/.exec(tag);
  if (!release) return { kind: 'none', why: `tag ${tag} is not one the policy covers` };
  const [, version, major, minor] = release;
  if (Number(major) > 0 || Number(minor) >= 27) return { kind: 'release', sourceRef: `refs/tags/${version}` };
  return { kind: 'none', why: `${version} predates signed releases (v0.27.0)` };
}

/** What decides the check for one node. */
export interface CheckFacts {
  /** The gate (defaultPolicyEnabled). */
  enabled: boolean;
  allowUntrusted: boolean;
  /** The image's digest as the engine's image inspect gives it (`Descriptor`): the containerd image store only. */
  descriptorDigest?: string;
}

export type ImageCheckPlan =
  | { verify: false; reason: string }
  /** `ref` is `docker.io/moby/buildkit:<tag>`, `pinned` the reference the container is created from. */
  | { verify: true; ref: string; tag: string; digest: string; pinned: string; requirement: SignatureRequirement };

/** Whether the check applies to `image`, in buildx's order; the reason when it does not. */
export function imageCheckPlan(image: string, facts: CheckFacts): ImageCheckPlan {
  if (!facts.enabled) return { verify: false, reason: `${POLICY_GATE} is not set, as buildx leaves it by default` };
  if (facts.allowUntrusted) return { verify: false, reason: 'allow-untrusted-image=true' };
  if (!facts.descriptorDigest)
    return {
      verify: false,
      reason:
        'the engine uses the classic image store, which gives no image digest to pin (buildx verifies only on the containerd image store)',
    };
  const parsed = parseImageRef(image);
  if (parsed.digest && parsed.tag === undefined) return { verify: false, reason: 'the image is pinned by digest' };
  const repo = `${parsed.registry}/${parsed.path}`;
  if (repo !== TRUSTED_REPO) return { verify: false, reason: `the policy covers only ${TRUSTED_REPO} images` };
  const tag = parsed.tag ?? 'latest';
  const ref = `${repo}:${tag}`;
  return {
    verify: true,
    ref,
    tag,
    digest: facts.descriptorDigest,
    pinned: `${ref}@${facts.descriptorDigest}`,
    requirement: signatureRequirement(tag),
  };
}

/** What the verified signing certificate says (Fulcio's extensions), as policy-helpers reports a signer. */
export interface SignerFacts {
  /** The certificate's issuer, e.g. "CN=sigstore-intermediate,O=sigstore.dev". */
  certificateIssuer: string;
  subjectAlternativeName?: string;
  /** The OIDC issuer (1.3.6.1.4.1.57264.1.8). */
  issuer?: string;
  buildSignerURI?: string;
  runnerEnvironment?: string;
  sourceRepositoryURI?: string;
  sourceRepositoryRef?: string;
  /** Verified timestamps (transparency log entries). */
  timestamps: number;
}

const SIGSTORE_INTERMEDIATE = 'CN=sigstore-intermediate,O=sigstore.dev';
const GITHUB_OIDC = 'https://token.actions.githubusercontent.com';
/** Docker's reusable signing workflows (policy-helpers' docker-github-builder kind). */
const GITHUB_BUILDER_WORKFLOWS = [
  'https://github.com/docker/github-builder/.github/workflows/',
  'https://github.com/docker/github-builder-experimental/.github/workflows/',
];

/**
 * Why the signer does not meet the requirement, or undefined when it does: a docker-github-builder
 * signature (Docker's signing workflow on a GitHub-hosted runner, through GitHub's OIDC issuer and
 * Sigstore's intermediate, timestamped) of https://github.com/moby/buildkit, from the release's tag
 * for a release tag.
 */
export function signerMismatch(signer: SignerFacts, requirement: SignatureRequirement): string | undefined {
  const fromBuilder = (uri?: string) => GITHUB_BUILDER_WORKFLOWS.some((w) => uri?.startsWith(w));
  const checks: [boolean, string][] = [
    [signer.certificateIssuer === SIGSTORE_INTERMEDIATE, `certificate issuer ${signer.certificateIssuer}, not ${SIGSTORE_INTERMEDIATE}`],
    [signer.issuer === GITHUB_OIDC, `OIDC issuer ${signer.issuer ?? '(none)'}, not ${GITHUB_OIDC}`],
    [
      fromBuilder(signer.buildSignerURI) && fromBuilder(signer.subjectAlternativeName),
      `signed by ${signer.subjectAlternativeName ?? '(no identity)'}, not Docker's github-builder workflow`,
    ],
    [signer.sourceRepositoryURI === TRUSTED_SOURCE, `source repository ${signer.sourceRepositoryURI ?? '(none)'}, not ${TRUSTED_SOURCE}`],
    [signer.runnerEnvironment === 'github-hosted', `runner environment ${signer.runnerEnvironment ?? '(none)'}, not github-hosted`],
    [signer.timestamps > 0, 'no verified timestamp'],
  ];
  if (requirement.kind === 'release')
    checks.push([
      signer.sourceRepositoryRef === requirement.sourceRef,
      `source ref ${signer.sourceRepositoryRef ?? '(none)'}, not ${requirement.sourceRef}`,
    ]);
  const failed = checks.filter(([ok]) => !ok).map(([, why]) => why);
  return failed.length > 0 ? failed.join('; ') : undefined;
}

/** buildx's refusal, with the reason it leaves to its debug log. */
export function refusalMessage(ref: string, tag: string, why: string): string {
  return `failed to verify image ${ref}: image ${ref} is not allowed by default policy: a verified docker-github-builder signature is required for ${tag} tag (${why}); to use it anyway, set driver-opts allow-untrusted-image=true`;
}

export type ImageCheckOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'pinned'; pinned: string; why: string }
  | { kind: 'verified'; pinned: string; signer: string };

/** The outcome as the log and the summary's row say it. */
export function outcomeText(outcome: ImageCheckOutcome): string {
  switch (outcome.kind) {
    case 'skipped':
      return `not verified: ${outcome.reason}`;
    case 'pinned':
      return `allowed unsigned (${outcome.why}), pinned to ${outcome.pinned}`;
    case 'verified':
      return `verified (${outcome.signer}), pinned to ${outcome.pinned}`;
  }
}

/** The signer as the outcome names it, e.g. "moby/buildkit@v0.27.0, signed by docker/github-builder". */
export function signerName(signer: SignerFacts): string {
  const repo = signer.sourceRepositoryURI?.replace(/^https:\/\/github\.com\//, '') ?? '?';
  const ref = signer.sourceRepositoryRef?.replace(/^refs\/(tags|heads)\//, '') ?? '?';
  return `${repo}@${ref}, signed by Docker's github-builder workflow`;
}

/** The builder image check's row (image-policy.ts): verified, pinned, or why not checked; a node's name when the builder has several. */
export function imageCheckRow(outcome: ImageCheckOutcome, node?: string): [string, string] {
  return [node ? `Builder image (${node})` : 'Builder image', outcomeText(outcome)];
}

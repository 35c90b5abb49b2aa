/**
 * The builder image check's I/O (the rules are image-policy.ts): the image's digest from the engine,
 * its signature chain from the registry it was pulled from, the Sigstore bundle verified against
 * Sigstore's public-good trust root (sigstore-bundle.ts, loaded only when a signature is verified),
 * the signer judged by buildx's policy.
 *
 * The signature chain, as buildx reads it (moby/policy-helpers' ResolveSignatureChain and
 * VerifyImage): the image index → the engine platform's manifest → its attestation manifest (index
 * annotations vnd.docker.reference.type=attestation-manifest, vnd.docker.reference.digest) with a SLSA
 * provenance layer and the manifest as subject → a referrer of the attestation manifest holding a
 * Sigstore bundle v0.3, whose artifact is the attestation manifest. The bundle is verified as buildx
 * has sigstore-go verify it (sigstore-bundle.ts).
 *
 * buildx resolves the chain through the BuildKit inside the engine (its gRPC endpoint), so registry
 * access follows the daemon's configuration; this action reads the registry itself, from the Docker
 * Hub mirrors the image was pulled through and then Docker Hub, with the docker config's credentials.
 */
import { registryAuth } from '../engine/credentials.js';
import type { DockerClient } from '../engine/docker-client.js';
import { type Descriptor, type Manifest, type RegistryReader, registryReader } from '../engine/registry.js';
import type { Progress } from '../step/progress.js';
import { errorLine, UserError } from '../util/errors.js';
import {
  type ImageCheckOutcome,
  imageCheckPlan,
  outcomeText,
  refusalMessage,
  type SignerFacts,
  signerMismatch,
  signerName,
} from './image-policy.js';

const ATTESTATION_TYPE = 'vnd.docker.reference.type';
const ATTESTATION_SUBJECT = 'vnd.docker.reference.digest';
const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const PREDICATE_TYPE = 'in-toto.io/predicate-type';
const SLSA_PROVENANCE = ['https://slsa.dev/provenance/v0.2', 'https://slsa.dev/provenance/v1'];
const REGISTRY_TIMEOUT_MS = 30000;

export interface ImageCheckContext {
  docker: DockerClient;
  /** The image as pulled (the node's `image`). */
  image: string;
  enabled: boolean;
  allowUntrusted: boolean;
  /** The Docker Hub mirrors the image may have come through, tried before Docker Hub. */
  mirrors: string[];
  /** The engine's architecture (GOARCH, after platforms.ts's aliases): which manifest's attestation counts. */
  architecture: string;
  progress: Progress;
  signal?: AbortSignal;
}

/** The reference to create the container from, and what the check concluded (for the log and summary). */
export interface ImageCheckResult {
  image: string;
  outcome: ImageCheckOutcome;
}

/** Runs the check; a refusal is a UserError naming the image, before anything is created. */
export async function checkBuilderImage(ctx: ImageCheckContext): Promise<ImageCheckResult> {
  const descriptorDigest = ctx.enabled && !ctx.allowUntrusted ? await engineDigest(ctx.docker, ctx.image) : undefined;
  const plan = imageCheckPlan(ctx.image, { enabled: ctx.enabled, allowUntrusted: ctx.allowUntrusted, descriptorDigest });
  let result: ImageCheckResult;
  if (!plan.verify) result = { image: ctx.image, outcome: { kind: 'skipped', reason: plan.reason } };
  else if (plan.requirement.kind === 'none')
    result = { image: plan.pinned, outcome: { kind: 'pinned', pinned: plan.pinned, why: plan.requirement.why } };
  else {
    const requirement = plan.requirement;
    const signer = await ctx.progress.step(`verifying image ${plan.ref}`, async () => {
      const signer = await verifiedSigner(ctx, plan.ref, plan.digest);
      const mismatch = signerMismatch(signer, requirement);
      if (mismatch) throw new UserError(refusalMessage(plan.ref, plan.tag, mismatch));
      return signer;
    });
    result = { image: plan.pinned, outcome: { kind: 'verified', pinned: plan.pinned, signer: signerName(signer) } };
  }
  ctx.progress.note(`builder image ${outcomeText(result.outcome)}`);
  return result;
}

/** The image index digest the containerd image store reports (`Descriptor`); none from the classic store. */
async function engineDigest(docker: DockerClient, image: string): Promise<string | undefined> {
  const inspect = (await docker.getImage(image).inspect()) as { Descriptor?: { digest?: string } };
  return inspect.Descriptor?.digest;
}

/** The signer of the first bundle that verifies, from the first registry that has the index. */
async function verifiedSigner(ctx: ImageCheckContext, ref: string, digest: string): Promise<SignerFacts> {
  const { auth } = await registryAuth(ref);
  const readers = [...ctx.mirrors, 'docker.io'].map((host) =>
    registryReader({
      host,
      repository: 'moby/buildkit',
      auth: host === 'docker.io' ? auth : undefined,
      signal: ctx.signal,
      timeoutMs: REGISTRY_TIMEOUT_MS,
    }),
  );
  const unreachable: string[] = [];
  for (const reader of readers) {
    let index: Buffer;
    try {
      index = await reader.manifest(digest);
    } catch (err) {
      unreachable.push(`${reader.where}: ${errorLine(err)}`);
      continue;
    }
    return signerFromChain(reader, ref, index, ctx.architecture);
  }
  throw new UserError(
    `failed to verify image ${ref}: no registry has its index ${digest} to read the signature from (${unreachable.join('; ')})`,
  );
}

async function signerFromChain(reader: RegistryReader, ref: string, indexBytes: Buffer, architecture: string): Promise<SignerFacts> {
  const unsigned = (why: string) =>
    new UserError(
      `failed to verify image ${ref}: no signature metadata available for ${ref} in ${reader.where}: ${why}; to use it anyway, set driver-opts allow-untrusted-image=true`,
    );
  const index = JSON.parse(indexBytes.toString()) as Manifest;
  if (!index.manifests) throw unsigned('the image is a single manifest, not an index with attestations');
  const manifest = index.manifests.find((d) => d.platform?.os === 'linux' && d.platform.architecture === architecture);
  if (!manifest) throw unsigned(`the index has no linux/${architecture} manifest`);
  const attestation = index.manifests.find(
    (d) => d.annotations?.[ATTESTATION_TYPE] === 'attestation-manifest' && d.annotations[ATTESTATION_SUBJECT] === manifest.digest,
  );
  if (!attestation) throw unsigned(`the linux/${architecture} manifest has no attestation manifest`);
  const attestationBytes = await reader.manifest(attestation.digest);
  const attested = JSON.parse(attestationBytes.toString()) as Manifest;
  if (attested.subject?.digest !== manifest.digest || attested.subject.size !== manifest.size)
    throw unsigned(`attestation manifest ${attestation.digest} is not about ${manifest.digest}`);
  if (!attested.layers?.some((l) => SLSA_PROVENANCE.includes(l.annotations?.[PREDICATE_TYPE] ?? '')))
    throw unsigned(`attestation manifest ${attestation.digest} has no SLSA provenance`);
  const bundles = (await reader.referrers(attestation.digest)).filter((d) => d.artifactType === SIGSTORE_BUNDLE);
  if (bundles.length === 0) throw unsigned(`attestation manifest ${attestation.digest} has no Sigstore bundle referrer`);
  const failures: string[] = [];
  for (const referrer of bundles) {
    try {
      return await verifyBundle(reader, referrer, attestation, attestationBytes);
    } catch (err) {
      failures.push(errorLine(err));
    }
  }
  throw new UserError(`failed to verify image ${ref}: its signature does not verify against Sigstore's trust root: ${failures.join('; ')}`);
}

/** One signature manifest: its bundle verified over the attestation manifest, and the signer it names. */
async function verifyBundle(
  reader: RegistryReader,
  referrer: Descriptor,
  attestation: Descriptor,
  attestationBytes: Buffer,
): Promise<SignerFacts> {
  const signature = JSON.parse((await reader.manifest(referrer.digest)).toString()) as Manifest;
  if (signature.subject?.digest !== attestation.digest || signature.subject.size !== attestation.size)
    throw new Error(`signature manifest ${referrer.digest} is not about ${attestation.digest}`);
  const layer = signature.layers?.[0];
  if (layer?.mediaType !== SIGSTORE_BUNDLE) throw new Error(`signature manifest ${referrer.digest} holds no Sigstore bundle`);
  const bundle: unknown = JSON.parse((await reader.blob(layer.digest)).toString());
  const { verifySigstoreBundle } = await import('./sigstore-bundle.js');
  return verifySigstoreBundle(bundle, attestationBytes, attestation.digest);
}

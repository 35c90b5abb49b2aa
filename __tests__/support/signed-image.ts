/**
 * Builder images the tests sign themselves, for the builder image check (src/node/image-policy.ts):
 * the harness's BuildKit image is built here and cannot carry Docker's signature, so the tests prove
 * that the check runs and refuses, with images made here: a tiny image index pushed to a test
 * registry, with or without the attestation manifest and the Sigstore bundle referrer that Docker's
 * signed moby/buildkit releases carry. The bundle is signed by a certificate authority made here
 * (openssl) with the very identity Docker's signing workflow has, so the one thing wrong with it is
 * that Sigstore's trust root did not issue it.
 */
import { createHash, createSign } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

import type { SignerFacts } from '../../src/node/image-policy.js';
import { sh } from './engine.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const GITHUB_BUILDER = 'https://github.com/docker/github-builder/.github/workflows/bake.yml@refs/heads/main';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  platform?: { os: string; architecture: string };
}

function describe(mediaType: string, bytes: Buffer, extra: Partial<Descriptor> = {}): Descriptor {
  return { mediaType, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length, ...extra };
}

/** What a certificate of Docker's signing workflow for a moby/buildkit build from `sourceRef` says, as the policy reads it. */
export function dockerSigner(sourceRef: string): SignerFacts {
  return {
    certificateIssuer: 'CN=sigstore-intermediate,O=sigstore.dev',
    subjectAlternativeName: GITHUB_BUILDER,
    issuer: 'https://token.actions.githubusercontent.com',
    buildSignerURI: GITHUB_BUILDER,
    runnerEnvironment: 'github-hosted',
    sourceRepositoryURI: 'https://github.com/moby/buildkit',
    sourceRepositoryRef: sourceRef,
    timestamps: 1,
  };
}

/** A Fulcio-style signing certificate (DER) and its key (PEM), from a CA made in `dir`. */
export interface TestSigner {
  certificate: Buffer;
  key: string;
}

/**
 * A CA named as Sigstore's intermediate, and a leaf with every Fulcio extension Docker's signing
 * workflow has for a moby/buildkit release from `sourceRef` (refs/tags/vX.Y.Z).
 */
export function makeTestSigner(dir: string, sourceRef: string): TestSigner {
  fs.mkdirSync(dir, { recursive: true });
  const at = (f: string) => path.join(dir, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  sh('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/O=sigstore.dev/CN=sigstore-intermediate',
  ]);
  sh('openssl', ['req', '-new', ...ec, '-keyout', at('leaf.key'), '-out', at('leaf.csr'), '-subj', '/']);
  const identity = dockerSigner(sourceRef);
  fs.writeFileSync(
    at('leaf.ext'),
    [
      `subjectAltName = URI:${identity.subjectAlternativeName}`,
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = codeSigning',
      `1.3.6.1.4.1.57264.1.8 = ASN1:UTF8String:${identity.issuer}`,
      `1.3.6.1.4.1.57264.1.9 = ASN1:UTF8String:${identity.buildSignerURI}`,
      `1.3.6.1.4.1.57264.1.11 = ASN1:UTF8String:${identity.runnerEnvironment}`,
      `1.3.6.1.4.1.57264.1.12 = ASN1:UTF8String:${identity.sourceRepositoryURI}`,
      `1.3.6.1.4.1.57264.1.14 = ASN1:UTF8String:${sourceRef}`,
      '',
    ].join('\n'),
  );
  sh('openssl', [
    'x509',
    '-req',
    '-in',
    at('leaf.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    at('leaf.ext'),
    '-outform',
    'DER',
    '-out',
    at('leaf.der'),
  ]);
  return { certificate: fs.readFileSync(at('leaf.der')), key: fs.readFileSync(at('leaf.key'), 'utf8') };
}

/** A Sigstore bundle v0.3 signing `artifact` (a message signature) with a transparency log entry of the test's own. */
export function signedBundle(artifact: Buffer, signer: TestSigner): object {
  const signature = createSign('sha256').update(artifact).sign(signer.key);
  const b64 = (b: Buffer) => b.toString('base64');
  const now = Math.floor(Date.now() / 1000);
  return {
    mediaType: SIGSTORE_BUNDLE,
    verificationMaterial: {
      certificate: { rawBytes: b64(signer.certificate) },
      tlogEntries: [
        {
          logIndex: '1',
          logId: { keyId: b64(createHash('sha256').update('setup-buildkit test log').digest()) },
          kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
          integratedTime: String(now),
          inclusionPromise: { signedEntryTimestamp: b64(signature) },
          inclusionProof: {
            logIndex: '1',
            rootHash: b64(createHash('sha256').update(artifact).digest()),
            treeSize: '2',
            hashes: [],
            checkpoint: { envelope: `test log\n2\n${b64(createHash('sha256').update(artifact).digest())}\n` },
          },
          canonicalizedBody: b64(Buffer.from('{}')),
        },
      ],
      timestampVerificationData: {},
    },
    messageSignature: {
      messageDigest: { algorithm: 'SHA2_256', digest: b64(createHash('sha256').update(artifact).digest()) },
      signature: b64(signature),
    },
  };
}

async function put(url: string, body: Buffer, contentType?: string): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body, headers: contentType ? { 'Content-Type': contentType } : {} });
  if (!response.ok) throw new Error(`PUT ${url}: ${response.status} ${await response.text()}`);
}

async function pushBlob(registry: string, repo: string, bytes: Buffer): Promise<void> {
  const start = await fetch(`http://${registry}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload to ${registry}/${repo}: ${start.status}`);
  const location = new URL(start.headers.get('location')!, `http://${registry}`);
  location.searchParams.set('digest', describe('', bytes).digest);
  await put(location.toString(), bytes, 'application/octet-stream');
}

async function pushManifest(registry: string, repo: string, reference: string, bytes: Buffer, mediaType: string): Promise<void> {
  await put(`http://${registry}/v2/${repo}/manifests/${reference}`, bytes, mediaType);
}

/**
 * Pushes `repo:tag` to the plain-HTTP registry `registry`: an index with one linux/`architecture`
 * image (an empty layer: it is never run) and, with `signer`, its attestation manifest (SLSA
 * provenance) and a Sigstore bundle referrer of that attestation, kept under the referrers tag
 * schema (`sha256-<hex>`) as registries without the referrers API keep them. Returns the index digest.
 */
export async function pushTestImage(
  registry: string,
  repo: string,
  tag: string,
  architecture: string,
  signer?: TestSigner,
): Promise<string> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const tar = Buffer.alloc(1024);
  const layer = gzipSync(tar);
  const config = json({
    architecture,
    os: 'linux',
    config: { Cmd: ['/buildkitd'] },
    rootfs: { type: 'layers', diff_ids: [describe('', tar).digest] },
  });
  for (const blob of [layer, config]) await pushBlob(registry, repo, blob);
  const image = json({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: describe(OCI_CONFIG, config),
    layers: [describe('application/vnd.oci.image.layer.v1.tar+gzip', layer)],
  });
  const imageDesc = describe(OCI_MANIFEST, image, { platform: { os: 'linux', architecture } });
  await pushManifest(registry, repo, imageDesc.digest, image, OCI_MANIFEST);
  const manifests: Descriptor[] = [imageDesc];
  if (signer) {
    const provenance = json({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://slsa.dev/provenance/v1', subject: [] });
    const empty = Buffer.from('{}');
    for (const blob of [provenance, empty]) await pushBlob(registry, repo, blob);
    const attestation = json({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: describe(OCI_EMPTY, empty),
      layers: [
        describe('application/vnd.in-toto+json', provenance, {
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' },
        }),
      ],
      subject: { mediaType: OCI_MANIFEST, digest: imageDesc.digest, size: imageDesc.size },
    });
    const attestationDesc = describe(OCI_MANIFEST, attestation, {
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': imageDesc.digest },
    });
    await pushManifest(registry, repo, attestationDesc.digest, attestation, OCI_MANIFEST);
    manifests.push(attestationDesc);
    const bundle = json(signedBundle(attestation, signer));
    await pushBlob(registry, repo, bundle);
    const signature = json({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: SIGSTORE_BUNDLE,
      config: describe(OCI_EMPTY, empty),
      layers: [describe(SIGSTORE_BUNDLE, bundle)],
      subject: { mediaType: OCI_MANIFEST, digest: attestationDesc.digest, size: attestationDesc.size },
    });
    const signatureDesc = describe(OCI_MANIFEST, signature, { artifactType: SIGSTORE_BUNDLE });
    await pushManifest(registry, repo, signatureDesc.digest, signature, OCI_MANIFEST);
    const referrers = json({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [signatureDesc] });
    await pushManifest(registry, repo, attestationDesc.digest.replace(':', '-'), referrers, OCI_INDEX);
  }
  const index = json({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
  await pushManifest(registry, repo, tag, index, OCI_INDEX);
  return describe(OCI_INDEX, index).digest;
}

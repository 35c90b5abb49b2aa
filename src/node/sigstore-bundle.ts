/**
 * One Sigstore bundle (v0.3) verified as buildx has sigstore-go verify a docker-github-builder
 * signature (moby/policy-helpers' VerifyImage): against Sigstore's public-good trust root, with the
 * certificate chain to Fulcio, at least one transparency log entry, one signed certificate timestamp
 * and one verified timestamp, over the artifact it signs; then the signer its Fulcio certificate
 * names. Imported only when a builder image is verified: @sigstore/verify is its own chunk.
 *
 * The trust root (trust/sigstore-trusted-root.json) is the `trusted_root.json` target that
 * @sigstore/tuf 4.0.2 ships in its seeds.json for https://tuf-repo-cdn.sigstore.dev; buildx embeds the
 * same root and refreshes it through TUF at run time. Here it is refreshed with the action's releases.
 */
import { X509Certificate as NodeX509 } from 'node:crypto';

import { type Bundle, bundleFromJSON } from '@sigstore/bundle';
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';

import type { SignerFacts } from './image-policy.js';
import trustedRootJson from './trust/sigstore-trusted-root.json' with { type: 'json' };

/** Fulcio's certificate extensions (sigstore/fulcio docs/oid-info.md). */
const FULCIO = {
  issuer: '1.3.6.1.4.1.57264.1.8',
  buildSignerURI: '1.3.6.1.4.1.57264.1.9',
  runnerEnvironment: '1.3.6.1.4.1.57264.1.11',
  sourceRepositoryURI: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryRef: '1.3.6.1.4.1.57264.1.14',
} as const;

/**
 * Verifies the bundle (JSON) over `artifact`, whose sha256 is `artifactDigest`: a message signature
 * signs the artifact's bytes, a DSSE envelope an in-toto statement whose subject must be the artifact.
 * Throws what does not verify; returns the signer.
 */
export function verifySigstoreBundle(json: unknown, artifact: Buffer, artifactDigest: string): SignerFacts {
  const bundle = bundleFromJSON(json);
  if (bundle.content.$case === 'dsseEnvelope') {
    const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString()) as { subject?: { digest?: Record<string, string> }[] };
    const hex = artifactDigest.replace(/^sha256:/, '');
    if (!statement.subject?.some((s) => s.digest?.sha256 === hex)) throw new Error(`the signed statement is not about ${artifactDigest}`);
  }
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(trustedRootJson)), {
    tlogThreshold: 1,
    ctlogThreshold: 1,
    timestampThreshold: 1,
  });
  verifier.verify(toSignedEntity(bundle, bundle.content.$case === 'messageSignature' ? artifact : undefined));
  return certificateSigner(leafCertificate(bundle), bundle.verificationMaterial.tlogEntries.length);
}

function leafCertificate(bundle: Bundle): Buffer<ArrayBuffer> {
  const material = bundle.verificationMaterial.content;
  const leaf =
    material.$case === 'certificate'
      ? material.certificate.rawBytes
      : material.$case === 'x509CertificateChain'
        ? material.x509CertificateChain.certificates[0]?.rawBytes
        : undefined;
  if (!leaf) throw new Error('the bundle is signed by a key, not a Fulcio certificate');
  return Buffer.from(leaf);
}

/** The signer a Fulcio certificate (DER) names; `timestamps`, how many verified timestamps the signature has. */
export function certificateSigner(der: Buffer<ArrayBuffer>, timestamps: number): SignerFacts {
  const cert = X509Certificate.parse(der);
  // The extension's value is a DER UTF8String (Fulcio's v2 extensions): its content is the text.
  const extension = (oid: string) => {
    const ext = cert.extension(oid);
    return ext && ASN1Obj.parseBuffer(Buffer.from(ext.value)).value.toString('utf8');
  };
  // Node lists the issuer one attribute a line, outermost first; sigstore-go writes it as a DN, innermost first.
  const issuer = new NodeX509(der).issuer.split('\n').reverse().join(',');
  return {
    certificateIssuer: issuer,
    subjectAlternativeName: cert.subjectAltName,
    issuer: extension(FULCIO.issuer),
    buildSignerURI: extension(FULCIO.buildSignerURI),
    runnerEnvironment: extension(FULCIO.runnerEnvironment),
    sourceRepositoryURI: extension(FULCIO.sourceRepositoryURI),
    sourceRepositoryRef: extension(FULCIO.sourceRepositoryRef),
    timestamps,
  };
}

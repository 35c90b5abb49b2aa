/**
 * The Sigstore bundle check against a signer made here (support/signed-image.ts): its certificate
 * carries Docker's signing identity, read back field for field, and the bundle is refused because
 * Sigstore's trust root did not issue it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { signerMismatch } from '../../src/node/image-policy.js';
import { certificateSigner, verifySigstoreBundle } from '../../src/node/sigstore-bundle.js';
import { dockerSigner, makeTestSigner, signedBundle, type TestSigner } from '../support/signed-image.js';

let dir: string;
let signer: TestSigner;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-signer-'));
  signer = makeTestSigner(dir, 'refs/tags/v0.27.0');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the certificate's Fulcio extensions and issuer are read as sigstore-go reports them", () => {
  const facts = certificateSigner(Buffer.from(signer.certificate), 1);
  expect(facts).toEqual(dockerSigner('refs/tags/v0.27.0'));
  // The identity is exactly what the policy asks for: only the trust root stands between it and a pass.
  expect(signerMismatch(facts, { kind: 'release', sourceRef: 'refs/tags/v0.27.0' })).toBeUndefined();
});

test('a bundle signed with that identity by a CA other than Sigstore is refused', () => {
  const artifact = Buffer.from('{"schemaVersion":2}');
  expect(() => verifySigstoreBundle(signedBundle(artifact, signer), artifact, 'sha256:00')).toThrow('Failed to verify certificate chain');
});

test('a bundle that is not one is refused', () => {
  expect(() =>
    verifySigstoreBundle({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }, Buffer.from(''), 'sha256:00'),
  ).toThrow();
});

/**
 * The restore's check of a bundle against the names of its pieces, on the bundle's tar as it flows
 * from zstd to the engine. A bundle's tar is its members' archives one after the other, each whole
 * (state-pieces.ts): each member's bytes hash to its name. The engine's tar reader stops at the first
 * end of archive, so the check passes on each member without its end and ends the stream with one.
 *
 * A member whose bytes do not hash to its name stops the flow there: what follows is read and
 * dropped, and the stream ends on a member's boundary, so the engine takes a well-formed archive and
 * the caller learns of the mismatch from `failure` (it empties the volume: a state is restored whole
 * or not at all). Hashing here costs no second read: the bytes pass through this process anyway.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

import { type PieceDigest, TAR_END } from './state-pieces.js';

export class PieceCheck extends Transform {
  /** Why the bundle is not what its manifest names, once that is known. */
  failure?: string;
  private member = 0;
  private taken = 0;
  private hash: Hash = createHash('sha256');

  constructor(private readonly members: PieceDigest[]) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let at = 0;
    while (at < chunk.length) {
      const m = this.members[this.member];
      if (!m) {
        this.failure ??= `the bundle holds more than its ${this.members.length} pieces`;
        break;
      }
      const n = Math.min(chunk.length - at, m.bytes - this.taken);
      const bytes = chunk.subarray(at, at + n);
      this.hash.update(bytes);
      // The member's own end of archive stays here; one ends the whole stream.
      const kept = Math.max(0, Math.min(n, m.bytes - TAR_END - this.taken));
      if (!this.failure && kept > 0) this.push(bytes.subarray(0, kept));
      this.taken += n;
      at += n;
      if (this.taken === m.bytes) this.endOf(m);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.failure && this.member < this.members.length) {
      // Cut inside a member: no end is added, the engine sees a truncated archive.
      this.failure = `the bundle ends inside piece ${this.members[this.member].id.slice(0, 12)}`;
      return done();
    }
    // Whole, or stopped at a member's boundary by a failure: a well-formed end either way.
    this.push(Buffer.alloc(TAR_END));
    done();
  }

  private endOf(m: PieceDigest): void {
    const digest = this.hash.digest('hex');
    if (digest !== m.id)
      this.failure ??= `piece ${m.id.slice(0, 12)} does not hold what its name says (its bytes hash to ${digest.slice(0, 12)})`;
    this.member++;
    this.taken = 0;
    this.hash = createHash('sha256');
  }
}

import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * A file streamed between a laptop and the hub, checked as it passes: its bytes counted and hashed
 * (SHA-256), and the stream failed with `tooLarge()` as soon as more than `limit` bytes went through,
 * so neither side ever writes more than the record named.
 */
export function hashingMeter(limit: number, tooLarge: () => Error) {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) return done(tooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return {
    stream,
    /** Bytes that went through, counting the one chunk that went over the limit. */
    get bytes() {
      return bytes;
    },
    /** The SHA-256 of what went through, in hex (once, at the end). */
    sha256: () => hash.digest('hex'),
  };
}

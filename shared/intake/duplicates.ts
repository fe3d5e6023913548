import { fold } from '../text/fold.ts';

/**
 * The same text in two files (a DOCX and the PDF exported from it): compared by word
 * shingles, runs of five words, which survive a different page layout, running heads
 * and tables laid out in another order. A sample of them (those whose hash falls in one
 * bucket of eight) keeps the comparison light on a 300-page document.
 */
const SHINGLE = 5;
const SAMPLE = 8;

function hash(text: string): number {
  // FNV-1a, 32 bits.
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export function shingles(texts: readonly string[]): Set<number> {
  const words = fold(texts.join('\n')).match(/[\p{L}\p{N}]+/gu) ?? [];
  // A shingle's hash from its words' hashes (a polynomial over them): no string is built per shingle.
  const wordHashes = words.map(hash);
  const sample = new Set<number>();
  for (let index = 0; index + SHINGLE <= wordHashes.length; index += 1) {
    let value = 0;
    for (let offset = 0; offset < SHINGLE; offset += 1)
      value = (Math.imul(value, 0x01000193) + (wordHashes[index + offset] as number)) >>> 0;
    if (value % SAMPLE === 0) sample.add(value);
  }
  return sample;
}

/** How much of the smaller text the other contains (0–1). */
export function containment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const value of small) if (large.has(value)) shared += 1;
  return shared / small.size;
}

/** Two files hold the same document when most of the shorter's shingles are in the other, and their lengths are alike. */
export const SAME_DOCUMENT = 0.7;

export function isSameDocument(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  const sizes = [a.size, b.size].sort((x, y) => x - y) as [number, number];
  return sizes[0] >= 20 && sizes[0] >= sizes[1] * 0.5 && containment(a, b) >= SAME_DOCUMENT;
}

import { inflateRawSync } from 'node:zlib';

/**
 * Look inside a zip (XLSX, DOCX) before a library inflates all of it in memory: count
 * the entries, add up what they unpack to, and check by actually inflating each entry,
 * capped at the size it declares, that none unpacks to more. A small "zip bomb" is
 * refused here instead of taking the process down.
 */
export interface ZipLimits {
  maxEntries: number;
  /** Bytes, all entries unpacked together. */
  maxUnpacked: number;
}

export type ZipVerdict =
  | { ok: true; entries: number; unpacked: number; names: string[] }
  | { ok: false; reason: 'not_zip' | 'too_many_entries' | 'too_large' | 'encrypted' | 'corrupt'; detail: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= earliest; at -= 1) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

export function inspectZip(data: Uint8Array, limits: ZipLimits): ZipVerdict {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 22 || view.getUint32(0, true) !== LOCAL) {
    return { ok: false, reason: 'not_zip', detail: 'no zip signature' };
  }
  const end = findEndOfCentralDirectory(view);
  if (end < 0) return { ok: false, reason: 'corrupt', detail: 'no end of central directory' };
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    return { ok: false, reason: 'too_large', detail: 'zip64 archives are not accepted' };
  }
  if (count > limits.maxEntries) return { ok: false, reason: 'too_many_entries', detail: `${count} entries` };

  let unpacked = 0;
  const names: string[] = [];
  let at = directoryOffset;
  for (let entry = 0; entry < count; entry += 1) {
    if (at + 46 > data.byteLength || view.getUint32(at, true) !== CENTRAL) {
      return { ok: false, reason: 'corrupt', detail: `bad central directory entry ${entry}` };
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const declared = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (flags & 0x1) return { ok: false, reason: 'encrypted', detail: `entry ${entry} is encrypted` };
    names.push(new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength)));
    unpacked += declared;
    if (unpacked > limits.maxUnpacked) return { ok: false, reason: 'too_large', detail: `more than ${limits.maxUnpacked} bytes unpacked` };

    if (localOffset + 30 > data.byteLength || view.getUint32(localOffset, true) !== LOCAL) {
      return { ok: false, reason: 'corrupt', detail: `bad local header for entry ${entry}` };
    }
    const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const body = data.subarray(start, start + compressed);
    if (body.byteLength !== compressed) return { ok: false, reason: 'corrupt', detail: `entry ${entry} is cut short` };
    if (method === 8) {
      try {
        // Never more than the entry admits to: a lying header is caught here, with memory bounded.
        const inflated = inflateRawSync(body, { maxOutputLength: Math.max(1, declared) });
        if (inflated.byteLength !== declared) return { ok: false, reason: 'corrupt', detail: `entry ${entry} size mismatch` };
      } catch (error) {
        const tooBig = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
        return { ok: false, reason: tooBig ? 'too_large' : 'corrupt', detail: `entry ${entry}: ${(error as Error).message}` };
      }
    } else if (method === 0) {
      if (compressed !== declared) return { ok: false, reason: 'corrupt', detail: `stored entry ${entry} size mismatch` };
    } else {
      return { ok: false, reason: 'corrupt', detail: `entry ${entry} uses compression method ${method}` };
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries: count, unpacked, names };
}

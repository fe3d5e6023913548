import type { DocumentKind } from '../../../shared/intake/model.ts';
import { inspectZip, type ZipLimits, type ZipVerdict } from '../platform/zip-guard.ts';

/** What a file really is, from its bytes; the name a user gave it is only a hint. */
export type Sniffed =
  | { kind: DocumentKind; zip?: Extract<ZipVerdict, { ok: true }> }
  | { kind: 'unsafe_archive'; detail: string }
  | { kind: 'encrypted_office' }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'other'; detected: string };

const starts = (data: Uint8Array, ...bytes: number[]) => bytes.every((byte, index) => data[index] === byte);

/** Office documents may unpack to tens of megabytes (embedded images); a masterplan never to gigabytes. */
export const OFFICE_LIMITS: ZipLimits = { maxEntries: 20_000, maxUnpacked: 1024 * 1024 * 1024 };

export function sniff(data: Uint8Array, limits: ZipLimits = OFFICE_LIMITS): Sniffed {
  if (starts(data, 0x25, 0x50, 0x44, 0x46)) return { kind: 'pdf' };
  // A PDF may have a few bytes of junk before its header; pdf.js reads those too.
  if (new TextDecoder('latin1').decode(data.subarray(0, 1024)).includes('%PDF-')) return { kind: 'pdf' };
  if (starts(data, 0x50, 0x4b, 0x03, 0x04)) {
    const verdict = inspectZip(data, limits);
    if (!verdict.ok) {
      if (verdict.reason === 'too_large' || verdict.reason === 'too_many_entries')
        return { kind: 'unsafe_archive', detail: verdict.detail };
      return { kind: 'corrupt', detail: verdict.detail };
    }
    if (verdict.names.some((name) => name.startsWith('word/'))) return { kind: 'docx', zip: verdict };
    if (verdict.names.some((name) => name.startsWith('xl/'))) return { kind: 'xlsx', zip: verdict };
    return { kind: 'other', detected: 'zip' };
  }
  // Encrypted DOCX/XLSX are OLE compound files holding an EncryptedPackage; old .doc/.xls are OLE too.
  if (starts(data, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    const ascii = new TextDecoder('utf-16le').decode(data.subarray(0, Math.min(data.length, 65_536)));
    return ascii.includes('EncryptedPackage') ? { kind: 'encrypted_office' } : { kind: 'other', detected: 'legacy_office' };
  }
  if (starts(data, 0x89, 0x50, 0x4e, 0x47)) return { kind: 'other', detected: 'png' };
  if (starts(data, 0xff, 0xd8, 0xff)) return { kind: 'other', detected: 'jpeg' };
  if (starts(data, 0x7b) || starts(data, 0x3c)) return { kind: 'other', detected: 'text' };
  return { kind: 'other', detected: 'unknown' };
}

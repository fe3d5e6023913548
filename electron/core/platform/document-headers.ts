import { DOCUMENT_TYPES, SECURITY_HEADERS } from './security-headers.ts';

/**
 * Headers for a document's stored file. Document ids can come back after a removal, so the
 * browser may keep a copy only by the content's hash (ETag) and must ask before reusing it.
 */
export function documentHeaders(file: { kind: keyof typeof DOCUMENT_TYPES; sha256: string }) {
  return {
    ...SECURITY_HEADERS,
    'Content-Type': DOCUMENT_TYPES[file.kind],
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-cache',
    ETag: `"${file.sha256}"`,
  };
}

import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../shared/sync/canonical.ts';
import type { RecordBody, SignedRecord } from '../../../shared/sync/record.ts';

/**
 * Records are signed with Ed25519 over a domain prefix and their exact text, so a record
 * signature can never pass for an assessment file's or a join proof's, and the other way round.
 */
const RECORD_SIGNING_PREFIX = 'timbang.record.v1\n';

/** The record's key everywhere: the first 22 characters of base64url(SHA-256(text)), 132 bits. */
export function recordIdOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

export type RecordSigner = (text: string) => Uint8Array;

export function recordSigner(privateKeyPem: string): RecordSigner {
  const key = createPrivateKey(privateKeyPem);
  return (text) => new Uint8Array(sign(null, Buffer.from(RECORD_SIGNING_PREFIX + text), key));
}

const publicKeys = new Map<string, KeyObject | null>();

function publicKeyOf(pem: string): KeyObject | null {
  let key = publicKeys.get(pem);
  if (key === undefined) {
    try {
      key = createPublicKey(pem);
    } catch {
      key = null;
    }
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(pem, key);
  }
  return key;
}

/** True when the signature is that key's over the record's text; false for any malformed key or signature. */
export function verifyRecordSignature(publicKeyPem: string, text: string, signature: Uint8Array): boolean {
  const key = publicKeyOf(publicKeyPem);
  if (!key || signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(RECORD_SIGNING_PREFIX + text), key, signature);
  } catch {
    return false;
  }
}

export function signRecord(body: RecordBody, signer: RecordSigner): SignedRecord {
  const text = canonicalJson(body);
  return { id: recordIdOf(text), text, signature: signer(text) };
}

/** The hub's signer name: `hub:` and the first 16 hex digits of SHA-256 of its public key (SPKI DER). */
export function hubFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

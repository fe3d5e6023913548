import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { query } from '../db/query.ts';

/**
 * What leaves this laptop is signed with its person's Ed25519 key (made once, migration 6),
 * so that whoever receives it can tell it comes unaltered from that person. The signed text
 * is the compact JSON of the document without its `signature` field.
 */
export function signedText(document: Record<string, unknown>): string {
  const { signature: _signature, ...rest } = document;
  return JSON.stringify(rest);
}

export function signDocument(db: Db, document: Record<string, unknown>): string {
  const row = query<{ private_key: string }>(
    db,
    'SELECT lp.private_key FROM identity i JOIN local_person lp ON lp.person_id = i.person_id WHERE i.id = 1',
  ).get();
  if (!row) throw new Error('this workspace has no identity');
  return sign(null, Buffer.from(signedText(document)), createPrivateKey(row.private_key)).toString('base64');
}

/** True when the signature is the key's over the document; false for any malformed key or signature. */
export function verifyDocument(publicKey: string, document: Record<string, unknown>, signature: string): boolean {
  try {
    return verify(null, Buffer.from(signedText(document)), createPublicKey(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

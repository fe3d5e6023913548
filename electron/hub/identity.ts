import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, createPrivateKey, createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { hubFingerprint, recordSigner, type RecordSigner } from '../core/sync/signed-record.ts';

/** The file in the hub's data folder that holds its Ed25519 private key (PKCS#8 PEM, mode 0600). */
export const HUB_KEY_FILE = 'hub-key.pem';

export interface HubIdentity {
  /** SPKI PEM. */
  publicKey: string;
  /** The first 16 hex digits of SHA-256 of the public key (SPKI DER); tokens carry it to pin the hub. */
  fingerprint: string;
  /** The author of the hub's own records: `hub:<fingerprint>`. */
  author: string;
  sign: RecordSigner;
}

/**
 * The hub's key, made once in its data folder on first start and read on every later one. The
 * file is written exclusively (`wx`), so two hubs started at once in one folder cannot end up
 * with two keys; the loser reads the winner's.
 */
export function loadHubIdentity(dataDir: string): HubIdentity {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, HUB_KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    try {
      writeFileSync(file, privateKey, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  const privatePem = readFileSync(file, 'utf8');
  const publicKey = createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = hubFingerprint(publicKey);
  return { publicKey, fingerprint, author: `hub:${fingerprint}`, sign: recordSigner(privatePem) };
}

import { z } from 'zod';
import { sha256Schema, teamRoleSchema } from './record.ts';

/**
 * What a laptop and a hub say to each other besides the Yjs sync itself (docs/sync.md §6).
 * One HTTP port: `GET /hub`, `POST /join`, `GET /sync/index`, `PUT|GET|HEAD /blobs/<sha256>`,
 * the WebSocket at `/sync` (Hocuspocus), and the ministry's read-only web UI.
 */
export const SYNC_PROTOCOL = 1;
export const SYNC_PATH = '/sync';

/** `tmb1.<hub fingerprint, 16 hex>.<32 random bytes, base64url>`: the fingerprint pins the hub's key. */
export const joinTokenSchema = z.string().regex(/^tmb1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);

export function fingerprintOfToken(token: string): string {
  return token.split('.')[1] ?? '';
}

export const hubInfoSchema = z.object({
  name: z.literal('timbang-hub'),
  protocol: z.literal(SYNC_PROTOCOL),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  publicKey: z.string(),
  title: z.string(),
});
export type HubInfo = z.infer<typeof hubInfoSchema>;

/** A record as JSON on HTTP and in sync files: the signature in base64. */
export const wireRecordSchema = z.object({ id: z.string(), text: z.string(), signature: z.string() });
export type WireRecord = z.infer<typeof wireRecordSchema>;

/** The join proof is the joining person's signature over this text: it binds the invite to their key. */
export const joinProofText = (fingerprint: string, person: string, tokenSha256: string) =>
  `timbang.join\n${fingerprint}\n${person}\n${tokenSha256}`;

export const joinRequestSchema = z.strictObject({
  token: joinTokenSchema,
  person: z.string().min(1).max(64),
  name: z.string().max(200),
  institution: z.string().max(200),
  publicKey: z.string().max(2000),
  proof: z.string().max(200),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const joinResponseSchema = z.object({
  member: wireRecordSchema,
  role: teamRoleSchema,
  regencies: z.array(z.string()),
  hub: hubInfoSchema,
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/**
 * `GET /sync/index` with the bearer token: the documents this member may open, each with a version
 * that grows when it changes; and the files (SHA-256) that documents this member may write reference
 * but the hub does not hold, which the laptop sends if it has them (a hub that lost its files is refilled).
 */
export const syncIndexSchema = z.object({
  docs: z.array(z.object({ name: z.string(), version: z.number().int() })),
  missingBlobs: z.array(sha256Schema).default([]),
});
export type SyncIndex = z.infer<typeof syncIndexSchema>;

/** Why a hub closed or refused a connection; the provider receives it as the reason. */
export const HUB_REFUSALS = ['unknown_token', 'revoked', 'not_joined', 'forbidden', 'record_refused'] as const;
export type HubRefusalReason = (typeof HUB_REFUSALS)[number];

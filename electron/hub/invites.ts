import { createHash, randomBytes } from 'node:crypto';
import { regencyCodeSchema } from '../../shared/domain/area.ts';
import { joinTokenSchema } from '../../shared/sync/protocol.ts';
import type { TeamRole } from '../../shared/sync/record.ts';
import { AppError } from '../../shared/errors.ts';
import type { HubInvite, HubStore } from './store.ts';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The part of a join token only its holder knows; the hub stores only its SHA-256. */
export function tokenSecretSha256(token: string): string | null {
  if (!joinTokenSchema.safeParse(token).success) return null;
  return sha256Hex(token.split('.')[2] ?? '');
}

export interface NewInvite {
  name: string;
  role: TeamRole;
  regencies: readonly string[];
}

export interface MadeInvite {
  token: string;
  secretSha256: string;
  invite: HubInvite;
}

/** The deep link an app scans or pastes to join: `timbang://join?hub=<url>&token=<token>`. */
/**
 * The link an invited person opens: the app's join link, or for the ministry (who reads in a
 * browser, `hub serve` runs the read-only view on the hub's port) the view's address with the token.
 */
export const joinUrlOf = (hubUrl: string, token: string, ministryView = false): string =>
  ministryView
    ? `${hubUrl.replace(/\/+$/, '')}/?token=${encodeURIComponent(token)}`
    : `timbang://join?hub=${encodeURIComponent(hubUrl)}&token=${encodeURIComponent(token)}`;

/** Checks an invite's scope: a planner needs exactly one regency; codes must be regency codes. */
export function inviteProblem(invite: NewInvite): AppError | null {
  if (!invite.name.trim()) return new AppError('invalid_input', { fields: 'name' });
  for (const code of invite.regencies) {
    if (!regencyCodeSchema.safeParse(code).success) return new AppError('regency.unknown_code', { code });
  }
  if (invite.role === 'planner' && invite.regencies.length !== 1)
    return new AppError('hub.planner_one_regency', { count: invite.regencies.length });
  return null;
}

/** Makes a new token `tmb1.<fingerprint>.<32 random bytes>` and stores its invite (only the secret's hash). */
export async function createInvite(store: HubStore, fingerprint: string, invite: NewInvite, createdAt: string): Promise<MadeInvite> {
  const problem = inviteProblem(invite);
  if (problem) throw problem;
  const secret = randomBytes(32).toString('base64url');
  const token = `tmb1.${fingerprint}.${secret}`;
  const secretSha256 = sha256Hex(secret);
  const regencies = [...new Set(invite.regencies)].sort();
  await store.createInvite({ secretSha256, name: invite.name.trim(), role: invite.role, regencies, createdAt });
  return {
    token,
    secretSha256,
    invite: {
      secretSha256,
      name: invite.name.trim(),
      role: invite.role,
      regencies,
      createdAt,
      person: null,
      publicKey: null,
      joinedAt: null,
      revokedAt: null,
      revokedAfterSeq: null,
    },
  };
}

/**
 * What `--token-prefix` names: a whole token (its secret's hash), or the start of an invite's id
 * (the secret's SHA-256, as `hub members` lists it), at least 8 hex digits.
 */
export function secretSha256PrefixOf(tokenOrPrefix: string): string | null {
  const whole = tokenSecretSha256(tokenOrPrefix);
  if (whole) return whole;
  return /^[0-9a-f]{8,64}$/.test(tokenOrPrefix) ? tokenOrPrefix : null;
}

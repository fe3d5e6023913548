import { authorshipProblem, type Member } from '../../../shared/sync/access.ts';
import {
  RECORD_ID_PATTERN,
  LARGE_RECORD_TEXT_MAX,
  recordTextLimit,
  SEQ_FUTURE_SLACK_MS,
  recordBodySchema,
  type RecordBody,
  type SignedRecord,
} from '../../../shared/sync/record.ts';
import { recordIdOf, verifyRecordSignature } from './signed-record.ts';

/** Whom records can come from: the team's members and the hub keys this node trusts. */
export interface RecordDirectory {
  member(person: string): Member | undefined;
  /** The public key (PEM) of a hub signer `hub:<fp>`, when trusted. */
  hubKey(author: string): string | undefined;
}

export type RecordCheck = { ok: true; body: RecordBody } | { ok: false; problem: string; body?: RecordBody };

/**
 * The static checks every hub and laptop makes on every record before it goes anywhere
 * (docs/sync.md §2): shape, id = hash of text, a known author whose key signed it, the
 * author's role and scope, the record in a document it belongs to, a counter not from the future.
 */
export function checkRecord(record: SignedRecord, docName: string, directory: RecordDirectory, nowMs = Date.now()): RecordCheck {
  if (!RECORD_ID_PATTERN.test(record.id) || recordIdOf(record.text) !== record.id) return { ok: false, problem: 'sync.bad_id' };
  if (record.text.length > LARGE_RECORD_TEXT_MAX) return { ok: false, problem: 'sync.too_large' };
  let json: unknown;
  try {
    json = JSON.parse(record.text);
  } catch {
    return { ok: false, problem: 'sync.bad_shape' };
  }
  const parsed = recordBodySchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'sync.bad_shape' };
  const body = parsed.data;
  if (record.text.length > recordTextLimit(body.kind)) return { ok: false, problem: 'sync.too_large', body };
  if (body.seq > nowMs + SEQ_FUTURE_SLACK_MS) return { ok: false, problem: 'sync.from_the_future', body };
  const isHub = body.author.startsWith('hub:');
  const member = isHub ? undefined : directory.member(body.author);
  const key = isHub ? directory.hubKey(body.author) : member?.publicKey;
  if (!key) return { ok: false, problem: 'sync.unknown_author', body };
  if (!verifyRecordSignature(key, record.text, record.signature)) return { ok: false, problem: 'sync.bad_signature', body };
  const problem = authorshipProblem(body, member ?? null, docName);
  return problem ? { ok: false, problem, body } : { ok: true, body };
}

import { z } from 'zod';
import { regencyCodeSchema } from '../domain/area.ts';
import { NOTE_MAX, QUOTE_MAX, REASON_MAX, assessmentRoleSchema, assessmentStatusSchema } from '../assessment/model.ts';
import { nodeCodeSchema, rubricIdSchema } from '../rubric/schema.ts';
import { documentRoleSchema } from '../intake/model.ts';
import { teamSettingsSchema } from '../domain/settings.ts';

/**
 * What travels between laptops and the hub: immutable signed records (docs/sync.md §2). A record
 * is the canonical JSON text of one body below; its id is the hash of that text and its
 * signature is its author's. Nothing here knows about Yjs, SQLite or keys.
 */
export const RECORD_FORMAT = 1;
export const RECORD_TEXT_MAX = 64 * 1024;
/** A rubric travels whole, and a snapshot carries every note of an assessment: they get more room. */
export const LARGE_RECORD_TEXT_MAX = 1024 * 1024;
export const recordTextLimit = (kind: string): number =>
  kind === 'rubric' || kind === 'snapshot' ? LARGE_RECORD_TEXT_MAX : RECORD_TEXT_MAX;
/** A record whose counter is further ahead of the receiver's clock than this is refused. */
export const SEQ_FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

export const TEAM_ROLES = ['assessor', 'planner', 'ministry'] as const;
export const teamRoleSchema = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof teamRoleSchema>;

/** A person id (UUID), or the hub's own signer `hub:<16 hex>`. */
export const personIdSchema = z.string().min(1).max(64);
export const hubAuthorSchema = z.string().regex(/^hub:[0-9a-f]{16}$/);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** A submission across laptops: `72.01/bimtek3` or `72.01/evaluasi2025` (local integer ids never travel). */
export const subKeySchema = z.string().regex(/^\d{2}\.\d{2}\/(?:bimtek[1-4]|evaluasi\d{4})$/);
export type SubKey = z.infer<typeof subKeySchema>;

export function subKeyOf(submission: {
  regencyCode: string;
  kind: 'bimtek' | 'evaluation';
  stage: number | null;
  year: number | null;
}): SubKey {
  return submission.kind === 'bimtek'
    ? `${submission.regencyCode}/bimtek${submission.stage}`
    : `${submission.regencyCode}/evaluasi${submission.year}`;
}

export function parseSubKey(sub: SubKey): {
  regencyCode: string;
  kind: 'bimtek' | 'evaluation';
  stage: number | null;
  year: number | null;
} {
  const [regencyCode = '', when = ''] = sub.split('/');
  return when.startsWith('bimtek')
    ? { regencyCode, kind: 'bimtek', stage: Number(when.slice(6)), year: null }
    : { regencyCode, kind: 'evaluation', stage: null, year: Number(when.slice(8)) };
}

export const regencyOfSub = (sub: SubKey): string => sub.slice(0, 5);

const scoreValue = z.union([z.number().finite(), z.literal('na')]).nullable();
const reason = z.string().max(REASON_MAX);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** Whose assessment: the natural key that replaces the local assessment id. */
export const assessmentKeySchema = z.strictObject({
  sub: subKeySchema,
  rubric: rubricIdSchema,
  role: assessmentRoleSchema,
  person: personIdSchema,
});
export type AssessmentKey = z.infer<typeof assessmentKeySchema>;

export const panelKeySchema = z.strictObject({ sub: subKeySchema, rubric: rubricIdSchema });
export type PanelKey = z.infer<typeof panelKeySchema>;

const envelope = {
  v: z.literal(RECORD_FORMAT),
  author: personIdSchema,
  /** The author's display name when signing: trails show names as they were. */
  by: z.string().max(200),
  /** The author's counter: max(last own + 1, now in ms, largest seen + 1), docs/sync.md §2. */
  seq,
  at: z.iso.datetime({ offset: true }),
};

const rubricRef = { rubricVersion: z.number().int().min(1), rubricSha: sha256Schema };

export const snapshotScoreSchema = z.strictObject({
  value: scoreValue,
  note: z.string().max(NOTE_MAX),
  needsRescore: z.boolean(),
});

export const snapshotEvidenceSchema = z.strictObject({
  c: nodeCodeSchema,
  sha256: sha256Schema.nullable(),
  file: z.string().max(500),
  page: z.number().int().min(1),
  quote: z.string().max(QUOTE_MAX),
});

export const recordBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...envelope,
    kind: z.literal('member'),
    person: personIdSchema,
    name: z.string().max(200),
    institution: z.string().max(200),
    role: teamRoleSchema,
    regencies: z.array(regencyCodeSchema).max(600),
    publicKey: z.string().max(2000),
    revokedAfterSeq: seq.nullable(),
  }),
  /** The team's panel rules, signed by the hub only; the latest by `(seq, id)` holds (state.ts foldLastWriter). */
  z.strictObject({ ...envelope, kind: z.literal('settings'), ...teamSettingsSchema.shape }),
  z.strictObject({
    ...envelope,
    kind: z.literal('regency'),
    code: regencyCodeSchema,
    cohortYear: z.number().int(),
    stage: z.number().int().min(1).max(4),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('submission'),
    sub: subKeySchema,
    title: z.string().max(200).nullable(),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('rubric'),
    rubric: rubricIdSchema,
    version: z.number().int().min(1),
    rubricSha: sha256Schema,
    origin: z.string().max(40),
    /** The rubric version's stored JSON text exactly; its SHA-256 is `rubricSha`. */
    document: z.string(),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('document'),
    sub: subKeySchema,
    sha256: sha256Schema,
    file: z.string().max(500),
    role: documentRoleSchema,
    size: z.number().int().min(0),
    pages: z.number().int().min(0),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('assessment'),
    a: assessmentKeySchema,
    ...rubricRef,
    name: z.string().max(200),
    institution: z.string().max(200),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('snapshot'),
    a: assessmentKeySchema,
    ...rubricRef,
    name: z.string().max(200),
    institution: z.string().max(200),
    status: assessmentStatusSchema,
    /** The assessment's revision on its author's laptop once this state was reached: every laptop shows the same. */
    revision: z.number().int().min(0).optional(),
    scores: z.record(nodeCodeSchema, snapshotScoreSchema),
    evidence: z.array(snapshotEvidenceSchema).max(5000),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('score'),
    a: assessmentKeySchema,
    c: nodeCodeSchema,
    value: scoreValue,
    before: scoreValue,
    reason: reason.optional(),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('note'),
    a: assessmentKeySchema,
    c: nodeCodeSchema,
    text: z.string().max(NOTE_MAX),
    before: z.string().max(NOTE_MAX),
    reason: reason.optional(),
  }),
  z.strictObject({ ...envelope, kind: z.literal('evidence.add'), a: assessmentKeySchema, ...snapshotEvidenceSchema.shape }),
  z.strictObject({
    ...envelope,
    kind: z.literal('evidence.remove'),
    a: assessmentKeySchema,
    c: nodeCodeSchema,
    /** The id of the `evidence.add` record it takes back. */
    target: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('rubric_version'),
    a: assessmentKeySchema,
    from: z.number().int().min(1),
    to: z.number().int().min(1),
    toSha: sha256Schema,
  }),
  z.strictObject({
    ...envelope,
    kind: z.literal('status'),
    a: assessmentKeySchema,
    from: assessmentStatusSchema,
    to: assessmentStatusSchema,
    reason: reason.optional(),
  }),
  z.strictObject({ ...envelope, kind: z.literal('lead'), panel: panelKeySchema }),
  z.strictObject({
    ...envelope,
    kind: z.literal('agreed'),
    panel: panelKeySchema,
    c: nodeCodeSchema,
    /** null clears the agreed score. */
    value: scoreValue,
    before: scoreValue,
    reason,
  }),
]);
export type RecordBody = z.infer<typeof recordBodySchema>;
export type RecordKind = RecordBody['kind'];
export type RecordOf<K extends RecordKind> = Extract<RecordBody, { kind: K }>;

/** A record as stored and sent: its text (what is signed), its id (hash of the text), the signature. */
export interface SignedRecord {
  id: string;
  text: string;
  signature: Uint8Array;
}

export const RECORD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const ASSESSMENT_KINDS = [
  'assessment',
  'snapshot',
  'score',
  'note',
  'evidence.add',
  'evidence.remove',
  'rubric_version',
  'status',
] as const;
export const PANEL_KINDS = ['lead', 'agreed'] as const;
export const REGISTRY_KINDS = ['member', 'settings', 'regency', 'submission', 'rubric'] as const;

export type AssessmentRecord = RecordOf<(typeof ASSESSMENT_KINDS)[number]>;
export type PanelRecord = RecordOf<(typeof PANEL_KINDS)[number]>;

export const isAssessmentRecord = (body: RecordBody): body is AssessmentRecord =>
  (ASSESSMENT_KINDS as readonly string[]).includes(body.kind);
export const isPanelRecord = (body: RecordBody): body is PanelRecord => (PANEL_KINDS as readonly string[]).includes(body.kind);

/** The string form of an assessment key, for maps and SQL: `72.01/bimtek3|masterplan-review|assessor|<person>`. */
export const assessmentKeyText = (a: AssessmentKey): string => `${a.sub}|${a.rubric}|${a.role}|${a.person}`;
export const panelKeyText = (panel: PanelKey): string => `${panel.sub}|${panel.rubric}`;

/** The submission a record is about, when it is about one. */
export function subOf(body: RecordBody): SubKey | null {
  if ('a' in body) return body.a.sub;
  if ('panel' in body) return body.panel.sub;
  if ('sub' in body) return body.sub;
  return null;
}

/** Total order used by every rule: the author's counter, then the id. */
export function bySeqThenId(x: { seq: number; id: string }, y: { seq: number; id: string }): number {
  return x.seq - y.seq || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/**
 * What a record is about, as stored in `sync_record.target`: the unit the state rule recomputes.
 * `a:<assessment key>` for assessment kinds, `p:<panel key>` for lead and agreed, and
 * `r:<kind>:<key>` for registry entities (a member, a hub's team settings, a regency, a submission,
 * a rubric version, a document of a submission).
 */
export function targetOf(body: RecordBody): string {
  switch (body.kind) {
    case 'member':
      return `r:member:${body.person}`;
    case 'settings':
      return `r:settings:${body.author}`;
    case 'regency':
      return `r:regency:${body.code}`;
    case 'submission':
      return `r:submission:${body.sub}`;
    case 'rubric':
      return `r:rubric:${body.rubric}@${body.version}`;
    case 'document':
      return `r:document:${body.sub}@${body.sha256}`;
    case 'lead':
    case 'agreed':
      return `p:${panelKeyText(body.panel)}`;
    default:
      return `a:${assessmentKeyText(body.a)}`;
  }
}

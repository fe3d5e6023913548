import { canTransition, needsReason } from '../assessment/lifecycle.ts';
import type { AssessmentStatus, StoredScore } from '../assessment/model.ts';
import type { TeamSettings } from '../domain/settings.ts';
import { migrateScores } from '../rubric/diff.ts';
import { acceptsScore, allowedValues } from '../rubric/scale.ts';
import type { Criterion, Rubric } from '../rubric/schema.ts';
import { criteriaOf } from '../rubric/walk.ts';
import {
  bySeqThenId,
  targetOf,
  type AssessmentKey,
  type AssessmentRecord,
  type PanelRecord,
  type RecordBody,
  type RecordOf,
} from './record.ts';

/**
 * The current-state rule (docs/sync.md §3, with the linear fold the lead decided on): pure
 * functions from a set of records to what SQLite should hold. Only the record set counts, never
 * the order in which records arrived: every rule sorts by `(seq, id)` and drops duplicates first.
 * Each function also says, per record, whether it is applied, not applied (and why), or waiting
 * (and for what).
 */

/** A record whose text has been checked and parsed. */
export interface ParsedRecord<B extends RecordBody = RecordBody> {
  id: string;
  body: B;
}

export type RecordState = 'applied' | 'not_applied' | 'waiting';
export interface Outcome {
  state: RecordState;
  /** An error code (`errors.<code>`), with its parameters as JSON after a space when it has any (problemText). */
  problem: string | null;
}

export const APPLIED: Outcome = { state: 'applied', problem: null };

/** `code` alone, or `code {"param":…}`: what `sync_record.problem` holds, in the form of AppError's message. */
export function problemText(code: string, params?: Record<string, string | number>): string {
  return params && Object.keys(params).length > 0 ? `${code} ${JSON.stringify(params)}` : code;
}

export function parseProblem(text: string): { code: string; params: Record<string, string | number> } {
  const space = text.indexOf(' ');
  if (space < 0) return { code: text, params: {} };
  try {
    return { code: text.slice(0, space), params: JSON.parse(text.slice(space + 1)) as Record<string, string | number> };
  } catch {
    return { code: text.slice(0, space), params: {} };
  }
}

const notApplied = (code: string, params?: Record<string, string | number>): Outcome => ({
  state: 'not_applied',
  problem: problemText(code, params),
});
const waiting = (code: string, params?: Record<string, string | number>): Outcome => ({
  state: 'waiting',
  problem: problemText(code, params),
});

/** One copy of each record, in the order every rule uses. */
export function inRuleOrder<B extends RecordBody>(records: readonly ParsedRecord<B>[]): ParsedRecord<B>[] {
  const unique = new Map<string, ParsedRecord<B>>();
  for (const record of records) if (!unique.has(record.id)) unique.set(record.id, record);
  return [...unique.values()].sort((x, y) => bySeqThenId({ seq: x.body.seq, id: x.id }, { seq: y.body.seq, id: y.id }));
}

/** The later of two records by `(at, id)`: what `updated_at`/`updated_by` follow. */
function laterByAt<B extends RecordBody>(x: ParsedRecord<B>, y: ParsedRecord<B>): ParsedRecord<B> {
  if (x.body.at !== y.body.at) return x.body.at > y.body.at ? x : y;
  return x.id > y.id ? x : y;
}

// ───────────────────────────── registry ─────────────────────────────

/** A registry entity written by several records: the first made it, the last says what it is now. */
export interface Written<K extends RecordBody['kind']> {
  first: ParsedRecord<RecordOf<K>>;
  last: ParsedRecord<RecordOf<K>>;
  /** The applied records in rule order (for the trail). */
  applied: ParsedRecord<RecordOf<K>>[];
}

export interface EntityFold<K extends RecordBody['kind']> {
  current: Written<K> | null;
  outcomes: Map<string, Outcome>;
}

/** Member, settings, regency, submission, document: the last writer by `(seq, id)` wins; every record is applied. */
export function foldLastWriter<K extends 'member' | 'settings' | 'regency' | 'submission' | 'document'>(
  records: readonly ParsedRecord<RecordOf<K>>[],
): EntityFold<K> {
  const ordered = inRuleOrder(records);
  const outcomes = new Map(ordered.map((record) => [record.id, APPLIED]));
  const first = ordered[0];
  const last = ordered.at(-1);
  return { current: first && last ? { first, last, applied: ordered } : null, outcomes };
}

/** The four rules a settings record carries, without its envelope. */
export function teamSettingsOf(body: RecordOf<'settings'>): TeamSettings {
  const { passMark, panelAggregate, disagreementTolerance, hideOthersUntilSubmitted } = body;
  return { passMark, panelAggregate, disagreementTolerance, hideOthersUntilSubmitted };
}

/**
 * A rubric version: the first record by `(seq, id)` per `(rubric, version)`. A later one with the
 * same `rubricSha` is the same version again (applied); with another sha it is a different
 * version 3 of the same rubric and is not applied.
 */
export function foldRubricVersion(records: readonly ParsedRecord<RecordOf<'rubric'>>[]): EntityFold<'rubric'> {
  const ordered = inRuleOrder(records);
  const first = ordered[0];
  const outcomes = new Map<string, Outcome>();
  if (!first) return { current: null, outcomes };
  const applied: ParsedRecord<RecordOf<'rubric'>>[] = [];
  for (const record of ordered) {
    if (record.body.rubricSha === first.body.rubricSha) {
      outcomes.set(record.id, APPLIED);
      applied.push(record);
    } else {
      outcomes.set(record.id, notApplied('sync.rubric_version_conflict', { rubric: record.body.rubric, version: record.body.version }));
    }
  }
  return { current: { first, last: first, applied }, outcomes };
}

export interface RegistryState {
  members: Map<string, Written<'member'>>;
  /** Keyed by the hub that signed them (`hub:<fingerprint>`). */
  settings: Map<string, Written<'settings'>>;
  regencies: Map<string, Written<'regency'>>;
  submissions: Map<string, Written<'submission'>>;
  /** Keyed `rubric@version`. */
  rubrics: Map<string, Written<'rubric'>>;
  /** Keyed `sub@sha256`. */
  documents: Map<string, Written<'document'>>;
  outcomes: Map<string, Outcome>;
}

const REGISTRY_TARGET = /^r:(member|settings|regency|submission|rubric|document):(.*)$/;

/** The whole registry from its records (the applier folds one entity at a time with the functions above). */
export function registryState(records: readonly ParsedRecord[]): RegistryState {
  const byTarget = new Map<string, ParsedRecord[]>();
  for (const record of records) {
    const target = targetOf(record.body);
    if (!REGISTRY_TARGET.test(target)) continue;
    const group = byTarget.get(target);
    if (group) group.push(record);
    else byTarget.set(target, [record]);
  }
  const state: RegistryState = {
    members: new Map(),
    settings: new Map(),
    regencies: new Map(),
    submissions: new Map(),
    rubrics: new Map(),
    documents: new Map(),
    outcomes: new Map(),
  };
  for (const [target, group] of byTarget) {
    const [, kind = '', key = ''] = REGISTRY_TARGET.exec(target) ?? [];
    const fold =
      kind === 'rubric'
        ? foldRubricVersion(group as ParsedRecord<RecordOf<'rubric'>>[])
        : foldLastWriter(group as ParsedRecord<RecordOf<'member' | 'settings' | 'regency' | 'submission' | 'document'>>[]);
    for (const [id, outcome] of fold.outcomes) state.outcomes.set(id, outcome);
    if (!fold.current) continue;
    const maps: Record<string, Map<string, unknown>> = {
      member: state.members,
      settings: state.settings,
      regency: state.regencies,
      submission: state.submissions,
      rubric: state.rubrics,
      document: state.documents,
    };
    maps[kind]?.set(key, fold.current);
  }
  return state;
}

// ───────────────────────────── panel ─────────────────────────────

export interface AgreedState {
  value: number | 'na';
  reason: string;
  at: string;
  by: string;
  author: string;
  recordId: string;
}

export interface PanelState {
  lead: { person: string; name: string; at: string; recordId: string } | null;
  /** Per criterion; a cleared agreed score (value null) is absent. */
  agreed: Map<string, AgreedState>;
  outcomes: Map<string, Outcome>;
}

/**
 * A panel: the lead is the `lead` record with the smallest `(seq, id)` whose author has an
 * assessor-role assessment root in the panel (`assessors`); agreed scores are, per criterion,
 * the latest by `(seq, id)` among the lead's `agreed` records.
 */
export function foldPanel(records: readonly ParsedRecord<PanelRecord>[], assessors: ReadonlySet<string>): PanelState {
  const ordered = inRuleOrder(records);
  const outcomes = new Map<string, Outcome>();
  let lead: PanelState['lead'] = null;
  for (const record of ordered) {
    if (record.body.kind !== 'lead') continue;
    if (!assessors.has(record.body.author)) outcomes.set(record.id, waiting('panel.not_member'));
    else if (lead) outcomes.set(record.id, notApplied('panel.lead_taken', { lead: lead.name }));
    else {
      lead = { person: record.body.author, name: record.body.by, at: record.body.at, recordId: record.id };
      outcomes.set(record.id, APPLIED);
    }
  }
  const agreed = new Map<string, AgreedState>();
  for (const record of ordered) {
    const body = record.body;
    if (body.kind !== 'agreed') continue;
    if (!lead) {
      outcomes.set(record.id, waiting('sync.no_lead'));
      continue;
    }
    if (body.author !== lead.person) {
      outcomes.set(record.id, notApplied('panel.not_lead', { lead: lead.name }));
      continue;
    }
    outcomes.set(record.id, APPLIED);
    if (body.value === null) agreed.delete(body.c);
    else agreed.set(body.c, { value: body.value, reason: body.reason, at: body.at, by: body.by, author: body.author, recordId: record.id });
  }
  return { lead, agreed, outcomes };
}

// ───────────────────────────── assessment ─────────────────────────────

export interface ScoreState {
  value: StoredScore;
  note: string;
  needsRescore: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface EvidenceState {
  /** The `evidence.add` record's id; for evidence a snapshot brought, `<snapshot id>:<index>`. */
  key: string;
  c: string;
  sha256: string | null;
  file: string;
  page: number;
  quote: string;
  createdAt: string;
  createdBy: string;
}

export interface AssessmentState {
  key: AssessmentKey;
  root: { id: string; kind: 'assessment' | 'snapshot' };
  rubricVersion: number;
  name: string;
  institution: string;
  status: AssessmentStatus;
  /** One per effective content or status record after the root, as `touch` and `transition` count. */
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  finalizedAt: string | null;
  scores: Map<string, ScoreState>;
  /** In the order the items were added. */
  evidence: Map<string, EvidenceState>;
}

/** What an applied record did beyond its own fields, for its trail line. */
export type RecordEffect =
  { kind: 'evidence.remove'; removed: EvidenceState } | { kind: 'rubric_version'; needsRescore: string[]; dropped: string[] };

export interface AssessmentFold {
  state: AssessmentState | null;
  outcomes: Map<string, Outcome>;
  effects: Map<string, RecordEffect>;
}

/** A rubric version this node holds, with the SHA-256 of its stored text when known. */
export type RubricLookup = (id: string, version: number) => { rubric: Rubric; sha?: string } | undefined;

export interface AssessmentContext {
  /** The panel's lead by foldPanel, or null while it has none. */
  lead: { person: string; name: string } | null;
  rubricOf: RubricLookup;
}

export const isRoot = (body: RecordBody): body is RecordOf<'assessment' | 'snapshot'> =>
  body.kind === 'assessment' || body.kind === 'snapshot';

const scoresOf = (scores: ReadonlyMap<string, ScoreState>): Record<string, number | 'na'> => {
  const out: Record<string, number | 'na'> = {};
  for (const [code, score] of scores) if (score.value !== null) out[code] = score.value;
  return out;
};

/**
 * One assessment as a linear fold over its records in `(seq, id)` order, mirroring what the
 * services write (assessments.ts): the root (the `assessment` or `snapshot` with the smallest
 * `(seq, id)`) makes it; a content record is effective iff the assessment is a draft at its
 * place; a status record iff it starts from the current status, the move is allowed (with a
 * reason where one is needed) and its author is the owner, or the panel's lead finalizing or
 * reopening.
 */
export function foldAssessment(records: readonly ParsedRecord<AssessmentRecord>[], context: AssessmentContext): AssessmentFold {
  const ordered = inRuleOrder(records);
  const outcomes = new Map<string, Outcome>();
  const effects = new Map<string, RecordEffect>();
  const rootIndex = ordered.findIndex((record) => isRoot(record.body));
  const everything = (outcome: Outcome): AssessmentFold => {
    for (const record of ordered) outcomes.set(record.id, outcome);
    return { state: null, outcomes, effects };
  };
  if (rootIndex < 0) return everything(waiting('sync.no_root'));
  const root = ordered[rootIndex] as ParsedRecord<RecordOf<'assessment' | 'snapshot'>>;
  const rootBody = root.body;
  const key = rootBody.a;
  const first = context.rubricOf(key.rubric, rootBody.rubricVersion);
  if (!first) return everything(waiting('sync.unknown_rubric_version', { rubric: key.rubric, version: rootBody.rubricVersion }));
  if (first.sha !== undefined && first.sha !== rootBody.rubricSha) {
    return everything(notApplied('sync.rubric_version_conflict', { rubric: key.rubric, version: rootBody.rubricVersion }));
  }

  let rubric = first.rubric;
  let criteria = criteriaByCode(rubric);
  const state: AssessmentState = {
    key,
    root: { id: root.id, kind: rootBody.kind },
    rubricVersion: rootBody.rubricVersion,
    name: rootBody.name,
    institution: rootBody.institution,
    status: 'draft',
    revision: 0,
    createdAt: rootBody.at,
    createdBy: rootBody.by,
    updatedAt: rootBody.at,
    updatedBy: rootBody.by,
    submittedAt: null,
    finalizedAt: null,
    scores: new Map(),
    evidence: new Map(),
  };
  if (rootBody.kind === 'snapshot') takeSnapshot(state, root as ParsedRecord<RecordOf<'snapshot'>>);
  let updated: ParsedRecord<AssessmentRecord> = root;

  for (const [index, record] of ordered.entries()) {
    const body = record.body;
    let outcome: Outcome;
    if (index < rootIndex) outcome = waiting('sync.no_root');
    else if (record === root) outcome = APPLIED;
    else if (body.kind === 'assessment') outcome = notApplied('sync.duplicate_root');
    else if (body.kind === 'snapshot') {
      // A later snapshot is the author's own file imported over their draft (or evidence from a snapshot taken back):
      // it replaces the content, as the import does, and only while the assessment is a draft.
      if (state.status !== 'draft') outcome = notApplied('assessment.locked_meanwhile', { status: state.status });
      else if (body.rubricVersion !== state.rubricVersion)
        outcome = notApplied('sync.rubric_version_conflict', { rubric: key.rubric, version: body.rubricVersion });
      else {
        takeSnapshot(state, record as ParsedRecord<RecordOf<'snapshot'>>);
        outcome = APPLIED;
      }
    } else if (body.kind === 'status') outcome = moveStatus(state, record as ParsedRecord<RecordOf<'status'>>, context.lead);
    else if (state.status !== 'draft') outcome = notApplied('assessment.locked_meanwhile', { status: state.status });
    else {
      const result = applyContent(state, record, criteria, rubric, context.rubricOf);
      outcome = result.outcome;
      if (result.effect) effects.set(record.id, result.effect);
      if (result.rubric) {
        rubric = result.rubric;
        criteria = criteriaByCode(rubric);
      }
    }
    outcomes.set(record.id, outcome);
    if (outcome.state === 'applied' && record !== root) {
      if (body.kind === 'snapshot' && body.revision !== undefined) state.revision = body.revision;
      else state.revision += 1;
      updated = laterByAt(updated, record);
    }
  }
  state.updatedAt = updated.body.at;
  state.updatedBy = updated.body.by;
  return { state, outcomes, effects };
}

/** The whole state a snapshot carries: scores, evidence (keyed `<snapshot id>:<index>`), status and revision. */
function takeSnapshot(state: AssessmentState, record: ParsedRecord<RecordOf<'snapshot'>>): void {
  const body = record.body;
  state.status = body.status;
  state.submittedAt = body.status !== 'draft' ? body.at : null;
  if (body.status === 'finalized') state.finalizedAt = body.at;
  if (body.revision !== undefined) state.revision = body.revision;
  state.scores = new Map(Object.entries(body.scores).map(([code, score]) => [code, { ...score, updatedAt: body.at, updatedBy: body.by }]));
  state.evidence = new Map();
  body.evidence.forEach((item, index) => {
    const itemKey = `${record.id}:${index}`;
    state.evidence.set(itemKey, { key: itemKey, ...item, createdAt: body.at, createdBy: body.by });
  });
}

function criteriaByCode(rubric: Rubric): Map<string, Criterion> {
  return new Map(criteriaOf(rubric).map(({ node }) => [node.code, node]));
}

function moveStatus(state: AssessmentState, record: ParsedRecord<RecordOf<'status'>>, lead: AssessmentContext['lead']): Outcome {
  const body = record.body;
  if (body.author !== state.key.person) {
    // Only the lead's finalize or reopen of an assessor's work gets here (the static checks refuse the rest).
    if (lead === null) return waiting('sync.no_lead');
    if (lead.person !== body.author) return notApplied('panel.not_lead', { lead: lead.name });
  }
  if (body.from !== state.status) return notApplied('assessment.status_conflict', { from: body.from, status: state.status });
  if (!canTransition(body.from, body.to)) return notApplied('assessment.bad_transition', { from: body.from, to: body.to });
  if (needsReason(body.from, body.to) && !body.reason?.trim()) return notApplied('assessment.reason_required');
  state.status = body.to;
  if (body.to === 'submitted') state.submittedAt = body.at;
  if (body.to === 'draft') state.submittedAt = null;
  if (body.to === 'finalized') state.finalizedAt = body.at;
  return APPLIED;
}

function applyContent(
  state: AssessmentState,
  record: ParsedRecord<AssessmentRecord>,
  criteria: ReadonlyMap<string, Criterion>,
  rubric: Rubric,
  rubricOf: RubricLookup,
): { outcome: Outcome; effect?: RecordEffect; rubric?: Rubric } {
  const body = record.body;
  const at = body.at;
  const by = body.by;
  const unknown = (code: string) => ({
    outcome: notApplied('assessment.unknown_criterion', { code, rubric: `${rubric.id} v${state.rubricVersion}` }),
  });
  switch (body.kind) {
    case 'score': {
      const criterion = criteria.get(body.c);
      if (!criterion) return unknown(body.c);
      if (body.value !== null && !acceptsScore(criterion, body.value)) {
        return {
          outcome: notApplied('assessment.value_outside_scale', {
            code: body.c,
            value: body.value,
            allowed: allowedValues(criterion.scale),
          }),
        };
      }
      const existing = state.scores.get(body.c);
      state.scores.set(body.c, { value: body.value, note: existing?.note ?? '', needsRescore: false, updatedAt: at, updatedBy: by });
      return { outcome: APPLIED };
    }
    case 'note': {
      if (!criteria.has(body.c)) return unknown(body.c);
      const existing = state.scores.get(body.c);
      state.scores.set(body.c, {
        value: existing?.value ?? null,
        note: body.text,
        needsRescore: existing?.needsRescore ?? false,
        updatedAt: at,
        updatedBy: by,
      });
      return { outcome: APPLIED };
    }
    case 'evidence.add': {
      if (!criteria.has(body.c)) return unknown(body.c);
      if (body.quote.length === 0) return { outcome: notApplied('sync.bad_shape') };
      state.evidence.set(record.id, {
        key: record.id,
        c: body.c,
        sha256: body.sha256,
        file: body.file,
        page: body.page,
        quote: body.quote,
        createdAt: at,
        createdBy: by,
      });
      return { outcome: APPLIED };
    }
    case 'evidence.remove': {
      const removed = state.evidence.get(body.target);
      if (!removed) return { outcome: notApplied('evidence.not_found', { id: body.target }) };
      state.evidence.delete(body.target);
      return { outcome: APPLIED, effect: { kind: 'evidence.remove', removed } };
    }
    case 'rubric_version': {
      if (body.to <= state.rubricVersion) return { outcome: notApplied('assessment.no_newer_version', { version: body.to }) };
      const next = rubricOf(state.key.rubric, body.to);
      if (!next) return { outcome: waiting('sync.unknown_rubric_version', { rubric: state.key.rubric, version: body.to }) };
      if (next.sha !== undefined && next.sha !== body.toSha) {
        return { outcome: notApplied('sync.rubric_version_conflict', { rubric: state.key.rubric, version: body.to }) };
      }
      // As `upgrade` does: carried scores stay, new, moved and rescaled criteria are flagged, removed ones go.
      const migration = migrateScores(rubric, next.rubric, scoresOf(state.scores));
      const flagged = new Set(migration.needsRescore);
      const known = criteriaByCode(next.rubric);
      for (const [itemKey, item] of state.evidence) if (!known.has(item.c)) state.evidence.delete(itemKey);
      for (const [code, existing] of [...state.scores]) {
        if (!known.has(code)) {
          state.scores.delete(code);
          continue;
        }
        const carried = Object.hasOwn(migration.scores, code) ? (migration.scores[code] ?? null) : null;
        state.scores.set(code, {
          value: carried,
          note: existing.note,
          needsRescore: flagged.has(code) || existing.needsRescore,
          updatedAt: at,
          updatedBy: by,
        });
      }
      for (const code of flagged) {
        if (!state.scores.has(code)) state.scores.set(code, { value: null, note: '', needsRescore: true, updatedAt: at, updatedBy: by });
      }
      state.rubricVersion = body.to;
      return {
        outcome: APPLIED,
        effect: { kind: 'rubric_version', needsRescore: migration.needsRescore, dropped: migration.dropped },
        rubric: next.rubric,
      };
    }
    default:
      return { outcome: notApplied('sync.bad_shape') };
  }
}

/** The assessor-role roots of a panel's assessments: who may claim its lead. */
export function assessorsWithRoots(records: readonly ParsedRecord[]): Set<string> {
  const people = new Set<string>();
  for (const { body } of records) if (isRoot(body) && body.a.role === 'assessor') people.add(body.a.person);
  return people;
}

import { createHash } from 'node:crypto';
import type { Member } from '../../../shared/sync/access.ts';
import {
  assessorsWithRoots,
  foldAssessment,
  foldLastWriter,
  foldPanel,
  foldRubricVersion,
  problemText,
  teamSettingsOf,
  type AssessmentFold,
  type AssessmentState,
  type EntityFold,
  type Outcome,
  type PanelState,
  type ParsedRecord,
  type RubricLookup,
} from '../../../shared/sync/state.ts';
import {
  isAssessmentRecord,
  isPanelRecord,
  parseSubKey,
  targetOf,
  type AssessmentRecord,
  type PanelRecord,
  type RecordBody,
  type RecordOf,
  type SignedRecord,
  type TeamRole,
} from '../../../shared/sync/record.ts';
import { classifyChange } from '../../../shared/rubric/diff.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import type { Db } from '../db/open.ts';
import { execute, query, queryValue } from '../db/query.ts';
import type { AreaCatalog } from '../services/areas.ts';
import { checkRecord, type RecordDirectory } from './check.ts';
import type { IngestEntry, IngestReport, RecordOrigin } from './types.ts';

/**
 * The applier (docs/sync.md §4): records from anywhere into SQLite. New records are checked
 * and stored; then every target they touch is recomputed from all its records by the state rule
 * (shared/sync/state.ts) and SQLite is brought to that state, writing only what differs. Feeding
 * the same records again, in any order, changes nothing.
 */
export interface IngestOptions {
  areas: Pick<AreaCatalog, 'find'>;
  now?: () => string;
  /** Whom records may come from; by default the members and hub keys this workspace holds (directoryOf). */
  directory?: RecordDirectory;
}

/** Not yet folded: set only between storing a record and recomputing its target in the same transaction. */
const PENDING = 'sync.pending';
const MAX_TEXT = '\u{10FFFF}';

interface StoredRow {
  id: string;
  text: string;
  state: string;
  problem: string | null;
}

/** The team as this workspace knows it: members from `sync_member`, hub keys from `sync_trusted_hub`. */
export function directoryOf(db: Db): RecordDirectory {
  return {
    member(person: string): Member | undefined {
      const row = query<{
        person: string;
        name: string;
        role: TeamRole;
        regencies: string;
        public_key: string;
        revoked_after_seq: number | null;
      }>(db, 'SELECT person, name, role, regencies, public_key, revoked_after_seq FROM sync_member WHERE person = ?').get(person);
      if (!row) return undefined;
      return {
        person: row.person,
        name: row.name,
        role: row.role,
        regencies: JSON.parse(row.regencies) as string[],
        publicKey: row.public_key,
        revokedAfterSeq: row.revoked_after_seq,
      };
    },
    hubKey(author: string): string | undefined {
      if (!author.startsWith('hub:')) return undefined;
      const fingerprint = author.slice(4);
      return queryValue<string>(db, 'SELECT public_key FROM sync_trusted_hub WHERE fingerprint IN (?, ?)').get(fingerprint, author);
    },
  };
}

/** The records a document holds here (not the refused), in rule order: what the engine puts back into a Y.Doc. */
export function recordsOfDoc(db: Db, doc: string): SignedRecord[] {
  return query<{ id: string; text: string; signature: Uint8Array }>(
    db,
    `SELECT r.id, r.text, r.signature FROM sync_record r JOIN sync_record_doc d ON d.record_id = r.id
     WHERE d.doc = ? AND r.state <> 'refused' ORDER BY r.seq, r.id`,
  )
    .all(doc)
    .map((row) => ({ id: row.id, text: row.text, signature: new Uint8Array(row.signature) }));
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The group a/p targets belong to: `<sub>|<rubric>`. */
function groupOf(target: string): string | null {
  if (target.startsWith('p:')) return target.slice(2);
  if (!target.startsWith('a:')) return null;
  const [sub = '', rubric = ''] = target.slice(2).split('|');
  return `${sub}|${rubric}`;
}

const REGISTRY_ORDER = ['member', 'settings', 'regency', 'submission', 'rubric', 'document'];
const registryKind = (target: string) => target.split(':')[1] ?? '';

export function ingest(db: Db, entries: readonly IngestEntry[], origin: RecordOrigin, options: IngestOptions): IngestReport {
  const now = options.now ?? (() => new Date().toISOString());
  return db.transaction(() => new Applier(db, options.areas, options.directory ?? directoryOf(db), now).run(entries, origin)).immediate();
}

class Applier {
  private readonly registryTargets = new Set<string>();
  private readonly groups = new Set<string>();
  private readonly rubricCache = new Map<string, { rubric: Rubric; sha: string } | null>();

  private readonly db: Db;
  private readonly areas: Pick<AreaCatalog, 'find'>;
  private readonly directory: RecordDirectory;
  private readonly now: () => string;

  constructor(db: Db, areas: Pick<AreaCatalog, 'find'>, directory: RecordDirectory, now: () => string) {
    this.db = db;
    this.areas = areas;
    this.directory = directory;
    this.now = now;
  }

  run(entries: readonly IngestEntry[], origin: RecordOrigin): IngestReport {
    const report: IngestReport = { received: 0, applied: 0, notApplied: 0, waiting: 0, refused: 0, refusals: [] };
    const fresh = new Map<string, IngestEntry[]>();
    for (const entry of entries) {
      const known = queryValue<string>(this.db, 'SELECT state FROM sync_record WHERE id = ?').get(entry.record.id);
      if (known === undefined) {
        const list = fresh.get(entry.record.id);
        if (list) list.push(entry);
        else fresh.set(entry.record.id, [entry]);
        continue;
      }
      const added = execute(this.db, 'INSERT OR IGNORE INTO sync_record_doc (record_id, doc) VALUES (?, ?)')(
        entry.record.id,
        entry.doc,
      ).changes;
      // Refused for the document it came in: another document may be the right one.
      if (added > 0 && known === 'refused') this.recheck(entry.record.id, [entry.doc]);
    }
    // Members first: they say whose signatures the rest carry.
    const isMember = (list: IngestEntry[]) => /"kind":"member"/.test(list[0]?.record.text ?? '');
    const ordered = [...fresh.values()].sort((x, y) => Number(isMember(y)) - Number(isMember(x)));
    let membersDone = false;
    for (const list of ordered) {
      if (!membersDone && !isMember(list)) {
        this.recomputeRegistry(['member']);
        membersDone = true;
      }
      this.store(list, origin, report);
    }
    this.recomputeRegistry(REGISTRY_ORDER);
    for (const group of [...this.groups].sort()) this.recomputeGroup(group);

    for (const id of fresh.keys()) {
      const state = queryValue<string>(this.db, 'SELECT state FROM sync_record WHERE id = ?').get(id);
      report.received += 1;
      if (state === 'applied') report.applied += 1;
      else if (state === 'not_applied') report.notApplied += 1;
      else if (state === 'waiting') report.waiting += 1;
      else report.refused += 1;
    }
    return report;
  }

  /** Checks a new record against each document it came in; stores it refused, waiting for its author, or to be folded. */
  private store(list: IngestEntry[], origin: RecordOrigin, report: IngestReport): void {
    const record = (list[0] as IngestEntry).record;
    let passed: { body: RecordBody } | null = null;
    let failure: { problem: string; body?: RecordBody; doc: string } | null = null;
    for (const entry of list) {
      const check = checkRecord(record, entry.doc, this.directory);
      if (check.ok) passed = { body: check.body };
      else failure ??= { problem: check.problem, doc: entry.doc, ...(check.body ? { body: check.body } : {}) };
    }
    const body = passed?.body ?? failure?.body;
    const unknownAuthor = !passed && failure?.problem === 'sync.unknown_author';
    const state = passed ? 'waiting' : unknownAuthor ? 'waiting' : 'refused';
    const problem = passed ? PENDING : (failure?.problem ?? 'sync.bad_shape');
    execute(
      this.db,
      `INSERT INTO sync_record (id, text, signature, kind, author, seq, target, state, problem, origin, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )(
      record.id,
      record.text,
      Buffer.from(record.signature),
      body?.kind ?? '?',
      body?.author ?? '',
      body?.seq ?? 0,
      body ? targetOf(body) : '',
      state,
      problem,
      origin,
      this.now(),
    );
    for (const entry of list)
      execute(this.db, 'INSERT OR IGNORE INTO sync_record_doc (record_id, doc) VALUES (?, ?)')(record.id, entry.doc);
    if (passed) this.touch(targetOf(passed.body));
    else if (state === 'refused') report.refusals.push({ id: record.id, doc: failure?.doc ?? '', problem });
  }

  /** A record refused or waiting for its author, checked again (another document, a member now known). */
  private recheck(id: string, docs: readonly string[]): void {
    const row = query<{ text: string; signature: Uint8Array; state: string }>(
      this.db,
      'SELECT text, signature, state FROM sync_record WHERE id = ?',
    ).get(id);
    if (!row) return;
    const record = { id, text: row.text, signature: new Uint8Array(row.signature) };
    let last: string | null = null;
    for (const doc of docs) {
      const check = checkRecord(record, doc, this.directory);
      if (check.ok) {
        execute(this.db, 'UPDATE sync_record SET state = ?, problem = ? WHERE id = ?')('waiting', PENDING, id);
        this.touch(targetOf(check.body));
        return;
      }
      last = check.problem;
    }
    if (row.state === 'waiting' && last !== null && last !== 'sync.unknown_author') {
      execute(this.db, "UPDATE sync_record SET state = 'refused', problem = ? WHERE id = ?")(last, id);
    }
  }

  private touch(target: string): void {
    const group = groupOf(target);
    if (group) this.groups.add(group);
    else if (target.startsWith('r:')) this.registryTargets.add(target);
  }

  private rows(sql: string, ...params: unknown[]): StoredRow[] {
    return query<StoredRow>(this.db, `SELECT id, text, state, problem FROM sync_record WHERE state <> 'refused' AND ${sql}`).all(...params);
  }

  private setOutcomes(rows: readonly StoredRow[], outcomes: ReadonlyMap<string, Outcome>, fallback: Outcome): void {
    for (const row of rows) {
      const outcome = outcomes.get(row.id) ?? fallback;
      if (row.state !== outcome.state || row.problem !== outcome.problem) {
        execute(this.db, 'UPDATE sync_record SET state = ?, problem = ? WHERE id = ?')(outcome.state, outcome.problem, row.id);
      }
    }
  }

  // ───────────── registry ─────────────

  private recomputeRegistry(kinds: readonly string[]): void {
    for (const kind of kinds) {
      // What waits on the registry is tried again whenever the registry moves.
      const targets = new Set([...this.registryTargets].filter((target) => registryKind(target) === kind));
      if (this.registryTargets.size > 0 || this.groups.size > 0) {
        for (const target of queryValue<string>(
          this.db,
          "SELECT DISTINCT target FROM sync_record WHERE state = 'waiting' AND problem <> ? AND target >= ? AND target < ?",
        ).all('sync.unknown_author', `r:${kind}:`, `r:${kind}:${MAX_TEXT}`)) {
          targets.add(target);
        }
      }
      let changed = false;
      for (const target of [...targets].sort()) {
        this.registryTargets.delete(target);
        changed = this.recomputeEntity(kind, target) || changed;
      }
      if (kind === 'member' && changed) {
        const waitingForAuthor = query<{ id: string }>(
          this.db,
          // `state <> 'applied'` lets SQLite use the partial index of unsettled records instead of scanning them all.
          "SELECT id FROM sync_record WHERE state <> 'applied' AND state = 'waiting' AND problem = 'sync.unknown_author'",
        ).all();
        for (const { id } of waitingForAuthor) {
          this.recheck(id, queryValue<string>(this.db, 'SELECT doc FROM sync_record_doc WHERE record_id = ? ORDER BY doc').all(id));
        }
      }
    }
    // Anything waiting for a regency, submission or rubric version is tried again.
    if (kinds.length > 1) {
      for (const target of queryValue<string>(
        this.db,
        "SELECT DISTINCT target FROM sync_record WHERE state <> 'applied' AND state = 'waiting' AND problem <> 'sync.unknown_author' AND (target LIKE 'a:%' OR target LIKE 'p:%')",
      ).all()) {
        this.touch(target);
      }
    }
  }

  /** Recomputes one registry entity; true when its rows changed. */
  private recomputeEntity(kind: string, target: string): boolean {
    const rows = this.rows('target = ?', target);
    const parsed = rows.map((row) => ({ id: row.id, body: JSON.parse(row.text) as RecordBody }));
    const before = JSON.stringify(rows.map((row) => [row.id, row.state, row.problem]));
    switch (kind) {
      case 'member':
        this.setOutcomes(rows, this.writeMember(foldLastWriter(parsed as ParsedRecord<RecordOf<'member'>>[])), {
          state: 'applied',
          problem: null,
        });
        break;
      case 'settings':
        this.setOutcomes(rows, this.writeTeamSettings(foldLastWriter(parsed as ParsedRecord<RecordOf<'settings'>>[])), {
          state: 'applied',
          problem: null,
        });
        break;
      case 'regency':
        this.setOutcomes(rows, this.writeRegency(foldLastWriter(parsed as ParsedRecord<RecordOf<'regency'>>[])), {
          state: 'applied',
          problem: null,
        });
        break;
      case 'submission':
        this.setOutcomes(rows, this.writeSubmission(foldLastWriter(parsed as ParsedRecord<RecordOf<'submission'>>[])), {
          state: 'applied',
          problem: null,
        });
        break;
      case 'rubric':
        this.setOutcomes(rows, this.writeRubric(foldRubricVersion(parsed as ParsedRecord<RecordOf<'rubric'>>[])), {
          state: 'applied',
          problem: null,
        });
        break;
      case 'document':
        this.setOutcomes(rows, this.writeDocument(foldLastWriter(parsed as ParsedRecord<RecordOf<'document'>>[])), {
          state: 'applied',
          problem: null,
        });
        break;
    }
    const after = JSON.stringify(this.rows('target = ?', target).map((row) => [row.id, row.state, row.problem]));
    return before !== after;
  }

  private personExists(id: string): boolean {
    return queryValue<number>(this.db, 'SELECT 1 FROM person WHERE id = ?').get(id) !== undefined;
  }

  /** Someone named in a row (an assessor, a lead): known as a member, or at least by the name they signed with. */
  private ensurePerson(id: string, name: string, at: string): void {
    if (this.personExists(id)) return;
    execute(this.db, 'INSERT INTO person (id, name, institution, updated_at) VALUES (?, ?, ?, ?)')(id, name, '', at);
  }

  private audit(
    record: ParsedRecord,
    entry: { action: string; entity: string; entityKey: string; before?: unknown; after?: unknown },
    role: TeamRole | null,
  ): void {
    const body = record.body;
    execute(
      this.db,
      `INSERT INTO audit_log (at, actor, actor_id, actor_role, action, entity, entity_key, before, after, record_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )(
      body.at,
      body.by,
      this.personExists(body.author) ? body.author : null,
      role === 'assessor' ? 'assessor' : role === 'planner' ? 'regional_planner' : null,
      entry.action,
      entry.entity,
      entry.entityKey,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      record.id,
    );
  }

  private roleOf(author: string): TeamRole | null {
    return this.directory.member(author)?.role ?? null;
  }

  private writeMember(fold: EntityFold<'member'>): ReadonlyMap<string, Outcome> {
    const current = fold.current;
    if (!current) return fold.outcomes;
    const body = current.last.body;
    const row = query<Record<string, unknown>>(this.db, 'SELECT * FROM sync_member WHERE person = ?').get(body.person);
    const desired = {
      person: body.person,
      name: body.name,
      role: body.role,
      regencies: JSON.stringify(body.regencies),
      public_key: body.publicKey,
      revoked_after_seq: body.revokedAfterSeq,
      record_id: current.last.id,
    };
    if (!row || Object.entries(desired).some(([key, value]) => row[key] !== value)) {
      execute(
        this.db,
        `INSERT INTO sync_member (person, name, role, regencies, public_key, revoked_after_seq, record_id)
         VALUES (@person, @name, @role, @regencies, @public_key, @revoked_after_seq, @record_id)
         ON CONFLICT (person) DO UPDATE SET name = @name, role = @role, regencies = @regencies, public_key = @public_key,
           revoked_after_seq = @revoked_after_seq, record_id = @record_id`,
      )(desired);
    }
    // The people of this laptop keep their own row; everyone else is as the hub says.
    const local = queryValue<number>(this.db, 'SELECT 1 FROM local_person WHERE person_id = ?').get(body.person) !== undefined;
    if (!local) {
      const person = query<{ name: string; institution: string; public_key: string | null }>(
        this.db,
        'SELECT name, institution, public_key FROM person WHERE id = ?',
      ).get(body.person);
      if (!person) {
        execute(this.db, 'INSERT INTO person (id, name, institution, public_key, updated_at) VALUES (?, ?, ?, ?, ?)')(
          body.person,
          body.name,
          body.institution,
          body.publicKey,
          body.at,
        );
      } else if (person.name !== body.name || person.institution !== body.institution || person.public_key !== body.publicKey) {
        execute(this.db, 'UPDATE person SET name = ?, institution = ?, public_key = ?, updated_at = ? WHERE id = ?')(
          body.name,
          body.institution,
          body.publicKey,
          body.at,
          body.person,
        );
      }
    }
    for (const record of current.applied) {
      const { name, institution, role, regencies, revokedAfterSeq } = record.body;
      this.audit(
        record,
        {
          action: 'member.save',
          entity: 'member',
          entityKey: record.body.person,
          after: { name, institution, role, regencies, revokedAfterSeq },
        },
        null,
      );
    }
    return fold.outcomes;
  }

  /** A hub's team settings: the latest record's four rules in `sync_team_settings` (the settings service reads them). */
  private writeTeamSettings(fold: EntityFold<'settings'>): ReadonlyMap<string, Outcome> {
    const current = fold.current;
    if (!current) return fold.outcomes;
    const { id, body } = current.last;
    const known = queryValue<string>(this.db, 'SELECT record_id FROM sync_team_settings WHERE hub = ?').get(body.author);
    if (known !== id) {
      execute(
        this.db,
        `INSERT INTO sync_team_settings (hub, settings, at, record_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (hub) DO UPDATE SET settings = excluded.settings, at = excluded.at, record_id = excluded.record_id`,
      )(body.author, JSON.stringify(teamSettingsOf(body)), body.at, id);
    }
    for (const record of current.applied) {
      this.audit(
        record,
        { action: 'settings.team', entity: 'setting', entityKey: record.body.author, after: teamSettingsOf(record.body) },
        null,
      );
    }
    return fold.outcomes;
  }

  private writeRegency(fold: EntityFold<'regency'>): ReadonlyMap<string, Outcome> {
    const current = fold.current;
    if (!current) return fold.outcomes;
    const code = current.first.body.code;
    const area = this.areas.find(code);
    if (!area) return waitAll(fold.outcomes, problemText('regency.unknown_code', { code }));
    const { first, last } = current;
    const row = query<{ cohort_year: number; stage: number }>(this.db, 'SELECT cohort_year, stage FROM regency WHERE code = ?').get(code);
    if (!row) {
      execute(
        this.db,
        `INSERT INTO regency (code, name, province_code, province_name, cohort_year, stage, created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )(
        area.code,
        area.name,
        area.provinceCode,
        area.provinceName,
        last.body.cohortYear,
        last.body.stage,
        first.body.at,
        first.body.by,
        last.body.at,
        last.body.by,
      );
    } else if (row.cohort_year !== last.body.cohortYear || row.stage !== last.body.stage) {
      execute(this.db, 'UPDATE regency SET cohort_year = ?, stage = ?, updated_at = ?, updated_by = ? WHERE code = ?')(
        last.body.cohortYear,
        last.body.stage,
        last.body.at,
        last.body.by,
        code,
      );
    }
    current.applied.forEach((record, index) => {
      const { cohortYear, stage } = record.body;
      const previous = current.applied[index - 1]?.body;
      this.audit(
        record,
        previous
          ? {
              action: 'regency.update',
              entity: 'regency',
              entityKey: code,
              before: { cohortYear: previous.cohortYear, stage: previous.stage },
              after: { cohortYear, stage },
            }
          : { action: 'regency.add', entity: 'regency', entityKey: code, after: { code, cohortYear, stage } },
        this.roleOf(record.body.author),
      );
    });
    return fold.outcomes;
  }

  private submissionId(sub: string): number | undefined {
    const key = parseSubKey(sub);
    return queryValue<number>(
      this.db,
      'SELECT id FROM submission WHERE regency_code = ? AND kind = ? AND coalesce(stage, 0) = ? AND coalesce(year, 0) = ?',
    ).get(key.regencyCode, key.kind, key.stage ?? 0, key.year ?? 0);
  }

  private writeSubmission(fold: EntityFold<'submission'>): ReadonlyMap<string, Outcome> {
    const current = fold.current;
    if (!current) return fold.outcomes;
    const { first, last } = current;
    const sub = first.body.sub;
    const key = parseSubKey(sub);
    if (queryValue<number>(this.db, 'SELECT 1 FROM regency WHERE code = ?').get(key.regencyCode) === undefined) {
      return waitAll(fold.outcomes, problemText('sync.unknown_regency', { code: key.regencyCode }));
    }
    let id = this.submissionId(sub);
    if (id === undefined) {
      id = Number(
        execute(
          this.db,
          'INSERT INTO submission (regency_code, kind, stage, year, title, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )(key.regencyCode, key.kind, key.stage, key.year, last.body.title, first.body.at, first.body.by).lastInsertRowid,
      );
    } else if (queryValue<string | null>(this.db, 'SELECT title FROM submission WHERE id = ?').get(id) !== last.body.title) {
      execute(this.db, 'UPDATE submission SET title = ? WHERE id = ?')(last.body.title, id);
    }
    // One line per record, a function of the record alone (docs/sync.md §4): each says that its author created
    // the submission, as the author's own laptop wrote it. Which record came first differs from laptop to laptop.
    const when = key.kind === 'bimtek' ? { stage: key.stage } : { year: key.year };
    for (const record of current.applied) {
      this.audit(
        record,
        {
          action: 'submission.create',
          entity: 'submission',
          entityKey: String(id),
          after: { kind: key.kind, regencyCode: key.regencyCode, ...when, ...(record.body.title ? { title: record.body.title } : {}) },
        },
        this.roleOf(record.body.author),
      );
    }
    return fold.outcomes;
  }

  private rubricOf: RubricLookup = (id, version) => {
    const key = `${id}@${version}`;
    let found = this.rubricCache.get(key);
    if (found === undefined) {
      const text = queryValue<string>(this.db, 'SELECT document FROM rubric_version WHERE rubric_id = ? AND version = ?').get(id, version);
      found = text === undefined ? null : { rubric: JSON.parse(text) as Rubric, sha: sha256Hex(text) };
      this.rubricCache.set(key, found);
    }
    return found ?? undefined;
  };

  private writeRubric(fold: EntityFold<'rubric'>): ReadonlyMap<string, Outcome> {
    const current = fold.current;
    if (!current) return fold.outcomes;
    const body = current.first.body;
    const conflict = problemText('sync.rubric_version_conflict', { rubric: body.rubric, version: body.version });
    let parsed: Rubric | null;
    try {
      parsed = JSON.parse(body.document) as Rubric;
    } catch {
      parsed = null;
    }
    if (!parsed || sha256Hex(body.document) !== body.rubricSha || parsed.id !== body.rubric || parsed.version !== body.version) {
      return notAll(fold.outcomes, 'sync.bad_shape');
    }
    const held = this.rubricOf(body.rubric, body.version);
    if (held) return held.sha === body.rubricSha ? fold.outcomes : notAll(fold.outcomes, conflict);
    if (queryValue<number>(this.db, 'SELECT 1 FROM rubric WHERE id = ?').get(body.rubric) === undefined) {
      const origin = ['template', 'user', 'import'].includes(body.origin) ? body.origin : 'import';
      execute(this.db, 'INSERT INTO rubric (id, origin, created_at, created_by) VALUES (?, ?, ?, ?)')(
        body.rubric,
        origin,
        body.at,
        body.by,
      );
    }
    const previousText = queryValue<string>(
      this.db,
      'SELECT document FROM rubric_version WHERE rubric_id = ? AND version < ? ORDER BY version DESC LIMIT 1',
    ).get(body.rubric, body.version);
    const change = previousText === undefined ? null : classifyChange(JSON.parse(previousText) as Rubric, parsed);
    execute(
      this.db,
      `INSERT INTO rubric_version (rubric_id, version, document, change_kind, change, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )(body.rubric, body.version, body.document, change?.kind ?? null, change ? JSON.stringify(change) : null, body.at, body.by);
    this.rubricCache.delete(`${body.rubric}@${body.version}`);
    for (const record of current.applied) {
      this.audit(
        record,
        {
          action: 'rubric.save',
          entity: 'rubric',
          entityKey: `${body.rubric}@${body.version}`,
          after: { origin: record.body.origin, changeKind: change?.kind ?? null },
        },
        this.roleOf(record.body.author),
      );
    }
    return fold.outcomes;
  }

  private writeDocument(fold: EntityFold<'document'>): ReadonlyMap<string, Outcome> {
    const current = fold.current;
    if (!current) return fold.outcomes;
    const body = current.last.body;
    const row = query<Record<string, unknown>>(this.db, 'SELECT * FROM remote_document WHERE sub = ? AND sha256 = ?').get(
      body.sub,
      body.sha256,
    );
    const desired = {
      sub: body.sub,
      sha256: body.sha256,
      file_name: body.file,
      role: body.role,
      size: body.size,
      pages: body.pages,
      record_id: current.last.id,
    };
    if (!row || Object.entries(desired).some(([key, value]) => row[key] !== value)) {
      execute(
        this.db,
        `INSERT INTO remote_document (sub, sha256, file_name, role, size, pages, record_id)
         VALUES (@sub, @sha256, @file_name, @role, @size, @pages, @record_id)
         ON CONFLICT (sub, sha256) DO UPDATE SET file_name = @file_name, role = @role, size = @size, pages = @pages, record_id = @record_id`,
      )(desired);
    }
    for (const record of current.applied) {
      const { file, role, size, pages } = record.body;
      this.audit(
        record,
        { action: 'document.share', entity: 'document', entityKey: `${body.sub}@${body.sha256}`, after: { file, role, size, pages } },
        this.roleOf(record.body.author),
      );
    }
    return fold.outcomes;
  }

  // ───────────── panels and assessments ─────────────

  private recomputeGroup(group: string): void {
    const [sub = '', rubric = ''] = group.split('|');
    const rows = this.rows('((target >= ? AND target < ?) OR target = ?)', `a:${group}|`, `a:${group}|${MAX_TEXT}`, `p:${group}`);
    const parsed = rows.map((row) => ({ id: row.id, body: JSON.parse(row.text) as RecordBody }));
    const submissionId = this.submissionId(sub);
    if (submissionId === undefined) {
      this.setOutcomes(rows, new Map(), { state: 'waiting', problem: problemText('sync.unknown_submission', { sub }) });
      return;
    }
    const panelRecords = parsed.filter((record): record is ParsedRecord<PanelRecord> => isPanelRecord(record.body));
    const assessmentRecords = parsed.filter((record): record is ParsedRecord<AssessmentRecord> => isAssessmentRecord(record.body));
    const panel = foldPanel(panelRecords, assessorsWithRoots(assessmentRecords));
    const outcomes = new Map(panel.outcomes);

    const byKey = new Map<string, ParsedRecord<AssessmentRecord>[]>();
    for (const record of assessmentRecords) {
      const key = `${record.body.a.role}|${record.body.a.person}`;
      const list = byKey.get(key);
      if (list) list.push(record);
      else byKey.set(key, [record]);
    }
    const lead = panel.lead ? { person: panel.lead.person, name: panel.lead.name } : null;
    for (const key of [...byKey.keys()].sort()) {
      const records = byKey.get(key) ?? [];
      const fold = foldAssessment(records, { lead, rubricOf: this.rubricOf });
      for (const [id, outcome] of fold.outcomes) outcomes.set(id, outcome);
      if (fold.state) this.writeAssessment(submissionId, fold.state, fold, records);
    }
    this.writePanel(submissionId, rubric, panel, panelRecords);
    this.setOutcomes(rows, outcomes, { state: 'waiting', problem: PENDING });
  }

  private writeAssessment(
    submissionId: number,
    state: AssessmentState,
    fold: AssessmentFold,
    records: readonly ParsedRecord<AssessmentRecord>[],
  ): void {
    const { key } = state;
    this.ensurePerson(key.person, state.name || state.createdBy, state.createdAt);
    const existing = query<Record<string, unknown> & { id: number }>(
      this.db,
      'SELECT * FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = ? AND assessor_id = ?',
    ).get(submissionId, key.rubric, key.role, key.person);
    const desired: Record<string, unknown> = {
      rubric_version: state.rubricVersion,
      assessor_name: state.name.trim() || state.createdBy.trim() || key.person,
      assessor_institution: state.institution,
      status: state.status,
      revision: state.revision,
      created_at: state.createdAt,
      created_by: state.createdBy,
      updated_at: state.updatedAt,
      updated_by: state.updatedBy,
      submitted_at: state.submittedAt,
      finalized_at: state.finalizedAt,
    };
    let overriding = false;
    const override = () => {
      if (overriding) return;
      execute(this.db, 'INSERT OR IGNORE INTO sync_override (id) VALUES (1)')();
      overriding = true;
    };
    let id: number;
    if (!existing) {
      override();
      id = Number(
        execute(
          this.db,
          `INSERT INTO assessment (submission_id, rubric_id, role, assessor_id, rubric_version, assessor_name, assessor_institution, status, revision,
                                   created_at, created_by, updated_at, updated_by, submitted_at, finalized_at)
           VALUES (@submission_id, @rubric_id, @role, @assessor_id, @rubric_version, @assessor_name, @assessor_institution, @status, @revision,
                   @created_at, @created_by, @updated_at, @updated_by, @submitted_at, @finalized_at)`,
        )({ submission_id: submissionId, rubric_id: key.rubric, role: key.role, assessor_id: key.person, ...desired }).lastInsertRowid,
      );
    } else {
      id = existing.id;
      if (Object.entries(desired).some(([column, value]) => existing[column] !== value)) {
        override();
        execute(
          this.db,
          `UPDATE assessment SET rubric_version = @rubric_version, assessor_name = @assessor_name, assessor_institution = @assessor_institution,
             status = @status, revision = @revision, created_at = @created_at, created_by = @created_by, updated_at = @updated_at,
             updated_by = @updated_by, submitted_at = @submitted_at, finalized_at = @finalized_at WHERE id = @id`,
        )({ ...desired, id });
      }
    }

    // Scores.
    const scoreRows = query<{
      criterion_code: string;
      value: number | null;
      not_applicable: number;
      note: string;
      needs_rescore: number;
      updated_at: string;
      updated_by: string;
    }>(
      this.db,
      'SELECT criterion_code, value, not_applicable, note, needs_rescore, updated_at, updated_by FROM assessment_score WHERE assessment_id = ?',
    ).all(id);
    const heldScores = new Map(scoreRows.map((row) => [row.criterion_code, row]));
    for (const [code, score] of state.scores) {
      const want = {
        value: typeof score.value === 'number' ? score.value : null,
        not_applicable: score.value === 'na' ? 1 : 0,
        note: score.note,
        needs_rescore: score.needsRescore ? 1 : 0,
        updated_at: score.updatedAt,
        updated_by: score.updatedBy,
      };
      const held = heldScores.get(code);
      heldScores.delete(code);
      if (held && Object.entries(want).every(([column, value]) => held[column as keyof typeof held] === value)) continue;
      override();
      execute(
        this.db,
        `INSERT INTO assessment_score (assessment_id, criterion_code, value, not_applicable, note, needs_rescore, updated_at, updated_by)
         VALUES (@id, @code, @value, @not_applicable, @note, @needs_rescore, @updated_at, @updated_by)
         ON CONFLICT (assessment_id, criterion_code) DO UPDATE SET value = @value, not_applicable = @not_applicable, note = @note,
           needs_rescore = @needs_rescore, updated_at = @updated_at, updated_by = @updated_by`,
      )({ id, code, ...want });
    }
    for (const code of heldScores.keys()) {
      override();
      execute(this.db, 'DELETE FROM assessment_score WHERE assessment_id = ? AND criterion_code = ?')(id, code);
    }

    // Evidence, by the record that added it.
    const evidenceRows = query<{
      id: number;
      criterion_code: string;
      document_id: number | null;
      file_name: string;
      sha256: string | null;
      page: number;
      quote: string;
      created_at: string;
      created_by: string;
      record_id: string | null;
    }>(
      this.db,
      'SELECT id, criterion_code, document_id, file_name, sha256, page, quote, created_at, created_by, record_id FROM evidence WHERE assessment_id = ? ORDER BY id',
    ).all(id);
    const byRecord = new Map(evidenceRows.filter((row) => row.record_id !== null).map((row) => [row.record_id as string, row]));
    const unclaimed = evidenceRows.filter((row) => row.record_id === null);
    const evidenceIds = new Map<string, number>();
    for (const item of state.evidence.values()) {
      const documentId =
        item.sha256 === null
          ? null
          : (queryValue<number>(this.db, 'SELECT id FROM document WHERE submission_id = ? AND sha256 = ?').get(submissionId, item.sha256) ??
            null);
      const want = {
        criterion_code: item.c,
        document_id: documentId,
        file_name: item.file,
        sha256: item.sha256,
        page: item.page,
        quote: item.quote,
        created_at: item.createdAt,
        created_by: item.createdBy,
        record_id: item.key,
      };
      // Evidence made here before it had a record (seeded by a snapshot) is the same item.
      const heldIndex = byRecord.has(item.key)
        ? -1
        : unclaimed.findIndex(
            (row) => row.criterion_code === item.c && row.file_name === item.file && row.page === item.page && row.quote === item.quote,
          );
      const held = byRecord.get(item.key) ?? (heldIndex >= 0 ? unclaimed.splice(heldIndex, 1)[0] : undefined);
      byRecord.delete(item.key);
      if (held) {
        evidenceIds.set(item.key, held.id);
        if (Object.entries(want).every(([column, value]) => held[column as keyof typeof held] === value)) continue;
        override();
        execute(
          this.db,
          `UPDATE evidence SET criterion_code = @criterion_code, document_id = @document_id, file_name = @file_name, sha256 = @sha256, page = @page,
             quote = @quote, created_at = @created_at, created_by = @created_by, record_id = @record_id WHERE id = @id`,
        )({ ...want, id: held.id });
        continue;
      }
      override();
      const inserted = execute(
        this.db,
        `INSERT INTO evidence (assessment_id, criterion_code, document_id, file_name, sha256, page, quote, created_at, created_by, record_id)
         VALUES (@assessment_id, @criterion_code, @document_id, @file_name, @sha256, @page, @quote, @created_at, @created_by, @record_id)`,
      )({ assessment_id: id, ...want });
      evidenceIds.set(item.key, Number(inserted.lastInsertRowid));
    }
    for (const [recordKey, row] of byRecord) {
      // The trail line of the removal names the row it took.
      evidenceIds.set(recordKey, row.id);
      override();
      execute(this.db, 'DELETE FROM evidence WHERE id = ?')(row.id);
    }
    if (overriding) execute(this.db, 'DELETE FROM sync_override')();

    // The trail: one line per applied record, as the services write it.
    const ordered = [...records].sort((x, y) => x.body.seq - y.body.seq || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const seen = new Set<string>();
    for (const record of ordered) {
      if (seen.has(record.id) || fold.outcomes.get(record.id)?.state !== 'applied') continue;
      seen.add(record.id);
      this.event(submissionId, key.rubric, id, record, assessmentChange(record, fold, evidenceIds));
    }
  }

  private event(
    submissionId: number,
    rubricId: string,
    assessmentId: number | null,
    record: ParsedRecord,
    change: { action: string; criterion?: string; before?: unknown; after?: unknown; reason?: string },
  ): void {
    const body = record.body;
    this.ensurePerson(body.author, body.by, body.at);
    execute(
      this.db,
      `INSERT INTO assessment_event (at, actor, actor_id, submission_id, rubric_id, assessment_id, criterion_code, action, before, after, reason, record_id, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )(
      body.at,
      body.by,
      body.author,
      submissionId,
      rubricId,
      assessmentId,
      change.criterion ?? null,
      change.action,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
      change.reason ?? null,
      record.id,
      body.seq,
    );
  }

  private writePanel(submissionId: number, rubricId: string, panel: PanelState, records: readonly ParsedRecord<PanelRecord>[]): void {
    if (panel.lead) {
      const lead = panel.lead;
      this.ensurePerson(lead.person, lead.name, lead.at);
      const row = query<{ lead_id: string | null; lead_name: string; updated_at: string }>(
        this.db,
        'SELECT lead_id, lead_name, updated_at FROM panel WHERE submission_id = ? AND rubric_id = ?',
      ).get(submissionId, rubricId);
      const name = lead.name.trim() || lead.person;
      if (!row || row.lead_id !== lead.person || row.lead_name !== name || row.updated_at !== lead.at) {
        execute(
          this.db,
          `INSERT INTO panel (submission_id, rubric_id, lead_id, lead_name, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (submission_id, rubric_id) DO UPDATE SET lead_id = excluded.lead_id, lead_name = excluded.lead_name, updated_at = excluded.updated_at`,
        )(submissionId, rubricId, lead.person, name, lead.at);
      }
    }
    const held = query<{
      criterion_code: string;
      value: number | null;
      not_applicable: number;
      reason: string;
      decided_at: string;
      decided_by: string;
      decided_by_id: string | null;
      record_id: string | null;
    }>(
      this.db,
      'SELECT criterion_code, value, not_applicable, reason, decided_at, decided_by, decided_by_id, record_id FROM panel_agreement WHERE submission_id = ? AND rubric_id = ?',
    ).all(submissionId, rubricId);
    const heldByCode = new Map(held.map((row) => [row.criterion_code, row]));
    for (const [code, agreed] of panel.agreed) {
      const want = {
        value: agreed.value === 'na' ? null : agreed.value,
        not_applicable: agreed.value === 'na' ? 1 : 0,
        reason: agreed.reason,
        decided_at: agreed.at,
        decided_by: agreed.by,
        decided_by_id: agreed.author,
        record_id: agreed.recordId,
      };
      const row = heldByCode.get(code);
      heldByCode.delete(code);
      if (row && Object.entries(want).every(([column, value]) => row[column as keyof typeof row] === value)) continue;
      execute(
        this.db,
        `INSERT INTO panel_agreement (submission_id, rubric_id, criterion_code, value, not_applicable, reason, decided_at, decided_by, decided_by_id, record_id)
         VALUES (@submission, @rubric, @code, @value, @not_applicable, @reason, @decided_at, @decided_by, @decided_by_id, @record_id)
         ON CONFLICT (submission_id, rubric_id, criterion_code) DO UPDATE SET value = @value, not_applicable = @not_applicable, reason = @reason,
           decided_at = @decided_at, decided_by = @decided_by, decided_by_id = @decided_by_id, record_id = @record_id`,
      )({ submission: submissionId, rubric: rubricId, code, ...want });
    }
    // An agreed score the records no longer hold goes: cleared, or set by a lead who no longer leads.
    const decided = new Set(records.flatMap((record) => (record.body.kind === 'agreed' ? [record.body.c] : [])));
    for (const row of heldByCode.values()) {
      if (row.record_id !== null || decided.has(row.criterion_code)) {
        execute(this.db, 'DELETE FROM panel_agreement WHERE submission_id = ? AND rubric_id = ? AND criterion_code = ?')(
          submissionId,
          rubricId,
          row.criterion_code,
        );
      }
    }
    const ordered = [...records].sort((x, y) => x.body.seq - y.body.seq || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (const record of ordered) {
      if (panel.outcomes.get(record.id)?.state !== 'applied') continue;
      const body = record.body;
      this.event(
        submissionId,
        rubricId,
        null,
        record,
        body.kind === 'lead'
          ? { action: 'lead', after: body.by }
          : { action: 'agreed', criterion: body.c, before: body.before, after: body.value, reason: body.reason },
      );
    }
  }
}

function waitAll(outcomes: ReadonlyMap<string, Outcome>, problem: string): Map<string, Outcome> {
  return new Map([...outcomes.keys()].map((id) => [id, { state: 'waiting', problem }]));
}

function notAll(outcomes: ReadonlyMap<string, Outcome>, problem: string): Map<string, Outcome> {
  return new Map([...outcomes.keys()].map((id) => [id, { state: 'not_applied', problem }]));
}

/** A record's trail line in the shapes assessments.ts `record(...)` writes. */
function assessmentChange(
  record: ParsedRecord<AssessmentRecord>,
  fold: AssessmentFold,
  evidenceIds: ReadonlyMap<string, number>,
): { action: string; criterion?: string; before?: unknown; after?: unknown; reason?: string } {
  const body = record.body;
  const effect = fold.effects.get(record.id);
  const reason = 'reason' in body && body.reason ? { reason: body.reason } : {};
  switch (body.kind) {
    case 'assessment':
      return { action: 'create', after: { rubric: `${body.a.rubric} v${body.rubricVersion}`, role: body.a.role } };
    case 'snapshot':
      return { action: 'import', after: { scores: Object.keys(body.scores).length, evidence: body.evidence.length, status: body.status } };
    case 'score':
      return { action: 'score', criterion: body.c, before: body.before, after: body.value, ...reason };
    case 'note':
      return { action: 'note', criterion: body.c, before: body.before, after: body.text, ...reason };
    case 'evidence.add':
      return {
        action: 'evidence.add',
        criterion: body.c,
        after: { id: evidenceIds.get(record.id) ?? null, file: body.file, page: body.page, quote: body.quote },
      };
    case 'evidence.remove': {
      const removed = effect?.kind === 'evidence.remove' ? effect.removed : null;
      return {
        action: 'evidence.remove',
        criterion: removed?.c ?? body.c,
        before: removed
          ? { id: evidenceIds.get(removed.key) ?? null, file: removed.file, page: removed.page, quote: removed.quote }
          : { id: null },
      };
    }
    case 'rubric_version': {
      const migration = effect?.kind === 'rubric_version' ? effect : { needsRescore: [], dropped: [] };
      return {
        action: 'rubric_version',
        before: { version: body.from },
        after: { version: body.to, needsRescore: migration.needsRescore, dropped: migration.dropped },
      };
    }
    case 'status':
      return { action: 'status', before: body.from, after: body.to, ...reason };
  }
}

// A laptop in a child process: its own workspace with the services and the sync engine the app
// runs (background sync on), taking commands as JSON lines on stdin and answering each on stdout
// only once it is done and saved: `{"id":1,"cmd":"score","code":"ECO.1","value":4}` →
// `{"id":1,"ok":true,"result":…}`. The convergence test (docs/sync.md §8) runs three of them,
// cuts their network and kills them.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { importDocument } from '../../../electron/core/intake/import.ts';
import { startWorkspaceSync } from '../../../electron/core/sync/driver.ts';
import { syncPartsFor } from '../../../electron/core/sync/parts.ts';
import { openWorkspace } from '../../../electron/core/workspace/open.ts';
import { AppError } from '../../../shared/errors.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from '../assessments.ts';
import { snapshot } from '../db-snapshot.ts';

const [dataDir, resourcesDir, name, intervalMs] = process.argv.slice(2) as [string, string, string, string];
const ws = await openWorkspace(dataDir, { resourcesDir, fallbackActorName: name });
actAs(ws, name);
const sync = startWorkspaceSync(ws, { appVersion: 'chaos', background: true, intervalMs: Number(intervalMs || 15_000) });
const RUBRIC = 'panel-test';
const CODES = ['ECO.1', 'ECO.2', 'LIV.1', 'LIV.2'];

const say = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

const me = () => ws.profile.identity().id;
/** Banggai's Bimtek submission of that stage (3 unless a command says another), made here if asked. */
function submissionId(stage = 3, make = false): number {
  const found = ws.submissions.list('72.01').find((submission) => submission.kind === 'bimtek' && submission.stage === stage);
  if (found) return found.id;
  if (make) return ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage }).id;
  throw new Error(`no Banggai Bimtek ${stage} here yet`);
}
function assessmentOf(person = me(), stage = 3): number {
  const row = ws.db
    .prepare("SELECT id FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = 'assessor' AND assessor_id = ?")
    .get(submissionId(stage), RUBRIC, person) as { id: number } | undefined;
  if (!row) throw new Error(`no assessment of ${person} here`);
  return row.id;
}
const personNamed = (assessor: string) =>
  (ws.db.prepare('SELECT id FROM person WHERE name = ?').get(assessor) as { id: string } | undefined)?.id ?? assessor;

/** What this laptop holds, for comparing with the others (docs/sync.md §8). */
function state() {
  const all = <T>(sql: string, ...params: unknown[]) => ws.db.prepare(sql).all(...params) as T[];
  const records = all<{
    id: string;
    kind: string;
    author: string;
    seq: number;
    state: string;
    problem: string | null;
    origin: string;
    docs: string;
  }>(
    `SELECT r.id, r.kind, r.author, r.seq, r.state, r.problem, r.origin, coalesce((SELECT json_group_array(doc) FROM (SELECT doc FROM sync_record_doc d WHERE d.record_id = r.id ORDER BY doc)), '[]') AS docs
     FROM sync_record r ORDER BY r.id`,
  ).map((row) => ({ ...row, docs: JSON.parse(row.docs) as string[] }));
  const assessments = all<Record<string, unknown>>(
    `SELECT s.regency_code || '/' || s.kind || coalesce(s.stage, s.year) AS sub, a.rubric_id AS rubric, a.role, a.assessor_id AS person,
            a.assessor_name AS name, a.rubric_version AS version, a.status, a.revision, a.submitted_at AS submittedAt, a.finalized_at AS finalizedAt,
            (SELECT json_group_array(json_array(criterion_code, value, not_applicable, note, needs_rescore))
               FROM (SELECT * FROM assessment_score sc WHERE sc.assessment_id = a.id ORDER BY criterion_code)) AS scores,
            (SELECT json_group_array(json_array(criterion_code, sha256, file_name, page, quote, record_id))
               FROM (SELECT * FROM evidence e WHERE e.assessment_id = a.id ORDER BY record_id)) AS evidence
     FROM assessment a JOIN submission s ON s.id = a.submission_id ORDER BY sub, rubric, role, person`,
  ).map((row) => ({ ...row, scores: JSON.parse(row.scores as string), evidence: JSON.parse(row.evidence as string) }));
  const panels = all<Record<string, unknown>>(
    `SELECT s.regency_code || '/' || s.kind || coalesce(s.stage, s.year) AS sub, p.rubric_id AS rubric, p.lead_id AS lead, p.lead_name AS leadName,
            (SELECT json_group_array(json_array(criterion_code, value, not_applicable, reason, decided_by_id, record_id))
               FROM (SELECT * FROM panel_agreement g WHERE g.submission_id = p.submission_id AND g.rubric_id = p.rubric_id ORDER BY criterion_code)) AS agreed
     FROM panel p JOIN submission s ON s.id = p.submission_id ORDER BY sub, rubric`,
  ).map((row) => ({ ...row, agreed: JSON.parse(row.agreed as string) }));
  // The synced trail: every line made from a record, as a function of the record alone (docs/sync.md §4).
  const trail = all<{
    record_id: string;
    action: string;
    criterion: string | null;
    before: string | null;
    after: string | null;
    reason: string | null;
    actor_id: string | null;
    at: string;
  }>(
    `SELECT record_id, action, criterion_code AS criterion, before, after, reason, actor_id, at FROM assessment_event WHERE record_id IS NOT NULL
     UNION ALL SELECT record_id, action, NULL, before, after, NULL, actor_id, at FROM audit_log WHERE record_id IS NOT NULL
     ORDER BY record_id`,
  ).map((row) => ({ ...row, before: withoutLocalIds(row.before), after: withoutLocalIds(row.after) }));
  const duplicates = all<{ record_id: string; n: number }>(
    `SELECT record_id, count(*) AS n FROM (SELECT record_id FROM assessment_event WHERE record_id IS NOT NULL
       UNION ALL SELECT record_id FROM audit_log WHERE record_id IS NOT NULL) GROUP BY record_id HAVING n > 1`,
  );
  const summary = ws.panelViews.summary({}).map((entry) => ({
    sub: `${entry.regencyCode}/${entry.kind}${entry.stage ?? entry.year}`,
    rubric: entry.rubricId,
    hidden: entry.panel.hidden,
    overall: entry.panel.overall,
    groups: entry.panel.groups,
    agreed: entry.panel.agreed,
    disagreements: entry.panel.disagreements,
  }));
  return { me: me(), records, assessments, panels, trail, duplicates, summary };
}

/** Local integer ids (evidence, documents) differ on every laptop: dropped from the trail's before/after. */
function withoutLocalIds(json: string | null): unknown {
  if (json === null) return null;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== 'id' && key !== 'documentId' && key !== 'evidenceId')
          .map(([key, inner]) => [key, strip(inner)]),
      );
    return value;
  };
  return strip(JSON.parse(json));
}

/** Records made here that the hub has acknowledged: in a document acknowledged since they were put into it. */
function acknowledged(): string[] {
  return (
    ws.db
      .prepare(
        `SELECT DISTINCT rd.record_id AS id FROM sync_record_doc rd JOIN sync_record r ON r.id = rd.record_id JOIN sync_doc d ON d.name = rd.doc
          WHERE r.origin = 'local' AND d.synced_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.record_id = rd.record_id AND o.doc = rd.doc) ORDER BY 1`,
      )
      .all() as { id: string }[]
  ).map((row) => row.id);
}

/** Every record this laptop holds, fed to the applier again as if it came from the hub; how many were new (none). */
function ingestAgain(): number {
  const rows = ws.db
    .prepare('SELECT r.id, r.text, r.signature, rd.doc FROM sync_record r JOIN sync_record_doc rd ON rd.record_id = r.id')
    .all() as {
    id: string;
    text: string;
    signature: Uint8Array;
    doc: string;
  }[];
  return syncPartsFor(ws).ingest(
    rows.map((row) => ({ record: { id: row.id, text: row.text, signature: new Uint8Array(row.signature) }, doc: row.doc })),
    'hub',
  ).received;
}

/** Every row of every table (test/helpers/db-snapshot.ts), as one hash per table. */
function tables(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(snapshot(ws.db)).map(([table, rows]) => [
      table,
      createHash('sha256')
        .update(
          JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value)),
        )
        .digest('hex'),
    ]),
  );
}

let busy: { stop: boolean; done: Promise<number> } | null = null;
/** Scores in a loop, a little apart, while the background sync runs: the work a kill lands in. */
function startBusy(everyMs: number, stage: number) {
  const control = { stop: false, done: Promise.resolve(0) };
  control.done = (async () => {
    let made = 0;
    const id = assessmentOf(me(), stage);
    while (!control.stop) {
      const code = CODES[made % CODES.length] as string;
      ws.assessments.setScore(id, code, 1 + ((made * 7 + Date.now()) % 5));
      made += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    return made;
  })();
  return control;
}

type Command = { id: number; cmd: string } & Record<string, unknown>;

async function run(command: Command): Promise<unknown> {
  const stage = Number(command.stage ?? 3);
  switch (command.cmd) {
    case 'join':
      await ws.sync.join(command.hubUrl as string, command.token as string);
      return ws.sync.status();
    case 'setup':
      ws.rubrics.save(PANEL_RUBRIC, true);
      return banggaiBimtek3(ws);
    case 'create':
      return ws.assessments.create({ submissionId: submissionId(stage, true), rubricId: RUBRIC, rubricVersion: 1, role: 'assessor' }).id;
    case 'score':
      ws.assessments.setScore(assessmentOf(), command.code as string, command.value as number);
      return null;
    case 'note':
      ws.assessments.setNote(assessmentOf(), command.code as string, command.text as string);
      return null;
    case 'evidence': {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Program');
      sheet.addRow(['Program', 'Dimensi']);
      sheet.addRow([`Program ${name}`, 'Smart Economy']);
      const path = join(dataDir, `lampiran-${Date.now()}.xlsx`);
      writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
      const document = await importDocument(
        { submissionId: submissionId(), path, fileName: `lampiran-${name}.xlsx`, role: 'annex' },
        {
          db: ws.db,
          dataDir,
          lexicon: ws.lexicon(),
          actor: { id: me(), name, role: 'assessor' },
          now: () => new Date().toISOString(),
          maxBytes: 10 * 1024 * 1024,
        },
      );
      ws.assessments.addEvidence(assessmentOf(), {
        criterion: command.code as string,
        documentId: document.id,
        page: 1,
        quote: command.quote as string,
      });
      return document.sha256;
    }
    case 'submit':
      return ws.assessments.transition(assessmentOf(me(), stage), 'submitted').status;
    case 'takeLead':
      return ws.panels.takeLead(submissionId(), RUBRIC).lead;
    case 'agree':
      ws.panels.reconcile(submissionId(), RUBRIC, command.code as string, command.value as number, command.reason as string);
      return null;
    case 'finalize':
      return ws.assessments.transition(assessmentOf(personNamed(command.assessor as string)), 'finalized').status;
    case 'sync':
      return await ws.sync.syncNow();
    case 'state':
      return state();
    case 'status':
      return { service: ws.sync.status(), engine: (await sync.engine()).status() };
    case 'acked':
      return acknowledged();
    case 'busy':
      if (command.on) busy ??= startBusy(Number(command.everyMs ?? 30), stage);
      else if (busy) {
        busy.stop = true;
        const made = await busy.done;
        busy = null;
        return made;
      }
      return 0;
    case 'replay': {
      // In one run of microtasks (the engine is loaded by now), so no sync pass comes in between: the tables before,
      // everything fed in again, the tables after.
      const before = tables();
      const again = ingestAgain();
      const imported = await ws.sync.importFile(command.fileName as string, Buffer.from(command.content as string, 'base64'));
      const after = tables();
      return { again, imported, changed: Object.keys(after).filter((table) => after[table] !== before[table]) };
    }
    case 'ingestAgain':
      return ingestAgain();
    case 'export':
      return (await ws.sync.exportFile({})).content.toString('base64');
    case 'import':
      return await ws.sync.importFile(command.fileName as string, Buffer.from(command.content as string, 'base64'));
    case 'stop':
      await sync.stop();
      ws.close();
      return null;
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line) as Command;
  queue = queue.then(async () => {
    try {
      say({ id: command.id, ok: true, result: await run(command) });
    } catch (error) {
      say({
        id: command.id,
        ok: false,
        error: error instanceof AppError ? error.code : String(error instanceof Error ? (error.stack ?? error.message) : error),
      });
    }
    if (command.cmd === 'stop') process.exit(0);
  });
});
say({ ready: true, person: me() });

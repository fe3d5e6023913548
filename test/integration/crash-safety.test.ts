import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../electron/core/storage/blob-store.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../helpers/assessments.ts';
import { random } from '../helpers/cohort.ts';
import { tempDir } from '../helpers/temp.ts';
import { openTestHost, openTestWorkspace, RESOURCES_DIR } from '../helpers/workspace.ts';
import { annexXlsx } from '../helpers/masterplans.ts';
import { hashOf } from '../helpers/hash.ts';

const KILLS = 50;
const MOVES = 15;
const WORKERS = join(import.meta.dirname, '..', 'helpers', 'workers');
const CHILD = join(WORKERS, 'crash-child.ts');

/** Run the worker until it has said it is ready and worked a random while, then kill it without warning. */
function runAndKill(args: string[], delay: number, child_ = CHILD): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [child_, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = out;
      out += chunk.toString();
      if (!before.includes('ready\n') && out.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), delay);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    // 'close', not 'exit': only then has every line the worker wrote before the kill been read.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the worker stopped by itself (${code}): ${err}`));
      else resolve(out.split('\n').filter((line) => line && line !== 'ready'));
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged save and a sound database through ${KILLS} kills in the middle of scoring, imports and exports`, async () => {
    const ws = await openTestWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    const submissionId = banggaiBimtek3(ws);
    actAs(ws, 'Prof. Budi');
    scoreAndSubmit(ws, ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id, {
      'ECO.1': 3,
      'ECO.2': 3,
      'LIV.1': 3,
      'LIV.2': 3,
    });
    actAs(ws, 'crash');
    const assessmentId = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    const { dataDir } = ws;
    ws.close();

    const next = random(2026);
    const acknowledged = {
      note: 0,
      documents: new Map<number, { sha: string; pages: number }>(),
      recaps: 0,
      scores: 0,
      values: new Map<string, number>(),
    };
    let recapsChecked = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const scratch = tempDir();
      const args = [dataDir, RESOURCES_DIR, String(kill * 100_000), String(submissionId), String(assessmentId), scratch, String(kill % 4)];
      const lines = await runAndKill(args, Math.floor(next() * 400));
      // A score being saved when the kill came (said, not yet acknowledged): it may or may not have committed.
      let saving: { code: string; value: number } | undefined;
      const recaps: string[] = [];
      for (const line of lines) {
        const [what, ...rest] = line.split(' ');
        if (what === 'note') acknowledged.note = Number(rest[0]);
        if (what === 'doc') acknowledged.documents.set(Number(rest[0]), { sha: rest[1] as string, pages: Number(rest[2]) });
        if (what === 'recap') {
          acknowledged.recaps += 1;
          recaps.push(join(scratch, `recap-${rest[0]}.xlsx`));
        }
        if (what === 'saving') saving = { code: rest[1] as string, value: Number(rest[2]) };
        if (what === 'score') {
          acknowledged.scores += 1;
          acknowledged.values.set(rest[0] as string, Number(rest[1]));
          saving = undefined;
        }
      }

      // Every recap acknowledged in this run is a whole workbook on disk (a cut-off .xlsx does not open), with its recap sheet.
      for (const file of recaps) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(file);
        const header = workbook.getWorksheet('Rekap')?.getRow(1).values as unknown[] | undefined;
        expect(header?.slice(1, 4), `${file} after kill ${kill + 1}`).toEqual(['Provinsi', 'Daerah', 'Kode']);
        recapsChecked += 1;
      }

      const db = new Database(join(dataDir, 'timbang.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true }), `after kill ${kill + 1}`).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        // The last acknowledged note, or one written after it that committed before the kill.
        const note =
          (
            db.prepare("SELECT note FROM assessment_score WHERE assessment_id = ? AND criterion_code = 'ECO.1'").get(assessmentId) as
              { note: string } | undefined
          )?.note ?? '';
        expect(Number(note.replace('seq ', '') || 0), `note after kill ${kill + 1}`).toBeGreaterThanOrEqual(acknowledged.note);
        // Every acknowledged document is there whole: its row, all its pages, its file.
        for (const [id, { sha, pages }] of acknowledged.documents) {
          const row = db.prepare('SELECT sha256, pages FROM document WHERE id = ?').get(id) as
            { sha256: string; pages: number } | undefined;
          expect(row, `document ${id} after kill ${kill + 1}`).toEqual({ sha256: sha, pages });
        }
        // Every acknowledged score is there with its value (or, for the one being saved at the kill, that value).
        const rows = db.prepare('SELECT criterion_code AS code, value FROM assessment_score WHERE assessment_id = ?').all(assessmentId) as {
          code: string;
          value: number | null;
        }[];
        const stored = new Map(rows.map((row) => [row.code, row.value]));
        for (const code of ['ECO.1', 'ECO.2', 'LIV.1', 'LIV.2']) {
          const allowed = [acknowledged.values.get(code) ?? null, ...(saving?.code === code ? [saving.value] : [])];
          expect(allowed, `score ${code} after kill ${kill + 1}`).toContain(stored.get(code) ?? null);
          // A save cut off by the kill either committed or did not: what is stored is now the value to keep.
          const value = stored.get(code);
          if (saving?.code === code && value !== undefined && value !== null) acknowledged.values.set(code, value);
        }
        // And no document anywhere is half there.
        const partial = db
          .prepare('SELECT d.id FROM document d WHERE d.pages <> (SELECT count(*) FROM page p WHERE p.document_id = d.id)')
          .all();
        expect(partial).toEqual([]);
        for (const { sha256 } of db.prepare('SELECT sha256 FROM blob').all() as { sha256: string }[])
          expect(existsSync(blobPath(dataDir, sha256))).toBe(true);
        // The history has a line for every saved change of the note (append-only, same transaction).
        const noteEvents = (
          db.prepare("SELECT count(*) AS n FROM assessment_event WHERE assessment_id = ? AND action = 'note'").get(assessmentId) as {
            n: number;
          }
        ).n;
        expect(noteEvents).toBeGreaterThanOrEqual(acknowledged.documents.size > 0 || acknowledged.note > 0 ? 1 : 0);
      } finally {
        db.close();
      }
    }
    console.log(
      `crash safety: ${KILLS} kills; acknowledged before the kills: ${acknowledged.documents.size} documents, ${acknowledged.recaps} recaps, ${acknowledged.scores} scores, notes up to ${acknowledged.note}; nothing lost, no half-imported document`,
    );
    expect(acknowledged.documents.size).toBeGreaterThan(5);
    expect(acknowledged.values.size).toBe(4);
    expect(recapsChecked).toBe(acknowledged.recaps);
    expect(acknowledged.recaps).toBeGreaterThan(0);
  }, 240_000);

  it(`leaves a whole workspace, the one moved in or the one before, through ${MOVES} kills in the middle of workspace imports`, async () => {
    // Two workspace files that differ in every table that matters: regencies, documents, their files.
    const files: Record<'A' | 'B', { file: string; regencies: string[]; blobs: string[] }> = {} as never;
    for (const [name, codes] of [
      ['A', ['72.01']],
      ['B', ['34.04', '15.71']],
    ] as const) {
      const host = await openTestHost();
      const ws = host.current();
      for (const code of codes) {
        ws.regencies.add({ code, cohortYear: 2022, stage: 1 });
        const submission = ws.submissions.create({ kind: 'bimtek', regencyCode: code, stage: 1 });
        const path = join(tempDir(), `lampiran-${code}.xlsx`);
        writeFileSync(path, Buffer.concat([await annexXlsx(), Buffer.from(code)]));
        const job = ws.imports.start(ws.uploads.register(path), submission.id, 'annex');
        expect((await ws.imports.wait(job.id)).status).toBe('done');
      }
      const blobs = (ws.db.prepare('SELECT sha256 FROM blob ORDER BY sha256').all() as { sha256: string }[]).map((row) => row.sha256);
      files[name] = { file: (await host.exportWorkspace(join(tempDir(), `${name}.timbang`))).file, regencies: [...codes].sort(), blobs };
      await host.close();
    }

    const dataDir = tempDir();
    const next = random(7);
    const installed = { A: 0, B: 0 };
    for (let kill = 0; kill < MOVES; kill += 1) {
      const lines = await runAndKill(
        [dataDir, RESOURCES_DIR, files.A.file, files.B.file],
        150 + Math.floor(next() * 900),
        join(WORKERS, 'move-child.ts'),
      );
      for (const line of lines) installed[line.endsWith('A') ? 'A' : 'B'] += 1;
      if (!existsSync(join(dataDir, 'timbang.db'))) continue;
      const db = new Database(join(dataDir, 'timbang.db'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true }), `after kill ${kill + 1}`).toBe('ok');
        const regencies = (db.prepare('SELECT code FROM regency ORDER BY code').all() as { code: string }[]).map((row) => row.code);
        const blobs = (db.prepare('SELECT sha256 FROM blob ORDER BY sha256').all() as { sha256: string }[]).map((row) => row.sha256);
        // All of one workspace or all of the other (or the empty one it started as), never a mix.
        const whole = [files.A, files.B, { regencies: [], blobs: [] }].some(
          (expected) => JSON.stringify([expected.regencies, expected.blobs]) === JSON.stringify([regencies, blobs]),
        );
        expect(whole, `after kill ${kill + 1}: ${regencies.join(',')}`).toBe(true);
        for (const sha256 of blobs) expect(hashOf(blobPath(dataDir, sha256))).toBe(sha256);
      } finally {
        db.close();
      }
    }
    // The next start clears what the killed imports had unpacked.
    (await openTestHost(dataDir)).close();
    expect(existsSync(join(dataDir, 'imports')) ? readdirSync(join(dataDir, 'imports')) : []).toEqual([]);
    console.log(
      `crash safety: ${MOVES} kills during workspace imports; ${installed.A + installed.B} imports acknowledged; the workspace was whole after every kill`,
    );
    expect(installed.A + installed.B).toBeGreaterThan(MOVES);
  }, 240_000);
});

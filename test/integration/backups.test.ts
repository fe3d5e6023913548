import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../electron/core/storage/blob-store.ts';
import { importDocument } from '../../electron/core/intake/import.ts';
import { backupFolder, restoreBackup } from '../../electron/core/services/backups.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from '../helpers/assessments.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { annexXlsx } from '../helpers/masterplans.ts';
import { refusal } from '../helpers/refusal.ts';
import { tempDir } from '../helpers/temp.ts';
import { hashOf } from '../helpers/hash.ts';
import { openTestWorkspace } from '../helpers/workspace.ts';

describe('backups', () => {
  it('restore into an identical workspace: the same rows and the same document files, even after the document was removed', async () => {
    const ws = await openTestWorkspace();
    ws.rubrics.save(PANEL_RUBRIC, true);
    const submissionId = banggaiBimtek3(ws);
    actAs(ws, 'Dr. Sari');
    const assessmentId = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    ws.assessments.setScore(assessmentId, 'ECO.1', 3);
    const path = join(tempDir(), 'lampiran.xlsx');
    writeFileSync(path, await annexXlsx());
    const document = await importDocument(
      { submissionId, path, fileName: 'lampiran.xlsx', role: 'annex' },
      {
        db: ws.db,
        dataDir: ws.dataDir,
        lexicon: ws.lexicon(),
        actor: { id: ws.profile.identity().id, name: 'Dr. Sari', role: 'assessor' },
        now: () => 't',
        maxBytes: 1e8,
      },
    );
    const before = snapshot(ws.db);
    const made = await ws.backups.create('manual');
    expect(made).toMatchObject({ kind: 'manual', blobs: [document.sha256] });
    expect(ws.backups.list().map((entry) => entry.file)).toEqual([made.file]);

    // Work goes on: another regency, another score, and the document removed (its file stays: the backup needs it).
    ws.regencies.add({ code: '73.71', cohortYear: 2023, stage: 1 });
    ws.assessments.setScore(assessmentId, 'ECO.1', 5);
    ws.documents.remove(document.id);
    expect(existsSync(blobPath(ws.dataDir, document.sha256))).toBe(true);
    const { dataDir } = ws;
    ws.close();

    const outcome = restoreBackup(dataDir, made.file);
    expect(outcome).toMatchObject({ restored: made.file, missingFiles: [] });
    expect(outcome.previous).toMatch(/^timbang-before-restore-/);
    const again = await openTestWorkspace(dataDir);
    expect(snapshot(again.db)).toEqual(before);
    for (const { sha256 } of again.db.prepare('SELECT sha256 FROM blob').all() as { sha256: string }[]) {
      expect(hashOf(blobPath(dataDir, sha256))).toBe(sha256);
    }
    expect(again.assessments.get(assessmentId).entries.find((entry) => entry.criterion === 'ECO.1')?.value).toBe(3);
    // What was replaced is itself kept, listed, and can be restored in turn.
    expect(existsSync(join(backupFolder(dataDir), outcome.previous as string))).toBe(true);
    expect(again.backups.list().map((entry) => [entry.file, entry.kind])).toContainEqual([outcome.previous, 'before-restore']);
    again.close();
  });

  it('refuses a damaged backup and leaves the workspace as it was', async () => {
    const ws = await openTestWorkspace();
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    const made = await ws.backups.create('manual');
    const { dataDir } = ws;
    const before = snapshot(ws.db);
    ws.close();
    const file = join(backupFolder(dataDir), made.file);
    const damaged = readFileSync(file);
    const at = damaged.length - 100;
    damaged.writeUInt8((damaged[at] ?? 0) ^ 0xff, at);
    writeFileSync(file, damaged);
    expect(refusal(() => restoreBackup(dataDir, made.file))).toMatchObject({ code: 'backup.damaged' });
    const copy = join(tempDir(), 'not-a-backup.db');
    writeFileSync(copy, 'bukan basis data');
    expect(refusal(() => restoreBackup(dataDir, copy)).code).toBe('backup.damaged');
    expect(refusal(() => restoreBackup(dataDir, 'nowhere.db')).code).toBe('backup.not_found');
    const again = await openTestWorkspace(dataDir);
    expect(snapshot(again.db)).toEqual(before);
    again.close();
  });

  it('takes a daily backup once a day and keeps the last seven', async () => {
    let now = Date.parse('2026-08-01T02:00:00.000Z');
    const dataDir = tempDir();
    const ws = await (
      await import('../../electron/core/workspace/open.ts')
    ).openWorkspace(dataDir, { now: () => new Date(now).toISOString(), fallbackActorName: 'x' });
    expect(await ws.backups.daily()).toMatchObject({ kind: 'daily' });
    now += 60 * 60 * 1000;
    expect(await ws.backups.daily()).toBeUndefined();
    for (let day = 0; day < 9; day += 1) {
      now += 25 * 60 * 60 * 1000;
      await ws.backups.daily();
    }
    expect(ws.backups.list().filter((entry) => entry.kind === 'daily')).toHaveLength(7);
    ws.close();
  });
});

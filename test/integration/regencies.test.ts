import { describe, expect, it } from 'vitest';
import { listAudit } from '../../electron/core/services/audit.ts';
import { openWorkspace } from '../../electron/core/workspace/open.ts';
import { ingest } from '../../electron/core/sync/apply.ts';
import { signRecord } from '../../electron/core/sync/signed-record.ts';
import { loadHubIdentity } from '../../electron/hub/identity.ts';
import { AppError } from '../../shared/errors.ts';
import { tempDir } from '../helpers/temp.ts';
import { openTestWorkspace, steppingClock } from '../helpers/workspace.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('regency registry on a real SQLite file', () => {
  it('adds Kabupaten Banggai from the Kemendagri list with its province', async () => {
    const ws = await openTestWorkspace();
    const added = ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    expect(added).toMatchObject({
      code: '72.01',
      name: 'Kabupaten Banggai',
      provinceCode: '72',
      provinceName: 'Sulawesi Tengah',
      cohortYear: 2022,
      stage: 3,
      createdBy: 'test-user',
    });
    expect(ws.regencies.list()).toHaveLength(1);
    ws.close();
  });

  it('keeps the registry across reopening the workspace', async () => {
    const dir = tempDir();
    const first = await openTestWorkspace(dir);
    first.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    first.regencies.add({ code: '72.71', cohortYear: 2021, stage: 4 });
    first.close();
    const second = await openTestWorkspace(dir);
    expect(second.regencies.list().map((r) => r.name)).toEqual(['Kabupaten Banggai', 'Kota Palu']);
    second.close();
  });

  it('refuses duplicates and codes not on the official list, and writes nothing', async () => {
    const ws = await openTestWorkspace();
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    expect(codeOf(() => ws.regencies.add({ code: '72.01', cohortYear: 2023, stage: 1 }))).toBe('regency.duplicate');
    expect(codeOf(() => ws.regencies.add({ code: '99.99', cohortYear: 2023, stage: 1 }))).toBe('regency.unknown_code');
    expect(ws.regencies.list()).toHaveLength(1);
    expect(ws.regencies.get('72.01').cohortYear).toBe(2022);
    expect(listAudit({ db: ws.db, now: () => '', actor: () => ({ id: '', name: '', role: null }) }, 'regency')).toHaveLength(1);
    ws.close();
  });

  it('edits cohort and stage, stamped with the profile name', async () => {
    const ws = await openTestWorkspace();
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 2 });
    ws.profile.save({ name: 'Dr. Sari Wulandari', institution: 'Universitas Gadjah Mada', role: 'assessor' });
    const updated = ws.regencies.update({ code: '72.01', stage: 3 });
    expect(updated).toMatchObject({ stage: 3, cohortYear: 2022, createdBy: 'test-user', updatedBy: 'Dr. Sari Wulandari' });
    expect(updated.updatedAt > updated.createdAt).toBe(true);
    expect(codeOf(() => ws.regencies.update({ code: '72.01', stage: 3 }))).toBe('regency.nothing_to_change');
    expect(codeOf(() => ws.regencies.update({ code: '72.02', stage: 3 }))).toBe('regency.not_found');
    ws.close();
  });

  it('removes a regency and records who did it', async () => {
    const ws = await openTestWorkspace();
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    ws.profile.save({ name: 'Rudi', institution: 'DKISP Banggai', role: 'regional_planner' });
    expect(ws.regencies.remove('72.01')).toEqual({ code: '72.01' });
    expect(ws.regencies.list()).toEqual([]);
    expect(codeOf(() => ws.regencies.remove('72.01'))).toBe('regency.not_found');
    const ctx = { db: ws.db, now: () => '', actor: () => ({ id: '', name: '', role: null }) };
    const removal = listAudit(ctx, 'regency', '72.01').at(-1);
    expect(removal).toMatchObject({ action: 'regency.remove', actor: 'Rudi', actorRole: 'regional_planner' });
    expect(removal?.before).toMatchObject({ name: 'Kabupaten Banggai', stage: 3 });
    ws.close();
  });

  it('refuses to remove a regency that other rows still refer to (assessments, submissions)', async () => {
    const ws = await openTestWorkspace();
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    // Every later table that belongs to a regency references it ON DELETE RESTRICT, like this one.
    ws.db.exec(`CREATE TABLE assessment_probe (
      id INTEGER PRIMARY KEY, regency_code TEXT NOT NULL REFERENCES regency (code) ON DELETE RESTRICT)`);
    ws.db.prepare("INSERT INTO assessment_probe (regency_code) VALUES ('72.01')").run();
    expect(codeOf(() => ws.regencies.remove('72.01'))).toBe('regency.in_use');
    expect(ws.regencies.list()).toHaveLength(1);
    const ctx = { db: ws.db, now: () => '', actor: () => ({ id: '', name: '', role: null }) };
    expect(listAudit(ctx, 'regency', '72.01').map((entry) => entry.action)).toEqual(['regency.add']);
    ws.close();
  });

  it('sees a regency added by another process as a duplicate (the CLI beside the app)', async () => {
    const dir = tempDir();
    const app = await openTestWorkspace(dir);
    const cli = await openWorkspace(dir, { now: steppingClock(), fallbackActorName: 'cli' });
    cli.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    expect(codeOf(() => app.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 }))).toBe('regency.duplicate');
    expect(app.regencies.list()).toHaveLength(1);
    app.close();
    cli.close();
  });
});

describe('profile and settings', () => {
  it('starts without a profile and with a 70% pass mark in Indonesian', async () => {
    const ws = await openTestWorkspace();
    expect(ws.profile.get()).toBeNull();
    expect(ws.settings.get()).toEqual({
      passMark: 70,
      language: 'id',
      maxUploadMb: 200,
      hideOthersUntilSubmitted: true,
      disagreementTolerance: 25,
      panelAggregate: 'median',
      ocr: true,
      ministry: 'Kementerian Komunikasi dan Digital (Komdigi)',
    });
    ws.close();
  });

  it('saves the profile and the settings, and they survive reopening', async () => {
    const dir = tempDir();
    const ws = await openTestWorkspace(dir);
    ws.profile.save({ name: 'Dr. Sari', institution: 'UGM', role: 'assessor' });
    ws.profile.save({ name: 'Dr. Sari Wulandari', institution: 'UGM', role: 'assessor' });
    ws.settings.save({ passMark: 72.5 });
    ws.settings.save({ language: 'en' });
    ws.close();
    const again = await openTestWorkspace(dir);
    expect(again.profile.get()).toMatchObject({ name: 'Dr. Sari Wulandari', institution: 'UGM', role: 'assessor' });
    expect(again.settings.get()).toEqual({
      passMark: 72.5,
      language: 'en',
      maxUploadMb: 200,
      hideOthersUntilSubmitted: true,
      disagreementTolerance: 25,
      panelAggregate: 'median',
      ocr: true,
      ministry: 'Kementerian Komunikasi dan Digital (Komdigi)',
    });
    again.close();
  });

  it("follows the team's panel rules only while joined to the hub that signed them", async () => {
    const ws = await openTestWorkspace();
    ws.settings.save({ passMark: 60, panelAggregate: 'median', language: 'en' });
    const hub = loadHubIdentity(tempDir());
    const other = loadHubIdentity(tempDir());
    const rules = { passMark: 80, panelAggregate: 'mean' as const, disagreementTolerance: 12.5, hideOthersUntilSubmitted: false };
    const record = signRecord(
      { v: 1, kind: 'settings', author: hub.author, by: 'hub', seq: Date.now(), at: new Date().toISOString(), ...rules },
      hub.sign,
    );
    const trust = ws.db.prepare('INSERT INTO sync_trusted_hub (fingerprint, public_key, url) VALUES (?, ?, ?)');
    trust.run(hub.fingerprint, hub.publicKey, 'http://hub.example:8417');
    trust.run(other.fingerprint, other.publicKey, 'http://other.example:8417');
    expect(ingest(ws.db, [{ record, doc: 'registry' }], 'hub', { areas: ws.areas })).toMatchObject({ applied: 1, refused: 0 });
    // Held, but never joined: the laptop's own.
    expect(ws.settings.get()).toMatchObject({ passMark: 60, panelAggregate: 'median', language: 'en' });
    expect(ws.settings.team()).toBeNull();

    const join = ws.db.prepare(
      `INSERT OR REPLACE INTO sync_team (id, hub_url, fingerprint, token, role, regencies, joined_at) VALUES (1, ?, ?, 't', 'assessor', '[]', ?)`,
    );
    join.run('http://hub.example:8417', hub.fingerprint, new Date().toISOString());
    expect(ws.settings.get()).toMatchObject({ ...rules, language: 'en' });
    expect(ws.settings.team()).toMatchObject({ hub: hub.author, fingerprint: hub.fingerprint, url: 'http://hub.example:8417' });
    expect(codeOf(() => ws.settings.save({ passMark: 75 }))).toBe('settings.team_managed');
    expect(ws.settings.save({ language: 'id' })).toMatchObject({ ...rules, language: 'id' });

    // Joined to another hub that has published nothing: the laptop's own again, and its own to change.
    join.run('http://other.example:8417', other.fingerprint, new Date().toISOString());
    expect(ws.settings.get()).toMatchObject({ passMark: 60, panelAggregate: 'median' });
    expect(ws.settings.save({ passMark: 65 }).passMark).toBe(65);
    ws.close();
  });

  it('ignores a stored setting that is out of range instead of failing', async () => {
    const ws = await openTestWorkspace();
    ws.db.prepare("INSERT INTO setting (key, value) VALUES ('passMark', '150')").run();
    ws.db.prepare("INSERT INTO setting (key, value) VALUES ('unknownKey', '1')").run();
    expect(ws.settings.get()).toEqual({
      passMark: 70,
      language: 'id',
      maxUploadMb: 200,
      hideOthersUntilSubmitted: true,
      disagreementTolerance: 25,
      panelAggregate: 'median',
      ocr: true,
      ministry: 'Kementerian Komunikasi dan Digital (Komdigi)',
    });
    ws.close();
  });
});

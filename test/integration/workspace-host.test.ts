import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemo, readDemoScenario } from '../../electron/core/demo/build.ts';
import { blobPath } from '../../electron/core/storage/blob-store.ts';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { ROOT } from '../helpers/cli.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { refusal } from '../helpers/refusal.ts';
import { tempDir } from '../helpers/temp.ts';
import { hashOf } from '../helpers/hash.ts';
import { openTestHost, RESOURCES_DIR } from '../helpers/workspace.ts';

describe('the demo workspace', () => {
  it('is built from resources/demo through the ordinary services: four regencies, three Bimtek stages, two assessors and a self-assessment', async () => {
    const dir = join(tempDir(), 'demo');
    const steps: number[] = [];
    const summary = await buildDemo(dir, { resourcesDir: RESOURCES_DIR, onProgress: ({ done }) => steps.push(done) });
    expect(summary).toMatchObject({ regencies: 4, submissions: 11, documents: 12, assessments: 25 });
    expect(steps.at(-1)).toBeGreaterThanOrEqual(14);
    expect(readdirSync(dir).sort()).toEqual(['documents', 'timbang.db']);

    const host = await openTestHost(dir);
    const ws = host.current();
    expect(ws.profile.get()).toMatchObject({ name: 'Dr. Sari Wulandari', role: 'assessor' });
    const banggai = ws.panelViews.summary({ regencyCode: '72.01' });
    expect(banggai.map((row) => row.stage)).toEqual([1, 2, 3]);
    const overall = banggai.map((row) => row.panel.overall.percent ?? 0);
    const latest = banggai.at(-1);
    // The panel's result rises over the stages and is still short of 70% at Bimtek 3; the self-assessment is kinder.
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(overall.at(-1)).toBeLessThan(70);
    expect(latest?.self?.overall.percent).toBeGreaterThan(overall.at(-1) ?? 100);
    expect(latest?.panel.agreed).toBe(1);
    // Someone passes: Sleman at Bimtek 3.
    expect(ws.panelViews.summary({ regencyCode: '34.04' }).at(-1)?.panel.overall.passed).toBe(true);
    // Work waiting for me: my Kota Jambi Bimtek 3 draft, its partner's scores hidden until I submit.
    const portfolio = ws.portfolio();
    const next = portfolio.assessments.find((entry) => entry.id === portfolio.next);
    expect(next).toMatchObject({ regencyCode: '15.71', stage: 3, status: 'draft' });
    const partner = ws.assessments
      .list({})
      .find((entry) => entry.regencyCode === '15.71' && entry.stage === 3 && entry.assessorName === 'Prof. Budi Santoso');
    expect(refusal(() => ws.assessments.get(partner?.id ?? 0))).toMatchObject({ code: 'assessment.hidden' });
    // Evidence cites a real page of a real document.
    const cited = ws.db.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number };
    expect(cited.n).toBeGreaterThanOrEqual(2);
    expect(ws.documents.search('branding', {}, 5).length).toBeGreaterThan(0);
    await host.close();
  });

  it('refuses a folder that already holds something, and leaves it alone', async () => {
    const dir = join(tempDir(), 'demo');
    await buildDemo(dir, { resourcesDir: RESOURCES_DIR });
    const before = hashOf(join(dir, 'timbang.db'));
    await expect(buildDemo(dir, { resourcesDir: RESOURCES_DIR })).rejects.toMatchObject({ code: 'demo.not_empty' });
    expect(hashOf(join(dir, 'timbang.db'))).toBe(before);
  });

  it('lives in data, not in code: the product never names a demo regency', () => {
    const scenario = readDemoScenario(RESOURCES_DIR);
    const names = ['Sleman', 'Banyuwangi', 'Sari Wulandari', 'Budi Santoso'];
    expect(scenario.regencies.map((regency) => regency.code)).toContain('34.04');
    for (const file of [
      'electron/core/demo/build.ts',
      'electron/core/demo/scenario.ts',
      'electron/core/workspace/host.ts',
      'electron/cli/commands/demo.ts',
    ]) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const name of names) expect(source, `${file} names ${name}`).not.toContain(name);
    }
  });
});

describe('the workspace host', () => {
  it('opens the demo beside the own workspace and comes back, the same handlers answering for each', async () => {
    const host = await openTestHost();
    const call = async (channel: string, payload: unknown = {}) => {
      const result = await dispatch(host.handlers, channel, payload);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value as never;
    };
    expect(await call('workspace.info')).toMatchObject({ demo: false });
    const opening = call('demo.open');
    // A second move while one runs is refused, not interleaved.
    expect((await dispatch(host.handlers, 'demo.open', {})).ok).toBe(false);
    expect(await opening).toMatchObject({ demo: true, dataDir: join(host.ownDataDir, 'demo') });
    expect((await call('regencies.list')) as unknown[]).toHaveLength(4);
    expect(await call('demo.progress')).toBeNull();
    expect(await call('demo.leave')).toMatchObject({ demo: false });
    expect((await call('regencies.list')) as unknown[]).toHaveLength(0);
    // Opening it again is quick: it is kept.
    expect(await call('demo.open')).toMatchObject({ demo: true });
    await host.close();
  });

  it('restores a backup while the app runs, and refuses a name that is not one of its backups', async () => {
    const host = await openTestHost();
    const ws = host.current();
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    const made = await ws.backups.create('manual');
    const before = snapshot(ws.db);
    ws.regencies.add({ code: '34.04', cohortYear: 2022, stage: 3 });
    const refused = await dispatch(host.handlers, 'backups.restore', { file: 'timbang-manual-nope.db' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'backup.not_found' } });
    expect(host.current().regencies.list({})).toHaveLength(2);
    const restored = await dispatch(host.handlers, 'backups.restore', { file: made.file });
    expect(restored).toMatchObject({ ok: true, value: { restored: made.file, missingFiles: 0 } });
    expect(host.current()).not.toBe(ws);
    expect(snapshot(host.current().db)).toEqual(before);
    expect(
      host
        .current()
        .backups.list()
        .map((entry) => entry.kind),
    ).toContain('before-restore');
    await host.close();
  });

  it('moves a workspace to another laptop as one file: the same rows and the same document files, checked on arrival', async () => {
    const from = await openTestHost();
    await from.openDemo();
    const exported = await from.exportWorkspace(join(tempDir(), 'pindah.timbang'));
    expect(exported.counts).toEqual({ regencies: 4, submissions: 11, documents: 12, assessments: 25 });
    expect(exported.sha256).toBe(hashOf(exported.file));
    const original = snapshot(from.current().db);
    from.close();

    const to = await openTestHost();
    to.current().regencies.add({ code: '11.01', cohortYear: 2024, stage: 1 });
    const outcome = await to.importWorkspace(exported.file);
    expect(outcome.counts.documents).toBe(12);
    expect(outcome.previous).toMatch(/^timbang-before-import-/);
    expect(snapshot(to.current().db)).toEqual(original);
    for (const { sha256 } of to.current().db.prepare('SELECT sha256 FROM blob').all() as { sha256: string }[]) {
      expect(hashOf(blobPath(to.ownDataDir, sha256))).toBe(sha256);
    }
    // What it replaced is a backup, and nothing unpacked is left lying about.
    expect(
      to
        .current()
        .backups.list()
        .map((entry) => entry.kind),
    ).toEqual(['before-import']);
    expect(existsSync(join(to.ownDataDir, 'imports')) ? readdirSync(join(to.ownDataDir, 'imports')) : []).toEqual([]);
    to.close();
  });
});

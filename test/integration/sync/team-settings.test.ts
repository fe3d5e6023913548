import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../../electron/core/sync/apply.ts';
import { addRecords } from '../../../electron/core/sync/ydoc.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import type { PanelView } from '../../../shared/assessment/catalog.ts';
import type { TeamSettings } from '../../../shared/domain/settings.ts';
import { REGISTRY_DOC } from '../../../shared/sync/docs.ts';
import { banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../../helpers/assessments.ts';
import { connect, hubCli, hubDb, invite, joined, newPerson, recordBy, startHubChild, waitFor, type HubChild } from '../../helpers/hub.ts';
import { api, laptopOn, syncAll, value, type Laptop } from '../../helpers/ministry.ts';
import { refusal } from '../../helpers/refusal.ts';

/**
 * The team's panel rules (docs/sync.md §2, §6): a hub started with `--aggregate mean` signs a
 * settings record; three laptops that join (one had set its own rules before) and the ministry's
 * view show one panel result, the mean; `timbang hub settings --aggregate median` from another
 * process, while the hub runs, moves them all to the median after a pass. A laptop in the team
 * may not change the team's rules, and a settings record signed by anyone but the hub is refused
 * by the hub and by a laptop.
 */
const TEAM: TeamSettings = { passMark: 70, panelAggregate: 'mean', disagreementTolerance: 25, hideOthersUntilSubmitted: true };
// Three assessors scoring every criterion 1, 2 and 5: the median (2) and the mean (8/3) differ.
const GIVEN = [1, 2, 5];

const teamRules = (ws: Workspace): TeamSettings => {
  const { passMark, panelAggregate, disagreementTolerance, hideOthersUntilSubmitted } = ws.settings.get();
  return { passMark, panelAggregate, disagreementTolerance, hideOthersUntilSubmitted };
};
const eco1 = (view: PanelView | null) => view?.criteria.find((criterion) => criterion.code === 'ECO.1')?.result;
const settingsRecords = (dataDir: string) =>
  hubDb(dataDir, (db) => (db.prepare("SELECT count(*) AS n FROM hub_record WHERE kind = 'settings'").get() as { n: number }).n);
const requests = (dataDir: string) =>
  hubDb(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM hub_settings').get() as { n: number }).n);

describe('one set of panel rules for a team, signed by the hub', { timeout: 180_000 }, () => {
  let hub: HubChild;
  let ministry: string;
  const laptops: Laptop[] = [];

  // Not a tempDir(): those go after each test, and the hub lives for the whole suite.
  const hubDir = mkdtempSync(join(tmpdir(), 'timbang-team-settings-'));
  beforeAll(async () => {
    hub = await startHubChild(hubDir, 0, ['--aggregate', 'mean']);
    ministry = invite(hubDir, 'Direktorat Kota Cerdas', 'ministry');
  });
  afterAll(async () => {
    for (const { ws, sync } of laptops) {
      await sync.stop();
      ws.close();
    }
    await hub?.stop();
    rmSync(hubDir, { recursive: true, force: true });
  });

  /** The panel the ministry's read-only view shows, once the projection has all three assessments. */
  async function ministryPanel(): Promise<PanelView | null> {
    const row = value<{ rows: { regencyCode: string; submissionId: number }[] }>(
      await api(hub, 'analytics.cohort', { rubricId: 'panel-test' }, ministry),
    ).rows.find((each) => each.regencyCode === '72.01');
    if (!row) return null;
    const view = value<PanelView>(await api(hub, 'panels.get', { submissionId: row.submissionId, rubricId: 'panel-test' }, ministry));
    return view.members.filter((member) => member.counted).length === GIVEN.length ? view : null;
  }

  /** The projection runs after the stored updates: asked again until it shows what is expected. */
  async function ministryPanelWhere(done: (view: PanelView | null) => boolean, what: string): Promise<PanelView | null> {
    const started = Date.now();
    for (;;) {
      const view = await ministryPanel();
      if (done(view)) return view;
      if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('gives every laptop and the ministry the mean the hub started with; hub settings on the running hub moves them all to the median', async () => {
    const sari = await laptopOn(hub, 'Dr. Sari');
    // Budi had set his own rules before joining: the team's replace them.
    const budi = await laptopOn(hub, 'Prof. Budi', (ws) => ws.settings.save({ panelAggregate: 'median', passMark: 60 }));
    const dewi = await laptopOn(hub, 'Ir. Dewi');
    const team = [sari, budi, dewi];
    laptops.push(...team);

    sari.ws.rubrics.save(PANEL_RUBRIC, true);
    banggaiBimtek3(sari.ws);
    await syncAll(team, 1);
    for (const [index, { ws }] of team.entries()) {
      const submissionId = ws.submissions.list('72.01')[0]?.id;
      expect(submissionId, 'the submission on every laptop').toBeDefined();
      const id = ws.assessments.create({ submissionId: submissionId!, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
      const level = GIVEN[index] as number;
      scoreAndSubmit(ws, id, { 'ECO.1': level, 'ECO.2': level, 'LIV.1': level, 'LIV.2': level });
    }
    await syncAll(team);

    const views = () => team.map(({ ws }) => ws.panelViews.view(ws.submissions.list('72.01')[0]!.id, 'panel-test'));
    for (const { ws } of team) expect(teamRules(ws)).toEqual(TEAM);
    expect(budi.ws.settings.team()).toMatchObject({ url: hub.url, fingerprint: hub.fingerprint, settings: TEAM });
    for (const view of views()) {
      expect(view.members.filter((member) => member.counted)).toHaveLength(3);
      expect(view.aggregate).toBe('mean');
      expect(eco1(view)).toBeCloseTo(8 / 3, 12);
      expect(Math.abs(view.overall.percent! - views()[0]!.overall.percent!)).toBeLessThan(1e-9);
    }
    const meanPercent = views()[0]!.overall.percent!;

    // The ministry's view follows the same record.
    const seen = await ministryPanelWhere((view) => view !== null, 'the panel of three projected');
    expect(seen?.aggregate).toBe('mean');
    expect(Math.abs(seen!.overall.percent! - meanPercent)).toBeLessThan(1e-9);

    // The running hub is told from another process, as `hub revoke` is; it publishes within about a second.
    const changed = hubCli<{ fingerprint: string; settings: TeamSettings; saved: boolean }>(hubDir, ['settings', '--aggregate', 'median']);
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.json).toEqual({ fingerprint: hub.fingerprint, settings: { ...TEAM, panelAggregate: 'median' }, saved: true });
    await waitFor(() => settingsRecords(hubDir) === 2, 'the new settings record on the hub', 10_000);
    await syncAll(team, 1);
    for (const { ws } of team) expect(teamRules(ws)).toEqual({ ...TEAM, panelAggregate: 'median' });
    for (const view of views()) {
      expect(view.aggregate).toBe('median');
      expect(eco1(view)).toBe(2);
      expect(Math.abs(view.overall.percent! - views()[0]!.overall.percent!)).toBeLessThan(1e-9);
    }
    expect(views()[0]!.overall.percent).not.toBeCloseTo(meanPercent, 6);
    const median = await ministryPanelWhere((view) => view?.aggregate === 'median', 'the median in the projection');
    expect(eco1(median)).toBe(2);

    // Without options it prints what holds; out of range it refuses and records nothing.
    expect(hubCli<{ settings: TeamSettings; saved: boolean }>(hubDir, ['settings']).json).toMatchObject({
      settings: { ...TEAM, panelAggregate: 'median' },
      saved: false,
    });
    const before = requests(hubDir);
    for (const wrong of [
      ['--pass-mark', '150'],
      ['--pass-mark', '0'],
      ['--tolerance', '101'],
    ]) {
      const refused = hubCli(hubDir, ['settings', ...wrong]);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(wrong[0]);
    }
    expect(requests(hubDir)).toBe(before);
  });

  it("refuses a laptop's change to the team's rules with settings.team_managed, and changes nothing; its own settings still save", async () => {
    const [sari] = laptops;
    const before = sari!.ws.settings.get();
    const rows = () => sari!.ws.db.prepare("SELECT key, value FROM setting WHERE key = 'passMark'").all();
    const stored = rows();
    for (const patch of [
      { passMark: 50 },
      { panelAggregate: 'mean' as const },
      { disagreementTolerance: 10 },
      { hideOthersUntilSubmitted: false },
    ]) {
      const error = refusal(() => sari!.ws.settings.save(patch));
      expect(error.code).toBe('settings.team_managed');
      expect(error.params).toEqual({ hub: hub.url });
    }
    expect(sari!.ws.settings.get()).toEqual(before);
    expect(rows()).toEqual(stored);
    expect(sari!.ws.settings.save({ maxUploadMb: 300 }).maxUploadMb).toBe(300);
  });

  it('refuses a settings record signed by an assessor, at the hub and on a laptop', async () => {
    const [sari] = laptops;
    const eko = newPerson('Eko', invite(hubDir, 'Eko', 'assessor'));
    await joined(hub.url, hub.fingerprint, eko);
    const forged = recordBy(eko, {
      kind: 'settings',
      passMark: 10,
      panelAggregate: 'mean',
      disagreementTolerance: 90,
      hideOthersUntilSubmitted: false,
    });
    const client = connect(hub.url, eko.token, REGISTRY_DOC);
    try {
      await waitFor(() => client.events.synced > 0, "Eko's registry");
      addRecords(client.doc, [forged]);
      await waitFor(() => client.events.closed.includes('record_refused'), 'the refusal to close the connection');
    } finally {
      client.destroy();
    }
    const refused = hubDb(hubDir, (db) => db.prepare('SELECT problem FROM hub_refusal WHERE record_id = ?').all(forged.id));
    expect(refused).toEqual([{ problem: 'sync.out_of_role' }]);
    expect(hubDb(hubDir, (db) => db.prepare('SELECT 1 FROM hub_record WHERE id = ?').get(forged.id))).toBeUndefined();

    // Sari knows Eko as a member once she has synced; the record reaches her by a sync file and is refused too.
    await sari!.ws.sync.syncNow();
    const before = teamRules(sari!.ws);
    const report = ingest(sari!.ws.db, [{ record: forged, doc: REGISTRY_DOC }], 'file:eko.timbang-sync', { areas: sari!.ws.areas });
    expect(report.refusals).toEqual([{ id: forged.id, doc: REGISTRY_DOC, problem: 'sync.out_of_role' }]);
    expect(teamRules(sari!.ws)).toEqual(before);
  });
});

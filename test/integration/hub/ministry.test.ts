import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { channels } from '../../../shared/ipc/contract.ts';
import { CHANNEL_ACCESS } from '../../../electron/hub/read-only.ts';
import { api, finalizedPanel, laptopOn, value, type ApiAnswer, type Laptop } from '../../helpers/ministry.ts';
import { hubCli, invite, startHubChild, waitFor, type HubChild } from '../../helpers/hub.ts';

/**
 * The ministry's read-only view of a hub (`timbang hub serve`): the hub projects the published
 * records into its own workspace, and serves the web UI on its port to ministry tokens only.
 * Two laptops score and finalize a panel of two; the hub's workspace shows the same result.
 */
interface CohortRow {
  regencyCode: string;
  submissionId: number;
  overall: number | null;
}

const cohortOf = async (hub: HubChild, token: string) =>
  value<{ rows: CohortRow[] }>(await api(hub, 'analytics.cohort', { rubricId: 'panel-test' }, token)).rows;

/** The hub's projection read straight from its database: what the ministry's view runs on. */
function projected(dataDir: string): { assessments: { status: string; assessor: string }[]; regencies: number; progress: number } {
  const db = new Database(join(dataDir, 'workspace', 'timbang.db'), { readonly: true });
  try {
    return {
      assessments: db.prepare('SELECT status, assessor_name AS assessor FROM assessment ORDER BY assessor_name').all() as {
        status: string;
        assessor: string;
      }[],
      regencies: (db.prepare('SELECT count(*) AS n FROM regency').get() as { n: number }).n,
      progress: (db.prepare('SELECT count(*) AS n FROM hub_projection').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe("the ministry's read-only view of the hub", { timeout: 180_000 }, () => {
  let hub: HubChild;
  let dataDir: string;
  const laptops: Laptop[] = [];
  let ministry: string;

  beforeAll(async () => {
    // Not tempDir(): that one is removed after each test, and this hub lives through all of them.
    dataDir = mkdtempSync(join(tmpdir(), 'timbang-ministry-'));
    hub = await startHubChild(dataDir);
    ministry = invite(dataDir, 'Direktorat Kota Cerdas', 'ministry');
  });
  afterAll(async () => {
    for (const { ws, sync } of laptops) {
      await sync.stop();
      ws.close();
    }
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('classifies every channel of the contract as read or write', () => {
    expect(Object.keys(CHANNEL_ACCESS).sort()).toEqual([...channels].sort());
    for (const channel of ['regencies.add', 'assessments.score', 'settings.save', 'sync.now', 'demo.open', 'workspace.import'] as const)
      expect(CHANNEL_ACCESS[channel]).toBe('write');
    for (const channel of ['analytics.cohort', 'analytics.dashboard', 'reports.recap', 'panels.get', 'workspace.info'] as const)
      expect(CHANNEL_ACCESS[channel]).toBe('read');
  });

  it('projects a panel of two finalized on two laptops, never a draft, and serves it read-only to the ministry', async () => {
    const sari = await laptopOn(hub, 'Dr. Sari');
    const budi = await laptopOn(hub, 'Prof. Budi');
    laptops.push(sari, budi);
    await finalizedPanel(sari, budi, async () => {
      // Sari's draft is on the hub (a backup) and the registry is projected, but no assessment of hers is.
      await waitFor(() => projected(dataDir).regencies === 1, 'the registry projected', 15_000);
      const hubDb = new Database(join(dataDir, 'hub.db'), { readonly: true });
      const draftDocs = hubDb.prepare("SELECT count(*) AS n FROM hub_doc_update WHERE doc LIKE 'draft/%'").get() as { n: number };
      hubDb.close();
      expect(draftDocs.n).toBeGreaterThan(0);
      expect(projected(dataDir).assessments).toEqual([]);
    });
    // An unbound ministry invite reads the view; it does not sync (the index wants a joined member).
    const index = await fetch(`${hub.url}/sync/index`, { headers: { authorization: `Bearer ${ministry}` } });
    expect(index.status).toBe(401);
    expect(sari.ws.sync.status()).toMatchObject({ pending: 0, refused: 0, notApplied: 0 });

    const laptopOverall = (ws: Workspace) =>
      ws.analytics.cohort({ rubricId: 'panel-test' }).rows.find((row) => row.regencyCode === '72.01')?.overall;
    const expected = laptopOverall(sari.ws);
    expect(expected).toEqual(expect.any(Number));
    expect(Math.abs((laptopOverall(budi.ws) ?? Number.NaN) - (expected ?? 0))).toBeLessThan(1e-9);

    // The hub's projection catches up on its own, shortly after the stored updates.
    await waitFor(
      () =>
        projected(dataDir)
          .assessments.map((a) => a.status)
          .join() === 'finalized,finalized',
      'the finalized panel projected',
      15_000,
    );
    const row = (await cohortOf(hub, ministry)).find((each) => each.regencyCode === '72.01');
    expect(row?.overall).toEqual(expect.any(Number));
    expect(Math.abs((row?.overall ?? Number.NaN) - (expected ?? 0))).toBeLessThan(1e-9);

    const info = value<{ mode: string; readOnly: boolean }>(await api(hub, 'workspace.info', {}, ministry));
    expect(info).toMatchObject({ mode: 'hub', readOnly: true });
    const dashboard = value<{ overall?: unknown }>(
      await api(hub, 'analytics.dashboard', { submissionId: row!.submissionId, rubricId: 'panel-test' }, ministry),
    );
    expect(dashboard).toBeTruthy();

    // The recap: a real workbook, with Banggai in it.
    const recap = value<{ fileName: string; contentBase64: string }>(await api(hub, 'reports.recap', { rubricId: 'panel-test' }, ministry));
    expect(recap.fileName).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(recap.contentBase64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((cell) => cells.push(String(cell.value)))));
    expect(cells.some((text) => /Banggai/.test(text))).toBe(true);

    // Writes answer hub.read_only, with the message in the UI's language; nothing changes.
    const write = await api(hub, 'regencies.add', { code: '73.71', cohortYear: 2022, stage: 1 }, ministry);
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ ok: false, error: { code: 'hub.read_only' } });
    const score = await api(hub, 'assessments.score', { id: 1, criterion: 'ECO.1', value: 5 }, ministry);
    expect(score.body).toMatchObject({ ok: false, error: { code: 'hub.read_only' } });
    expect(projected(dataDir).regencies).toBe(1);
    const upload = await fetch(`${hub.url}/api/upload?name=x.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ministry}`, 'content-type': 'application/octet-stream' },
      body: 'x',
    });
    expect(((await upload.json()) as ApiAnswer['body']).ok).toBe(false);
    expect(upload.status).toBe(403);

    // The view is the ministry's: an assessor's token, no token and a foreign Host are refused.
    const assessorToken = invite(dataDir, 'Dr. Rina', 'assessor');
    expect((await api(hub, 'analytics.cohort', {}, assessorToken)).status).toBe(401);
    expect((await api(hub, 'analytics.cohort', {}, null)).status).toBe(401);
    const rebinding = await fetch(`${hub.url.replace('127.0.0.1', 'localhost')}/api/workspace.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ministry}` },
      body: '{}',
    });
    expect(rebinding.status).toBe(200);
    // The sync routes are unchanged on the same port.
    expect((await fetch(`${hub.url}/hub`)).status).toBe(200);
    // The page itself (when the renderer is built) or a plain 404: never an API answer without a token.
    const page = await fetch(`${hub.url}/`);
    expect([200, 404]).toContain(page.status);

    // hub serve says where the view is; a ministry invite's link is the view itself, and it opens.
    expect(JSON.parse(readFileSync(join(dataDir, 'hub-address.json'), 'utf8'))).toMatchObject({ ui: `${hub.url}/` });
    const made = hubCli<{ token: string; joinUrl: string }>(dataDir, ['invite', '--name', 'Biro Perencanaan', '--role', 'ministry']);
    expect(made.json.joinUrl).toBe(`${hub.url}/?token=${made.json.token}`);
    expect((await api(hub, 'workspace.info', {}, made.json.token)).status).toBe(200);
    expect(hubCli<{ joinUrl: string }>(dataDir, ['invite', '--name', 'Dr. Tono', '--role', 'assessor']).json.joinUrl).toMatch(
      /^timbang:\/\/join\?/,
    );

    // A revoked ministry invite is refused at once.
    const other = invite(dataDir, 'Inspektorat', 'ministry');
    expect((await api(hub, 'workspace.info', {}, other)).status).toBe(200);
    expect(hubCli(dataDir, ['revoke', '--token-prefix', other]).status).toBe(0);
    expect((await api(hub, 'workspace.info', {}, other)).status).toBe(401);
  });

  it('catches up after a restart from what the store holds, without re-reading what it projected', async () => {
    const before = projected(dataDir);
    await hub.stop();
    // A score changed while the hub is down reaches it at its next start; the projection follows.
    const [sari] = laptops;
    const db = new Database(join(dataDir, 'workspace', 'timbang.db'));
    const progressBefore = db.prepare('SELECT doc, version FROM hub_projection ORDER BY doc').all();
    db.close();
    hub = await startHubChild(dataDir, hub.port);
    const again = projected(dataDir);
    expect(again.progress).toBe(before.progress);
    // Another regency registered on Sari's laptop, synced to the restarted hub.
    sari!.ws.regencies.add({ code: '73.71', cohortYear: 2022, stage: 1 });
    await sari!.ws.sync.syncNow();
    await waitFor(() => projected(dataDir).regencies === 2, 'the new regency projected', 15_000);
    const db2 = new Database(join(dataDir, 'workspace', 'timbang.db'), { readonly: true });
    const progressAfter = db2.prepare('SELECT doc, version FROM hub_projection ORDER BY doc').all() as { doc: string; version: number }[];
    db2.close();
    // Only the registry moved; the panel's document was not read again.
    const changed = progressAfter.filter(
      (row) => (progressBefore as { doc: string; version: number }[]).find((old) => old.doc === row.doc)?.version !== row.version,
    );
    expect(changed.map((row) => row.doc)).toEqual(['registry']);
    expect(projected(dataDir).assessments.map((a) => a.status)).toEqual(['finalized', 'finalized']);

    // A hub whose workspace is gone (the UI turned on for a store filled before, or by another hub
    // process on the same Postgres) projects everything the store holds at start.
    const overall = (await cohortOf(hub, ministry)).find((row) => row.regencyCode === '72.01')?.overall;
    await hub.stop();
    rmSync(join(dataDir, 'workspace'), { recursive: true, force: true });
    hub = await startHubChild(dataDir, hub.port);
    await waitFor(
      () => existsSync(join(dataDir, 'workspace', 'timbang.db')) && projected(dataDir).assessments.length === 2,
      'the projection rebuilt from the store',
      20_000,
    );
    const rebuilt = (await cohortOf(hub, ministry)).find((row) => row.regencyCode === '72.01')?.overall;
    expect(Math.abs((rebuilt ?? Number.NaN) - (overall ?? 0))).toBeLessThan(1e-9);
    expect(projected(dataDir).regencies).toBe(2);
  });
});

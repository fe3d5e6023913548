import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkspaceSync, type WorkspaceSync } from '../../../electron/core/sync/driver.ts';
import type { Workspace } from '../../../electron/core/workspace/open.ts';
import { HUB_KEY_FILE } from '../../../electron/hub/identity.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from '../../helpers/assessments.ts';
import { hubDb, invite, startHubChild, type HubChild } from '../../helpers/hub.ts';
import { tempDir } from '../../helpers/temp.ts';
import { openTestWorkspace } from '../../helpers/workspace.ts';

/**
 * A hub restored onto a new machine with its key but an empty store (its database lost): the
 * laptops that synced with it before give it their documents back on their next pass, published
 * work and their own drafts alike, without anyone exporting anything.
 */
describe('a hub restored with its key onto an empty store', { timeout: 120_000 }, () => {
  const hubs: HubChild[] = [];
  let ws: Workspace | undefined;
  let sync: WorkspaceSync | undefined;

  afterAll(async () => {
    await sync?.stop();
    ws?.close();
    for (const hub of hubs) await hub.stop();
  });

  it('gets every document back from a laptop on its next sync', async () => {
    const first = await startHubChild(tempDir());
    hubs.push(first);
    ws = await openTestWorkspace();
    actAs(ws, 'Dr. Sari');
    sync = startWorkspaceSync(ws, { appVersion: 'test', background: false });
    await ws.sync.join(first.url, invite(first.dataDir, 'Dr. Sari', 'assessor'));
    ws.rubrics.save(PANEL_RUBRIC, true);
    const submission = banggaiBimtek3(ws);
    const submitted = ws.assessments.create({ submissionId: submission, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
    for (const [code, value] of Object.entries({ 'ECO.1': 4, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 5 }))
      ws.assessments.setScore(submitted, code, value);
    ws.assessments.transition(submitted, 'submitted');
    await ws.sync.syncNow();
    const docsOf = (dataDir: string) =>
      hubDb(dataDir, (db) => db.prepare('SELECT DISTINCT doc FROM hub_doc_update ORDER BY doc').pluck().all() as string[]);
    const recordsOf = (dataDir: string) =>
      hubDb(dataDir, (db) => db.prepare('SELECT id FROM hub_record ORDER BY id').pluck().all() as string[]);
    const before = { docs: docsOf(first.dataDir), records: recordsOf(first.dataDir) };
    expect(before.docs).toEqual(expect.arrayContaining(['registry', 'panel/72.01/bimtek3', expect.stringMatching(/^draft\//)]));
    await first.stop();

    // The same key from the backup, an empty store, the assessor invited again.
    const restoredDir = tempDir();
    mkdirSync(restoredDir, { recursive: true });
    copyFileSync(join(first.dataDir, HUB_KEY_FILE), join(restoredDir, HUB_KEY_FILE));
    const token = invite(restoredDir, 'Dr. Sari', 'assessor');
    const restored = await startHubChild(restoredDir);
    hubs.push(restored);
    expect(restored.fingerprint).toBe(first.fingerprint);
    // Empty but for the team settings the hub signs at its first start (docs/sync.md §6).
    expect(docsOf(restoredDir)).toEqual(['registry']);
    expect(hubDb(restoredDir, (db) => db.prepare('SELECT kind FROM hub_record').pluck().all())).toEqual(['settings']);

    await ws.sync.join(restored.url, token);
    const pass = await ws.sync.syncNow();
    expect(pass).toMatchObject({ converged: true, refused: 0 });
    // Every document and every published record is back; the hub signed a new member record at the new join.
    expect(docsOf(restoredDir)).toEqual(before.docs);
    expect(recordsOf(restoredDir)).toEqual(expect.arrayContaining(before.records));
    // And nothing more to do: the next pass syncs only the registry, as every pass does.
    expect(await ws.sync.syncNow()).toMatchObject({ converged: true, docs: 1, refused: 0 });
  });
});

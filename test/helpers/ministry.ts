import { startWorkspaceSync, type WorkspaceSync } from '../../electron/core/sync/driver.ts';
import type { Workspace } from '../../electron/core/workspace/open.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from './assessments.ts';
import { invite, type HubChild } from './hub.ts';
import { openTestWorkspace } from './workspace.ts';

/** A laptop in a hub's team: a workspace with the app's sync engine, joined by an invitation token. */
export interface Laptop {
  ws: Workspace;
  sync: WorkspaceSync;
}

/** `beforeJoining`: what the laptop does on its own first (its own settings, say). */
export async function laptopOn(hub: HubChild, name: string, beforeJoining?: (ws: Workspace) => void): Promise<Laptop> {
  const ws = await openTestWorkspace();
  actAs(ws, name);
  beforeJoining?.(ws);
  const sync = startWorkspaceSync(ws, { appVersion: 'test', background: false });
  await ws.sync.join(hub.url, invite(hub.dataDir, name, 'assessor'));
  return { ws, sync };
}

export async function syncAll(laptops: readonly Laptop[], rounds = 2): Promise<void> {
  for (let round = 0; round < rounds; round += 1) for (const { ws } of laptops) await ws.sync.syncNow();
}

/**
 * Banggai's Bimtek 3 on PANEL_RUBRIC, scored by Dr. Sari and Prof. Budi on their own laptops,
 * submitted, agreed by Sari as lead (ECO.1 = 3) and finalized, synced through the hub.
 * `afterDraft` runs once Sari's draft is on the hub and nothing is submitted yet.
 */
export async function finalizedPanel(sari: Laptop, budi: Laptop, afterDraft?: () => Promise<void>): Promise<{ onSari: number }> {
  sari.ws.rubrics.save(PANEL_RUBRIC, true);
  const onSari = banggaiBimtek3(sari.ws);
  const sariA = sari.ws.assessments.create({ submissionId: onSari, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
  for (const [code, v] of Object.entries({ 'ECO.1': 4, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 5 })) sari.ws.assessments.setScore(sariA, code, v);
  await sari.ws.sync.syncNow();
  await afterDraft?.();

  await budi.ws.sync.syncNow();
  const onBudi = budi.ws.submissions.list('72.01')[0]?.id;
  if (onBudi === undefined) throw new Error('the submission did not reach Budi');
  const budiA = budi.ws.assessments.create({ submissionId: onBudi, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
  for (const [code, v] of Object.entries({ 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 3, 'LIV.2': 4 })) budi.ws.assessments.setScore(budiA, code, v);
  budi.ws.assessments.transition(budiA, 'submitted');
  sari.ws.assessments.transition(sariA, 'submitted');
  await syncAll([sari, budi]);
  sari.ws.panels.takeLead(onSari, 'panel-test');
  sari.ws.panels.reconcile(onSari, 'panel-test', 'ECO.1', 3, 'Disepakati dalam rapat panel');
  const budiOnSari = sari.ws.assessments.list({ submissionId: onSari }).find((a) => a.assessorName === 'Prof. Budi');
  if (!budiOnSari) throw new Error("Budi's assessment did not reach Sari");
  sari.ws.assessments.transition(budiOnSari.id, 'finalized');
  sari.ws.assessments.transition(sariA, 'finalized');
  await syncAll([sari, budi]);
  return { onSari };
}

export interface ApiAnswer {
  status: number;
  body: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

/** One channel of the hub's read-only web API, as the ministry's browser calls it. */
export async function api(hub: HubChild, channel: string, payload: unknown, token: string | null): Promise<ApiAnswer> {
  const response = await fetch(`${hub.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
}

export const value = <T>(answer: ApiAnswer): T => {
  if (!answer.body.ok) throw new Error(`refused: ${answer.status} ${JSON.stringify(answer.body.error)}`);
  return answer.body.value as T;
};

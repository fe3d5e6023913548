import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../electron/core/intake/import.ts';
import { pendingOutbox } from '../../electron/core/sync/outbox.ts';
import type { Workspace } from '../../electron/core/workspace/open.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC } from './assessments.ts';
import { masterplanDocx } from './masterplans.ts';
import { tempDir } from './temp.ts';

/** A panel's work on one laptop, through the services, for the sync tests (Banggai, Bimtek 3). */
export const SUB = '72.01/bimtek3';
export const SCORES = { 'ECO.1': 5, 'ECO.2': 3, 'LIV.1': 2, 'LIV.2': 4 } as const;

/** Which documents each record is queued for, by record id. */
export function queued(ws: Workspace): Map<string, string[]> {
  const docs = new Map<string, string[]>();
  for (const batch of pendingOutbox(ws.db))
    for (const record of batch.records) docs.set(record.id, [...(docs.get(record.id) ?? []), batch.doc]);
  return docs;
}

export const personOf = (ws: Workspace, name: string) => ws.profile.people().find((person) => person.name === name)?.id ?? '';

export async function addDocument(ws: Workspace, submissionId: number) {
  const path = join(tempDir(), 'masterplan-banggai.docx');
  writeFileSync(path, await masterplanDocx({ chapters: 2 }));
  const actor = { id: ws.profile.identity().id, name: ws.profile.get()?.name ?? '', role: 'assessor' as const };
  return importDocument(
    { submissionId, path, fileName: 'masterplan-banggai.docx', role: 'masterplan' },
    { db: ws.db, dataDir: ws.dataDir, lexicon: ws.lexicon(), actor, now: () => '2026-08-15T03:00:00.000Z', maxBytes: 50 * 1024 * 1024 },
  );
}

/** Two assessors on this laptop; Dr. Sari leads. Returns what the steps made, for the checks. */
export async function panelWorkflow(ws: Workspace, team?: () => void) {
  actAs(ws, 'Prof. Budi');
  actAs(ws, 'Dr. Sari');
  team?.();
  actAs(ws, 'Prof. Budi');
  ws.rubrics.save(PANEL_RUBRIC, true);
  const submissionId = banggaiBimtek3(ws);
  const document = await addDocument(ws, submissionId);
  const budi = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
  for (const [code, value] of Object.entries(SCORES)) ws.assessments.setScore(budi, code, value);
  ws.assessments.setNote(budi, 'ECO.1', 'Analisis lengkap, data BPS 2021.');
  ws.assessments.addEvidence(budi, { criterion: 'ECO.1', documentId: document.id, page: 1, quote: 'Galeri UMKM daring' });
  const second = ws.assessments.addEvidence(budi, { criterion: 'LIV.1', documentId: document.id, page: 1, quote: 'Ambulans gratis' });
  ws.assessments.removeEvidence(budi, second.evidence.find((item) => item.quote === 'Ambulans gratis')?.id ?? -1);
  const beforeSubmit = queued(ws);
  ws.assessments.transition(budi, 'submitted');

  actAs(ws, 'Dr. Sari');
  const sari = ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id;
  for (const [code, value] of Object.entries({ ...SCORES, 'ECO.1': 2 })) ws.assessments.setScore(sari, code, value);
  ws.assessments.transition(sari, 'submitted');
  ws.panels.takeLead(submissionId, 'panel-test');
  ws.panels.reconcile(submissionId, 'panel-test', 'ECO.1', 4, 'Disepakati dalam rapat panel');
  ws.assessments.transition(budi, 'finalized');
  ws.assessments.transition(sari, 'finalized');
  return { submissionId, budi, sari, beforeSubmit };
}

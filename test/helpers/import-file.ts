import { basename } from 'node:path';
import { importDocument, type ImportContext, type ImportedDocument } from '../../electron/core/intake/import.ts';
import type { Workspace } from '../../electron/core/workspace/open.ts';
import type { DocumentRole } from '../../shared/intake/model.ts';
import { openTestWorkspace } from './workspace.ts';

/** A fresh workspace with a regency and a submission, and the import context its tests use. */
export async function workspaceWithSubmission(regencyCode = '72.01') {
  const workspace = await openTestWorkspace();
  workspace.regencies.add({ code: regencyCode, cohortYear: 2022, stage: 3 });
  const submission = workspace.submissions.create({ kind: 'bimtek', regencyCode, stage: 3 });
  const context = (overrides: Partial<ImportContext> = {}): ImportContext => ({
    db: workspace.db,
    dataDir: workspace.dataDir,
    lexicon: workspace.lexicon(),
    actor: { id: workspace.profile.identity().id, name: 'Dr. Sari', role: 'assessor' },
    now: () => '2026-08-15T02:00:00.000Z',
    maxBytes: 200 * 1024 * 1024,
    ...overrides,
  });
  return { workspace, submission, context };
}

/** Import one file inline (no intake thread) into a fresh workspace. */
export async function importFile(
  path: string,
  overrides: Partial<ImportContext> = {},
  role: DocumentRole = 'masterplan',
): Promise<{ workspace: Workspace; result: ImportedDocument }> {
  const { workspace, submission, context } = await workspaceWithSubmission();
  const result = await importDocument({ submissionId: submission.id, path, fileName: basename(path), role }, context(overrides));
  return { workspace, result };
}

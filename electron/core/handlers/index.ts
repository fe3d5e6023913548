import type { z } from 'zod';
import type { Channel, ChannelOutput, Contract } from '../../../shared/ipc/contract.ts';
import { AppError } from '../../../shared/errors.ts';
import { allTopics } from '../../../shared/intake/lexicon.ts';
import { assessmentFileName, writeAssessmentJson } from '../../../shared/assessment/file.ts';
import { XLSX_MIME } from '../services/reports.ts';
import type { ImportJob } from '../intake/jobs.ts';
import type { Workspace } from '../workspace/open.ts';
import type { DemoProgress } from '../demo/build.ts';
import type { ExportedWorkspace, WorkspaceManifest } from '../services/workspace-file.ts';

export type HandlerInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Handlers = {
  [C in Channel]: (input: HandlerInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/**
 * The moves that replace the open workspace (demo, restore, import), answered by the
 * workspace host; `handlers` is the host's one handlers object, whatever workspace is open.
 */
export interface WorkspaceMoves {
  readonly handlers: Handlers;
  isDemo(): boolean;
  openDemo(): Promise<void>;
  leaveDemo(): Promise<void>;
  demoProgress(): DemoProgress | null;
  restore(file: string): Promise<{ restored: string; previous: string | undefined; missingFiles: number }>;
  exportWorkspace(outFile?: string): Promise<ExportedWorkspace>;
  importWorkspace(file: string): Promise<{ counts: WorkspaceManifest['counts']; previous: string | undefined }>;
}

export interface HandlerEnvironment {
  /** `hub`: the hub's projection, served read-only to the ministry (electron/hub/read-only.ts). */
  mode: 'desktop' | 'web' | 'hub';
  appVersion: string;
}

/**
 * One handler per channel of the contract, over the services of an open workspace; the
 * host answers the channels that replace the workspace (demo, restore, import).
 */
export function createHandlers(workspace: Workspace, environment: HandlerEnvironment, host: WorkspaceMoves): Handlers {
  const info = () => ({
    dataDir: workspace.dataDir,
    databasePath: workspace.databasePath,
    schemaVersion: workspace.schemaVersion(),
    appVersion: environment.appVersion,
    mode: environment.mode,
    demo: host.isDemo(),
    readOnly: environment.mode === 'hub',
  });
  return {
    'workspace.info': info,
    'areas.list': () => workspace.areas.regencies,
    'areas.provinces': () => workspace.areas.provinces,
    'regencies.list': (filter) => workspace.regencies.list(filter),
    'regencies.get': ({ code }) => workspace.regencies.get(code),
    'regencies.add': (input) => workspace.regencies.add(input),
    'regencies.update': (input) => workspace.regencies.update(input),
    'regencies.remove': ({ code }) => workspace.regencies.remove(code),
    'profile.get': () => workspace.profile.get(),
    'profile.save': (input) => workspace.profile.save(input),
    'profile.people': () => workspace.profile.people(),
    'profile.newPerson': (input) => workspace.profile.startAsNewPerson(input),
    'profile.switch': ({ personId }) => workspace.profile.switchTo(personId),
    'settings.get': () => workspace.settings.get(),
    'settings.save': (patch) => workspace.settings.save(patch),
    'settings.team': () => workspace.settings.team(),
    'rubrics.list': () => workspace.rubrics.list(),
    'rubrics.get': ({ id, version }) => workspace.rubrics.get(id, version),
    'rubrics.save': ({ rubric, asNew }) => workspace.rubrics.save(rubric, asNew),
    'rubrics.import': ({ fileName, contentBase64 }) => workspace.rubrics.importFile(fileName, Buffer.from(contentBase64, 'base64')),
    'rubrics.export': async ({ id, version, format }) => {
      const file = await workspace.rubrics.exportFile(id, version, format);
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: file.data.toString('base64') };
    },
    'submissions.list': ({ regencyCode }) => workspace.submissions.list(regencyCode),
    'submissions.create': (input) => workspace.submissions.create(input),
    'submissions.get': ({ id }) => ({ submission: workspace.submissions.get(id), documents: workspace.documents.list(id) }),
    'submissions.remove': ({ id }) => workspace.submissions.remove(id),
    'documents.import': ({ submissionId, uploadId, role }) => {
      const upload = workspace.uploads.take(uploadId);
      if (!upload) throw new AppError('upload.not_found');
      try {
        workspace.submissions.get(submissionId);
        return jobData(workspace.imports.start(upload, submissionId, role));
      } catch (error) {
        // A refused request leaves no copy behind: the upload was taken, so nothing else would remove it.
        workspace.uploads.discard(upload);
        throw error;
      }
    },
    'documents.jobs': ({ submissionId }) => workspace.imports.list(submissionId).map(jobData),
    'documents.get': ({ id }) => ({
      document: workspace.documents.get(id),
      outline: workspace.documents.outline(id),
      coverage: workspace.documents.coverage(id),
    }),
    'documents.page': ({ id, page }) => workspace.documents.page(id, page),
    'documents.remove': ({ id }) => workspace.documents.remove(id),
    'search.pages': ({ query, limit, ...scope }) => workspace.documents.search(query, scope, limit),
    'inventory.list': ({ submissionId }) => workspace.documents.inventory(submissionId),
    'inventory.update': ({ id, fields, status }) => workspace.documents.updateInventory(id, fields, status),
    'inventory.setStatus': ({ ids, status }) => workspace.documents.setInventoryStatus(ids, status),
    'assessments.list': (filter) => workspace.assessments.list(filter),
    'assessments.create': (input) => workspace.assessments.create(input),
    'assessments.get': ({ id }) => workspace.assessments.get(id),
    'assessments.score': ({ id, criterion, value }) => workspace.assessments.setScore(id, criterion, value),
    'assessments.note': ({ id, criterion, note }) => workspace.assessments.setNote(id, criterion, note),
    'assessments.addEvidence': ({ id, ...evidence }) => workspace.assessments.addEvidence(id, evidence),
    'assessments.removeEvidence': ({ id, evidenceId }) => workspace.assessments.removeEvidence(id, evidenceId),
    'assessments.transition': ({ id, to, reason }) => workspace.assessments.transition(id, to, reason),
    'assessments.upgrade': ({ id, version }) => workspace.assessments.upgrade(id, version),
    'assessments.history': ({ id, submissionId, criterion }) => {
      if (id === undefined && submissionId === undefined) throw new AppError('invalid_input', { fields: 'id' });
      return workspace.assessments.history({
        ...(id !== undefined ? { assessmentId: id } : {}),
        ...(submissionId !== undefined ? { submissionId } : {}),
        ...(criterion !== undefined ? { criterion } : {}),
      });
    },
    'assessments.export': ({ id, submissionId }) => {
      const file = workspace.assessmentFiles.exportFile({
        ...(id !== undefined ? { assessmentId: id } : {}),
        ...(submissionId !== undefined ? { submissionId } : {}),
      });
      const text = writeAssessmentJson(file);
      return {
        fileName: assessmentFileName(file),
        mimeType: 'application/json',
        contentBase64: Buffer.from(text, 'utf8').toString('base64'),
      };
    },
    'assessments.import': ({ contentBase64 }) =>
      workspace.assessmentFiles.importText(Buffer.from(contentBase64, 'base64').toString('utf8')),
    'panels.get': ({ submissionId, rubricId }) => workspace.panelViews.view(submissionId, rubricId),
    'panels.takeLead': ({ submissionId, rubricId }) => workspace.panels.takeLead(submissionId, rubricId),
    'panels.reconcile': ({ submissionId, rubricId, criterion, value, reason }) =>
      workspace.panels.reconcile(submissionId, rubricId, criterion, value, reason),
    'summary.get': (filter) => workspace.panelViews.summary(filter),
    'portfolio.get': () => workspace.portfolio(),
    'reports.scoresheet': async ({ submissionId, rubricId }) => {
      const file = await workspace.reports.scoreSheet(submissionId, rubricId);
      return { fileName: file.fileName, mimeType: XLSX_MIME, contentBase64: file.data.toString('base64') };
    },
    'reports.recap': async (filter) => {
      const file = await workspace.reports.recap(filter);
      return { fileName: file.fileName, mimeType: XLSX_MIME, contentBase64: file.data.toString('base64') };
    },
    'reports.letter': async ({ submissionId, format, rubricId }) => {
      const file = await workspace.letters.letter(submissionId, format, rubricId ? { rubricId } : {});
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: file.data.toString('base64') };
    },
    'reports.importScoresheet': ({ contentBase64 }) => workspace.reports.importScoreSheet(Buffer.from(contentBase64, 'base64')),
    'backups.list': () => workspace.backups.list(),
    'backups.create': () => workspace.backups.create('manual'),
    // These replace the open workspace: the host answers with the new one's handlers in place.
    'backups.restore': ({ file }) => host.restore(file),
    'demo.open': async () => {
      await host.openDemo();
      return host.handlers['workspace.info']({});
    },
    'demo.leave': async () => {
      await host.leaveDemo();
      return host.handlers['workspace.info']({});
    },
    'demo.progress': () => host.demoProgress(),
    'workspace.export': () => host.exportWorkspace(),
    'workspace.import': async ({ uploadId }) => {
      const upload = workspace.uploads.take(uploadId);
      if (!upload) throw new AppError('upload.not_found');
      try {
        return await host.importWorkspace(upload.path);
      } finally {
        // Unpacked and checked before anything moved; the upload itself is no longer needed.
        workspace.uploads.discard(upload);
      }
    },
    'analytics.dashboard': ({ submissionId, rubricId }) => workspace.analytics.dashboard(submissionId, rubricId),
    'analytics.progress': ({ regencyCode, rubricId }) => workspace.analytics.progress(regencyCode, rubricId),
    'analytics.cohort': (filter) => workspace.analytics.cohort(filter),
    'sync.status': () => workspace.sync.status(),
    'sync.changes': async ({ since }) => ({ applied: await workspace.sync.changes(since) }),
    'sync.join': ({ hubUrl, token }) => workspace.sync.join(hubUrl, token),
    'sync.now': () => workspace.sync.syncNow(),
    'sync.records': ({ state }) => workspace.sync.records(state),
    'sync.remoteDocuments': ({ submissionId }) => workspace.sync.remoteDocuments(submissionId),
    'sync.fetchDocument': ({ sub, sha256 }) => workspace.sync.fetchDocument(sub, sha256),
    'sync.export': async (options) => {
      const file = await workspace.sync.exportFile(options);
      return { fileName: file.fileName, mimeType: 'application/gzip', contentBase64: file.content.toString('base64') };
    },
    'sync.import': ({ fileName, contentBase64 }) => workspace.sync.importFile(fileName, Buffer.from(contentBase64, 'base64')),
    'lexicon.topics': () =>
      allTopics(workspace.lexicon()).map(({ code, title, parent, kind }) => ({
        code,
        title,
        ...(parent ? { parent } : {}),
        ...(kind ? { kind } : {}),
      })),
  };
}

/** What the screen needs of a job: its state, and the headline figures of the imported document. */
function jobData(job: ImportJob) {
  const { result, ...rest } = job;
  return {
    ...rest,
    ...(result
      ? {
          result: {
            id: result.id,
            kind: result.kind,
            pages: result.pages,
            words: result.words,
            quickWins: result.quickWins,
            programmes: result.programmes,
            ocrPages: result.ocrPages,
            ...(result.duplicateOf ? { duplicateOf: result.duplicateOf } : {}),
            warnings: result.warnings,
          },
        }
      : {}),
  };
}

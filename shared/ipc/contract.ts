import { z } from 'zod';
import { areaRegencySchema, provinceSchema, regencyCodeSchema } from '../domain/area.ts';
import { profileInputSchema, profileSchema } from '../domain/profile.ts';
import { regencyAddInputSchema, regencyFilterSchema, regencySchema, regencyUpdateInputSchema } from '../domain/regency.ts';
import { settingsPatchSchema, settingsSchema, teamSettingsSchema } from '../domain/settings.ts';
import { fileContentSchema, rubricChangeSchema, rubricRefSchema, rubricSummarySchema, rubricWithSummarySchema } from '../rubric/catalog.ts';
import { rubricIdSchema } from '../rubric/schema.ts';
import {
  documentDetailSchema,
  documentSummarySchema,
  importJobSchema,
  inventoryItemSchema,
  pageTextSchema,
  searchHitSchema,
  topicSummarySchema,
} from '../intake/catalog.ts';
import { INVENTORY_STATUSES, inventoryFieldsSchema } from '../intake/inventory.ts';
import { DOCUMENT_KINDS, documentRoleSchema, submissionInputSchema, submissionSchema } from '../intake/model.ts';
import {
  assessmentDetailSchema,
  assessmentSummarySchema,
  createAssessmentInputSchema,
  evidenceInputSchema,
  historyEventSchema,
  noteInputSchema,
  scoreInputSchema,
  scoreValueSchema,
  transitionInputSchema,
  REASON_MAX,
} from '../assessment/model.ts';
import { panelScoresSchema, panelViewSchema, portfolioSchema, submissionSummarySchema } from '../assessment/catalog.ts';
import { regencySchema as registeredRegencySchema } from '../domain/regency.ts';
import { nodeCodeSchema } from '../rubric/schema.ts';
import { subKeySchema, teamRoleSchema } from '../sync/record.ts';
import { joinTokenSchema } from '../sync/protocol.ts';

/** Upper bound for files sent inside a request (rubric workbooks are a few hundred KB). */
export const MAX_FILE_BASE64_LENGTH = 8 * 1024 * 1024;

const empty = z.strictObject({});
const recordId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const byId = z.strictObject({ id: recordId });

export const workspaceInfoSchema = z.object({
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  /** `hub`: the ministry's view of a hub's projection (`timbang hub serve`). */
  mode: z.enum(['desktop', 'web', 'hub']),
  /** The demo workspace is open instead of the user's own. */
  demo: z.boolean(),
  /** Nothing can be changed here (the hub's ministry view): every write channel answers `hub.read_only`. */
  readOnly: z.boolean(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

const uploadIdSchema = z.string().regex(/^[0-9a-f]{24}$/);
const workspaceCountsSchema = z.object({
  regencies: z.number().int(),
  submissions: z.number().int(),
  documents: z.number().int(),
  assessments: z.number().int(),
});

const backupSchema = z.object({
  file: z.string(),
  kind: z.enum(['daily', 'manual', 'before-restore', 'before-import']),
  createdAt: z.string(),
  size: z.number(),
  blobs: z.array(z.string()),
});

const rubricChoiceSchema = z.object({ id: z.string(), name: z.object({ id: z.string(), en: z.string().optional() }) });
const cohortRowSchema = z.object({
  submissionId: z.number().int(),
  regencyCode: z.string(),
  regencyName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  cohortYear: z.number().int(),
  kind: z.enum(['bimtek', 'evaluation']),
  stage: z.number().int().nullable(),
  year: z.number().int().nullable(),
  overall: z.number().nullable(),
  band: z.object({ id: z.string(), en: z.string().optional() }).nullable(),
  groups: submissionSummarySchema.shape.panel.shape.groups,
});

/** Sinkronkan: this laptop's team, its hub connection and what came of the records (docs/sync.md). */
export const syncStatusSchema = z.object({
  team: z
    .object({
      hubUrl: z.string(),
      role: teamRoleSchema,
      fingerprint: z.string(),
      regencies: z.array(z.string()),
      joinedAt: z.string(),
    })
    .nullable(),
  connected: z.boolean(),
  syncing: z.boolean(),
  lastSyncAt: z.string().nullable(),
  /** Records made here and not yet acknowledged by the hub. */
  pending: z.number().int(),
  waiting: z.number().int(),
  refused: z.number().int(),
  notApplied: z.number().int(),
  online: z.array(z.object({ person: z.string(), name: z.string(), role: teamRoleSchema })),
  /** The last failed pass's error: its code (errors.<code>), then its params as JSON if any; null after a good one. */
  lastError: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /**
   * Records from the hub the engine has applied since it started: when it grows, someone else's work
   * has changed this workspace, and the screens read their data again.
   */
  applied: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncPassSchema = z.object({
  docs: z.number().int(),
  sent: z.number().int(),
  received: z.number().int(),
  applied: z.number().int(),
  refused: z.number().int(),
  pending: z.number().int(),
  seconds: z.number(),
  converged: z.boolean(),
});
export type SyncPass = z.infer<typeof syncPassSchema>;

/** A document of a submission known from the team (a `document` record) whose file is not on this laptop. */
export const remoteDocumentSchema = z.object({
  sub: z.string(),
  sha256: z.string(),
  fileName: z.string(),
  role: documentRoleSchema,
  size: z.number().int(),
  pages: z.number().int(),
});
export type RemoteDocument = z.infer<typeof remoteDocumentSchema>;

export const SYNC_RECORD_STATES = ['refused', 'not_applied', 'waiting'] as const;
export const syncRecordRowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  author: z.string(),
  authorName: z.string(),
  sub: z.string().nullable(),
  state: z.enum(SYNC_RECORD_STATES),
  /** An i18n code under errors. */
  problem: z.string().nullable(),
  origin: z.string(),
  receivedAt: z.string(),
});

/**
 * Every request the renderer can make, with the schema its payload must pass and
 * the schema of its answer. Main (IPC) and web mode (HTTP) validate against this
 * same map; the renderer only sees its types.
 */
export const contract = {
  'workspace.info': { input: empty, output: workspaceInfoSchema },
  'areas.list': { input: empty, output: z.array(areaRegencySchema) },
  'areas.provinces': { input: empty, output: z.array(provinceSchema) },
  'regencies.list': { input: regencyFilterSchema, output: z.array(regencySchema) },
  'regencies.get': { input: z.strictObject({ code: regencyCodeSchema }), output: regencySchema },
  'regencies.add': { input: regencyAddInputSchema, output: regencySchema },
  'regencies.update': { input: regencyUpdateInputSchema, output: regencySchema },
  'regencies.remove': {
    input: z.strictObject({ code: regencyCodeSchema }),
    output: z.object({ code: regencyCodeSchema }),
  },
  'profile.get': { input: empty, output: profileSchema.nullable() },
  'profile.save': { input: profileInputSchema, output: profileSchema },
  'profile.people': {
    input: empty,
    output: z.array(z.object({ id: z.string(), name: z.string(), institution: z.string(), current: z.boolean() })),
  },
  'profile.newPerson': { input: profileInputSchema, output: profileSchema },
  'profile.switch': { input: z.strictObject({ personId: z.string().min(1).max(64) }), output: profileSchema },
  'settings.get': { input: empty, output: settingsSchema },
  'settings.save': { input: settingsPatchSchema, output: settingsSchema },
  /** The team's panel rules while they are in effect here (docs/sync.md §2), with the hub that signed them; null otherwise. */
  'settings.team': {
    input: empty,
    output: z
      .object({ hub: z.string(), fingerprint: z.string(), url: z.string(), at: z.string(), settings: teamSettingsSchema })
      .nullable(),
  },
  'rubrics.list': { input: empty, output: z.array(rubricSummarySchema) },
  'rubrics.get': { input: rubricRefSchema, output: rubricWithSummarySchema },
  /** The rubric is checked by the service, which reports every problem with its path. */
  'rubrics.save': {
    input: z.strictObject({ rubric: z.unknown(), asNew: z.boolean() }),
    output: z.object({ summary: rubricSummarySchema, change: rubricChangeSchema.nullable() }),
  },
  'rubrics.import': {
    input: z.strictObject({
      fileName: z.string().min(1).max(255),
      contentBase64: z
        .string()
        .max(MAX_FILE_BASE64_LENGTH)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    }),
    output: z.object({ summary: rubricSummarySchema, status: z.enum(['created', 'new_version', 'unchanged']) }),
  },
  'rubrics.export': {
    input: z.strictObject({ id: rubricIdSchema, version: z.number().int().min(1), format: z.enum(['json', 'xlsx']) }),
    output: fileContentSchema,
  },
  'submissions.list': { input: z.strictObject({ regencyCode: regencyCodeSchema.optional() }), output: z.array(submissionSchema) },
  'submissions.create': { input: submissionInputSchema, output: submissionSchema },
  'submissions.get': {
    input: byId,
    output: z.object({ submission: submissionSchema, documents: z.array(documentSummarySchema) }),
  },
  'submissions.remove': { input: byId, output: z.object({ id: recordId }) },
  /** Start importing a file the user gave (an upload id from web mode's upload or the desktop's drop/dialog). */
  'documents.import': {
    input: z.strictObject({ submissionId: recordId, uploadId: uploadIdSchema, role: documentRoleSchema }),
    output: importJobSchema,
  },
  'documents.jobs': { input: z.strictObject({ submissionId: recordId.optional() }), output: z.array(importJobSchema) },
  'documents.get': { input: byId, output: documentDetailSchema },
  'documents.page': { input: z.strictObject({ id: recordId, page: z.number().int().min(1).max(100_000) }), output: pageTextSchema },
  'documents.remove': { input: byId, output: z.object({ id: recordId }) },
  'search.pages': {
    input: z.strictObject({
      query: z.string().trim().min(1).max(200),
      submissionId: recordId.optional(),
      regencyCode: regencyCodeSchema.optional(),
      documentId: recordId.optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    output: z.array(searchHitSchema),
  },
  'inventory.list': { input: z.strictObject({ submissionId: recordId }), output: z.array(inventoryItemSchema) },
  'inventory.update': {
    input: z.strictObject({ id: recordId, fields: inventoryFieldsSchema, status: z.enum(INVENTORY_STATUSES) }),
    output: inventoryItemSchema,
  },
  'inventory.setStatus': {
    input: z.strictObject({ ids: z.array(recordId).min(1).max(5000), status: z.enum(INVENTORY_STATUSES) }),
    output: z.object({ updated: z.number().int() }),
  },
  'lexicon.topics': { input: empty, output: z.array(topicSummarySchema) },
  'assessments.list': {
    input: z.strictObject({ submissionId: recordId.optional(), mine: z.boolean().optional() }),
    output: z.array(assessmentSummarySchema),
  },
  'assessments.create': { input: createAssessmentInputSchema, output: assessmentSummarySchema },
  'assessments.get': { input: byId, output: assessmentDetailSchema },
  'assessments.score': { input: scoreInputSchema, output: assessmentDetailSchema },
  'assessments.note': { input: noteInputSchema, output: assessmentDetailSchema },
  'assessments.addEvidence': { input: evidenceInputSchema, output: assessmentDetailSchema },
  'assessments.removeEvidence': { input: z.strictObject({ id: recordId, evidenceId: recordId }), output: assessmentDetailSchema },
  'assessments.transition': { input: transitionInputSchema, output: assessmentSummarySchema },
  'assessments.upgrade': {
    input: z.strictObject({ id: recordId, version: z.number().int().min(1) }),
    output: z.object({
      summary: assessmentSummarySchema,
      needsRescore: z.array(z.string()),
      dropped: z.array(z.string()),
      resultsChanged: z.boolean(),
    }),
  },
  /** The audit trail: of one assessment (optionally one criterion), or of a submission's panel. */
  'assessments.history': {
    input: z.strictObject({ id: recordId.optional(), submissionId: recordId.optional(), criterion: nodeCodeSchema.optional() }),
    output: z.array(historyEventSchema),
  },
  'assessments.export': {
    input: z.strictObject({ id: recordId.optional(), submissionId: recordId.optional() }),
    output: fileContentSchema,
  },
  'assessments.import': {
    input: z.strictObject({
      fileName: z.string().min(1).max(255),
      contentBase64: z
        .string()
        .max(MAX_FILE_BASE64_LENGTH)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    }),
    output: z.array(
      z.object({
        id: recordId,
        assessor: z.string(),
        assessorId: z.string(),
        /** 'name': the file had no person ids (made before them): matched by name, which the user should check. */
        matchedBy: z.enum(['id', 'name']),
        role: z.enum(['assessor', 'self']),
        regency: z.string(),
        stage: z.number().nullable(),
        year: z.number().nullable(),
        status: z.enum(['draft', 'submitted', 'finalized']),
        created: z.boolean(),
        scores: z.number().int(),
      }),
    ),
  },
  'panels.get': { input: z.strictObject({ submissionId: recordId, rubricId: rubricIdSchema.optional() }), output: panelViewSchema },
  'panels.takeLead': { input: z.strictObject({ submissionId: recordId, rubricId: rubricIdSchema }), output: panelViewSchema },
  'panels.reconcile': {
    input: z.strictObject({
      submissionId: recordId,
      rubricId: rubricIdSchema,
      criterion: nodeCodeSchema,
      value: scoreValueSchema.nullable(),
      reason: z.string().max(REASON_MAX),
    }),
    output: panelViewSchema,
  },
  'summary.get': {
    input: z.strictObject({ submissionId: recordId.optional(), regencyCode: regencyCodeSchema.optional() }),
    output: z.array(submissionSummarySchema),
  },
  'portfolio.get': { input: empty, output: portfolioSchema },
  'reports.scoresheet': {
    input: z.strictObject({ submissionId: recordId, rubricId: rubricIdSchema.optional() }),
    output: fileContentSchema,
  },
  'reports.recap': {
    input: z.strictObject({
      rubricId: rubricIdSchema.optional(),
      regencyCode: regencyCodeSchema.optional(),
      stage: z.number().int().min(1).max(4).optional(),
    }),
    output: fileContentSchema,
  },
  'reports.letter': {
    input: z.strictObject({ submissionId: recordId, format: z.enum(['docx', 'pdf']), rubricId: rubricIdSchema.optional() }),
    output: fileContentSchema,
  },
  'reports.importScoresheet': {
    input: z.strictObject({
      fileName: z.string().min(1).max(255),
      contentBase64: z
        .string()
        .max(MAX_FILE_BASE64_LENGTH)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    }),
    output: z.object({ assessments: z.array(z.object({ id: recordId, name: z.string(), changed: z.number().int() })) }),
  },
  'backups.list': { input: empty, output: z.array(backupSchema) },
  'backups.create': { input: empty, output: backupSchema },
  'backups.restore': {
    input: z.strictObject({ file: z.string().regex(/^timbang-[\w-]+\.db$/) }),
    output: z.object({ restored: z.string(), previous: z.string().optional(), missingFiles: z.number().int() }),
  },
  'demo.open': { input: empty, output: workspaceInfoSchema },
  'demo.leave': { input: empty, output: workspaceInfoSchema },
  'demo.progress': { input: empty, output: z.object({ done: z.number().int(), total: z.number().int(), current: z.string() }).nullable() },
  'workspace.export': {
    input: empty,
    output: z.object({ file: z.string(), size: z.number(), sha256: z.string(), counts: workspaceCountsSchema }),
  },
  'workspace.import': {
    input: z.strictObject({ uploadId: uploadIdSchema }),
    output: z.object({ counts: workspaceCountsSchema, previous: z.string().optional() }),
  },
  'analytics.dashboard': {
    input: z.strictObject({ submissionId: recordId, rubricId: rubricIdSchema.optional() }),
    output: panelScoresSchema,
  },
  'analytics.progress': {
    input: z.strictObject({ regencyCode: regencyCodeSchema, rubricId: rubricIdSchema.optional() }),
    output: z.object({
      regency: registeredRegencySchema,
      rubricId: z.string().nullable(),
      rubrics: z.array(rubricChoiceSchema),
      entries: z.array(submissionSummarySchema),
    }),
  },
  'sync.status': { input: empty, output: syncStatusSchema },
  /**
   * Answers once the count of records from the hub applied here differs from `since` (someone else's
   * work landed: the screens read again at once), or after about 25 seconds with the count as it is.
   */
  'sync.changes': { input: z.strictObject({ since: z.number().int().min(0) }), output: z.object({ applied: z.number().int() }) },
  'sync.join': {
    input: z.strictObject({ hubUrl: z.string().url().max(500), token: joinTokenSchema }),
    output: syncStatusSchema,
  },
  'sync.now': { input: empty, output: syncPassSchema },
  'sync.records': { input: z.strictObject({ state: z.enum(SYNC_RECORD_STATES) }), output: z.array(syncRecordRowSchema) },
  'sync.remoteDocuments': { input: z.strictObject({ submissionId: recordId }), output: z.array(remoteDocumentSchema) },
  'sync.fetchDocument': {
    input: z.strictObject({ sub: subKeySchema, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: z.object({ documentId: z.number().int(), fileName: z.string(), kind: z.enum(DOCUMENT_KINDS), pages: z.number().int() }),
  },
  'sync.export': {
    input: z.strictObject({ subs: z.array(subKeySchema).max(1000).optional(), regencyCode: regencyCodeSchema.optional() }),
    output: fileContentSchema,
  },
  'sync.import': {
    input: z.strictObject({
      fileName: z.string().min(1).max(255),
      contentBase64: z.string().max(MAX_FILE_BASE64_LENGTH),
    }),
    output: z.object({
      docs: z.number().int(),
      applied: z.number().int(),
      refused: z.array(z.object({ doc: z.string(), problem: z.string() })),
    }),
  },
  'analytics.cohort': {
    input: z.strictObject({
      rubricId: rubricIdSchema.optional(),
      provinceCode: z
        .string()
        .regex(/^\d{2}$/)
        .optional(),
      cohortYear: z.number().int().min(2017).max(2100).optional(),
      stage: z.number().int().min(1).max(4).optional(),
    }),
    output: z.object({
      rubricId: z.string().nullable(),
      rubrics: z.array(rubricChoiceSchema),
      passMark: z.number().nullable(),
      rows: z.array(cohortRowSchema),
    }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

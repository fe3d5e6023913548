import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { migrate, type MigrationReport } from '../db/migrate.ts';
import { openDatabase, schemaVersion, type Db } from '../db/open.ts';
import { DATABASE_FILE } from '../platform/paths.ts';
import { loadAreaCatalog, type AreaCatalog } from '../services/areas.ts';
import { currentActor, type ServiceContext } from '../services/context.ts';
import { createProfileService } from '../services/profile.ts';
import { createRegencyService } from '../services/regencies.ts';
import { createRubricService } from '../services/rubrics.ts';
import { createDocumentService, type DocumentService } from '../services/documents.ts';
import { createSubmissionService, type SubmissionService } from '../services/submissions.ts';
import { createImportRunner, type ImportRunner } from '../intake/jobs.ts';
import { loadLexicon } from '../intake/lexicon-file.ts';
import { createUploadStore, type UploadStore } from '../intake/uploads.ts';
import type { Lexicon } from '../../../shared/intake/lexicon.ts';
import { createSettingsService } from '../services/settings.ts';
import { createAssessmentService, type AssessmentService } from '../services/assessments.ts';
import { createAssessmentFileService, type AssessmentFileService } from '../services/assessment-files.ts';
import { createPanelCommands, type PanelCommands } from '../services/panel-commands.ts';
import { createPanelViews, type PanelViews } from '../services/panel-views.ts';
import { portfolioOf } from '../services/portfolio.ts';
import { createAnalyticsService, type AnalyticsService } from '../services/analytics.ts';
import { createReportService, type ReportService } from '../services/reports.ts';
import { createLetterService, type LetterService } from '../services/letter.ts';
import { createBackupService, type BackupService } from '../services/backups.ts';
import type { Portfolio } from '../../../shared/assessment/catalog.ts';
import { createSyncService, type SyncService } from '../services/sync.ts';

export interface WorkspaceOptions {
  /** Timestamps for everything this workspace records; tests pass a fixed clock. */
  now?: () => string;
  /** The name recorded when no profile is set; defaults to the operating-system user. */
  fallbackActorName?: string;
  /**
   * The shipped resources: rubrics/ (templates loaded into the workspace) and lexicon/
   * (the coverage keywords). Without it no templates are loaded and intake is unavailable.
   */
  resourcesDir?: string;
  /** Told the SQL of every statement the workspace's connection runs: for tests that count them. */
  onStatement?: (sql: string) => void;
  /** The hub whose team settings this workspace follows without joining it (`hub:<fingerprint>`): the hub's projection. */
  followHub?: string;
}

/** One open workspace folder: its database, the services over it and the area catalogue. */
export interface Workspace {
  dataDir: string;
  databasePath: string;
  db: Db;
  migration: MigrationReport;
  areas: AreaCatalog;
  regencies: ReturnType<typeof createRegencyService>;
  profile: ReturnType<typeof createProfileService>;
  settings: ReturnType<typeof createSettingsService>;
  rubrics: ReturnType<typeof createRubricService>;
  submissions: SubmissionService;
  documents: DocumentService;
  assessments: AssessmentService;
  assessmentFiles: AssessmentFileService;
  /** What a panel's lead does. */
  panels: PanelCommands;
  /** Panels as they are read: a panel, the summary across panels, a score sheet. */
  panelViews: PanelViews;
  analytics: AnalyticsService;
  reports: ReportService;
  /** The result letter of a submission, as DOCX or PDF. */
  letters: LetterService;
  backups: BackupService;
  /** Sinkronkan: the team, the hub, the records (docs/sync.md). */
  sync: SyncService;
  portfolio(): Portfolio;
  lexicon(): Lexicon;
  uploads: UploadStore;
  imports: ImportRunner;
  schemaVersion(): number;
  close(): void;
}

export async function openWorkspace(dataDir: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  mkdirSync(dataDir, { recursive: true });
  const databasePath = join(dataDir, DATABASE_FILE);
  const db = openDatabase(databasePath, options.onStatement ? { onStatement: options.onStatement } : {});
  try {
    const fallbackName = options.fallbackActorName ?? osUserName();
    const now = options.now ?? (() => new Date().toISOString());
    const migration = migrate(db, databasePath, undefined, undefined, { localName: fallbackName, now });
    const areas = await loadAreaCatalog();
    const ctx: ServiceContext = { db, now, actor: () => currentActor(db, fallbackName) };
    const rubrics = createRubricService(ctx);
    if (options.resourcesDir) rubrics.seedTemplates(join(options.resourcesDir, 'rubrics'));
    const settings = createSettingsService(ctx, options.followHub ? { followHub: options.followHub } : {});
    let lexicon: Lexicon | undefined;
    const currentLexicon = () => {
      if (!options.resourcesDir) throw new Error('intake needs the resources folder (lexicon)');
      lexicon ??= loadLexicon(options.resourcesDir, dataDir);
      return lexicon;
    };
    const uploads = createUploadStore(dataDir);
    const imports = createImportRunner({
      databasePath,
      dataDir,
      lexicon: currentLexicon,
      actor: ctx.actor,
      maxBytes: () => settings.get().maxUploadMb * 1024 * 1024,
      ocr: () => (options.resourcesDir && settings.get().ocr ? { tessdataDir: join(options.resourcesDir, 'tessdata') } : undefined),
      onFinished: (_job, upload) => uploads.discard(upload),
    });
    const assessments = createAssessmentService(ctx, rubrics, settings);
    const submissions = createSubmissionService(ctx);
    const regencies = createRegencyService(ctx, areas);
    const panelViews = createPanelViews(ctx, assessments, submissions, settings);
    const documents = createDocumentService(ctx, dataDir, currentLexicon);
    const fontsDir = options.resourcesDir ? join(options.resourcesDir, 'fonts') : undefined;
    return {
      dataDir,
      databasePath,
      db,
      migration,
      areas,
      regencies,
      profile: createProfileService(ctx),
      settings,
      rubrics,
      submissions,
      documents,
      assessments,
      assessmentFiles: createAssessmentFileService(ctx, assessments),
      panels: createPanelCommands(ctx, assessments, submissions, panelViews),
      panelViews,
      analytics: createAnalyticsService(panelViews, regencies, assessments),
      backups: createBackupService(ctx, dataDir),
      sync: createSyncService(db),
      reports: createReportService(
        ctx,
        panelViews,
        regencies,
        settings,
        assessments,
        options.resourcesDir ? join(options.resourcesDir, 'fonts') : undefined,
      ),
      letters: createLetterService(ctx, {
        panels: panelViews,
        regencies,
        settings,
        documents,
        ...(options.resourcesDir ? { lexicon: currentLexicon } : {}),
        ...(fontsDir ? { fontsDir } : {}),
      }),
      portfolio: () => portfolioOf(ctx, assessments),
      lexicon: currentLexicon,
      uploads,
      imports,
      schemaVersion: () => schemaVersion(db),
      close: () => {
        imports.close();
        uploads.close();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

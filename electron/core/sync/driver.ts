import { AppError } from '../../../shared/errors.ts';
import { documentRoleSchema, type DocumentKind } from '../../../shared/intake/model.ts';
import { parseSubKey } from '../../../shared/sync/record.ts';
import { problemText } from '../../../shared/sync/state.ts';
import type { SyncDriver } from '../services/sync.ts';
import type { Workspace } from '../workspace/open.ts';
import type { JoinResult, SyncEngine } from './engine.ts';
import { teamOf } from './identity.ts';
import { dayOf, fileNameOf } from '../../../shared/format/file-name.ts';
import { query, queryValue } from '../db/query.ts';

export interface WorkspaceSync {
  /** The engine, loaded on first use: Yjs and Hocuspocus cost every command about half a second to load. */
  engine(): Promise<SyncEngine>;
  stop(): Promise<void>;
}

export interface WorkspaceSyncOptions {
  appVersion: string;
  /** Keep syncing while the hub is reachable (the app and web mode); off for one-shot commands and tests. */
  background: boolean;
  /** How often the hub is asked what changed, besides after every local change. */
  intervalMs?: number;
  now?: () => string;
}

/** How often the outbox is looked at (one indexed row), so a change made here leaves well within a second. */
const OUTBOX_WATCH_MS = 100;

/**
 * The sync engine of one open workspace, attached to its Sinkronkan service: the screens'
 * join, "Sinkronkan sekarang", files, and the live status go through here; in the app and in
 * web mode it also keeps syncing in the background once the workspace has joined a team.
 */
export function startWorkspaceSync(workspace: Workspace, options: WorkspaceSyncOptions): WorkspaceSync {
  const now = options.now ?? (() => new Date().toISOString());
  let loaded: SyncEngine | null = null;
  let loading: Promise<SyncEngine> | null = null;
  let stopped = false;
  const engineOf = (): Promise<SyncEngine> =>
    (loading ??= Promise.all([import('./engine.ts'), import('./parts.ts')]).then(([{ createSyncEngine }, { syncPartsFor }]) => {
      loaded = createSyncEngine({
        db: workspace.db,
        parts: syncPartsFor(workspace, now),
        appVersion: options.appVersion,
        now,
        dataDir: workspace.dataDir,
      });
      return loaded;
    }));
  let watch: ReturnType<typeof setInterval> | null = null;
  const pendingLocal = () => queryValue<number>(workspace.db, 'SELECT 1 FROM sync_outbox LIMIT 1').get() !== undefined;

  function runInBackground(): void {
    if (!options.background || watch || stopped) return;
    watch = setInterval(() => {
      if (loaded && pendingLocal()) loaded.nudge();
    }, OUTBOX_WATCH_MS);
    watch.unref?.();
    void engineOf().then((engine) => {
      if (!stopped) engine.startBackground({ intervalMs: options.intervalMs ?? 15_000 });
    });
  }

  const driver: SyncDriver = {
    live() {
      if (!loaded) return null;
      const status = loaded.status();
      return {
        connected: status.connected,
        syncing: status.running,
        lastError: status.lastError ? problemText(status.lastError.code, status.lastError.params as Record<string, string | number>) : null,
        online: status.online.map((person) => ({
          person: person.person,
          name: person.name,
          role: person.role === 'planner' || person.role === 'ministry' ? person.role : 'assessor',
        })),
        progress: status.progress,
        applied: status.applied,
      };
    },
    async join(hubUrl, token) {
      const profile = workspace.profile.get();
      const engine = await engineOf();
      const joined = await engine.join(hubUrl, token, {
        name: profile?.name ?? currentName(workspace),
        institution: profile?.institution ?? '',
      });
      adoptTeamRole(workspace, joined);
      runInBackground();
    },
    async changes(since, timeoutMs) {
      return (await engineOf()).waitForApplied(since, timeoutMs);
    },
    async syncNow() {
      const pass = await (await engineOf()).syncOnce();
      return {
        docs: pass.docs,
        sent: pass.sent,
        received: pass.received,
        applied: pass.applied,
        refused: pass.refused,
        pending: pass.pending,
        seconds: pass.seconds,
        converged: pass.converged,
      };
    },
    async exportFile({ subs, regencyCode }) {
      const content = (await engineOf()).exportFile({ ...(subs ? { subs } : {}), ...(regencyCode ? { regency: regencyCode } : {}) });
      return { fileName: fileNameOf(['sinkron', regencyCode ?? 'semua', dayOf(now())], 'timbang-sync'), content };
    },
    async importFile(fileName, content) {
      const result = (await engineOf()).importFile(content, fileName);
      return { docs: result.docs, applied: result.applied, refused: result.refused.map(({ doc, problem }) => ({ doc, problem })) };
    },
    fetchDocument: (sub, sha256) => fetchDocument(workspace, engineOf, sub, sha256),
  };
  workspace.sync.attach(driver);
  if (teamOf(workspace.db)) runInBackground();

  return {
    engine: engineOf,
    async stop() {
      stopped = true;
      if (watch) clearInterval(watch);
      watch = null;
      workspace.sync.attach(null);
      if (loading) await (await loading).stop();
    },
  };
}

/** The team says who this person is in it: the profile follows (a planner's home is their regency from now on). */
export function adoptTeamRole(workspace: Workspace, joined: Pick<JoinResult, 'role' | 'regencies' | 'member'>): void {
  if (joined.role === 'ministry') return;
  const profile = workspace.profile.get();
  const role = joined.role === 'planner' ? 'regional_planner' : 'assessor';
  const regencyCode = joined.role === 'planner' ? (joined.regencies[0] ?? null) : null;
  if (profile?.role === role && profile.regencyCode === regencyCode) return;
  const known = regencyCode === null || workspace.regencies.list({}).some((regency) => regency.code === regencyCode);
  workspace.profile.save({
    name: profile?.name ?? (currentName(workspace) || joined.member),
    institution: profile?.institution ?? '',
    role,
    regencyCode: known ? regencyCode : null,
  });
}

function currentName(workspace: Workspace): string {
  return queryValue<string>(workspace.db, 'SELECT p.name FROM identity i JOIN person p ON p.id = i.person_id WHERE i.id = 1').get() ?? '';
}

/**
 * A document known from the team, downloaded from the hub (hash checked as it streams) into an
 * upload of this workspace, then imported by the intake threads exactly as a file the user picked:
 * pages, text, coverage and inventory are derived here, and the document becomes searchable and citable.
 */
async function fetchDocument(
  workspace: Workspace,
  engineOf: () => Promise<SyncEngine>,
  sub: string,
  sha256: string,
): Promise<{ documentId: number; fileName: string; kind: DocumentKind; pages: number }> {
  const remote = query<{ fileName: string; role: string; size: number }>(
    workspace.db,
    'SELECT file_name AS fileName, role, size FROM remote_document WHERE sub = ? AND sha256 = ?',
  ).get(sub, sha256);
  if (!remote) throw new AppError('sync.document_unknown');
  const key = parseSubKey(sub);
  const submissionId = queryValue<number>(
    workspace.db,
    'SELECT id FROM submission WHERE regency_code = ? AND kind = ? AND coalesce(stage, 0) = ? AND coalesce(year, 0) = ?',
  ).get(key.regencyCode, key.kind, key.stage ?? 0, key.year ?? 0);
  if (submissionId === undefined) throw new AppError('sync.unknown_submission', { sub });
  const local = query<{ id: number; fileName: string; kind: DocumentKind; pages: number }>(
    workspace.db,
    'SELECT id, file_name AS fileName, kind, pages FROM document WHERE submission_id = ? AND sha256 = ?',
  ).get(submissionId, sha256);
  if (local) return { documentId: local.id, fileName: local.fileName, kind: local.kind, pages: local.pages };
  const role = documentRoleSchema.parse(remote.role);
  const engine = await engineOf();
  const upload = workspace.uploads.begin(remote.fileName);
  try {
    await engine.fetchBlob(sha256, remote.size, upload.path);
  } catch (error) {
    workspace.uploads.discard(upload);
    throw error;
  }
  const job = await workspace.imports.wait(workspace.imports.start(upload, submissionId, role).id);
  if (job.status !== 'done' || !job.result) {
    const error = job.error ?? { code: 'internal' as const, params: {}, message: 'the import did not finish' };
    throw new AppError(error.code, error.params, error.message);
  }
  return { documentId: job.result.id, fileName: job.result.fileName, kind: job.result.kind, pages: job.result.pages };
}

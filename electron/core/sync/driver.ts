import type { AppErrorData } from '../../../shared/errors.ts';
import type { SyncDriver } from '../services/sync.ts';
import type { Workspace } from '../workspace/open.ts';
import { createSyncEngine, type JoinResult, type SyncEngine } from './engine.ts';
import { teamOf } from './identity.ts';
import { syncPartsFor } from './parts.ts';
import { dayOf, fileNameOf } from '../../../shared/format/file-name.ts';
import { queryValue } from '../db/query.ts';

export interface WorkspaceSync {
  engine: SyncEngine;
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

/**
 * An engine error as Sinkronkan shows it: the code, and its params as JSON when it has any
 * (`sync.unreachable {"reason":"ECONNREFUSED"}`), the form the screens read record problems in.
 */
export function problemOf(error: Pick<AppErrorData, 'code' | 'params'>): string {
  return Object.keys(error.params).length > 0 ? `${error.code} ${JSON.stringify(error.params)}` : error.code;
}

/** How often the outbox is looked at, so a change made here leaves within about a second. */
const OUTBOX_WATCH_MS = 1000;

/**
 * The sync engine of one open workspace, attached to its Sinkronkan service: the screens'
 * join, "Sinkronkan sekarang", files, and the live status go through here; in the app and in
 * web mode it also keeps syncing in the background once the workspace has joined a team.
 */
export function startWorkspaceSync(workspace: Workspace, options: WorkspaceSyncOptions): WorkspaceSync {
  const now = options.now ?? (() => new Date().toISOString());
  const engine = createSyncEngine({ db: workspace.db, parts: syncPartsFor(workspace, now), appVersion: options.appVersion, now });
  let watch: ReturnType<typeof setInterval> | null = null;
  const pendingLocal = () => queryValue<number>(workspace.db, 'SELECT count(*) FROM sync_outbox').get() ?? 0;

  function runInBackground(): void {
    if (!options.background || watch) return;
    engine.startBackground({ intervalMs: options.intervalMs ?? 15_000 });
    watch = setInterval(() => {
      if (pendingLocal() > 0) engine.nudge();
    }, OUTBOX_WATCH_MS);
    watch.unref?.();
  }

  const driver: SyncDriver = {
    live() {
      const status = engine.status();
      return {
        connected: status.connected,
        syncing: status.running,
        lastError: status.lastError ? problemOf(status.lastError) : null,
        online: status.online.map((person) => ({
          person: person.person,
          name: person.name,
          role: person.role === 'planner' || person.role === 'ministry' ? person.role : 'assessor',
        })),
        progress: null,
        applied: status.applied,
      };
    },
    async join(hubUrl, token) {
      const profile = workspace.profile.get();
      const joined = await engine.join(hubUrl, token, {
        name: profile?.name ?? currentName(workspace),
        institution: profile?.institution ?? '',
      });
      adoptTeamRole(workspace, joined);
      runInBackground();
    },
    async syncNow() {
      const pass = await engine.syncOnce();
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
    exportFile({ subs, regencyCode }) {
      const content = engine.exportFile({ ...(subs ? { subs } : {}), ...(regencyCode ? { regency: regencyCode } : {}) });
      return { fileName: fileNameOf(['sinkron', regencyCode ?? 'semua', dayOf(now())], 'timbang-sync'), content };
    },
    importFile(fileName, content) {
      const result = engine.importFile(content, fileName);
      return { docs: result.docs, applied: result.applied, refused: result.refused.map(({ doc, problem }) => ({ doc, problem })) };
    },
  };
  workspace.sync.attach(driver);
  if (teamOf(workspace.db)) runInBackground();

  return {
    engine,
    async stop() {
      if (watch) clearInterval(watch);
      watch = null;
      workspace.sync.attach(null);
      await engine.stop();
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

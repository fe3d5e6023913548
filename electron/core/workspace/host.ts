import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { channels } from '../../../shared/ipc/contract.ts';
import { buildDemo, DEMO_FOLDER, type DemoProgress } from '../demo/build.ts';
import { createHandlers, type HandlerEnvironment, type Handlers, type WorkspaceMoves } from '../handlers/index.ts';
import { listBackups, restoreBackup } from '../services/backups.ts';
import {
  exportWorkspace,
  importScratch,
  installWorkspace,
  removeStaleScratch,
  verifyWorkspaceFile,
  WORKSPACE_FILE_EXTENSION,
} from '../services/workspace-file.ts';
import { openWorkspace, type Workspace, type WorkspaceOptions } from './open.ts';
import { startWorkspaceSync } from '../sync/driver.ts';
import type { SyncEngine } from '../sync/engine.ts';

export interface HostOptions extends HandlerEnvironment, Omit<WorkspaceOptions, 'resourcesDir'> {
  resourcesDir: string;
  /** Sync with the team's hub in the background once joined (the app and web mode; not one-shot commands). */
  backgroundSync?: boolean;
}

/**
 * The workspace the app has open, and the moves that replace it while the app runs:
 * into the demo and back, restoring a backup, importing a workspace file. Each closes
 * the open workspace, does its work on the closed files, and opens the result; the
 * handlers object stays the same, so the IPC gate and the web server need no rewiring,
 * and while a move runs every channel answers "busy" instead of reaching a closed database.
 */
export interface WorkspaceHost extends WorkspaceMoves {
  readonly ownDataDir: string;
  current(): Workspace;
  /** The open workspace's sync engine (Sinkronkan, `timbang sync`). */
  syncEngine(): Promise<SyncEngine>;
  /** Stops syncing, then closes the workspace. */
  close(): Promise<void>;
}

export async function openWorkspaceHost(ownDataDir: string, options: HostOptions): Promise<WorkspaceHost> {
  const now = options.now ?? (() => new Date().toISOString());
  const { mode: _mode, appVersion: _version, backgroundSync = false, ...workspaceOptions } = options;
  const demoDir = join(ownDataDir, DEMO_FOLDER);
  let workspace = await openWorkspace(ownDataDir, workspaceOptions);
  // Each workspace opened gets its own sync engine; a move stops it first.
  let sync = startWorkspaceSync(workspace, { appVersion: options.appVersion, background: backgroundSync, now });
  removeStaleScratch(ownDataDir);
  let moving = false;
  let progress: DemoProgress | null = null;
  const handlers = {} as Handlers;

  const busy = Object.fromEntries(
    channels.map((channel) => [
      channel,
      () => {
        throw new AppError('workspace.busy');
      },
    ]),
  ) as unknown as Handlers;

  async function move<T>(target: string, work: () => T | Promise<T>): Promise<T> {
    if (moving) throw new AppError('workspace.busy');
    if (workspace.imports.list().some((job) => job.status === 'queued' || job.status === 'running')) throw new AppError('workspace.busy');
    moving = true;
    const from = workspace.dataDir;
    Object.assign(handlers, busy);
    await sync.stop();
    workspace.close();
    try {
      let result: T;
      try {
        result = await work();
      } catch (error) {
        workspace = await openWorkspace(from, workspaceOptions);
        throw error;
      }
      try {
        workspace = await openWorkspace(target, workspaceOptions);
      } catch (error) {
        workspace = await openWorkspace(from, workspaceOptions);
        throw error;
      }
      return result;
    } finally {
      sync = startWorkspaceSync(workspace, { appVersion: options.appVersion, background: backgroundSync, now });
      Object.assign(handlers, createHandlers(workspace, options, host));
      moving = false;
    }
  }

  const host: WorkspaceHost = {
    handlers,
    ownDataDir,
    current: () => workspace,
    syncEngine: () => sync.engine(),
    isDemo: () => workspace.dataDir === demoDir,
    async openDemo() {
      if (host.isDemo()) return;
      if (moving) throw new AppError('workspace.busy');
      if (!existsSync(join(demoDir, 'timbang.db'))) {
        moving = true;
        try {
          progress = { done: 0, total: 1, current: '' };
          await buildDemo(demoDir, { resourcesDir: options.resourcesDir, onProgress: (step) => (progress = step) });
        } finally {
          progress = null;
          moving = false;
        }
      }
      await move(demoDir, () => undefined);
    },
    async leaveDemo() {
      if (!host.isDemo()) return;
      await move(ownDataDir, () => undefined);
    },
    demoProgress: () => progress,
    async restore(file) {
      const dataDir = workspace.dataDir;
      if (!listBackups(dataDir).some((entry) => entry.file === file)) throw new AppError('backup.not_found', { file });
      const outcome = await move(dataDir, () => restoreBackup(dataDir, file, now));
      return { restored: outcome.restored, previous: outcome.previous, missingFiles: outcome.missingFiles.length };
    },
    async exportWorkspace(outFile) {
      const day = now().slice(0, 10);
      const name = `Timbang-${host.isDemo() ? 'demo-' : ''}${day}${WORKSPACE_FILE_EXTENSION}`;
      return exportWorkspace(workspace, outFile ?? join(workspace.dataDir, 'exports', name), { now, appVersion: options.appVersion });
    },
    async importWorkspace(file) {
      if (moving) throw new AppError('workspace.busy');
      // Checked whole before the open workspace is touched: a bad file changes nothing.
      const verified = await verifyWorkspaceFile(file, importScratch(ownDataDir, now()));
      try {
        const installed = await move(ownDataDir, () => installWorkspace(ownDataDir, verified, now));
        return { counts: verified.manifest.counts, previous: installed.previous };
      } finally {
        rmSync(verified.dir, { recursive: true, force: true });
      }
    },
    async close() {
      await sync.stop();
      workspace.close();
    },
  };
  Object.assign(handlers, createHandlers(workspace, options, host));
  return host;
}

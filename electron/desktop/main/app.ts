import type * as ElectronModule from 'electron';
import type { BrowserWindow } from 'electron';
import { AppError } from '../../../shared/errors.ts';
import { createTranslator, describeError } from '../../../shared/i18n/index.ts';
import { openWorkspaceHost, type WorkspaceHost } from '../../core/workspace/host.ts';
import { registerIpc } from './ipc.ts';
import { askBeforeDiscarding } from './unload.ts';
import { createAppProtocolHandler } from './protocol.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { APP_SCHEME, createMainWindow } from './window.ts';
import { warmIntakeSoon } from '../../core/intake/warm.ts';
import { dailyBackupSoon } from '../../core/services/daily-backup.ts';

export type Electron = Pick<typeof ElectronModule, 'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'protocol' | 'session'>;

export interface DesktopOptions {
  preloadPath: string;
  rendererDir: string;
  /** The shipped resources (rubric templates, coverage lexicon). */
  resourcesDir: string;
  argv: readonly string[];
}

/** `--data DIR` or `--data=DIR` on the command line, for a workspace outside userData. */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--data') return argv[i + 1];
    if (arg.startsWith('--data=')) return arg.slice('--data='.length);
  }
  return undefined;
}

/**
 * The desktop shell: privileged app:// scheme, sandbox for every renderer, one
 * instance, hardened session and web contents, then the workspace, the IPC gate
 * and the main window. Takes the electron module as a parameter so that tests can
 * drive it without the Electron binary.
 */
export async function startDesktopApp(electron: Electron, options: DesktopOptions): Promise<void> {
  const { app, protocol } = electron;
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const opened: { host?: WorkspaceHost; window?: BrowserWindow } = {};
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (opened.window?.isMinimized()) opened.window.restore();
    opened.window?.focus();
  });
  app.on('window-all-closed', () => {
    // Sync stops and the workspace closes before the app goes.
    void (opened.host?.close() ?? Promise.resolve()).finally(() => app.quit());
  });

  await app.whenReady();
  let host: WorkspaceHost;
  try {
    host = await openWorkspaceHost(dataDirFromArgs(options.argv) ?? app.getPath('userData'), {
      resourcesDir: options.resourcesDir,
      mode: 'desktop',
      appVersion: app.getVersion(),
      backgroundSync: true,
    });
    opened.host = host;
  } catch (error) {
    const t = createTranslator('id');
    const message = error instanceof AppError ? describeError(t, error.toData()) : `${(error as Error).message ?? String(error)}`;
    electron.dialog.showErrorBox('Timbang', message);
    app.quit();
    return;
  }
  hardenSession(electron.session.defaultSession);
  // The open workspace can change while the app runs (the demo, a restore): each use asks the host.
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(options.rendererDir, undefined, (id) => host.current().documents.filePath(id)),
  );
  registerIpc(electron.ipcMain, host.handlers, { register: (path, fileName) => host.current().uploads.register(path, fileName) });
  opened.window = createMainWindow(electron.BrowserWindow, options.preloadPath);
  warmIntakeSoon({ imports: { warm: () => host.current().imports.warm() } });
  dailyBackupSoon({ backups: { daily: () => host.current().backups.daily() } }, (message) => console.error(message));
  askBeforeDiscarding(opened.window, electron.dialog, () => createTranslator(host.current().settings.get().language));
}

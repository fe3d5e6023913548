import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { startDesktopApp, type Electron } from '../../../electron/desktop/main/app.ts';
import { ROOT } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

/** Enough of the electron module to run the desktop bootstrap without the binary. */
function fakeElectron(userData: string) {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: Record<string, unknown>; url?: string }[] = [];
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  const unloadListeners: ((event: { preventDefault(): void }) => void)[] = [];
  class BrowserWindow {
    record: { options: Record<string, unknown>; url?: string };
    webContents = {
      on: (event: string, listener: (event: { preventDefault(): void }) => void) =>
        event === 'will-prevent-unload' && unloadListeners.push(listener),
    };
    constructor(options: Record<string, unknown>) {
      this.record = { options };
      windows.push(this.record);
    }
    once() {}
    show() {}
    async loadURL(url: string) {
      this.record.url = url;
    }
  }
  const electron = {
    app: {
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener)),
      whenReady: vi.fn(async () => {}),
      getPath: vi.fn(() => userData),
      getVersion: () => '0.1.0',
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: session },
    ipcMain: { handle: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn(() => 1) },
    BrowserWindow,
  };
  return { electron, listeners, windows, session, unloadListeners };
}

const options = {
  preloadPath: '/app/preload.cjs',
  rendererDir: '/app/renderer',
  resourcesDir: join(ROOT, 'resources'),
  argv: ['electron', '.'],
};

describe('startDesktopApp', () => {
  it('sets up the secure shell: privileged app://, sandbox, hardened session, the IPC gate and upload channel, one window', async () => {
    const fake = fakeElectron(tempDir());
    await startDesktopApp(fake.electron as unknown as Electron, options);

    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.electron.app.enableSandbox).toHaveBeenCalled();
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.session.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(fake.electron.ipcMain.handle.mock.calls.map((call) => call[0])).toEqual(['timbang:invoke', 'timbang:register-upload']);
    expect(fake.listeners.has('web-contents-created')).toBe(true);
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]?.url).toBe('app://timbang/index.html');
    expect(fake.windows[0]?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('answers the renderer through the IPC gate, and refuses other senders', async () => {
    const fake = fakeElectron(tempDir());
    await startDesktopApp(fake.electron as unknown as Electron, options);
    const listener = fake.electron.ipcMain.handle.mock.calls[0]?.[1] as (
      event: { senderFrame: { url: string } },
      channel: unknown,
      payload: unknown,
    ) => Promise<{ ok: boolean; error?: { code: string } }>;
    const ours = { senderFrame: { url: 'app://timbang/index.html' } };
    expect(await listener(ours, 'settings.get', {})).toEqual({
      ok: true,
      value: {
        passMark: 70,
        language: 'id',
        maxUploadMb: 200,
        hideOthersUntilSubmitted: true,
        disagreementTolerance: 25,
        panelAggregate: 'median',
        ocr: true,
        ministry: 'Kementerian Komunikasi dan Digital (Komdigi)',
      },
    });
    expect((await listener({ senderFrame: { url: 'https://evil.example/' } }, 'settings.get', {})).error?.code).toBe('forbidden');
    const rubrics = (await listener(ours, 'rubrics.list', {})) as unknown as { value: { id: string }[] };
    expect(rubrics.value.map((rubric) => rubric.id)).toContain('masterplan-review');
  });

  it('registers uploads only for real files, and only from our page', async () => {
    const fake = fakeElectron(tempDir());
    await startDesktopApp(fake.electron as unknown as Electron, options);
    const register = fake.electron.ipcMain.handle.mock.calls[1]?.[1] as (
      event: unknown,
      path: unknown,
      name: unknown,
    ) => { ok: boolean; value?: { uploadId: string }; error?: { code: string } };
    const ours = { senderFrame: { url: 'app://timbang/index.html' } };
    const file = join(tempDir(), 'masterplan.pdf');
    writeFileSync(file, '%PDF-1.4');
    expect(register(ours, file, 'masterplan.pdf').value?.uploadId).toMatch(/^[0-9a-f]{24}$/);
    expect(register({ senderFrame: { url: 'https://evil.example/' } }, file, 'x').error?.code).toBe('forbidden');
    expect(register(ours, 'relative/path.pdf', 'x').error?.code).toBe('bad_request');
    expect(register(ours, { path: file }, 'x').error?.code).toBe('bad_request');
    expect(register(ours, join(tempDir(), 'missing.pdf'), 'missing.pdf').error?.code).toBe('document.unreadable_file');
    expect(register(ours, tempDir(), 'folder').error?.code).toBe('document.unreadable_file');
  });

  it('asks before a window with unsaved work closes, in the workspace language', async () => {
    const fake = fakeElectron(tempDir());
    await startDesktopApp(fake.electron as unknown as Electron, options);
    expect(fake.unloadListeners).toHaveLength(1);
    const stay = { preventDefault: vi.fn() };
    fake.unloadListeners[0]!(stay);
    expect(fake.electron.dialog.showMessageBoxSync).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ buttons: ['Tinggalkan', 'Tetap di sini'], message: expect.stringContaining('belum disimpan') }),
    );
    expect(stay.preventDefault).not.toHaveBeenCalled();
    fake.electron.dialog.showMessageBoxSync.mockReturnValue(0);
    const leave = { preventDefault: vi.fn() };
    fake.unloadListeners[0]!(leave);
    expect(leave.preventDefault).toHaveBeenCalled();
  });

  it('quits after one instance is already running', async () => {
    const fake = fakeElectron(tempDir());
    fake.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await startDesktopApp(fake.electron as unknown as Electron, options);
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('refuses a workspace from a newer Timbang with a clear message and opens no window', async () => {
    const userData = tempDir();
    const db = new Database(join(userData, 'timbang.db'));
    db.pragma('user_version = 999');
    db.close();
    const fake = fakeElectron(userData);
    await startDesktopApp(fake.electron as unknown as Electron, options);
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith('Timbang', expect.stringContaining('versi yang lebih baru'));
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('uses --data DIR instead of userData when given', async () => {
    const userData = tempDir();
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'marker'), '');
    const fake = fakeElectron(userData);
    await startDesktopApp(fake.electron as unknown as Electron, { ...options, argv: ['electron', '.', '--data', elsewhere] });
    const listener = fake.electron.ipcMain.handle.mock.calls[0]?.[1] as (
      event: unknown,
      channel: string,
      payload: unknown,
    ) => Promise<{ ok: boolean; value: { dataDir: string } }>;
    const info = await listener({ senderFrame: { url: 'app://timbang/' } }, 'workspace.info', {});
    expect(info.value.dataDir).toBe(elsewhere);
  });
});

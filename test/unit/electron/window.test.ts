import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, createMainWindow, mainWindowOptions, type BrowserWindowClass } from '../../../electron/desktop/main/window.ts';

describe('main window options', () => {
  const prefs = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences ?? {};

  it('isolates the renderer: context isolation, sandbox, no Node anywhere', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and the risky features off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('loads our preload and nothing else', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(Object.keys(prefs)).not.toContain('additionalArguments');
  });
});

describe('createMainWindow', () => {
  it('opens the app:// entry page and shows the window once it is ready', () => {
    const created: { options: BrowserWindowConstructorOptions; loaded: string[]; shown: boolean }[] = [];
    class FakeWindow {
      record = { options: {} as BrowserWindowConstructorOptions, loaded: [] as string[], shown: false };
      constructor(options: BrowserWindowConstructorOptions) {
        this.record.options = options;
        created.push(this.record);
      }
      once(event: string, listener: () => void) {
        if (event === 'ready-to-show') listener();
      }
      show() {
        this.record.shown = true;
      }
      loadURL = vi.fn(async (url: string) => {
        this.record.loaded.push(url);
      });
    }
    createMainWindow(FakeWindow as unknown as BrowserWindowClass, '/p.cjs');
    expect(created).toHaveLength(1);
    expect(created[0]?.loaded).toEqual([APP_ENTRY_URL]);
    expect(APP_ENTRY_URL).toBe('app://timbang/index.html');
    expect(created[0]?.shown).toBe(true);
    expect(created[0]?.options.show).toBe(false);
  });
});

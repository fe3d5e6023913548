import { beforeEach, describe, expect, it, vi } from 'vitest';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn(async () => ({ ok: true, value: 42 }));

const getPathForFile = vi.fn(() => '/home/sari/Dokumen/masterplan.pdf');

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn() },
  webUtils: { getPathForFile },
}));

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    exposeInMainWorld.mockClear();
    invoke.mockClear();
    await import('../../../electron/desktop/preload/index.ts');
  });

  it('exposes window.timbang and nothing else', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('timbang');
    expect(Object.keys(api).sort()).toEqual(['fileSource', 'invoke', 'mode', 'upload']);
    expect(api.mode).toBe('desktop');
  });

  it('forwards calls over the one invoke channel without touching the payload', async () => {
    const [, api] = exposeInMainWorld.mock.calls[0] as [string, { invoke(c: string, p: unknown): Promise<unknown> }];
    const payload = { code: '72.01', cohortYear: 2022, stage: 3 };
    await expect(api.invoke('regencies.add', payload)).resolves.toEqual({ ok: true, value: 42 });
    expect(invoke).toHaveBeenCalledWith('timbang:invoke', 'regencies.add', payload);
  });

  it('uploads by the path of the File the user gave, and points the viewer at app://', async () => {
    const [, api] = exposeInMainWorld.mock.calls[0] as [string, { upload(f: unknown): Promise<unknown>; fileSource(id: number): unknown }];
    const file = { name: 'masterplan.pdf', size: 10 };
    await api.upload(file);
    expect(getPathForFile).toHaveBeenCalledWith(file);
    expect(invoke).toHaveBeenCalledWith('timbang:register-upload', '/home/sari/Dokumen/masterplan.pdf', 'masterplan.pdf');
    expect(api.fileSource(12)).toEqual({ url: 'app://timbang/files/12' });
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electronBinary, hasDisplay, whyElectronCannotStart } from '../../scripts/start.ts';
import { tempDir } from '../helpers/temp.ts';

describe('npm start: desktop window or web mode', () => {
  it('finds the Electron binary only once it has been downloaded', () => {
    const dir = tempDir();
    expect(electronBinary(dir)).toBeUndefined();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir)).toBeUndefined();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(electronBinary(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it('needs a display on Linux only', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
  });

  it('falls back to web mode without a display, without trying to download', () => {
    const download = vi.fn(() => true);
    expect(whyElectronCannotStart('linux', {}, () => undefined, download)).toBe('no-display');
    expect(download).not.toHaveBeenCalled();
  });

  it('downloads a missing binary once, and falls back when that fails', () => {
    const failing = vi.fn(() => false);
    expect(whyElectronCannotStart('linux', { DISPLAY: ':0' }, () => undefined, failing)).toBe('no-binary');
    expect(failing).toHaveBeenCalledTimes(1);
    let present = false;
    const working = vi.fn(() => (present = true));
    expect(whyElectronCannotStart('win32', {}, () => (present ? 'electron.exe' : undefined), working)).toBeUndefined();
  });

  it('starts Electron when the binary is there', () => {
    const download = vi.fn(() => true);
    expect(whyElectronCannotStart('darwin', {}, () => '/x/Electron', download)).toBeUndefined();
    expect(download).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { dataDirFromArgs } from '../../../electron/desktop/main/app.ts';
import { defaultDataDir } from '../../../electron/core/platform/paths.ts';

describe('defaultDataDir: the same folder as Electron userData', () => {
  it('uses ~/.config/Timbang on Linux, or XDG_CONFIG_HOME', () => {
    expect(defaultDataDir({}, 'linux', '/home/sari')).toBe('/home/sari/.config/Timbang');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/sari')).toBe('/cfg/Timbang');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/sari')).toBe('/Users/sari/Library/Application Support/Timbang');
    expect(defaultDataDir({ APPDATA: '/appdata' }, 'win32', '/home')).toMatch(/appdata.Timbang$/);
  });

  it('honours TIMBANG_DATA', () => {
    expect(defaultDataDir({ TIMBANG_DATA: '/data/ws' }, 'linux', '/home/sari')).toBe('/data/ws');
  });
});

describe('dataDirFromArgs', () => {
  it('reads --data DIR and --data=DIR', () => {
    expect(dataDirFromArgs(['electron', '.', '--data', '/tmp/ws'])).toBe('/tmp/ws');
    expect(dataDirFromArgs(['electron', '.', '--data=/tmp/ws2'])).toBe('/tmp/ws2');
    expect(dataDirFromArgs(['electron', '.'])).toBeUndefined();
  });
});

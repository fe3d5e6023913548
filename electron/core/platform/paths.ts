import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Timbang';
export const DATABASE_FILE = 'timbang.db';

/**
 * Where a workspace lives when no --data is given: the same folder Electron uses as
 * userData (appData/Timbang), so the CLI and the desktop app share one workspace.
 * TIMBANG_DATA overrides it.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.TIMBANG_DATA) return env.TIMBANG_DATA;
  return join(appDataDir(env, platform, home), APP_FOLDER_NAME);
}

function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(home, '.config');
}

import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/core/workspace/open.ts';
import { openWorkspaceHost, type WorkspaceHost } from '../../electron/core/workspace/host.ts';
import { ROOT } from './cli.ts';
import { tempDir } from './temp.ts';

/** A clock that ticks one second per reading, from a fixed start: deterministic timestamps. */
export function steppingClock(start = '2026-08-15T02:00:00.000Z'): () => string {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t).toISOString();
    t += 1000;
    return now;
  };
}

export const RESOURCES_DIR = join(ROOT, 'resources');

/** A workspace on a fresh temp folder with a fixed clock, the shipped templates loaded. */
export async function openTestWorkspace(dataDir = tempDir()): Promise<Workspace> {
  return openWorkspace(dataDir, { now: steppingClock(), fallbackActorName: 'test-user', resourcesDir: RESOURCES_DIR });
}

/** The same, held by a host as the app holds it: its handlers answer every channel, the demo and restore included. */
export async function openTestHost(dataDir = tempDir(), now = steppingClock()): Promise<WorkspaceHost> {
  return openWorkspaceHost(dataDir, { mode: 'web', appVersion: 'test', now, fallbackActorName: 'test-user', resourcesDir: RESOURCES_DIR });
}

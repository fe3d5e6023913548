import { spawn } from 'node:child_process';

/** The command that opens a URL in the user's browser here, or undefined where there is no screen to show it on. */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[] } | undefined {
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return { command: 'xdg-open', args: [url] };
}

/** Best effort: true when a browser was asked to open the URL. */
export function openBrowser(url: string): Promise<boolean> {
  const found = browserCommand(url);
  if (!found) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(found.command, found.args, { detached: true, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

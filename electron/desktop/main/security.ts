import type { Session, WebContents } from 'electron';
import { APP_ORIGIN } from './window.ts';

/** True for our own pages only: app://timbang/… */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

/** No remote content: the renderer may load our own files, devtools and in-memory data, nothing else. */
export function isAllowedRequestUrl(url: string): boolean {
  return isAppUrl(url) || /^(devtools|data|blob):/.test(url);
}

/** Deny every permission (camera, notifications, geolocation…) and every network request that is not ours. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
}

/** Navigation away from the app, new windows and webviews are refused by default. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

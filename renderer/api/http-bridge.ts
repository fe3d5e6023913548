import type { TimbangBridge } from '../../shared/ipc/bridge.ts';
import type { Result } from '../../shared/ipc/result.ts';

const TOKEN_KEY = 'timbang.token';

/**
 * Web mode's token: it arrives once in the address (?token=…), is kept for this tab
 * in sessionStorage so that a reload keeps working, and leaves the address bar at once.
 */
export function takeWebToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** window.timbang over HTTP, for web mode: the same channels, validated by the same handlers. */
export function createHttpBridge(token: string): TimbangBridge {
  const unreachable = (reason: string) => ({
    ok: false as const,
    error: { code: 'unreachable' as const, params: { reason }, message: reason },
  });
  return {
    mode: 'web',
    fileSource: (documentId) => ({ url: `/api/files/${Math.trunc(documentId)}`, httpHeaders: { Authorization: `Bearer ${token}` } }),
    // XMLHttpRequest rather than fetch: it reports upload progress, and streams the File from disk.
    upload: (file, onProgress) =>
      new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
        request.setRequestHeader('Authorization', `Bearer ${token}`);
        request.setRequestHeader('Content-Type', 'application/octet-stream');
        request.upload.onprogress = (event) => onProgress?.(event.loaded, event.total);
        request.onload = () => {
          try {
            resolve(JSON.parse(request.responseText) as Result<{ uploadId: string }>);
          } catch {
            resolve(unreachable(`HTTP ${request.status}`));
          }
        };
        request.onerror = () => resolve(unreachable('network error'));
        request.send(file as File);
      }),
    async invoke(channel, payload) {
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(payload ?? {}),
        });
      } catch (error) {
        const reason = (error as Error).message;
        return { ok: false, error: { code: 'unreachable', params: { reason }, message: reason } };
      }
      try {
        return (await response.json()) as Result<unknown>;
      } catch {
        const reason = `HTTP ${response.status}`;
        return { ok: false, error: { code: 'unreachable', params: { reason }, message: reason } };
      }
    },
  };
}

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
  return {
    mode: 'web',
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

import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents, isAllowedRequestUrl, isAppUrl } from '../../../electron/desktop/main/security.ts';

describe('isAppUrl', () => {
  it.each(['app://timbang/index.html', 'app://timbang/index.html#/settings', 'app://timbang/assets/x.js'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });
  it.each([
    'https://example.com/',
    'app://evil/index.html',
    'app://timbang.evil.com/x',
    'file:///etc/passwd',
    'http://127.0.0.1:1234/',
    'javascript:alert(1)',
    '',
    undefined,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isAllowedRequestUrl (no remote content)', () => {
  it('allows our files and in-memory data only', () => {
    expect(isAllowedRequestUrl('app://timbang/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('https://cdn.example.com/lib.js')).toBe(false);
    expect(isAllowedRequestUrl('http://localhost:3000/')).toBe(false);
    expect(isAllowedRequestUrl('file:///home/user/secret.pdf')).toBe(false);
  });
});

function fakeSession() {
  const captured: Record<string, unknown> = {};
  const session = {
    setPermissionRequestHandler: (handler: unknown) => (captured.request = handler),
    setPermissionCheckHandler: (handler: unknown) => (captured.check = handler),
    setDevicePermissionHandler: (handler: unknown) => (captured.device = handler),
    webRequest: { onBeforeRequest: (handler: unknown) => (captured.beforeRequest = handler) },
  };
  return { session: session as unknown as Session, captured };
}

describe('hardenSession', () => {
  const { session, captured } = fakeSession();
  hardenSession(session);

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      (captured.request as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect((captured.check as (...args: unknown[]) => boolean)({}, permission)).toBe(false);
    }
    expect((captured.device as () => boolean)()).toBe(false);
  });

  it('cancels requests for remote content', () => {
    const decide = (url: string) => {
      const callback = vi.fn();
      (captured.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('https://tracker.example.com/pixel.gif')).toEqual({ cancel: true });
    expect(decide('app://timbang/assets/index.js')).toEqual({ cancel: false });
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = Object.assign(emitter, {
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    });
    hardenWebContents(contents as unknown as WebContents);
    const fire = (event: string, url?: string) => {
      const preventDefault = vi.fn();
      emitter.emit(event, { preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    };
    return { fire, open: (url: string) => openHandler?.({ url }) };
  }

  it('refuses navigation and redirects away from the app, allows moves inside it', () => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', 'https://evil.example.com/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example.com/')).toBe(true);
    expect(fire('will-navigate', 'app://timbang/index.html#/settings')).toBe(false);
  });

  it('refuses new windows and webviews', () => {
    const { fire, open } = fakeContents();
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://timbang/index.html')).toEqual({ action: 'deny' });
    expect(fire('will-attach-webview')).toBe(true);
  });
});

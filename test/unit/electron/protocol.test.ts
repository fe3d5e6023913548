import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/desktop/main/protocol.ts';
import { resolveInside } from '../../../electron/core/platform/safe-path.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/platform/security-headers.ts';
import { tempDir } from '../../helpers/temp.ts';

function setup() {
  const base = tempDir();
  const rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Timbang</title>');
  writeFileSync(join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  const handle = createAppProtocolHandler(rendererDir);
  return { rendererDir, handle: (url: string) => handle(new Request(url)) };
}

describe('app:// protocol', () => {
  it('serves the renderer build with the CSP and the right content type', async () => {
    const { handle } = setup();
    const page = await handle('app://timbang/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Timbang</title>');
    const script = await handle('app://timbang/assets/index.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers app routes with index.html and missing assets with 404', async () => {
    const { handle } = setup();
    expect(await (await handle('app://timbang/settings')).text()).toContain('Timbang');
    expect((await handle('app://timbang/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'app://timbang/../secret.txt',
    'app://timbang/%2e%2e/secret.txt',
    'app://timbang/..%2fsecret.txt',
    'app://timbang/assets/..%2f..%2fsecret.txt',
    'app://timbang/assets/..%5c..%5csecret.txt',
    'app://timbang/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://timbang/assets/%00index.js',
    'app://timbang/%E0%A4%A',
  ])('never serves a file outside the build: %s', async (url) => {
    const { handle } = setup();
    const response = await handle(url);
    const body = await response.text();
    expect(body).not.toContain('SECRET');
    // Either refused outright, or (when the URL parser already folded the ../) looked up inside the build.
    expect([403, 404, 400]).toContain(response.status);
  });

  it('refuses other hosts', async () => {
    const { handle } = setup();
    expect((await handle('app://evil/index.html')).status).toBe(403);
  });
});

describe('app://timbang/files/<id>', () => {
  function withFile() {
    const base = tempDir();
    const path = join(base, 'blob');
    writeFileSync(path, Buffer.from('%PDF-1.4 0123456789'));
    const handle = createAppProtocolHandler(join(base, 'renderer'), undefined, (id) => {
      if (id !== 7) throw new Error('no such document');
      return { path, kind: 'pdf', size: 19, fileName: 'masterplan.pdf', sha256: 'ab'.repeat(32) };
    });
    return (url: string, range?: string, headers: Record<string, string> = {}) =>
      handle(new Request(url, { headers: { ...headers, ...(range ? { Range: range } : {}) } }));
  }

  it('serves a stored document by id, whole or by byte range', async () => {
    const get = withFile();
    const whole = await get('app://timbang/files/7');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(whole.headers.get('content-length')).toBe('19');
    expect(await whole.text()).toBe('%PDF-1.4 0123456789');
    const part = await get('app://timbang/files/7', 'bytes=9-12');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 9-12/19');
    expect(await part.text()).toBe('0123');
    expect((await get('app://timbang/files/7', 'bytes=50-60')).status).toBe(416);
  });

  it('lets the viewer keep a copy only by content hash: a reused document id never shows the old file', async () => {
    const get = withFile();
    const whole = await get('app://timbang/files/7');
    expect(whole.headers.get('etag')).toBe(`"${'ab'.repeat(32)}"`);
    expect(whole.headers.get('cache-control')).toBe('private, no-cache');
    expect((await get('app://timbang/files/7', undefined, { 'If-None-Match': `"${'ab'.repeat(32)}"` })).status).toBe(304);
    expect((await get('app://timbang/files/7', undefined, { 'If-None-Match': `"${'cd'.repeat(32)}"` })).status).toBe(200);
  });

  it.each(['app://timbang/files/8', 'app://timbang/files/..%2f..%2fetc%2fpasswd', 'app://timbang/files/7abc', 'app://timbang/files/'])(
    'answers 404 for %s',
    async (url) => {
      expect((await withFile()(url)).status).toBe(404);
    },
  );
});

describe('resolveInside', () => {
  const root = '/srv/app/renderer';
  it.each([
    ['/index.html', '/srv/app/renderer/index.html'],
    ['/assets/a.js', '/srv/app/renderer/assets/a.js'],
    ['/', '/srv/app/renderer'],
    ['//assets//a.js', '/srv/app/renderer/assets/a.js'],
  ])('maps %s inside the root', (path, expected) => {
    expect(resolveInside(root, path)).toBe(expected);
  });

  it.each([
    '/../secret',
    '/..%2fsecret',
    '/a/..%2f..%2f..%2fetc/passwd',
    '/..\\secret',
    '/%2e%2e/x',
    '/x%00.js',
    '/%zz',
    '/C:/Windows/win.ini',
  ])('refuses %s', (path) => {
    expect(resolveInside(root, path)).toBeUndefined();
  });
});

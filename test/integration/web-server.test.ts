import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { workspaceFileRoutes } from '../../electron/web/workspace-files.ts';
import type { Workspace } from '../../electron/core/workspace/open.ts';
import type { WorkspaceHost } from '../../electron/core/workspace/host.ts';
import { masterplanPdf } from '../helpers/masterplans.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { tempDir } from '../helpers/temp.ts';
import { openTestHost } from '../helpers/workspace.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
  json(): { ok: boolean; value?: unknown; error?: { code: string } };
}

/** node:http rather than fetch, so that Host and Origin can be whatever an attacker would send. */
function send(
  server: WebServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const body = bytes.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, bytes, json: () => JSON.parse(body) });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let server: WebServer | undefined;
let workspace: Workspace | undefined;
let workspaceHost: WorkspaceHost | undefined;

afterEach(async () => {
  await server?.close();
  workspaceHost?.close();
  workspaceHost = undefined;
  server = undefined;
  workspace = undefined;
});

async function start() {
  const base = tempDir();
  const rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Timbang</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  const opened = await openTestHost();
  workspaceHost = opened;
  workspace = opened.current();
  server = await startWebServer({
    handlers: opened.handlers,
    rendererDir,
    ...workspaceFileRoutes(() => opened.current()),
    log: () => {},
  });
  const host = `127.0.0.1:${server.port}`;
  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server as WebServer, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { Host: host, 'Content-Type': 'application/json', Authorization: `Bearer ${server?.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { server, workspace, host, api, handlers: opened.handlers };
}

const banggai = { code: '72.01', cohortYear: 2022, stage: 3 };

describe('web mode server', () => {
  it('listens on 127.0.0.1 with a fresh random token per run', async () => {
    const first = await start();
    const other = await startWebServer({ handlers: first.handlers, rendererDir: tempDir() });
    expect(first.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(other.token).not.toBe(first.server.token);
    await other.close();
  });

  it('serves the renderer with the CSP, and answers API calls that carry the token', async () => {
    const { server: s, host, api } = await start();
    const page = await send(s, { path: '/', headers: { Host: host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    const added = await api('regencies.add', banggai);
    expect(added.status).toBe(200);
    expect(added.json()).toMatchObject({ ok: true, value: { name: 'Kabupaten Banggai', provinceName: 'Sulawesi Tengah' } });
    const localhost = await api('regencies.list', {}, { Host: `localhost:${s.port}` });
    expect(localhost.status).toBe(200);
  });

  it.each([
    ['no token', {} as Record<string, string>, 401, 'unauthorized'],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }, 401, 'unauthorized'],
    ['the token without Bearer', { Authorization: 'TOKEN' }, 401, 'unauthorized'],
  ])('refuses a request with %s and changes nothing', async (_label, headers, status, code) => {
    const { workspace: ws, host, server: s } = await start();
    const before = snapshot(ws.db);
    const reply = await send(s, {
      method: 'POST',
      path: '/api/regencies.add',
      headers: { Host: host, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(banggai),
    });
    expect(reply.status).toBe(status);
    expect(reply.json().error?.code).toBe(code);
    expect(snapshot(ws.db)).toEqual(before);
  });

  it.each(['evil.example.com', 'evil.example.com:80', '127.0.0.1', '127.0.0.1:1', 'localhost.evil.com'])(
    'refuses the Host header %j (DNS rebinding) and changes nothing',
    async (badHost) => {
      const { workspace: ws, api } = await start();
      const before = snapshot(ws.db);
      const reply = await api('regencies.add', banggai, { Host: badHost });
      expect(reply.status).toBe(403);
      expect(reply.json().error?.code).toBe('bad_host');
      expect(snapshot(ws.db)).toEqual(before);
    },
  );

  it('refuses a request without any Host header', async () => {
    const { workspace: ws, server: s } = await start();
    const before = snapshot(ws.db);
    const body = JSON.stringify(banggai);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(s.port, '127.0.0.1', () => {
        socket.write(
          `POST /api/regencies.add HTTP/1.0\r\nAuthorization: Bearer ${s.token}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] (400|403)/);
    expect(snapshot(ws.db)).toEqual(before);
  });

  it('refuses a cross-site Origin even with the token', async () => {
    const { workspace: ws, api } = await start();
    const before = snapshot(ws.db);
    const reply = await api('regencies.add', banggai, { Origin: 'https://evil.example.com' });
    expect(reply.status).toBe(403);
    expect(snapshot(ws.db)).toEqual(before);
  });

  it.each([
    ['malformed JSON', '{"code": "72.01", ', 400, 'bad_request'],
    ['an out-of-range stage', { ...banggai, stage: 7 }, 400, 'invalid_input'],
    ['an unexpected field', { ...banggai, createdBy: 'someone' }, 400, 'invalid_input'],
    ['a number instead of an object', '42', 400, 'invalid_input'],
  ])('refuses %s with 4xx and changes nothing', async (_label, body, status, code) => {
    const { workspace: ws, api } = await start();
    const before = snapshot(ws.db);
    const reply = await api('regencies.add', body);
    expect(reply.status).toBe(status);
    expect(reply.json().error?.code).toBe(code);
    expect(snapshot(ws.db)).toEqual(before);
  });

  it('refuses unknown channels, other methods, other content types and oversized bodies', async () => {
    const { api, host, server: s } = await start();
    expect((await api('regencies.drop', {})).status).toBe(404);
    expect((await api('__proto__', {})).status).toBe(404);
    expect((await api('regencies.add', JSON.stringify(banggai), { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await send(s, { path: '/api/regencies.list', headers: { Host: host, Authorization: `Bearer ${s.token}` } })).status).toBe(405);
    const huge = await api('regencies.list', { query: 'x'.repeat(10 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('answers domain refusals with a 4xx and the error to show', async () => {
    const { api } = await start();
    await api('regencies.add', banggai);
    const again = await api('regencies.add', banggai);
    expect(again.status).toBe(409);
    expect(again.json().error?.code).toBe('regency.duplicate');
    expect((await api('regencies.add', { ...banggai, code: '99.99' })).status).toBe(422);
  });

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%5c..%5csecret.txt'])(
    'never serves a file outside the renderer build: %s',
    async (path) => {
      const { host, server: s } = await start();
      const reply = await send(s, { path, headers: { Host: host } });
      expect(reply.body).not.toContain('SECRET');
      expect(reply.status).not.toBe(500);
    },
  );
});

describe('web mode upload and document files', () => {
  const uploadsFolder = (ws: Workspace) => join(ws.dataDir, 'tmp', 'uploads');
  const leftovers = (ws: Workspace) =>
    existsSync(uploadsFolder(ws))
      ? readdirSync(uploadsFolder(ws), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
      : [];

  async function importedPdf() {
    const context = await start();
    const { data } = await masterplanPdf();
    const upload = await send(context.server, {
      method: 'POST',
      path: '/api/upload?name=' + encodeURIComponent('Masterplan Banggai.pdf'),
      headers: { Host: context.host, Authorization: `Bearer ${context.server.token}`, 'Content-Type': 'application/octet-stream' },
      body: data,
    });
    expect(upload.status).toBe(200);
    const { uploadId, size } = upload.json().value as { uploadId: string; size: number };
    expect(size).toBe(data.length);
    await context.api('regencies.add', banggai);
    const submission = (await context.api('submissions.create', { kind: 'bimtek', regencyCode: '72.01', stage: 2 })).json().value as {
      id: number;
    };
    const job = (await context.api('documents.import', { submissionId: submission.id, uploadId, role: 'masterplan' })).json().value as {
      id: string;
    };
    const done = await context.workspace.imports.wait(job.id);
    expect(done.status).toBe('done');
    return { ...context, data, documentId: done.result?.id as number };
  }

  it('streams an upload to a temporary file, imports it, removes the copy, and serves the stored file with byte ranges', async () => {
    const { server: s, host, workspace: ws, data, documentId } = await importedPdf();
    expect(leftovers(ws)).toEqual([]);
    const auth = { Host: host, Authorization: `Bearer ${s.token}` };
    const whole = await send(s, { path: `/api/files/${documentId}`, headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.bytes.equals(data)).toBe(true);
    const part = await send(s, { path: `/api/files/${documentId}`, headers: { ...auth, Range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-7/${data.length}`);
    expect(part.body.startsWith('%PDF-')).toBe(true);
    expect(part.bytes.equals(data.subarray(0, 8))).toBe(true);
    const tail = await send(s, { path: `/api/files/${documentId}`, headers: { ...auth, Range: 'bytes=-16' } });
    expect(tail.bytes.equals(data.subarray(data.length - 16))).toBe(true);
    const beyond = await send(s, { path: `/api/files/${documentId}`, headers: { ...auth, Range: `bytes=${data.length + 10}-` } });
    expect(beyond.status).toBe(416);
    // Ids can come back after a removal: the browser may reuse its copy only when the content is the same.
    expect(whole.headers['cache-control']).toBe('private, no-cache');
    const etag = whole.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await send(s, { path: `/api/files/${documentId}`, headers: { ...auth, 'If-None-Match': etag } })).status).toBe(304);
  });

  it('serves document files only with the token, and answers 404 for unknown or malformed ids', async () => {
    const { server: s, host, documentId } = await importedPdf();
    expect((await send(s, { path: `/api/files/${documentId}`, headers: { Host: host } })).status).toBe(401);
    const auth = { Host: host, Authorization: `Bearer ${s.token}` };
    for (const id of ['999999', '-1', '1e3', '..%2f..%2ftimbang.db', '']) {
      const reply = await send(s, { path: `/api/files/${id}`, headers: auth });
      expect(reply.status, id).toBe(404);
      expect(reply.body).not.toContain('SQLite');
    }
    expect((await send(s, { method: 'POST', path: `/api/files/${documentId}`, headers: auth })).status).toBe(405);
  });

  it('removes an upload whose import is refused (no such submission), and refuses the same upload id twice', async () => {
    const { server: s, host, workspace: ws, api } = await start();
    const sent = await send(s, {
      method: 'POST',
      path: '/api/upload?name=masterplan.pdf',
      headers: { Host: host, Authorization: `Bearer ${s.token}` },
      body: Buffer.from('%PDF-1.4'),
    });
    const { uploadId } = sent.json().value as { uploadId: string };
    expect(leftovers(ws)).toHaveLength(1);
    const refused = await api('documents.import', { submissionId: 999, uploadId, role: 'masterplan' });
    expect(refused.json().error?.code).toBe('submission.not_found');
    expect(leftovers(ws)).toEqual([]);
    const again = await api('documents.import', { submissionId: 999, uploadId, role: 'masterplan' });
    expect(again.json().error?.code).toBe('upload.not_found');
  });

  it('answers a failure to store an upload as an internal error, not as "too large", and logs it', async () => {
    const logged: string[] = [];
    const broken = await startWebServer({
      handlers: (await start()).handlers,
      rendererDir: tempDir(),
      uploads: {
        begin: () => ({ id: 'x', path: join(tempDir(), 'no-such-folder', 'x') }),
        discard: () => {},
        limitBytes: () => 1024 * 1024,
      },
      log: (message) => logged.push(message),
    });
    try {
      const reply = await send(broken, {
        method: 'POST',
        path: '/api/upload?name=a.pdf',
        headers: { Host: `127.0.0.1:${broken.port}`, Authorization: `Bearer ${broken.token}` },
        body: Buffer.from('%PDF-1.4'),
      });
      expect(reply.status).toBe(500);
      expect(reply.json().error?.code).toBe('internal');
      expect(logged).toEqual(['[timbang] upload failed:']);
    } finally {
      await broken.close();
    }
  });

  it('refuses uploads without the token, without a name, or over the size limit, and leaves no file behind', async () => {
    const { server: s, host, workspace: ws } = await start();
    ws.settings.save({ maxUploadMb: 1 });
    const path = '/api/upload?name=big.pdf';
    const noToken = await send(s, { method: 'POST', path, headers: { Host: host }, body: Buffer.alloc(10) });
    expect(noToken.status).toBe(401);
    const auth = { Host: host, Authorization: `Bearer ${s.token}` };
    expect((await send(s, { method: 'POST', path: '/api/upload', headers: auth, body: Buffer.alloc(10) })).status).toBe(400);
    const big = Buffer.alloc(2 * 1024 * 1024);
    const declared = await send(s, { method: 'POST', path, headers: { ...auth, 'Content-Length': String(big.length) }, body: big });
    expect(declared.status).toBe(413);
    expect(declared.json().error).toMatchObject({ code: 'document.too_large', params: { file: 'big.pdf', size: 2, limit: 1 } });
    expect(declared.headers.connection).toBe('close');
    // Chunked: no Content-Length to refuse up front, so the limit must hold while streaming.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: s.port, method: 'POST', path, headers: { ...auth, 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(413) : reject(error),
      );
      for (let i = 0; i < 40; i += 1) req.write(Buffer.alloc(64 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(leftovers(ws)).toEqual([]);
  });
});

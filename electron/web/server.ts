import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, type AppErrorData, type ErrorCode } from '../../shared/errors.ts';
import { megabytes, sizeRefusal } from '../../shared/intake/size-limit.ts';
import type { Result } from '../../shared/ipc/result.ts';
import type { Handlers } from '../core/handlers/index.ts';
import { dispatch, type ErrorLog } from '../core/ipc/dispatch.ts';
import { parseByteRange } from '../core/platform/byte-range.ts';
import { locateRendererFile } from '../core/platform/renderer-files.ts';
import { documentHeaders } from '../core/platform/document-headers.ts';
import { contentTypeFor, SECURITY_HEADERS } from '../core/platform/security-headers.ts';

/** Room for the largest payload: a rubric workbook sent as base64 (MAX_FILE_BASE64_LENGTH) and its envelope. */
export const MAX_REQUEST_BYTES = 9 * 1024 * 1024;
const API_PREFIX = '/api/';

/** Where web mode streams an uploaded file, and how large it may be. */
export interface UploadEndpoint {
  begin(fileName: string): { id: string; path: string };
  discard(id: string): void;
  limitBytes(): number;
}

/** The stored file of a document, for the viewer. */
export type FileLookup = (documentId: number) => {
  path: string;
  kind: 'pdf' | 'docx' | 'xlsx';
  size: number;
  fileName: string;
  sha256: string;
};

export interface WebServerOptions {
  handlers: Handlers;
  rendererDir: string;
  uploads?: UploadEndpoint;
  files?: FileLookup;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A fresh random token per run unless a test passes one. */
  token?: string;
  log?: ErrorLog;
}

export interface WebServer {
  /** The address to open, token included; the page moves the token out of the address bar at once. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** What answers web mode's requests, mountable in another `node:http` server (the hub's). */
export interface WebHandlerOptions {
  handlers: Handlers;
  rendererDir: string;
  uploads?: UploadEndpoint;
  files?: FileLookup;
  log?: ErrorLog;
  /** Whether a request's Authorization header may use the API. */
  authorize(authorization: string): boolean | Promise<boolean>;
  /** The Host header values (host:port) requests may name. */
  allowedHosts(): ReadonlySet<string>;
  /** Uploads answer `hub.read_only` (the hub's ministry view). */
  readOnly?: boolean;
}

export type WebHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Web mode: the renderer build and the same handlers as the desktop app, over HTTP
 * on 127.0.0.1 only. Every API call needs the run's token; every request needs a
 * Host header naming this server (no DNS rebinding); payloads pass the same schemas.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expectedAuth = Buffer.from(`Bearer ${token}`);
  let allowedHosts = new Set<string>();
  const handler = createWebHandler({
    handlers: options.handlers,
    rendererDir: options.rendererDir,
    ...(options.uploads ? { uploads: options.uploads } : {}),
    ...(options.files ? { files: options.files } : {}),
    ...(options.log ? { log: options.log } : {}),
    authorize: (authorization) => {
      const auth = Buffer.from(authorization);
      return auth.length === expectedAuth.length && timingSafeEqual(auth, expectedAuth);
    },
    allowedHosts: () => allowedHosts,
  });
  const server = createServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Web mode's request handling: the API, uploads, document files and the renderer build. */
export function createWebHandler(options: WebHandlerOptions): WebHandler {
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log?.('[timbang] web request failed:', error);
      if (!response.headersSent) sendError(response, new AppError('internal', { reference: 'web' }).toData());
      else response.destroy();
    });
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    const allowedHosts = options.allowedHosts();
    if (!allowedHosts.has(host)) {
      sendError(response, new AppError('bad_host', { host: host.slice(0, 100) }).toData());
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname === `${API_PREFIX}upload`) {
      await handleUpload(request, response, url.searchParams.get('name') ?? '');
    } else if (url.pathname.startsWith(`${API_PREFIX}files/`)) {
      await serveDocument(request, response, url.pathname.slice(`${API_PREFIX}files/`.length));
    } else if (url.pathname.startsWith(API_PREFIX)) {
      await handleApi(request, response, url.pathname.slice(API_PREFIX.length));
    } else {
      serveStatic(request, response, url.pathname);
    }
  }

  /** Same-origin and an accepted token, or a refusal already sent. */
  async function authorized(request: IncomingMessage, response: ServerResponse, method: 'GET' | 'POST'): Promise<boolean> {
    if (request.method !== method) {
      response.setHeader('Allow', method);
      sendError(response, new AppError('bad_request', { reason: `use ${method}` }).toData(), 405);
      return false;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !options.allowedHosts().has(origin.replace(/^https?:\/\//, ''))) {
      sendError(response, new AppError('forbidden').toData());
      return false;
    }
    if (!(await options.authorize(request.headers.authorization ?? ''))) {
      sendError(response, new AppError('unauthorized').toData());
      return false;
    }
    return true;
  }

  /** A document file streamed to disk as it arrives, never held whole in memory. */
  async function handleUpload(request: IncomingMessage, response: ServerResponse, fileName: string): Promise<void> {
    if (!(await authorized(request, response, 'POST'))) return;
    if (options.readOnly) {
      response.setHeader('Connection', 'close');
      sendError(response, new AppError('hub.read_only', { channel: 'upload' }).toData());
      return;
    }
    if (!options.uploads) {
      sendError(response, new AppError('not_found').toData());
      return;
    }
    if (!fileName.trim() || fileName.length > 255) {
      sendError(response, new AppError('bad_request', { reason: 'the file name is missing or too long' }).toData());
      return;
    }
    const limit = options.uploads.limitBytes();
    const declared = Number(request.headers['content-length'] ?? 0);
    const tooLarge = sizeRefusal(fileName, declared, limit);
    if (tooLarge) {
      // Refused before reading the body: the connection closes rather than carry on unread bytes.
      response.setHeader('Connection', 'close');
      sendError(response, tooLarge.toData(), 413);
      return;
    }
    const upload = options.uploads.begin(fileName);
    let size = 0;
    let overLimit = false;
    const sink = createWriteStream(upload.path, { flags: 'wx' });
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        overLimit = size > limit;
        callback(overLimit ? new Error('over the upload limit') : null, chunk);
      },
    });
    try {
      await pipeline(request, counter, sink);
    } catch (error) {
      options.uploads.discard(upload.id);
      response.setHeader('Connection', 'close');
      if (response.headersSent || response.destroyed) return;
      if (overLimit) sendError(response, new AppError('payload_too_large', { limit: megabytes(limit) }).toData(), 413);
      else if ((error as NodeJS.ErrnoException).code === 'ENOSPC') sendError(response, new AppError('disk_full').toData(), 507);
      else if (['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE'].includes((error as NodeJS.ErrnoException).code ?? ''))
        response.destroy(); // the sender gave up
      else {
        options.log?.('[timbang] upload failed:', error);
        sendError(response, new AppError('internal', { reference: 'upload' }).toData(), 500);
      }
      return;
    }
    sendResult(response, { ok: true, value: { uploadId: upload.id, size } });
  }

  /** A document's stored file for the viewer, with byte ranges so that pdf.js loads a big PDF lazily. */
  async function serveDocument(request: IncomingMessage, response: ServerResponse, rawId: string): Promise<void> {
    if (!(await authorized(request, response, 'GET'))) return;
    const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : Number.NaN;
    let file: ReturnType<FileLookup> | undefined;
    try {
      file = Number.isSafeInteger(id) && options.files ? options.files(id) : undefined;
    } catch {
      file = undefined;
    }
    if (!file) {
      sendError(response, new AppError('not_found').toData());
      return;
    }
    const headers = documentHeaders(file);
    if (request.headers['if-none-match'] === headers.ETag) {
      response.writeHead(304, headers).end();
      return;
    }
    const range = parseByteRange(request.headers.range, file.size);
    if (range.kind === 'unsatisfiable') {
      response.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}` }).end();
      return;
    }
    if (range.kind === 'part') {
      const { start, end } = range;
      response.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${file.size}`, 'Content-Length': end - start + 1 });
      createReadStream(file.path, { start, end }).pipe(response);
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': file.size });
    createReadStream(file.path).pipe(response);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, rawChannel: string): Promise<void> {
    if (!(await authorized(request, response, 'POST'))) return;
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendError(response, new AppError('bad_request', { reason: 'Content-Type must be application/json' }).toData(), 415);
      return;
    }
    const body = await readBody(request, MAX_REQUEST_BYTES);
    if (body === undefined) {
      response.setHeader('Connection', 'close');
      sendError(response, new AppError('payload_too_large', { limit: megabytes(MAX_REQUEST_BYTES) }).toData());
      request.resume();
      return;
    }
    let payload: unknown;
    try {
      payload = body.length === 0 ? undefined : (JSON.parse(body) as unknown);
    } catch {
      sendError(response, new AppError('bad_request', { reason: 'the body is not valid JSON' }).toData());
      return;
    }
    let channel: string;
    try {
      channel = decodeURIComponent(rawChannel);
    } catch {
      channel = rawChannel;
    }
    sendResult(response, await dispatch(options.handlers, channel, payload, options.log));
  }

  function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const located = locateRendererFile(options.rendererDir, pathname);
    if (located.kind !== 'file') {
      const status = located.kind === 'forbidden' ? 403 : 404;
      response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(status === 403 ? 'Forbidden' : 'Not found');
      return;
    }
    const isHtml = located.path.endsWith('.html');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(located.path),
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(located.path).pipe(response);
  }
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  bad_host: 403,
  'hub.read_only': 403,
  not_found: 404,
  unknown_channel: 404,
  'regency.not_found': 404,
  payload_too_large: 413,
  'regency.duplicate': 409,
  'regency.in_use': 409,
  'rubric.conflict': 409,
  'rubric.id_taken': 409,
  internal: 500,
};

export function httpStatusFor(error: AppErrorData): number {
  return STATUS_BY_CODE[error.code] ?? 422;
}

function sendResult(response: ServerResponse, result: Result<unknown>): void {
  sendJson(response, result.ok ? 200 : httpStatusFor(result.error), result);
}

function sendError(response: ServerResponse, error: AppErrorData, status = httpStatusFor(error)): void {
  sendJson(response, status, { ok: false, error });
}

function sendJson(response: ServerResponse, status: number, body: Result<unknown>): void {
  // writeHead merges headers set before (Connection: close on refusals that leave a body unread).
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseByteRange } from '../../core/platform/byte-range.ts';
import { locateRendererFile } from '../../core/platform/renderer-files.ts';
import { documentHeaders } from '../../core/platform/document-headers.ts';
import { contentTypeFor, SECURITY_HEADERS } from '../../core/platform/security-headers.ts';
import type { FileLookup } from '../../web/server.ts';
import { APP_HOST } from './window.ts';

type ReadFile = (path: string) => Promise<Uint8Array>;

/** app://timbang/files/<id>: a document's stored file for the viewer, looked up by id, never by a path; streamed, never read whole. */
function serveDocument(files: FileLookup | undefined, rawId: string, request: Request): Response {
  const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : Number.NaN;
  let file: ReturnType<FileLookup> | undefined;
  try {
    file = files && Number.isSafeInteger(id) ? files(id) : undefined;
  } catch {
    file = undefined;
  }
  if (!file) return textResponse(404, 'Not found');
  const headers = documentHeaders(file);
  if (request.headers.get('if-none-match') === headers.ETag) return new Response(null, { status: 304, headers });
  const range = parseByteRange(request.headers.get('range'), file.size);
  if (range.kind === 'unsatisfiable')
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${file.size}` } });
  const start = range.kind === 'part' ? range.start : 0;
  const end = range.kind === 'part' ? range.end : file.size - 1;
  const body = Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream<Uint8Array>;
  const length = { 'Content-Length': String(end - start + 1) };
  return range.kind === 'part'
    ? new Response(body, { status: 206, headers: { ...headers, ...length, 'Content-Range': `bytes ${start}-${end}/${file.size}` } })
    : new Response(body, { status: 200, headers: { ...headers, ...length } });
}

/**
 * The app:// protocol: serves the renderer build and nothing else. Requests for
 * another host, or for a path that leaves the build folder, are refused.
 */
export function createAppProtocolHandler(rendererDir: string, read: ReadFile = readFile, files?: FileLookup) {
  return async (request: Request): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Bad request');
    }
    if (url.host !== APP_HOST) return textResponse(403, 'Forbidden');
    if (url.pathname.startsWith('/files/')) return serveDocument(files, url.pathname.slice('/files/'.length), request);
    const located = locateRendererFile(rendererDir, url.pathname);
    if (located.kind === 'forbidden') return textResponse(403, 'Forbidden');
    if (located.kind === 'not-found') return textResponse(404, 'Not found');
    const body = await read(located.path);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(located.path) },
    });
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

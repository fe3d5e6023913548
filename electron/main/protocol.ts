import { readFile } from 'node:fs/promises';
import { locateRendererFile } from '../platform/renderer-files.ts';
import { contentTypeFor, SECURITY_HEADERS } from '../platform/security-headers.ts';
import { APP_HOST } from './window.ts';

type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * The app:// protocol: serves the renderer build and nothing else. Requests for
 * another host, or for a path that leaves the build folder, are refused.
 */
export function createAppProtocolHandler(rendererDir: string, read: ReadFile = readFile) {
  return async (request: Request): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'Bad request');
    }
    if (url.host !== APP_HOST) return textResponse(403, 'Forbidden');
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

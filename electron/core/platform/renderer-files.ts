import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { resolveInside } from './safe-path.ts';

export type RendererFile = { kind: 'file'; path: string } | { kind: 'forbidden' } | { kind: 'not-found' };

/**
 * Which file of the renderer build answers a request path. Paths without an
 * extension are app routes and get index.html; anything outside the build folder
 * is forbidden.
 */
export function locateRendererFile(rendererDir: string, urlPath: string): RendererFile {
  const target = resolveInside(rendererDir, urlPath);
  if (!target) return { kind: 'forbidden' };
  if (existsSync(target) && statSync(target).isFile()) return { kind: 'file', path: target };
  if (extname(target) === '') {
    const index = join(rendererDir, 'index.html');
    if (existsSync(index)) return { kind: 'file', path: index };
  }
  return { kind: 'not-found' };
}

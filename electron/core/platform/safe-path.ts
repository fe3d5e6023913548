import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Map a URL path onto a file inside `root`, or undefined when the path would leave
 * root (../, encoded ../, backslashes, absolute paths, NUL bytes). Used by the app://
 * protocol and by web mode's static files alike.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const segments = decoded.split(/[\\/]+/).filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '..' || /^[a-zA-Z]:$/.test(segment))) return undefined;
  const base = resolve(root);
  const target = resolve(base, ...segments);
  const rel = relative(base, target);
  if (rel === '') return target;
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return undefined;
  return target;
}

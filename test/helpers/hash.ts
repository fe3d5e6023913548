import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A file's SHA-256, as the workspace names its document files. */
export const hashOf = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

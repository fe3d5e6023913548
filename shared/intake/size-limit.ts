import { AppError } from '../errors.ts';

export const BYTES_PER_MB = 1024 * 1024;

/** Megabytes to one decimal, as file sizes are shown. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / BYTES_PER_MB) * 10) / 10;
}

/** The refusal of a file above the workspace's upload limit, or undefined when it fits. */
export function sizeRefusal(fileName: string, bytes: number, limitBytes: number): AppError | undefined {
  if (bytes <= limitBytes) return undefined;
  return new AppError('document.too_large', { file: fileName, size: megabytes(bytes), limit: megabytes(limitBytes) });
}

import type { AppErrorData } from '../errors.ts';

/** What every channel answers, in Electron IPC and in web mode alike. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: AppErrorData): Result<never> {
  return { ok: false, error };
}

import type { Result } from './result.ts';

/**
 * The renderer's only door to the rest of the app: `window.timbang`.
 * The preload implements it over Electron IPC; web mode implements it over HTTP.
 * Payloads are untrusted on the other side and validated there.
 */
export interface TimbangBridge {
  readonly mode: 'desktop' | 'web';
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /**
   * Hand a file the user picked or dropped to the app; the answer is an opaque upload id
   * for `documents.import`. (A DOM File; typed loosely because shared/ knows no DOM.)
   */
  upload(file: FileLike, onProgress?: (sent: number, total: number) => void): Promise<Result<{ uploadId: string }>>;
  /** Where the viewer loads a document's stored file from. */
  fileSource(documentId: number): { url: string; httpHeaders?: Record<string, string> };
}

export interface FileLike {
  readonly name: string;
  readonly size: number;
}

/** The IPC channel names the preload and main agree on. */
export const IPC_INVOKE = 'timbang:invoke';
export const IPC_REGISTER_UPLOAD = 'timbang:register-upload';

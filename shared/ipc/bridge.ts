import type { Result } from './result.ts';

/**
 * The renderer's only door to the rest of the app: `window.timbang`.
 * The preload implements it over Electron IPC; web mode implements it over HTTP.
 * Payloads are untrusted on the other side and validated there.
 */
export interface TimbangBridge {
  readonly mode: 'desktop' | 'web';
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
}

/** The single IPC channel name the preload and main agree on. */
export const IPC_INVOKE = 'timbang:invoke';

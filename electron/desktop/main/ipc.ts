import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { AppError } from '../../../shared/errors.ts';
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { IPC_INVOKE, IPC_REGISTER_UPLOAD } from '../../../shared/ipc/bridge.ts';
import { fail, type Result } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../../core/handlers/index.ts';
import { dispatch, type ErrorLog } from '../../core/ipc/dispatch.ts';
import { isAppUrl } from './security.ts';

/** Only our own page may call; everything it sends goes through dispatch's validation. */
export function createIpcListener(handlers: Handlers, log?: ErrorLog) {
  return async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!isAppUrl(event.senderFrame?.url)) return fail(new AppError('forbidden').toData());
    return dispatch(handlers, channel, payload, log);
  };
}

export interface UploadRegistry {
  register(path: string, fileName: string): { id: string };
}

/**
 * The preload sends the path of a File the user picked or dropped (webUtils); main
 * checks it is a readable file and hands back an opaque upload id. The page itself
 * cannot reach this channel: ipcRenderer is not exposed to it.
 */
export function createUploadListener(uploads: UploadRegistry) {
  return (event: IpcMainInvokeEvent, path: unknown, fileName: unknown): Result<{ uploadId: string }> => {
    if (!isAppUrl(event.senderFrame?.url)) return fail(new AppError('forbidden').toData());
    if (typeof path !== 'string' || !isAbsolute(path) || typeof fileName !== 'string') {
      return fail(new AppError('bad_request', { reason: 'not a file the user picked' }).toData());
    }
    try {
      if (!statSync(path).isFile()) throw new Error('not a file');
    } catch (error) {
      return fail(new AppError('document.unreadable_file', { file: fileName, reason: (error as Error).message }).toData());
    }
    return { ok: true, value: { uploadId: uploads.register(path, fileName).id } };
  };
}

export function registerIpc(ipcMain: IpcMain, handlers: Handlers, uploads: UploadRegistry, log?: ErrorLog): void {
  ipcMain.handle(IPC_INVOKE, createIpcListener(handlers, log));
  ipcMain.handle(IPC_REGISTER_UPLOAD, createUploadListener(uploads));
}

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { AppError } from '../../shared/errors.ts';
import { IPC_INVOKE } from '../../shared/ipc/bridge.ts';
import { fail, type Result } from '../../shared/ipc/result.ts';
import type { Handlers } from '../handlers/index.ts';
import { dispatch, type ErrorLog } from '../ipc/dispatch.ts';
import { isAppUrl } from './security.ts';

/** Only our own page may call; everything it sends goes through dispatch's validation. */
export function createIpcListener(handlers: Handlers, log?: ErrorLog) {
  return async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!isAppUrl(event.senderFrame?.url)) return fail(new AppError('forbidden').toData());
    return dispatch(handlers, channel, payload, log);
  };
}

export function registerIpc(ipcMain: IpcMain, handlers: Handlers, log?: ErrorLog): void {
  ipcMain.handle(IPC_INVOKE, createIpcListener(handlers, log));
}

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_INVOKE, IPC_REGISTER_UPLOAD, type FileLike, type TimbangBridge } from '../../../shared/ipc/bridge.ts';

/** window.timbang: the renderer's only door. It forwards; main validates. */
const bridge = {
  mode: 'desktop',
  invoke: (channel: string, payload: unknown) => ipcRenderer.invoke(IPC_INVOKE, channel, payload),
  // Only a real File from the user's dialog or drop has a path; the page never names one itself.
  upload: (file: FileLike) => ipcRenderer.invoke(IPC_REGISTER_UPLOAD, webUtils.getPathForFile(file as File), file.name),
  fileSource: (documentId: number) => ({ url: `app://timbang/files/${Math.trunc(documentId)}` }),
} satisfies TimbangBridge;

contextBridge.exposeInMainWorld('timbang', bridge);

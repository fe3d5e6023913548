import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE, type TimbangBridge } from '../../shared/ipc/bridge.ts';

/** window.timbang: the renderer's only door. It forwards; main validates. */
const bridge = {
  mode: 'desktop',
  invoke: (channel: string, payload: unknown) => ipcRenderer.invoke(IPC_INVOKE, channel, payload),
} satisfies TimbangBridge;

contextBridge.exposeInMainWorld('timbang', bridge);

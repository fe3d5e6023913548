import type { AppErrorData } from '../../shared/errors.ts';
import type { TimbangBridge } from '../../shared/ipc/bridge.ts';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    timbang?: TimbangBridge;
  }
}

/** An `{ ok: false }` answer, thrown so that UI code can await calls plainly. */
export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.data = data;
  }
}

let bridge: TimbangBridge | undefined;

export function setBridge(next: TimbangBridge): void {
  bridge = next;
}

function currentBridge(): TimbangBridge {
  if (!bridge) throw new Error('The Timbang bridge is not set up');
  return bridge;
}

/** Send a file the user chose to the app; resolves with the upload id for documents.import. */
export async function uploadFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<string> {
  const result = await currentBridge().upload(file, onProgress);
  if (!result.ok) throw new ApiError(result.error);
  return result.value.uploadId;
}

export function fileSource(documentId: number): { url: string; httpHeaders?: Record<string, string> } {
  return currentBridge().fileSource(documentId);
}

/** Typed call of one channel of the contract. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  if (!bridge) throw new Error('The Timbang bridge is not set up');
  const result = await bridge.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as ChannelOutput<C>;
}

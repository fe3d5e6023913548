import type ExcelJS from 'exceljs';

/**
 * exceljs's streaming worksheet writes its XML into a buffer that forwards full 64 KB chunks
 * to the zip entry's stream without looking at what `write` returns: rows added faster than
 * they are compressed pile up in that stream. Waiting for the entry stream's own 'drain'
 * after each batch of rows restores the back-pressure, so the memory a sheet can hold is
 * one batch plus the streams' high-water marks, whatever the speed of the CPU or the disk.
 *
 * It reads two internals of exceljs 4 (a sheet's `stream`, and that stream's `pipes`, which
 * archiver fills when the sheet is opened); `assertDrainable` fails loudly if they change.
 */
interface WritableState {
  length: number;
  needDrain: boolean;
  ended?: boolean;
  destroyed?: boolean;
}

interface EntryStream {
  _writableState?: WritableState;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

interface SheetStream {
  pipes: EntryStream[];
}

function streamOf(sheet: ExcelJS.Worksheet): SheetStream {
  // The getter opens the sheet's zip entry if no row has been written yet.
  const stream = (sheet as unknown as { stream?: Partial<SheetStream> }).stream;
  if (!stream || !Array.isArray(stream.pipes) || stream.pipes.length === 0 || stream.pipes.some((pipe) => !pipe._writableState))
    throw new Error('exceljs streaming internals changed: a worksheet stream without a writable zip entry to wait on');
  return stream as SheetStream;
}

/** Throws when the exceljs in use no longer has the internals sheetDrained waits on. */
export function assertDrainable(sheet: ExcelJS.Worksheet): void {
  streamOf(sheet);
}

function drainOf(pipe: EntryStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      pipe.removeListener('drain', done);
      pipe.removeListener('close', done);
      pipe.removeListener('error', failed);
      resolve();
    };
    const failed = (error: unknown) => {
      pipe.removeListener('drain', done);
      pipe.removeListener('close', done);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    pipe.once('drain', done);
    pipe.once('close', done);
    pipe.once('error', failed);
  });
}

/**
 * Rejects as soon as `stopped` does (the destination failed or closed). Resolves at once while the sheet's zip entry streams hold at most `highWater` bytes (so the
 * compressor, which runs on libuv's threads, has work while the next rows are made), else once
 * they have taken in all they were given.
 */
export async function sheetDrained(sheet: ExcelJS.Worksheet, highWater: number, stopped?: Promise<never>): Promise<void> {
  // A turn of the event loop lets the compressor's finished chunks come back and the next ones
  // go out, so compressing runs beside the making of the next rows instead of after it.
  await new Promise((resolve) => setImmediate(resolve));
  for (const pipe of streamOf(sheet).pipes) {
    const state = pipe._writableState as WritableState;
    // A destination that fails stops the zip reading this entry: its drain would never come, the failure ends the wait.
    if (state.needDrain && state.length > highWater && !state.ended && !state.destroyed)
      await (stopped ? Promise.race([drainOf(pipe), stopped]) : drainOf(pipe));
  }
}

/** How many bytes the sheet's zip entry streams hold, not yet compressed (for tests and the bench). */
export function sheetQueued(sheet: ExcelJS.Worksheet): number {
  return streamOf(sheet).pipes.reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0), 0);
}

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors.ts';
import type { Lexicon } from '../../../shared/intake/lexicon.ts';
import { openDatabase } from '../db/open.ts';
import type { Actor } from '../services/context.ts';
import { extractPdfInline, importDocument, type ImportedDocument, type ImportProgress, type ImportRequest } from './import.ts';
import { createOcrEngine, type OcrEngine } from './ocr.ts';
import { readPagesAsTaken, type ReadPage, type Recognise } from './pdf-pages.ts';
import { loadPdfium, openPdfium, type PdfiumDocument } from './pdfium.ts';

/**
 * An intake thread of the pool. It stays alive between imports (PDFium and the code are
 * loaded once). It runs whole import jobs sent by the main thread, doing all the heavy
 * work away from the main loop, its own database connection included; and it extracts
 * pages for its sibling thread, so that a long PDF is read by two threads at once.
 */
export interface ImportJobMessage {
  type: 'import';
  jobId: string;
  request: ImportRequest;
  databasePath: string;
  dataDir: string;
  lexicon: Lexicon;
  actor: Actor;
  maxBytes: number;
  /** OCR for scanned pages, with where its language data is; absent when OCR is off. */
  ocr: { tessdataDir: string } | undefined;
}

export type WorkerMessage =
  | { type: 'ready' }
  | ({ type: 'progress'; jobId: string } & ImportProgress)
  | { type: 'done'; jobId: string; result: ImportedDocument }
  | { type: 'failed'; jobId: string; error: AppErrorData };

interface PagesRequest {
  type: 'pages';
  id: number;
  data: Uint8Array;
  /** Int32 [last page taken]: both threads take their next page from it. */
  counter: SharedArrayBuffer;
  pageCount: number;
}

type PagesReply =
  { type: 'page'; id: number } | { type: 'pages'; id: number; pages: ReadPage[] } | { type: 'error'; id: number; message: string };

/** Below this many pages a second thread costs more than it saves. */
const SPLIT_FROM_PAGES = 24;

const peer = (workerData as { peer?: MessagePort } | undefined)?.peer;
let nextRequest = 1;
const pending = new Map<number, { onPage(): void; resolve(pages: ReadPage[]): void; reject(error: Error): void }>();

peer?.on('message', (message: PagesRequest | PagesReply) => {
  if (message.type === 'pages' && 'data' in message) {
    void servePages(message);
    return;
  }
  const waiting = pending.get(message.id);
  if (!waiting) return;
  if (message.type === 'page') waiting.onPage();
  else if (message.type === 'pages') {
    pending.delete(message.id);
    waiting.resolve(message.pages);
  } else if (message.type === 'error') {
    pending.delete(message.id);
    waiting.reject(new Error(message.message));
  }
});
peer?.unref();

async function servePages(request: PagesRequest): Promise<void> {
  try {
    const pdf = await openPdfium(request.data);
    try {
      const pages = readPagesAsTaken(pdf, taker(request.counter, request.pageCount), () =>
        peer?.postMessage({ type: 'page', id: request.id } satisfies PagesReply),
      );
      peer?.postMessage({ type: 'pages', id: request.id, pages } satisfies PagesReply);
    } finally {
      pdf.close();
    }
  } catch (error) {
    peer?.postMessage({ type: 'error', id: request.id, message: (error as Error).message } satisfies PagesReply);
  }
}

function taker(counter: SharedArrayBuffer, pageCount: number): () => number | undefined {
  const taken = new Int32Array(counter);
  return () => {
    const number = Atomics.add(taken, 0, 1) + 1;
    return number <= pageCount ? number : undefined;
  };
}

function pagesFromPeer(data: Uint8Array, counter: SharedArrayBuffer, pageCount: number, onPage: () => void): Promise<ReadPage[]> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    pending.set(id, { onPage, resolve, reject });
    peer?.postMessage({ type: 'pages', id, data, counter, pageCount } satisfies PagesRequest);
  });
}

/**
 * Read a long PDF on both threads: the peer opens its own copy and takes pages from the
 * shared counter while this thread does the same; each page is read and analysed where it
 * was taken, so only the results cross between threads.
 */
async function extractInParallel(pdf: PdfiumDocument, data: Uint8Array, onPage: (done: number) => void): Promise<ReadPage[]> {
  const pageCount = pdf.pageCount;
  if (!peer || pageCount < SPLIT_FROM_PAGES) return extractPdfInline(pdf, data, onPage);
  const counter = new SharedArrayBuffer(4);
  let done = 0;
  const tick = () => onPage(++done);
  const theirs = pagesFromPeer(data, counter, pageCount, tick);
  // Let the peer's request go out before this thread starts its own (synchronous) reading.
  await new Promise((resolve) => setImmediate(resolve));
  let mine: ReadPage[];
  try {
    mine = readPagesAsTaken(pdf, taker(counter, pageCount), tick);
  } catch (error) {
    // No page left for the peer either: it stops after the one it is reading, and its answer is not waited for.
    Atomics.store(new Int32Array(counter), 0, pageCount);
    theirs.catch(() => undefined);
    throw error;
  }
  return [...mine, ...(await theirs)].sort((a, b) => a.number - b.number);
}

/** Progress at most every 50 ms (and always at a phase's start and end): the screen polls slower than that anyway. */
function throttled(report: (progress: ImportProgress) => void): (progress: ImportProgress) => void {
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (progress.done !== 0 && progress.done !== progress.total && now - last < 50) return;
    last = now;
    report(progress);
  };
}

/** An idle OCR engine is ended after this long: it holds a thread and ~100 MB. */
const OCR_IDLE_MS = 60_000;
let ocrEngine: { tessdataDir: string; engine: Promise<OcrEngine>; idle?: NodeJS.Timeout } | undefined;

function ocrFor(tessdataDir: string): Recognise {
  return async (image) => {
    if (ocrEngine && ocrEngine.tessdataDir !== tessdataDir) void closeOcr();
    ocrEngine ??= { tessdataDir, engine: createOcrEngine({ tessdataDir }) };
    clearTimeout(ocrEngine.idle);
    const current = ocrEngine;
    try {
      return await (await current.engine).recognize(image);
    } catch (error) {
      // A failed engine is not kept: the next page starts a fresh one.
      if (ocrEngine === current) void closeOcr();
      throw error;
    } finally {
      if (ocrEngine === current) current.idle = setTimeout(() => void closeOcr(), OCR_IDLE_MS).unref();
    }
  };
}

async function closeOcr(): Promise<void> {
  const current = ocrEngine;
  ocrEngine = undefined;
  if (!current) return;
  clearTimeout(current.idle);
  await (await current.engine.catch(() => undefined))?.close();
}

async function runImport(job: ImportJobMessage): Promise<void> {
  const post = (message: WorkerMessage) => parentPort?.postMessage(message);
  const db = openDatabase(job.databasePath);
  try {
    const result = await importDocument(job.request, {
      db,
      dataDir: job.dataDir,
      lexicon: job.lexicon,
      actor: job.actor,
      now: () => new Date().toISOString(),
      maxBytes: job.maxBytes,
      progress: throttled((progress) => post({ type: 'progress', jobId: job.jobId, ...progress })),
      extractPdf: extractInParallel,
      ...(job.ocr ? { recognise: ocrFor(job.ocr.tessdataDir) } : {}),
      log: (message, error) => console.warn(message, error),
    });
    post({ type: 'done', jobId: job.jobId, result });
  } catch (error) {
    if (error instanceof AppError) post({ type: 'failed', jobId: job.jobId, error: error.toData() });
    else {
      const reference = Math.random().toString(16).slice(2, 10);
      console.error(`[timbang] import failed (reference ${reference}):`, error);
      post({ type: 'failed', jobId: job.jobId, error: { code: 'internal', params: { reference }, message: String(error) } });
    }
  } finally {
    db.close();
  }
}

parentPort?.on('message', (message: ImportJobMessage) => {
  if (message.type === 'import') void runImport(message);
});
// PDFium compiles while the thread waits for its first job, not during it.
void loadPdfium().catch(() => undefined);
parentPort?.postMessage({ type: 'ready' } satisfies WorkerMessage);

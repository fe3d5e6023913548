import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../shared/errors.ts';
import type { Lexicon } from '../../shared/intake/lexicon.ts';
import { openDatabase } from '../db/open.ts';
import type { Actor } from '../services/context.ts';
import { extractPdfInline, importDocument, type ImportedDocument, type ImportProgress, type ImportRequest } from './import.ts';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractPdfPagesAsTaken, openPdf, type PdfPage } from './pdf.ts';

/**
 * An intake thread of the pool. It stays alive between imports (pdf.js and the code are
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

type PagesReply = { type: 'page'; id: number } | { type: 'pages'; id: number; pages: PdfPage[] } | { type: 'error'; id: number; message: string };

/** Below this many pages a second thread costs more than it saves. */
const SPLIT_FROM_PAGES = 24;

const peer = (workerData as { peer?: MessagePort } | undefined)?.peer;
let nextRequest = 1;
const pending = new Map<number, { onPage(): void; resolve(pages: PdfPage[]): void; reject(error: Error): void }>();

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
    const pdf = await openPdf(request.data);
    try {
      const pages = await extractPdfPagesAsTaken(pdf, taker(request.counter, request.pageCount), () =>
        peer?.postMessage({ type: 'page', id: request.id } satisfies PagesReply),
      );
      peer?.postMessage({ type: 'pages', id: request.id, pages } satisfies PagesReply);
    } finally {
      await pdf.loadingTask.destroy();
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

function pagesFromPeer(data: Uint8Array, counter: SharedArrayBuffer, pageCount: number, onPage: () => void): Promise<PdfPage[]> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    pending.set(id, { onPage, resolve, reject });
    peer?.postMessage({ type: 'pages', id, data, counter, pageCount } satisfies PagesRequest);
  });
}

async function extractInParallel(pdf: PDFDocumentProxy, data: Uint8Array, onPage: (done: number) => void): Promise<PdfPage[]> {
  const pageCount = pdf.numPages;
  if (!peer || pageCount < SPLIT_FROM_PAGES) return extractPdfInline(pdf, data, onPage);
  const counter = new SharedArrayBuffer(4);
  let done = 0;
  const tick = () => onPage(++done);
  const [mine, theirs] = await Promise.all([
    extractPdfPagesAsTaken(pdf, taker(counter, pageCount), tick),
    pagesFromPeer(data, counter, pageCount, tick),
  ]);
  return [...mine, ...theirs].sort((a, b) => a.number - b.number);
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
parentPort?.postMessage({ type: 'ready' } satisfies WorkerMessage);

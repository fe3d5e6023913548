import { parentPort, Worker, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors.ts';
import type { Lexicon } from '../../shared/intake/lexicon.ts';
import { openDatabase } from '../db/open.ts';
import type { Actor } from '../services/context.ts';
import { extractPdfInline, importDocument, type ImportRequest } from './import.ts';
import { extractPdfPages, openPdf, type PdfPage } from './pdf.ts';

/**
 * The intake worker thread. As an import job it does all the heavy work away from the
 * main loop (reading, extraction, analysis, its own database connection for the write)
 * and reports progress; for a long PDF it starts a second thread for half of the pages.
 */
export interface ImportJobData {
  role: 'import';
  request: ImportRequest;
  databasePath: string;
  dataDir: string;
  lexicon: Lexicon;
  actor: Actor;
  maxBytes: number;
  threads: number;
}

interface PagesJobData {
  role: 'pages';
  data: Uint8Array;
  from: number;
  to: number;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof importDocument>> }
  | { type: 'failed'; error: ReturnType<AppError['toData']> | { code: 'internal'; params: { reference: string }; message: string } };

/** Below this many pages a second thread costs more than it saves. */
const SPLIT_FROM_PAGES = 24;

function extractRange(data: Uint8Array, from: number, to: number, onPage: () => void): Promise<PdfPage[]> {
  const helper = new Worker(new URL(import.meta.url), { workerData: { role: 'pages', data, from, to } satisfies PagesJobData });
  return new Promise((resolve, reject) => {
    helper.on('message', (message: { type: 'page' } | { type: 'pages'; pages: PdfPage[] } | { type: 'error'; error: unknown }) => {
      if (message.type === 'page') onPage();
      else if (message.type === 'pages') resolve(message.pages);
      else reject(message.error instanceof Error ? message.error : new Error(String((message.error as { message?: string })?.message ?? message.error)));
    });
    helper.once('error', reject);
    helper.once('exit', (code) => code !== 0 && reject(new Error(`page worker exited with ${code}`)));
  });
}

async function extractInParallel(threads: number, data: Uint8Array, pageCount: number, onPage: (done: number) => void): Promise<PdfPage[]> {
  if (threads < 2 || pageCount < SPLIT_FROM_PAGES) return extractPdfInline(data, pageCount, onPage);
  const middle = Math.ceil(pageCount / 2);
  let done = 0;
  const tick = () => onPage(++done);
  const pdf = await openPdf(data);
  try {
    const [first, second] = await Promise.all([extractPdfPages(pdf, 1, middle, tick), extractRange(data, middle + 1, pageCount, tick)]);
    return [...first, ...second];
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function runPages(job: PagesJobData): Promise<void> {
  const pdf = await openPdf(job.data);
  try {
    const pages = await extractPdfPages(pdf, job.from, job.to, () => parentPort?.postMessage({ type: 'page' }));
    parentPort?.postMessage({ type: 'pages', pages });
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function runImport(job: ImportJobData): Promise<void> {
  const db = openDatabase(job.databasePath);
  const post = (message: WorkerMessage) => parentPort?.postMessage(message);
  try {
    const result = await importDocument(job.request, {
      db,
      dataDir: job.dataDir,
      lexicon: job.lexicon,
      actor: job.actor,
      now: () => new Date().toISOString(),
      maxBytes: job.maxBytes,
      progress: (progress) => post({ type: 'progress', ...progress }),
      extractPdf: (data, pageCount, onPage) => extractInParallel(job.threads, data, pageCount, onPage),
    });
    post({ type: 'done', result });
  } catch (error) {
    if (error instanceof AppError) post({ type: 'failed', error: error.toData() });
    else {
      const reference = Math.random().toString(16).slice(2, 10);
      console.error(`[timbang] import failed (reference ${reference}):`, error);
      post({ type: 'failed', error: { code: 'internal', params: { reference }, message: String(error) } });
    }
  } finally {
    db.close();
  }
}

const job = workerData as ImportJobData | PagesJobData | undefined;
if (job?.role === 'pages') {
  runPages(job).catch((error: unknown) => parentPort?.postMessage({ type: 'error', error: { message: (error as Error).message } }));
} else if (job?.role === 'import') {
  void runImport(job);
}

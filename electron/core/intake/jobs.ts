import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors.ts';
import type { Lexicon } from '../../../shared/intake/lexicon.ts';
import type { DocumentRole } from '../../../shared/intake/model.ts';
import type { Actor } from '../services/context.ts';
import type { ImportedDocument, ImportProgress } from './import.ts';
import type { Upload } from './uploads.ts';
import type { ImportJobMessage, WorkerMessage } from './worker.ts';

export interface ImportJob {
  id: string;
  submissionId: number;
  fileName: string;
  role: DocumentRole;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: ImportProgress;
  result?: ImportedDocument;
  error?: AppErrorData;
  startedAt: string;
  finishedAt?: string;
}

export interface ImportRunnerOptions {
  databasePath: string;
  dataDir: string;
  lexicon(): Lexicon;
  actor(): Actor;
  maxBytes(): number;
  /** Where the OCR language data is, when OCR is on; undefined turns it off. */
  ocr?(): { tessdataDir: string } | undefined;
  /** The worker script; by default worker.ts beside this module, or intake-worker.js beside the desktop bundle. */
  workerUrl?: URL;
  onFinished?(job: ImportJob, upload: Upload): void;
  log?(message: string, error?: unknown): void;
  /** Heap limit of each intake thread; tests lower it. */
  threadHeapLimitMb?: number;
}

/** Finished jobs stay listed this long, so the screen can show how they ended. */
const KEEP_FINISHED_MS = 15 * 60 * 1000;

/** A thread that grows past this is stopped (its import fails) rather than take the machine's memory. */
const THREAD_HEAP_LIMIT_MB = 1536;

/**
 * The intake threads: created on first use (or by `warm`), kept alive between imports so
 * that PDFium and the code load once, and unreferenced while idle so they never keep a
 * process alive. With two cores the second thread reads pages of each long PDF too.
 */
function createPool(workerUrl: URL, size: number, heapLimitMb: number, log: (message: string, error?: unknown) => void) {
  let threads: Worker[] | undefined;

  function start(): Worker[] {
    const channel = size > 1 ? new MessageChannel() : undefined;
    const ports = channel ? [channel.port1, channel.port2] : [undefined];
    threads = ports.map((peer) => {
      const worker = new Worker(workerUrl, {
        workerData: peer ? { peer } : {},
        transferList: peer ? [peer] : [],
        resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
      });
      worker.unref();
      // Without a listener, a thread's uncaught error (or running out of memory) would end the whole app.
      worker.on('error', (error) => log('[timbang] intake thread failed:', error));
      // A thread that dies takes the pool with it; the next import starts a fresh one.
      worker.once('exit', () => {
        if (threads?.includes(worker)) stop();
      });
      return worker;
    });
    return threads;
  }

  function stop(): void {
    const old = threads;
    threads = undefined;
    for (const worker of old ?? []) void worker.terminate();
  }

  return {
    /** The thread that runs imports. */
    main: (): Worker => (threads ?? start())[0] as Worker,
    warm: () => void (threads ?? start()),
    stop,
  };
}

function internalError(message: string): AppErrorData {
  const reference = randomBytes(4).toString('hex');
  return { code: 'internal', params: { reference }, message };
}

/**
 * Imports, one after another, on the intake threads: the main loop (and with it the
 * window, or web mode's server) stays free; progress is read by polling `list`.
 */
export function createImportRunner(options: ImportRunnerOptions) {
  const jobs = new Map<string, ImportJob>();
  const waiting: { job: ImportJob; upload: Upload }[] = [];
  const settled = new Map<string, ((job: ImportJob) => void)[]>();
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  let running = false;
  let closed = false;
  const pool = createPool(
    options.workerUrl ?? defaultWorkerUrl(import.meta.url),
    Math.min(2, availableParallelism()),
    options.threadHeapLimitMb ?? THREAD_HEAP_LIMIT_MB,
    log,
  );

  function finish(job: ImportJob, upload: Upload, outcome: Partial<ImportJob>): void {
    conclude(job, upload, outcome);
    running = false;
    next();
  }

  function conclude(job: ImportJob, upload: Upload, outcome: Partial<ImportJob>): void {
    Object.assign(job, outcome, { finishedAt: new Date().toISOString() });
    try {
      options.onFinished?.(job, upload);
    } catch (error) {
      log('[timbang] cleaning up after an import failed:', error);
    }
    for (const resolve of settled.get(job.id) ?? []) resolve(job);
    settled.delete(job.id);
  }

  function next(): void {
    if (running || closed) return;
    const item = waiting.shift();
    if (!item) return;
    running = true;
    const { job, upload } = item;
    job.status = 'running';
    let worker: Worker;
    let message: ImportJobMessage;
    try {
      message = {
        type: 'import',
        jobId: job.id,
        request: { submissionId: job.submissionId, path: upload.path, fileName: upload.fileName, role: job.role },
        databasePath: options.databasePath,
        dataDir: options.dataDir,
        lexicon: options.lexicon(),
        actor: options.actor(),
        maxBytes: options.maxBytes(),
        ocr: options.ocr?.(),
      };
      worker = pool.main();
    } catch (error) {
      const data = internalError(String(error));
      log(`[timbang] an import could not start (reference ${data.params.reference}):`, error);
      finish(job, upload, { status: 'failed', error: data });
      return;
    }
    let failure: unknown;
    const onMessage = (reply: WorkerMessage) => {
      if (reply.type === 'ready' || reply.jobId !== job.id) return;
      if (reply.type === 'progress') {
        job.progress = { phase: reply.phase, done: reply.done, total: reply.total };
        return;
      }
      cleanup();
      finish(job, upload, reply.type === 'done' ? { status: 'done', result: reply.result } : { status: 'failed', error: reply.error });
    };
    const onError = (error: unknown) => {
      failure = error;
    };
    const onExit = (code: number) => {
      cleanup();
      if (closed) {
        finish(job, upload, { status: 'failed', error: internalError('stopped with the workspace') });
        return;
      }
      if ((failure as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(job, upload, { status: 'failed', error: new AppError('document.too_heavy', { file: job.fileName }).toData() });
        return;
      }
      const data = internalError(`intake thread exited with ${code}`);
      log(`[timbang] intake thread stopped with ${code} during an import (reference ${data.params.reference})`, failure);
      finish(job, upload, { status: 'failed', error: data });
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.once('exit', onExit);
    worker.ref();
    worker.postMessage(message);
  }

  function start(upload: Upload, submissionId: number, role: DocumentRole): ImportJob {
    if (closed) throw new Error('the import runner is closed');
    const job: ImportJob = {
      id: randomBytes(8).toString('hex'),
      submissionId,
      fileName: upload.fileName,
      role,
      status: 'queued',
      progress: { phase: 'reading', done: 0, total: 1 },
      startedAt: new Date().toISOString(),
    };
    jobs.set(job.id, job);
    waiting.push({ job, upload });
    next();
    return job;
  }

  function list(submissionId?: number): ImportJob[] {
    const now = Date.now();
    for (const [id, job] of jobs) if (job.finishedAt && now - Date.parse(job.finishedAt) > KEEP_FINISHED_MS) jobs.delete(id);
    return [...jobs.values()].filter((job) => submissionId === undefined || job.submissionId === submissionId);
  }

  function wait(id: string): Promise<ImportJob> {
    const job = jobs.get(id);
    if (!job) return Promise.reject(new Error(`no job ${id}`));
    if (job.status === 'done' || job.status === 'failed') return Promise.resolve(job);
    return new Promise((resolve) => settled.set(id, [...(settled.get(id) ?? []), resolve]));
  }

  return {
    start,
    list,
    wait,
    /** Start the intake threads ahead of the first import, so that it does not pay for their start. */
    warm: () => {
      if (!closed) pool.warm();
    },
    /** Stop the threads; imports still waiting are dropped (their uploads discarded), the running one fails. */
    close: () => {
      closed = true;
      for (const { job, upload } of waiting.splice(0))
        conclude(job, upload, { status: 'failed', error: internalError('closed before it started') });
      pool.stop();
    },
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;

/** The worker script next to this module: the .ts source when running from source, the bundle otherwise. */
export function defaultWorkerUrl(base: string): URL {
  return base.endsWith('.ts') ? new URL('./worker.ts', base) : new URL('./intake-worker.js', base);
}

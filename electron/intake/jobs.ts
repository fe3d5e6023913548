import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { AppErrorData } from '../../shared/errors.ts';
import type { Lexicon } from '../../shared/intake/lexicon.ts';
import type { DocumentRole } from '../../shared/intake/model.ts';
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
  /** The worker script; by default worker.ts beside this module, or intake-worker.js beside the desktop bundle. */
  workerUrl?: URL;
  onFinished?(job: ImportJob, upload: Upload): void;
}

/** Finished jobs stay listed this long, so the screen can show how they ended. */
const KEEP_FINISHED_MS = 15 * 60 * 1000;

/**
 * The intake threads: created on first use (or by `warm`), kept alive between imports so
 * that pdf.js and the code load once, and unreferenced while idle so they never keep a
 * process alive. With two cores the second thread reads half of each long PDF.
 */
function createPool(workerUrl: URL, size: number) {
  let threads: Worker[] | undefined;

  function start(): Worker[] {
    const channel = size > 1 ? new MessageChannel() : undefined;
    const ports = channel ? [channel.port1, channel.port2] : [undefined];
    threads = ports.map((peer) => {
      const worker = new Worker(workerUrl, {
        workerData: peer ? { peer } : {},
        transferList: peer ? [peer] : [],
      });
      worker.unref();
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

/**
 * Imports, one after another, on the intake threads: the main loop (and with it the
 * window, or web mode's server) stays free; progress is read by polling `list`.
 */
export function createImportRunner(options: ImportRunnerOptions) {
  const jobs = new Map<string, ImportJob>();
  const waiting: { job: ImportJob; upload: Upload }[] = [];
  const settled = new Map<string, ((job: ImportJob) => void)[]>();
  let running = false;
  const pool = createPool(options.workerUrl ?? defaultWorkerUrl(import.meta.url), Math.min(2, availableParallelism()));

  function finish(job: ImportJob, upload: Upload, outcome: Partial<ImportJob>): void {
    Object.assign(job, outcome, { finishedAt: new Date().toISOString() });
    options.onFinished?.(job, upload);
    for (const resolve of settled.get(job.id) ?? []) resolve(job);
    settled.delete(job.id);
    running = false;
    next();
  }

  function next(): void {
    if (running) return;
    const item = waiting.shift();
    if (!item) return;
    running = true;
    const { job, upload } = item;
    job.status = 'running';
    const worker = pool.main();
    worker.ref();
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'ready' || message.jobId !== job.id) return;
      if (message.type === 'progress') {
        job.progress = { phase: message.phase, done: message.done, total: message.total };
        return;
      }
      cleanup();
      finish(job, upload, message.type === 'done' ? { status: 'done', result: message.result } : { status: 'failed', error: message.error });
    };
    const onExit = (code: number) => {
      cleanup();
      const reference = randomBytes(4).toString('hex');
      console.error(`[timbang] intake thread stopped with ${code} during an import (reference ${reference})`);
      finish(job, upload, { status: 'failed', error: { code: 'internal', params: { reference }, message: `intake thread exited with ${code}` } });
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      worker.unref();
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    const message: ImportJobMessage = {
      type: 'import',
      jobId: job.id,
      request: { submissionId: job.submissionId, path: upload.path, fileName: upload.fileName, role: job.role },
      databasePath: options.databasePath,
      dataDir: options.dataDir,
      lexicon: options.lexicon(),
      actor: options.actor(),
      maxBytes: options.maxBytes(),
    };
    worker.postMessage(message);
  }

  function start(upload: Upload, submissionId: number, role: DocumentRole): ImportJob {
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
    warm: pool.warm,
    close: pool.stop,
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;

/** The worker script next to this module: the .ts source when running from source, the bundle otherwise. */
export function defaultWorkerUrl(base: string): URL {
  return base.endsWith('.ts') ? new URL('./worker.ts', base) : new URL('./intake-worker.js', base);
}

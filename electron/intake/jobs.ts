import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AppErrorData } from '../../shared/errors.ts';
import type { Lexicon } from '../../shared/intake/lexicon.ts';
import type { DocumentRole } from '../../shared/intake/model.ts';
import type { Actor } from '../services/context.ts';
import type { ImportedDocument, ImportProgress } from './import.ts';
import type { Upload } from './uploads.ts';
import type { ImportJobData, WorkerMessage } from './worker.ts';

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
 * Imports, one after another, each in its own worker thread: the main loop (and with it
 * the window, or web mode's server) stays free; progress is read by polling `list`.
 */
export function createImportRunner(options: ImportRunnerOptions) {
  const jobs = new Map<string, ImportJob>();
  const waiting: { job: ImportJob; upload: Upload }[] = [];
  const settled = new Map<string, ((job: ImportJob) => void)[]>();
  let running = false;
  const threads = Math.min(2, availableParallelism());

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
    const data: ImportJobData = {
      role: 'import',
      request: { submissionId: job.submissionId, path: upload.path, fileName: upload.fileName, role: job.role },
      databasePath: options.databasePath,
      dataDir: options.dataDir,
      lexicon: options.lexicon(),
      actor: options.actor(),
      maxBytes: options.maxBytes(),
      threads,
    };
    const worker = new Worker(options.workerUrl ?? defaultWorkerUrl(import.meta.url), { workerData: data });
    let ended = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') job.progress = { phase: message.phase as ImportProgress['phase'], done: message.done, total: message.total };
      else if (message.type === 'done') {
        ended = true;
        finish(job, upload, { status: 'done', result: message.result });
      } else {
        ended = true;
        finish(job, upload, { status: 'failed', error: message.error });
      }
    });
    worker.once('error', (error) => {
      if (ended) return;
      ended = true;
      const reference = randomBytes(4).toString('hex');
      console.error(`[timbang] import worker failed (reference ${reference}):`, error);
      finish(job, upload, { status: 'failed', error: { code: 'internal', params: { reference }, message: error.message } });
    });
    worker.once('exit', (code) => {
      if (ended) return;
      ended = true;
      finish(job, upload, { status: 'failed', error: { code: 'internal', params: { reference: `exit ${code}` }, message: `worker exited with ${code}` } });
    });
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

  return { start, list, wait };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;

/** The worker script next to this module: the .ts source when running from source, the bundle otherwise. */
export function defaultWorkerUrl(base: string): URL {
  return base.endsWith('.ts') ? new URL('./worker.ts', base) : new URL('./intake-worker.js', base);
}

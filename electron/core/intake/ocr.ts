import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { OEM, PSM } from 'tesseract.js';

/**
 * OCR of scanned pages (a signed decree, a photographed table): Tesseract 5 compiled to
 * WebAssembly (tesseract.js-core, resolved from node_modules) with the Indonesian LSTM
 * model shipped in resources/tessdata. Nothing is ever fetched: the language data is read
 * from `tessdataDir`, the core from the package, and no cache is written.
 *
 * The engine runs in a thread of its own (tesseract.js's Node worker script), so it can be
 * created from the main thread or from an intake worker thread alike; close() ends it.
 * tesseract.js's own createWorker() is not used: a missing worker script or damaged language
 * data make it throw where no caller can catch (an 'error' event nobody listens to, a
 * TypeError in its message handler), killing the calling thread; missing language data
 * leave its promise pending and its thread running. This host speaks the worker script's
 * message protocol instead (load, loadLanguage, initialize, setParameters, recognize;
 * tesseract.js is pinned exactly, and the tests exercise every message) and turns each
 * failure into an ordinary rejected Error.
 */

/** A recognised word; pixel coordinates with the origin top-left, x1/y1 exclusive. */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Tesseract's confidence, 0–100. */
  confidence: number;
  /** Index of the text line the word is on, in reading order (words of one line share it). */
  line: number;
}

/** Raw pixels, row-major, 8 bits a channel: grey, RGB or RGBA (in that byte order). */
export interface OcrImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  channels: 1 | 3 | 4;
  /** Bytes from one row to the next; width × channels unless rows are padded (PDFium's are). */
  stride?: number;
  /** The resolution the page was rendered at; without it Tesseract estimates one from the text. */
  dpi?: number;
}

export interface OcrResult {
  words: OcrWord[];
  /** The page's text in reading order, lines separated by \n, blocks by a blank line. */
  text: string;
  /** Tesseract's mean word confidence, 0–100 (0 for a page without text). */
  meanConfidence: number;
}

export interface OcrEngine {
  recognize(image: OcrImage): Promise<OcrResult>;
  /** Ends the engine's thread. Later calls to recognize() reject. */
  close(): Promise<void>;
}

export interface OcrEngineOptions {
  /** The folder holding `<language>.traineddata`: resources/tessdata (from source) or process.resourcesPath/tessdata (packaged). */
  tessdataDir: string;
  /** Tesseract language code(s), e.g. 'ind' or 'ind+eng'; default 'ind'. */
  language?: string;
  /** Tesseract page segmentation mode; default 3 (fully automatic, whole pages with columns and tables). */
  pageSegMode?: number;
}

/** Larger images are refused (A4 at 600 dpi is 35 megapixels): the WebAssembly heap is limited. */
export const MAX_OCR_PIXELS = 60_000_000;

const require = createRequire(import.meta.url);

type Reply = { jobId: string; action: string; status: 'resolve' | 'reject' | 'progress'; data: unknown };
interface RecognizeData {
  text: string | null;
  tsv: string | null;
  confidence: number | null;
}

export async function createOcrEngine(options: OcrEngineOptions): Promise<OcrEngine> {
  const language = options.language ?? 'ind';
  for (const code of language.split('+')) {
    if (!/^[A-Za-z_]+$/.test(code)) throw new Error(`OCR: invalid language code "${code}"`);
    const file = join(options.tessdataDir, `${code}.traineddata`);
    if (!existsSync(file)) throw new Error(`OCR: language data ${file} not found`);
  }
  const start = async () => {
    const thread = startThread();
    try {
      // The Node core loader compares this field with OEM values (tesseract.js #1034: its own
      // createWorker passes `true` and so always loads the larger legacy+LSTM core); an OEM
      // selects tesseract-core-*-lstm, which starts in a third of the time.
      await thread.call('load', { options: { lstmOnly: OEM.LSTM_ONLY, logging: false } });
      await thread.call('loadLanguage', {
        langs: language,
        options: { langPath: options.tessdataDir, cacheMethod: 'none', gzip: false, lstmOnly: true },
      });
      await thread.call('initialize', { langs: language, oem: OEM.LSTM_ONLY });
      await thread.call('setParameters', {
        params: { tessedit_pageseg_mode: String(options.pageSegMode ?? PSM.AUTO), preserve_interword_spaces: '1' },
      });
      return thread;
    } catch (error) {
      await thread.close();
      throw error;
    }
  };
  let current = start();
  await current;
  let closed = false;
  return {
    async recognize(image) {
      if (closed) throw new Error('OCR engine closed');
      const encoded = encodePgm(image);
      const params = image.dpi ? { user_defined_dpi: String(Math.round(image.dpi)) } : {};
      const starting = current;
      const thread = await starting;
      let data: RecognizeData;
      try {
        const payload = { image: encoded, options: params, output: { text: true, tsv: true } };
        data = (await thread.call('recognize', payload, [encoded.buffer as ArrayBuffer])) as RecognizeData;
      } catch (error) {
        // A failed page may leave the WebAssembly instance unusable (an abort): later pages get a fresh one.
        if (!closed && current === starting) {
          thread.retire();
          current = start();
          current.catch(() => undefined);
        }
        throw error;
      }
      const words = parseTsv(data.tsv ?? '');
      return { words, text: words.length ? (data.text ?? '').trim() : '', meanConfidence: words.length ? (data.confidence ?? 0) : 0 };
    },
    async close() {
      closed = true;
      await (await current.catch(() => undefined))?.close();
    },
  };
}

/** tesseract.js's worker script in a thread, with calls that settle exactly once. */
function startThread() {
  // Its stdout and stderr are kept from the caller's console: Tesseract's diagnostics
  // ("Estimating resolution", "Empty page!!") are noise there, but a failure cites them.
  const worker = new Worker(require.resolve('tesseract.js/src/worker-script/node/index.js'), { stdout: true, stderr: true });
  let diagnostics = '';
  worker.stdout.resume();
  worker.stderr.on('data', (chunk: Buffer) => (diagnostics = (diagnostics + chunk.toString()).slice(-2000)));
  const pending = new Map<string, { resolve(data: unknown): void; reject(error: Error): void }>();
  let ended: Error | undefined;
  let retiring = false;
  let nextJob = 0;
  const end = (error: Error) => {
    ended ??= error;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    return worker.terminate();
  };
  const failure = (what: string, cause: unknown) => {
    const detail = diagnostics.trim().split('\n').slice(-3).join(' | ');
    return new Error(
      `OCR ${what} failed: ${cause instanceof Error ? cause.message : String(cause)}${detail ? ` (tesseract: ${detail})` : ''}`,
    );
  };
  worker.on('message', (reply: Reply) => {
    const job = pending.get(reply.jobId);
    if (!job || reply.status === 'progress') return;
    pending.delete(reply.jobId);
    if (reply.status === 'resolve') {
      diagnostics = '';
      job.resolve(reply.data);
    } else job.reject(failure(reply.action, reply.data));
    if (retiring && !pending.size) void end(new Error('OCR thread retired'));
  });
  worker.on('error', (error) => void end(failure('thread', error)));
  worker.on('exit', (code) => void end(new Error(`OCR thread exited with code ${code}`)));
  return {
    call(action: string, payload: object, transfer: ArrayBuffer[] = []): Promise<unknown> {
      if (ended) return Promise.reject(ended);
      const jobId = `Job-${++nextJob}`;
      return new Promise((resolve, reject) => {
        pending.set(jobId, { resolve, reject });
        worker.postMessage({ workerId: 'timbang-ocr', jobId, action, payload }, transfer);
      });
    },
    /** Ends the thread once the calls already sent have settled. */
    retire(): void {
      retiring = true;
      if (!pending.size) void end(new Error('OCR thread retired'));
    },
    async close(): Promise<void> {
      await end(new Error('OCR engine closed'));
    },
  };
}

/**
 * Raw pixels as a binary PGM (P5): a one-line header and one grey byte a pixel, which
 * Leptonica reads as is. Colour is reduced to luma (BT.601), alpha ignored.
 */
export function encodePgm(image: OcrImage): Uint8Array {
  const { width, height, channels, data } = image;
  const stride = image.stride ?? width * channels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`OCR: invalid image size ${width}×${height}`);
  }
  if (width * height > MAX_OCR_PIXELS) throw new Error(`OCR: image of ${width}×${height} pixels is larger than ${MAX_OCR_PIXELS}`);
  if (![1, 3, 4].includes(channels) || stride < width * channels || data.length < stride * (height - 1) + width * channels) {
    throw new Error(`OCR: ${data.length} bytes do not hold a ${width}×${height} image of ${channels} channel(s), ${stride} bytes a row`);
  }
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header);
  if (channels === 1 && stride === width) {
    out.set(data.subarray(0, width * height), header.length);
    return out;
  }
  let at = header.length;
  for (let y = 0; y < height; y += 1) {
    const row = y * stride;
    if (channels === 1) {
      out.set(data.subarray(row, row + width), at);
      at += width;
      continue;
    }
    for (let x = row, end = row + width * channels; x < end; x += channels) {
      out[at++] = ((data[x] as number) * 77 + (data[x + 1] as number) * 150 + (data[x + 2] as number) * 29) >> 8;
    }
  }
  return out;
}

/** Words from Tesseract's TSV (level 5 rows: …, left, top, width, height, conf, text). */
function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  let line = -1;
  let lineKey = '';
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const text = cells.slice(11).join('\t').trim();
    if (!text) continue;
    const key = cells.slice(1, 5).join('.');
    if (key !== lineKey) {
      lineKey = key;
      line += 1;
    }
    const [x0, y0, width, height, confidence] = cells.slice(6, 11).map(Number) as [number, number, number, number, number];
    words.push({ text, x0, y0, x1: x0 + width, y1: y0 + height, confidence, line });
  }
  return words;
}

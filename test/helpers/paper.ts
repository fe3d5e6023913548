import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sofficePath } from './libreoffice.ts';

/**
 * Paper, as a person who prints an export sees it: any office file (xlsx, docx, odt…)
 * converted to PDF by headless LibreOffice, then read back with poppler: the size of every
 * page, every word with its box, and pictures of the pages to look at.
 *
 * Needs soffice and poppler-utils (pdfinfo, pdftotext, pdftoppm): without them it throws, loudly.
 */

/** One word of a printed page, its box in points from the top left corner of the page. */
export interface PaperWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** yMax − yMin: the height of the word's box (font size × the font's ascent + descent, about 1.15 × the point size). */
  height: number;
}

export interface PaperPage {
  /** 1-based. */
  number: number;
  /** In points (A4 landscape: 842 × 595). */
  width: number;
  height: number;
  words: PaperWord[];
}

export interface Paper {
  /** The PDF's bytes (kept, so pages can be rendered later). */
  pdf: Buffer;
  pages: PaperPage[];
}

const MM_PER_PT = 25.4 / 72;

/** Convert an office file to PDF with LibreOffice, in a profile of its own (parallel conversions do not clash). */
export function toPdf(file: { name: string; data: Uint8Array }): Buffer {
  const soffice = sofficePath();
  if (!soffice)
    throw new Error('LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui');
  const dir = mkdtempSync(join(tmpdir(), 'timbang-paper-'));
  try {
    const input = join(dir, 'in', basename(file.name));
    mkdirSync(join(dir, 'in'));
    writeFileSync(input, file.data);
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        join(dir, 'out'),
        input,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    return readFileSync(join(dir, 'out', `${basename(file.name, extname(file.name))}.pdf`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** Every page of a PDF with its size and words (pdftotext -bbox). */
export function readPdf(pdf: Buffer): Paper {
  const dir = mkdtempSync(join(tmpdir(), 'timbang-paper-'));
  try {
    const file = join(dir, 'paper.pdf');
    writeFileSync(file, pdf);
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const pages: PaperPage[] = [];
    const pagePattern = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
    const wordPattern = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g;
    for (const page of html.matchAll(pagePattern)) {
      const words: PaperWord[] = [];
      for (const word of (page[3] ?? '').matchAll(wordPattern)) {
        const [xMin, yMin, xMax, yMax] = [word[1], word[2], word[3], word[4]].map(Number) as [number, number, number, number];
        words.push({ text: decode(word[5] ?? ''), xMin, yMin, xMax, yMax, height: yMax - yMin });
      }
      pages.push({ number: pages.length + 1, width: Number(page[1]), height: Number(page[2]), words });
    }
    return { pdf, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Convert and read: the file as it prints. */
export function print(file: { name: string; data: Uint8Array }): Paper {
  return readPdf(toPdf(file));
}

/** A4 landscape, within a point. */
export function isA4Landscape(page: PaperPage): boolean {
  return Math.abs(page.width * MM_PER_PT - 297) < 1 && Math.abs(page.height * MM_PER_PT - 210) < 1;
}

/** A4 portrait, within a point (for the letter). */
export function isA4Portrait(page: PaperPage): boolean {
  return Math.abs(page.width * MM_PER_PT - 210) < 1 && Math.abs(page.height * MM_PER_PT - 297) < 1;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The page's words in reading order (top to bottom, then left to right), each line's words joined by spaces. */
export function lines(page: PaperPage, tolerance = 2): string[] {
  const sorted = [...page.words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  const found: { y: number; words: PaperWord[] }[] = [];
  for (const word of sorted) {
    const line = found.find((candidate) => Math.abs(candidate.y - word.yMin) <= tolerance);
    if (line) line.words.push(word);
    else found.push({ y: word.yMin, words: [word] });
  }
  return found.map((line) =>
    line.words
      .sort((a, b) => a.xMin - b.xMin)
      .map((word) => word.text)
      .join(' '),
  );
}

/** Words of the page's top band (a running header), e.g. to tell which sheet a page belongs to. */
export function headerWords(page: PaperPage, band = 50): string[] {
  return page.words.filter((word) => word.yMax <= band).map((word) => word.text);
}

/**
 * Render pages to PNG (pdftoppm) as `<dir>/<prefix>-<n>.png`, to look at. `pages` are 1-based;
 * by default all of them. Gives back the files written.
 */
export function renderPages(paper: Paper, dir: string, prefix: string, options: { pages?: number[]; dpi?: number } = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'timbang-paper-'));
  try {
    const file = join(work, 'paper.pdf');
    writeFileSync(file, paper.pdf);
    const wanted = options.pages ?? paper.pages.map((page) => page.number);
    for (const number of wanted) {
      execFileSync('pdftoppm', [
        '-r',
        String(options.dpi ?? 50),
        '-png',
        '-f',
        String(number),
        '-l',
        String(number),
        file,
        join(work, `p${number}`),
      ]);
    }
    const written: string[] = [];
    for (const name of readdirSync(work).filter((entry) => entry.endsWith('.png'))) {
      const number = Number(/^p(\d+)-/.exec(name)?.[1]);
      const target = join(dir, `${prefix}-${number}.png`);
      writeFileSync(target, readFileSync(join(work, name)));
      written.push(target);
    }
    return written.sort();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

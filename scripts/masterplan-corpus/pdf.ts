import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

/** LibreOffice conversion, byte-stable PDFs, and finding text on PDF pages (poppler-utils). */

const run = promisify(execFile);

/** DOCX → PDF with LibreOffice Writer, in a private profile per slot so that two can run at once. */
export async function convertToPdf(docx: string, outDir: string, slot: number): Promise<string> {
  const profile = join(tmpdir(), `timbang-corpus-lo-${slot}`);
  mkdirSync(profile, { recursive: true });
  await run(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, docx],
    { timeout: 300_000 },
  );
  const pdf = join(outDir, basename(docx).replace(/\.docx$/, '.pdf'));
  writeFileSync(pdf, stablePdf(readFileSync(pdf)));
  return pdf;
}

/** Fixed creation date and an /ID from the content, same lengths, so offsets stay valid. */
export function stablePdf(pdf: Buffer, date = '20240101090000'): Buffer {
  const ID = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/g;
  const dated = pdf.toString('latin1').replace(/\/(CreationDate|ModDate)\s*\(D:\d{14}/g, (match) => match.replace(/\d{14}$/, date));
  // LibreOffice's /DocChecksum covers the time of the conversion too.
  const CHECKSUM = /\/DocChecksum\s*\/([0-9A-Fa-f]+)/g;
  const zeroed = dated
    .replace(ID, (match, a: string, b: string) => match.replace(a, '0'.repeat(a.length)).replace(b, '0'.repeat(b.length)))
    .replace(CHECKSUM, (match, sum: string) => match.replace(sum, '0'.repeat(sum.length)));
  const hash = createHash('md5').update(zeroed, 'latin1').digest('hex').toUpperCase();
  const hex = (length: number) => hash.repeat(Math.ceil(length / hash.length)).slice(0, length);
  const text = zeroed
    .replace(ID, (match, a: string, b: string) => match.replace(a, hex(a.length)).replace(b, hex(b.length)))
    .replace(CHECKSUM, (match, sum: string) => match.replace(sum, hex(sum.length)));
  return Buffer.from(text, 'latin1');
}

export async function pageCount(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  const match = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!match) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(match[1]);
}

/** Width and height of each page in points. */
export async function pageSizes(pdf: string): Promise<{ width: number; height: number }[]> {
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '100000', pdf]);
  return [...stdout.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)/gm)].map((match) => ({
    width: Number(match[1]),
    height: Number(match[2]),
  }));
}

/** Text of each page in drawing order (pdftotext -raw keeps a table cell's lines together). */
export async function pageTexts(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** Escaped for a pattern; a line may break after a hyphen or slash ("Alun-" / "Alun"). */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/([-/])/g, '$1\\s*');
const words = (text: string) => text.split(/\s+/).filter(Boolean);
const pattern = (parts: string[], flags = 'u') =>
  new RegExp(`(?<![\\p{L}\\p{N}])${parts.map(escape).join('\\s+')}(?![\\p{L}\\p{N}])`, flags);

/**
 * The 1-based page where `text` starts, searching from page `from` on: the whole text on one page,
 * or (a table row broken over two pages) its first words ending one page and the rest on the next.
 */
export function findPage(pages: string[], text: string, from: number): number | null {
  const parts = words(text);
  const whole = pattern(parts);
  for (let p = Math.max(1, from); p <= pages.length; p++) {
    const here = pages[p - 1] ?? '';
    if (whole.test(here)) return p;
    const next = pages[p] ?? '';
    if (whole.test(next)) continue;
    // The row's first line(s) end this page, even a single word in a narrow column.
    for (let k = parts.length - 1; k >= 1; k--) {
      if (pattern(parts.slice(0, k)).test(here) && pattern(parts.slice(k)).test(next)) return p;
    }
  }
  return null;
}

/** The page where a heading stands on lines of its own. */
export function findHeading(pages: string[], text: string, from: number): number | null {
  const re = new RegExp(`(^|\\n)\\s*${words(text).map(escape).join('\\s+')}\\s*(\\n|$)`, 'u');
  for (let p = Math.max(1, from); p <= pages.length; p++) if (re.test(pages[p - 1] ?? '')) return p;
  return null;
}

export async function rasterise(pdf: string, page: number, dpi: number, outPrefix: string): Promise<string> {
  await run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, outPrefix]);
  return `${outPrefix}.pgm`;
}

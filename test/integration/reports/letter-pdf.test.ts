import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/settings.ts';
import type { LetterBlock, LetterChart, LetterDocument } from '../../../shared/report/letter-document.ts';
import { letterChartPng } from '../../../electron/core/reports/letter-charts.ts';
import { LETTER_MARGIN, renderLetterPdf } from '../../../electron/core/reports/letter-pdf.ts';
import { sampleLetter } from '../../helpers/letter-pdf-sample.ts';

/**
 * The result letter's PDF read back with poppler (pdfinfo, pdftotext, pdfimages, pdffonts, pdftoppm):
 * its words, where they are, on which page; and each page drawn into test-results/letter to look at.
 */
const FONTS = join(import.meta.dirname, '../../../resources/fonts');
const OUT = join(import.meta.dirname, '../../../test-results/letter');
const CREATED = new Date('2026-11-30T08:00:00Z');
const A4 = { width: 595.28, height: 841.89 };

// The charts are the slow part: drawn once per chart for every render in this file.
const charts = new Map<string, Promise<Buffer | undefined>>();
const chartPng = (language: Language) => (chart: LetterChart) => {
  const key = `${language}|${JSON.stringify(chart)}`;
  if (!charts.has(key)) charts.set(key, letterChartPng(chart, FONTS, language));
  return charts.get(key) as Promise<Buffer | undefined>;
};

const render = (document: LetterDocument) =>
  renderLetterPdf(document, { fontsDir: FONTS, chartPng: chartPng(document.language), createdAt: CREATED });

function save(name: string, pdf: Buffer): string {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `${name}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const info = (path: string) =>
  Object.fromEntries(
    run('pdfinfo', [path])
      .split('\n')
      .map((line) => [line.split(':')[0]?.trim(), line.slice(line.indexOf(':') + 1).trim()]),
  );
/** The text of one page (1-based) in the order it was drawn. */
const pageText = (path: string, page: number) => run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), path, '-']);
const words = (text: string) => text.split(/\s+/).filter(Boolean);
const flat = (text: string) => words(text).join(' ');

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function boxes(path: string): Word[] {
  const found: Word[] = [];
  let page = 0;
  for (const line of run('pdftotext', ['-bbox', path, '-']).split('\n')) {
    if (line.includes('<page ')) page++;
    const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (match)
      found.push({
        page,
        xMin: Number(match[1]),
        yMin: Number(match[2]),
        xMax: Number(match[3]),
        yMax: Number(match[4]),
        text: (match[5] as string)
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"'),
      });
  }
  return found;
}

/** Every text of the letter in the order it is laid out (charts are pictures; the footers come with each page). */
function documentTexts(document: LetterDocument): string[] {
  const texts = [document.ministry, document.title, document.subtitle];
  const block = (item: LetterBlock): string[] => {
    switch (item.kind) {
      case 'heading':
      case 'paragraph':
        return [item.text];
      case 'facts':
        return item.rows.flatMap((row) => [row.label, row.value]);
      case 'table':
        return [
          ...(item.caption ? [item.caption] : []),
          ...item.columns.map((column) => column.title),
          ...item.rows.flatMap((row) => row.map((cell) => cell.text)),
        ];
      case 'list':
        return item.items.flatMap((text, index) => [...(item.ordered ? [`${index + 1}.`] : []), text]);
      case 'chart':
        return [];
      case 'signatures':
        return [item.intro, item.placeAndDate, ...item.signers.flatMap((signer) => [signer.role, signer.name, signer.institution])];
    }
  };
  return [...texts, ...document.blocks.flatMap(block)];
}

/** `needle` in `haystack` in order, other words allowed between (a repeated table header, a page's footer). */
function missingInOrder(needle: string[], haystack: string[]): string | undefined {
  let at = 0;
  for (const [index, word] of needle.entries()) {
    while (at < haystack.length && haystack[at] !== word) at++;
    if (at === haystack.length) return `${word} (word ${index}: …${needle.slice(Math.max(0, index - 6), index + 1).join(' ')})`;
    at++;
  }
  return undefined;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

describe.each(['id', 'en'] as const)('the result letter as a PDF (%s)', (language) => {
  const document = sampleLetter(language);
  let path = '';
  let pdf: Buffer = Buffer.alloc(0);
  let pages = 0;

  beforeAll(async () => {
    pdf = await render(document);
    path = save(`letter-${language}`, pdf);
    pages = Number(info(path).Pages);
  });

  it('is A4 portrait with its title and author, the font embedded, the two charts as pictures', () => {
    const about = info(path);
    expect(about['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(about.Title).toBe(document.title);
    expect(about.Author).toBe('Timbang');
    // The sample's long table crosses pages: three at least.
    expect(pages).toBeGreaterThanOrEqual(3);
    const fonts = run('pdffonts', [path]).split('\n').slice(2).filter(Boolean);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const images = run('pdfimages', ['-list', path])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === 'image');
    expect(images).toHaveLength(2);
    // At twice the resolution: more than 150 pixels per inch at the text width.
    for (const image of images) expect(Number(image.trim().split(/\s+/)[12])).toBeGreaterThan(150);
  });

  it('has every word and number of the letter, in order, and each page its footer and "page n of N"', () => {
    const all = words(run('pdftotext', ['-raw', path, '-']));
    expect(missingInOrder(words(documentTexts(document).join(' ')), all)).toBeUndefined();
    // And laid out as a person reads it (-layout): every word there as many times at least.
    const layout = words(run('pdftotext', ['-layout', path, '-']));
    const count = (list: string[]) => list.reduce((map, word) => map.set(word, (map.get(word) ?? 0) + 1), new Map<string, number>());
    const have = count(layout);
    const short = [...count(words(documentTexts(document).join(' ')))].filter(([word, times]) => (have.get(word) ?? 0) < times);
    expect(short).toEqual([]);
    for (let page = 1; page <= pages; page++) {
      const text = flat(pageText(path, page));
      const label = document.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages));
      expect(text.endsWith(`${flat(document.footer)} ${label}`), `page ${page}: …${text.slice(-80)}`).toBe(true);
    }
  });

  it('keeps its words readable and inside the 2 cm margins', () => {
    const all = boxes(path);
    expect(all.length).toBeGreaterThan(500);
    expect(median(all.map((word) => word.yMax - word.yMin))).toBeGreaterThanOrEqual(9);
    const outside = all.filter(
      (word) =>
        word.xMin < LETTER_MARGIN - 0.5 ||
        word.xMax > A4.width - LETTER_MARGIN + 0.5 ||
        word.yMin < LETTER_MARGIN - 0.5 ||
        word.yMax > A4.height - LETTER_MARGIN + 0.5,
    );
    expect(outside.map((word) => `${word.page}: ${word.text}`)).toEqual([]);
  });

  it('repeats the table header on each page, never splits a row, wraps long cells within their column', () => {
    const table = document.blocks.find((block) => block.kind === 'table' && block.rows.length > 20) as Extract<
      LetterBlock,
      { kind: 'table' }
    >;
    const header = table.columns.map((column) => column.title).join(' ');
    const texts = Array.from({ length: pages }, (_, index) => flat(pageText(path, index + 1)));
    const rowPages = table.rows.map((row) =>
      texts.findIndex((text) => ` ${text} `.includes(` ${flat(row.map((cell) => cell.text).join(' '))} `)),
    );
    // Each row whole on one page: its cells one after the other, as drawn.
    expect(rowPages.filter((page) => page < 0)).toEqual([]);
    const used = [...new Set(rowPages)];
    expect(used.length).toBeGreaterThanOrEqual(2);
    for (const page of used) {
      const text = texts[page] as string;
      const firstRow = table.rows[rowPages.indexOf(page)] as { text: string }[];
      // The header, then that page's first row.
      expect(text.indexOf(header), `page ${page + 1}`).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(header)).toBeLessThan(text.indexOf(flat(firstRow.map((cell) => cell.text).join(' '))));
    }
    // No word of the table straddles a column's edge.
    const total = table.columns.reduce((sum, column) => sum + column.width, 0);
    const textWidth = A4.width - 2 * LETTER_MARGIN;
    const edges = table.columns
      .slice(1)
      .map(
        (_, index) =>
          LETTER_MARGIN + (textWidth * table.columns.slice(0, index + 1).reduce((sum, column) => sum + column.width, 0)) / total,
      );
    const all = boxes(path);
    const next = document.blocks[document.blocks.indexOf(table) + 1] as Extract<LetterBlock, { kind: 'heading' }>;
    const end = all.find((word) => word.text === words(next.text)[0] && word.page === (used.at(-1) as number) + 1);
    const straddling = all.filter((word) => {
      const head = all.find((other) => other.page === word.page && other.text === table.columns[1]?.title);
      if (!head || word.yMin <= head.yMax) return false;
      if (end && word.page === end.page && word.yMin >= end.yMin) return false;
      if (word.yMax > A4.height - LETTER_MARGIN - 20) return false; // the footer
      return edges.some((edge) => word.xMin < edge - 0.5 && word.xMax > edge + 0.5);
    });
    expect(all.filter((word) => used.includes(word.page - 1) && word.text === table.columns[1]?.title)).toHaveLength(used.length);
    expect(straddling.map((word) => `${word.page}: ${word.text}`)).toEqual([]);
  });

  it('renders the same bytes for the same letter and date, however long the charts take; draws every page to look at', async () => {
    expect((await render(document)).equals(pdf)).toBe(true);
    // Charts that arrive a few event-loop turns late (a busy machine) change nothing either.
    const late = (chart: LetterChart) =>
      chartPng(language)(chart).then((png) => new Promise<typeof png>((done) => setTimeout(() => done(png), 30)));
    expect((await renderLetterPdf(document, { fontsDir: FONTS, chartPng: late, createdAt: CREATED })).equals(pdf)).toBe(true);
    for (const file of readdirSync(OUT).filter((name) => name.startsWith(`page-${language}-`))) rmSync(join(OUT, file));
    run('pdftoppm', ['-r', '60', '-png', path, join(OUT, `page-${language}`)]);
    expect(readdirSync(OUT).filter((name) => name.startsWith(`page-${language}-`) && name.endsWith('.png'))).toHaveLength(pages);
  });
});

describe('the signatures of the result letter', () => {
  it('stay on one page whatever the length before them', async () => {
    let movedOn = 0;
    for (let criteria = 18; criteria <= 34; criteria += 2) {
      const document = sampleLetter('id', criteria);
      const at = document.blocks.findIndex((block) => block.kind === 'signatures');
      const signatures = document.blocks[at] as Extract<LetterBlock, { kind: 'signatures' }>;
      const closing = document.blocks[at - 1] as Extract<LetterBlock, { kind: 'paragraph' }>;
      expect(closing.kind).toBe('paragraph');
      // Four signers (two rows of two) every other length.
      if (criteria % 4 === 0)
        signatures.signers = [
          ...signatures.signers,
          { role: 'Anggota', name: 'Yohanes Manuhutu, M.Eng.', institution: 'Universitas Pattimura' },
        ];
      const path = save(`letter-signatures-${criteria}`, await render(document));
      const pages = Number(info(path).Pages);
      const texts = Array.from({ length: pages }, (_, index) => flat(pageText(path, index + 1)));
      const page = texts.findIndex((text) => text.includes(flat(signatures.placeAndDate)));
      expect(page, `${criteria} criteria`).toBeGreaterThanOrEqual(0);
      const text = texts[page] as string;
      for (const signer of signatures.signers)
        for (const part of [signer.role, signer.name, signer.institution]) expect(text, `${criteria} criteria`).toContain(flat(part));
      expect(text).toContain(flat(signatures.intro));
      // The closing paragraph goes with them; moved on to a new page, it is the first thing there.
      expect(text, `${criteria} criteria`).toContain(flat(closing.text));
      if (text.startsWith(flat(closing.text))) movedOn++;
    }
    // Some of these lengths leave too little room at the end of a page, so the keeping together was needed.
    expect(movedOn).toBeGreaterThan(0);
  });
});

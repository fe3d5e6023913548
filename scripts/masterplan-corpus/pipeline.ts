import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySplit, buildContent, type Content, type SplitPlan, type TableInfo } from './content.ts';
import { buildDocx } from './document.ts';
import { forbiddenIn, tokens } from './lexicon.ts';
import type { TocEntry } from './model.ts';
import { convertToPdf, findHeading, findPage, pageCount, pageSizes, pageTexts } from './pdf.ts';
import { Rng } from './prng.ts';
import { makeScannedVariant } from './scan.ts';
import type { DocSpec } from './specs.ts';
import { truthSchema, type Truth, type TruthItem } from './truth.ts';

/** One document from spec to files: DOCX, PDF (contents with real page numbers), truth, scanned variant. */

const ROMAN: [number, string][] = [
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];
const roman = (n: number) => {
  let out = '';
  for (const [value, numeral] of ROMAN) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
};

interface Located {
  frontPages: number;
  /** Heading text → PDF page. */
  headings: Map<string, number>;
  /** Caption → PDF page. */
  captions: Map<string, number>;
  /** Caption → PDF page where its table starts (before the caption when it stands below). */
  starts: Map<string, number>;
}

function locate(content: Content, pages: string[]): Located {
  const lastCaption = content.tables.filter((table) => table.listed !== false).at(-1)?.caption;
  if (!lastCaption) throw new Error('no tables');
  const frontPages = findPage(pages, lastCaption, 1);
  if (!frontPages) throw new Error(`the list of tables does not show "${lastCaption}"`);
  const headings = new Map<string, number>();
  let cursor = frontPages + 1;
  for (const heading of content.headings) {
    const page = heading.front ? findHeading(pages, heading.text, 1) : findHeading(pages, heading.text, cursor);
    if (!page) throw new Error(`heading not found: ${heading.text}`);
    headings.set(heading.text, page);
    if (!heading.front) cursor = page;
  }
  const captions = new Map<string, number>();
  cursor = frontPages + 1;
  for (const table of content.tables) {
    const page = findPage(pages, table.caption, cursor);
    if (!page) throw new Error(`caption not found: ${table.caption}`);
    captions.set(table.caption, page);
    cursor = page;
  }
  // A caption below its table: the table starts on the last page up to the caption's with its first row.
  const starts = new Map<string, number>();
  let previous = frontPages + 1;
  for (const table of content.tables) {
    const at = captions.get(table.caption) as number;
    let start: number | null = at;
    if (table.probe) {
      start = null;
      for (let p = at; p >= previous && !start; p--) if (findPage(pages, table.probe, p) === p) start = p;
      if (!start) throw new Error(`the first row of the table above "${table.caption}" not found: ${table.probe}`);
    }
    starts.set(table.caption, start);
    previous = at;
  }
  return { frontPages, headings, captions, starts };
}

function labels(content: Content, located: Located | null): { toc: TocEntry[]; tableList: TocEntry[] } {
  const label = (page: number | undefined, front: boolean) =>
    !located || !page ? '00' : front ? roman(page) : String(page - located.frontPages);
  return {
    toc: content.headings
      .filter((heading) => heading.level <= 2)
      .map((heading) => ({
        text: heading.text,
        level: heading.front ? 1 : heading.level,
        page: label(located?.headings.get(heading.text), heading.front),
      })),
    tableList: content.tables
      .filter((table) => table.listed !== false)
      .map((table) => ({ text: table.caption, level: 0, page: label(located?.captions.get(table.caption), false) })),
  };
}

/** Whitespace-separated words on a page and the next, with words broken after a hyphen or slash rejoined. */
function wordsOn(pages: string[], page: number): Set<string> {
  const words = `${pages[page - 1] ?? ''}\n${pages[page] ?? ''}`.split(/\s+/).filter(Boolean);
  const out = new Set(words);
  words.forEach((word, i) => /[-/]$/.test(word) && words[i + 1] && out.add(word + words[i + 1]));
  return out;
}

export interface Summary {
  id: string;
  pages: number;
  programmes: number;
  quickWins: number;
  styles: string[];
  scanned?: number[];
}

export async function generateDocument(spec: DocSpec, slot: number, outDir: string): Promise<Summary[]> {
  const content = buildContent(spec);
  const work = mkdtempSync(join(tmpdir(), `timbang-corpus-${spec.id}-`));
  try {
    const docxPath = join(work, `${spec.id}.docx`);
    let located: Located | null = null;
    let pages: string[] = [];
    let pdf = '';
    for (let measure = 1; content.split; measure++) {
      // A table cut in two by hand: preferably one that breaks across pages by itself, after the
      // rows its first page holds. How many rows of each programme table start on its first page?
      const { candidates, preferred } = content.split;
      writeFileSync(
        docxPath,
        await buildDocx({
          spec,
          title: content.title,
          runningHeader: content.runningHeader,
          blocks: content.blocks,
          ...labels(content, null),
          date: content.date,
        }),
      );
      const first = await pageTexts(await convertToPdf(docxPath, work, slot));
      const captions = locate(content, first).captions;
      const fits = candidates.map((plan) => {
        let cursor = captions.get(content.tables[plan.table]?.caption as string) as number;
        const rowPages = plan.programmes.map(({ truth }) => (cursor = findPage(first, truth.name, cursor) ?? 0));
        return rowPages.filter((p) => p === rowPages[0]).length;
      });
      const rows = (i: number) => candidates[i]?.programmes.length ?? 0;
      // One row less than the page holds (the last may run over), leaving two or more for the next page.
      const order = [...candidates.keys()].map((i) => (i + preferred) % candidates.length);
      const broken = order.find((i) => (fits[i] as number) >= 4 && rows(i) - ((fits[i] as number) - 1) >= 2);
      if (broken !== undefined) {
        applySplit(spec, content, candidates[broken] as SplitPlan, (fits[broken] as number) - 1);
        continue;
      }
      const plan = candidates[preferred] as SplitPlan;
      const onPage = fits[preferred] as number;
      const caption = content.blocks[plan.block - 1];
      if (onPage < 4 && measure === 1 && caption?.kind === 'caption') {
        // Too little room left at the foot of the page: the table goes to the next page, as a user would move it.
        caption.pageBreakBefore = true;
        continue;
      }
      // None breaks by itself: the preferred one is cut in the middle, or after what its page holds.
      if (rows(preferred) < 4) throw new Error(`${spec.id}: programme table ${preferred + 1} is too short to cut`);
      applySplit(spec, content, plan, Math.min(onPage - 1, Math.ceil(rows(preferred) / 2)));
    }
    // The contents need page numbers, which only the conversion gives: convert until they hold still.
    for (let pass = 1; ; pass++) {
      const { toc, tableList } = labels(content, located);
      writeFileSync(
        docxPath,
        await buildDocx({
          spec,
          title: content.title,
          runningHeader: content.runningHeader,
          blocks: content.blocks,
          toc,
          tableList,
          date: content.date,
        }),
      );
      pdf = await convertToPdf(docxPath, work, slot);
      pages = await pageTexts(pdf);
      const found = locate(content, pages);
      const before = JSON.stringify(labels(content, located));
      located = found;
      if (JSON.stringify(labels(content, found)) === before) break;
      if (pass >= 4) throw new Error(`${spec.id}: page numbers of the contents do not settle`);
    }
    const count = await pageCount(pdf);
    if (count !== pages.length) throw new Error(`${spec.id}: pdfinfo says ${count} pages, pdftotext ${pages.length}`);
    const where = located as Located;

    // Nothing of a left-out sub-dimension may show anywhere.
    const hit = forbiddenIn(pages.join('\n'), content.forbidden);
    if (hit) throw new Error(`${spec.id}: "${hit}" occurs though its sub-dimension is left out`);

    const chapter = (roman: string) => {
      const heading = content.headings.find((h) => !h.front && h.text.startsWith(`BAB ${roman} `));
      const page = heading && where.headings.get(heading.text);
      if (!page) throw new Error(`${spec.id}: no BAB ${roman}`);
      return page;
    };
    const place = (items: { truth: Omit<TruthItem, 'page'> }[], from: number, until: number, what: string): TruthItem[] => {
      let cursor = from;
      return items.map(({ truth }) => {
        const page = findPage(pages, truth.name, cursor);
        if (!page || page >= until) throw new Error(`${spec.id}: ${what} "${truth.name}" not found between pages ${cursor} and ${until}`);
        cursor = page;
        return { ...truth, page };
      });
    };
    const programmes = place(content.programmes, chapter('V'), chapter('VI'), 'programme');
    const quickWins = place(content.quickWins, chapter('VI'), chapter('VII'), 'quick win');
    // A table cut in two: the first half ends its page, "(lanjutan)" and the second half start the next.
    if (content.cut) {
      const pageOf = (name: string) => programmes.find((item) => item.name === name)?.page;
      const page = pageOf(content.cut.first[0] as string) as number;
      if (content.cut.first.some((name) => pageOf(name) !== page) || pageOf(content.cut.second[0] as string) !== page + 1)
        throw new Error(`${spec.id}: the halves of the table cut in two are not on pages ${page} and ${page + 1}`);
      if (content.cut.landscape) {
        // Portrait, then the rest in landscape on the very next page (no blank page between).
        const sizes = await pageSizes(pdf);
        const wide = (p: number) => (sizes[p - 1]?.width ?? 0) > (sizes[p - 1]?.height ?? 0);
        if (wide(page) || !wide(page + 1))
          throw new Error(`${spec.id}: the table turned to landscape is not portrait on page ${page} and landscape on page ${page + 1}`);
      } else {
        const continued = content.tables.find((table) => table.listed === false) as TableInfo;
        if (where.starts.get(continued.caption) !== page + 1)
          throw new Error(`${spec.id}: the "(lanjutan)" caption is not on page ${page + 1}`);
      }
    }
    // No word of a cell may be broken in the middle by a column too narrow: the truth is the cell's text.
    // A footnote mark shows after the agency; two budget columns show their cells side by side.
    const marks = new Map(content.programmes.map((programme, i) => [programmes[i], programme.mark ?? '']));
    for (const item of [...programmes, ...quickWins]) {
      const shown = wordsOn(pages, item.page);
      const broken = [item.name, item.agency + (marks.get(item) ?? ''), item.budgetText.replace(' | ', ' '), item.innovation ?? '']
        .flatMap((text) => text.split(/\s+/))
        .filter((word) => word && !shown.has(word));
      if (broken.length)
        throw new Error(
          `${spec.id}: in the row of "${item.name}" (page ${item.page}) these words are broken or missing: ${broken.join(' ')}`,
        );
    }

    const forewordHeading = content.headings.find((h) => h.front && h.text.startsWith('KATA SAMBUTAN'));
    const forewordPage = forewordHeading && where.headings.get(forewordHeading.text);
    const decreePage = findPage(pages, content.probes.decree, where.frontPages + 1);
    if (!forewordPage || !decreePage) throw new Error(`${spec.id}: foreword or decree not found`);
    if (!/MEMUTUSKAN/.test(pages[decreePage - 1] ?? '') || !/KELIMA/.test(pages[decreePage - 1] ?? ''))
      throw new Error(`${spec.id}: the decree does not fit on page ${decreePage}`);
    const forewordWords = tokens(pages[forewordPage - 1] ?? '');
    if (!forewordWords.includes(content.area.short.toLowerCase().split(' ')[0] as string))
      throw new Error(`${spec.id}: foreword page ${forewordPage} looks wrong`);

    const truth: Truth = truthSchema.parse({
      id: spec.id,
      title: content.title,
      regency: { code: content.area.code, name: content.area.name },
      source: 'docx→LibreOffice Writer→pdf',
      styles: content.styles,
      pageCount: count,
      frontPages: where.frontPages,
      programmes,
      quickWins,
      tables: content.tables.map(({ kind, caption, header, rows }) => ({
        kind,
        caption,
        header,
        rows,
        page: where.starts.get(caption) as number,
      })),
      scannedPages: [],
      coverage: content.coverage,
    } satisfies Truth);
    copyFileSync(docxPath, join(outDir, `${spec.id}.docx`));
    copyFileSync(pdf, join(outDir, `${spec.id}.pdf`));
    writeFileSync(join(outDir, `${spec.id}.truth.json`), `${JSON.stringify(truth, null, 2)}\n`);
    const summaries: Summary[] = [
      { id: spec.id, pages: count, programmes: programmes.length, quickWins: quickWins.length, styles: truth.styles },
    ];

    if (spec.scan) {
      const scanned: Truth['scannedPages'] = [];
      // Candidate words as the page writes them (case included), those it has.
      const pick = (page: number, candidates: string[]) => {
        const written = (pages[page - 1] ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
        const words = [
          ...new Set(
            candidates
              .map((word) => written.find((w) => w === word) ?? written.find((w) => w.toLowerCase() === word.toLowerCase()))
              .filter((word): word is string => Boolean(word)),
          ),
        ];
        if (words.length === 0) throw new Error(`${spec.id}: no probe words on page ${page}`);
        return words;
      };
      for (const what of spec.scan) {
        if (what === 'foreword')
          scanned.push({
            page: forewordPage,
            what,
            words: pick(forewordPage, [
              'KATA',
              'SAMBUTAN',
              ...content.area.short.toUpperCase().split(' '),
              'Tuhan',
              'masterplan',
              'Smart',
              'City',
            ]),
          });
        if (what === 'decree')
          scanned.push({
            page: decreePage,
            what,
            words: pick(decreePage, [
              'KEPUTUSAN',
              'TENTANG',
              'PEMBENTUKAN',
              'DEWAN',
              'SMART',
              'CITY',
              'Menimbang',
              'Mengingat',
              'MEMUTUSKAN',
              spec.seat,
            ]),
          });
        if (what === 'programme_table') {
          // The page where most programme rows start, not the first of the chapter.
          const starts = new Map<number, TruthItem[]>();
          for (const item of programmes) starts.set(item.page, [...(starts.get(item.page) ?? []), item]);
          const [page, items] =
            [...starts].filter(([p]) => p > chapter('V')).sort((a, b) => b[1].length - a[1].length || b[0] - a[0])[0] ?? [];
          if (!page || !items) throw new Error(`${spec.id}: no programme table page`);
          const words = items.flatMap((item) => item.name.split(' ')).filter((word) => word.length >= 6 && /^\p{L}+$/u.test(word));
          scanned.push({ page, what, words: pick(page, [...new Set(words)].slice(0, 8)) });
        }
      }
      scanned.sort((a, b) => a.page - b.page);
      const scanPath = join(outDir, `${spec.id}-scan.pdf`);
      await makeScannedVariant(
        join(outDir, `${spec.id}.pdf`),
        scanned.map(({ page, what }) => ({
          page,
          rough: what === 'programme_table',
          ...(spec.scanner && what === 'programme_table' ? spec.scanner : {}),
        })),
        scanPath,
        new Rng(`${spec.seed ?? spec.id}-scan`),
      );
      const scanPages = await pageTexts(scanPath);
      if (scanPages.length !== count) throw new Error(`${spec.id}-scan: ${scanPages.length} pages, not ${count}`);
      for (const { page } of scanned)
        if ((scanPages[page - 1] ?? '').trim() !== '') throw new Error(`${spec.id}-scan: page ${page} still has text`);
      const onScan = new Set(scanned.map(({ page }) => page));
      const mark = (items: TruthItem[]) => items.map((item) => (onScan.has(item.page) ? { ...item, scanned: true as const } : item));
      const scanTruth = truthSchema.parse({
        ...truth,
        id: `${spec.id}-scan`,
        source: 'docx→LibreOffice Writer→pdf+scanned pages',
        styles: [...truth.styles, 'scanned-pages'],
        programmes: mark(truth.programmes),
        quickWins: mark(truth.quickWins),
        scannedPages: scanned,
      } satisfies Truth);
      writeFileSync(join(outDir, `${spec.id}-scan.truth.json`), `${JSON.stringify(scanTruth, null, 2)}\n`);
      summaries.push({
        id: `${spec.id}-scan`,
        pages: count,
        programmes: programmes.length,
        quickWins: quickWins.length,
        styles: scanTruth.styles,
        scanned: scanned.map(({ page }) => page),
      });
    }
    return summaries;
  } finally {
    if (process.env.CORPUS_KEEP) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

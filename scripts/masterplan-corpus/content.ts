import { budgetSummaryTable, indicatorTable, populationTable, regulationTable, roadmapTable, swotTable } from './distractors.ts';
import { cover, decree, documentDate, foreword, people, preface } from './frontmatter.ts';
import { makeProgrammes, makeQuickWins, type Programme, type QuickWin } from './inventory.ts';
import { forbiddenIn, keywordsOf } from './lexicon.ts';
import type { Block, BodyCell, HeaderCell, RowModel, TableModel } from './model.ts';
import { Rng } from './prng.ts';
import { Prose, type ProseContext } from './prose.ts';
import { region, type Region } from './regions.ts';
import type { ColumnKey, DocSpec } from './specs.ts';
import { SUB_DIMENSION_CODES, type SubDimensionCode, type TABLE_KINDS, type TableStyle } from './truth.ts';
import { AGENCIES, DIMENSIONS, REGULATIONS, type DimensionVocabulary } from './vocabulary.ts';

/** One masterplan's content: chapters BAB I–VII as blocks, with its programmes, quick wins and tables. */

export interface TableInfo {
  kind: (typeof TABLE_KINDS)[number];
  caption: string;
  header: string[];
  rows: number;
  /** Caption below the table: text of its first row, to find the page where the table starts. */
  probe?: string;
  /** False for a "(lanjutan)" caption, which the list of tables leaves out. */
  listed?: boolean;
}

/** A programme table that may be cut in two once its pages are known (see applySplit). */
export interface SplitPlan {
  /** Index of the table's block in `blocks`, and of its entry in `tables`. */
  block: number;
  table: number;
  programmes: Programme[];
}

export interface Content {
  title: string;
  runningHeader: string;
  area: Region;
  /** ISO date of the document. */
  date: string;
  blocks: Block[];
  programmes: Programme[];
  quickWins: QuickWin[];
  tables: TableInfo[];
  /** Headings in order: front-matter titles first (front: true). */
  headings: { text: string; level: 1 | 2 | 3; front: boolean }[];
  /** Texts that find the foreword and the decree in the PDF. */
  probes: { foreword: string; decree: string };
  coverage: { thinDimensions: DimensionVocabulary['code'][]; missingSubDimensions: SubDimensionCode[] };
  styles: TableStyle[];
  /** Keywords that must not occur in the document (of the sub-dimensions it leaves out). */
  forbidden: string[][];
  /** The programme tables of BAB V, and which one to cut when none breaks across pages by itself. */
  split?: { candidates: SplitPlan[]; preferred: number };
  /** Programme names of the two halves, once cut; `landscape` when the second half is in a landscape section. */
  cut?: { first: string[]; second: string[]; landscape?: boolean };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
/** The note under a table whose agency cell carries the mark "1". */
const FOOTNOTE = '¹ Diskominfo selaku koordinator integrasi aplikasi dan interoperabilitas data.';

export function buildContent(spec: DocSpec): Content {
  const rng = new Rng(spec.seed ?? spec.id);
  const area = region(spec.regencyCode);
  const who = people(rng.fork('people'), area);
  const date = documentDate(spec, rng.fork('date'));
  const missing = spec.thin
    ? SUB_DIMENSION_CODES.filter((code) => code.startsWith(`${spec.thin?.dimension}.`) && code !== spec.thin?.keep)
    : [];
  const forbidden = keywordsOf(missing);
  const allowed = (text: string) => forbiddenIn(text, forbidden) === null;
  const subIncluded = (code: string) => !missing.includes(code as SubDimensionCode);
  const base: ProseContext = { regency: area.name, short: area.short, head: who.head, year: spec.planStart - 1 };
  const prose = new Prose(rng.fork('prose'), base, allowed);
  // Other tables share the programme tables' look, except one-line headers.
  const look = { ...spec.tables.look, headerOneLine: false };
  const scale = (n: number) => Math.max(1, Math.round(n * spec.prose));

  const programmes = makeProgrammes(rng.fork('programmes'), spec, area.name, allowed);
  const quickWins = makeQuickWins(rng.fork('quick-wins'), spec, programmes);

  const blocks: Block[] = [];
  const headings: Content['headings'] = [];
  const tables: TableInfo[] = [];
  let chapter = 0;
  let section = 0;
  let subsection = 0;
  let tableNumber = 0;
  const para = (text: string, extra: Partial<Extract<Block, { kind: 'para' }>> = {}) =>
    text && blocks.push({ kind: 'para', text, firstLine: spec.lineSpacing > 1, ...extra });
  const paragraphs = (count: number, pools: Parameters<Prose['paragraph']>[0], context?: ProseContext) => {
    for (let i = 0; i < count; i++) para(prose.paragraph(pools, 3, 6, context));
  };
  const chapterHeading = (title: string, options: { pageBreak?: boolean } = {}) => {
    chapter++;
    section = 0;
    const lines = spec.chapterHeading === 'two-line' ? [`BAB ${ROMAN[chapter - 1]}`, title] : [`BAB ${ROMAN[chapter - 1]} ${title}`];
    blocks.push({ kind: 'heading', level: 1, lines, pageBreakBefore: options.pageBreak ?? true });
    headings.push({ text: lines.join(' '), level: 1, front: false });
  };
  const sectionHeading = (title: string) => {
    section++;
    subsection = 0;
    const text = `${chapter}.${section} ${title}`;
    blocks.push({ kind: 'heading', level: 2, lines: [text] });
    headings.push({ text, level: 2, front: false });
  };
  const subsectionHeading = (title: string) => {
    subsection++;
    const text = `${chapter}.${section}.${subsection} ${title}`;
    blocks.push({ kind: 'heading', level: 3, lines: [text] });
    headings.push({ text, level: 3, front: false });
  };
  const table = (kind: TableInfo['kind'], title: string, raw: TableModel, source?: string) => {
    tableNumber++;
    const caption = `Tabel ${chapter}.${tableNumber} ${title}`;
    const model = dressed(raw);
    if (spec.captionsBelow) blocks.push({ kind: 'table', table: model }, { kind: 'caption', text: caption, below: true });
    else blocks.push({ kind: 'caption', text: caption }, { kind: 'table', table: model });
    if (spec.sourceLines) {
      // Right under the table, small: the footnote of a marked cell, then where the figures come from.
      const marked = model.rows.some((row) => 'cells' in row && row.cells.some((cell) => cell.mark));
      const notes = [
        ...(marked ? [{ text: FOOTNOTE, italic: false }] : []),
        { text: source ?? `Sumber: Bappeda ${area.name}, ${spec.planStart - 1}`, italic: true },
      ];
      notes.forEach((note, i) =>
        blocks.push({
          kind: 'para',
          text: note.text,
          italic: note.italic,
          size: 8,
          align: 'left',
          firstLine: false,
          note: true,
          line: 1,
          spaceBefore: i === 0 ? 40 : 0,
          spaceAfter: i === notes.length - 1 ? 200 : 0,
        }),
      );
    } else if (source) para(source, { italic: true, size: Math.max(8, look.size - 1), align: 'left', firstLine: false });
    const header = headerTexts(model);
    tables.push({
      kind,
      caption,
      header,
      rows: model.rows.filter((row) => 'cells' in row).length,
      ...(spec.captionsBelow ? { probe: firstRowProbe(model) } : {}),
    });
  };
  const candidates: SplitPlan[] = [];
  const programmeTableOf = (title: string, own: Programme[]) => {
    if (spec.tables.split) candidates.push({ block: blocks.length + (spec.captionsBelow ? 0 : 1), table: tables.length, programmes: own });
    if (spec.footnote) {
      // The first row of the table led by Diskominfo alone carries the mark.
      const led = own.find((programme) => (AGENCIES.diskominfo as readonly string[]).includes(programme.truth.agency));
      if (led) led.mark = '1';
    }
    table('programme', title, programmeTable(spec, own));
  };
  const resetTables = () => (tableNumber = 0);

  // Front matter.
  blocks.push({ kind: 'section', part: 'front', orientation: 'portrait' }, ...cover(area, spec));
  const forewordBlocks = foreword(rng.fork('foreword'), prose, area, who, spec.seat, date.text);
  blocks.push(...forewordBlocks);
  headings.push({ text: `KATA SAMBUTAN ${who.head.toUpperCase()} ${area.short.toUpperCase()}`, level: 1, front: true });
  blocks.push(...preface(rng.fork('preface'), prose, area, who, spec.seat, date.text));
  headings.push({ text: 'KATA PENGANTAR', level: 1, front: true });
  blocks.push({ kind: 'heading', level: 1, lines: ['DAFTAR ISI'], pageBreakBefore: true }, { kind: 'toc' });
  headings.push({ text: 'DAFTAR ISI', level: 1, front: true });
  blocks.push({ kind: 'heading', level: 1, lines: ['DAFTAR TABEL'], pageBreakBefore: true }, { kind: 'tableList' });
  headings.push({ text: 'DAFTAR TABEL', level: 1, front: true });
  blocks.push({ kind: 'section', part: 'body', orientation: 'portrait' });
  const decreeDoc = decree(rng.fork('decree'), area, who, spec.seat, date.text);

  // BAB I
  resetTables();
  chapterHeading('PENDAHULUAN', { pageBreak: false });
  sectionHeading('Latar Belakang');
  paragraphs(scale(4), ['background']);
  sectionHeading('Maksud dan Tujuan');
  paragraphs(scale(2), ['purpose']);
  sectionHeading('Ruang Lingkup');
  paragraphs(scale(1.5), ['scope']);
  sectionHeading('Landasan Hukum');
  para(`Penyusunan Masterplan Smart City ${area.name} berpedoman pada peraturan perundang-undangan sebagai berikut:`);
  blocks.push({
    kind: 'list',
    format: 'decimal',
    items: [
      ...rng.sample(REGULATIONS, rng.int(6, 10)),
      `Peraturan Daerah ${area.name} Nomor ${rng.int(2, 12)} Tahun ${spec.planStart - rng.int(3, 4)} tentang Rencana Pembangunan Jangka Menengah Daerah`,
    ],
  });
  sectionHeading('Dewan Smart City');
  paragraphs(scale(1.5), ['council']);
  if (spec.decree === 'chapter-1') blocks.push(...decreeDoc.blocks);
  sectionHeading('Sistematika Penulisan');
  para('Masterplan ini disusun dengan sistematika sebagai berikut:');
  blocks.push({
    kind: 'list',
    format: 'bullet',
    items: [
      'BAB I Pendahuluan, berisi latar belakang, maksud dan tujuan, ruang lingkup, landasan hukum dan kelembagaan.',
      `BAB II Gambaran Umum Daerah, berisi kondisi geografis, kependudukan, perekonomian dan teknologi informasi ${area.name}.`,
      'BAB III Analisis Strategis, berisi analisis kesiapan struktur, infrastruktur dan suprastruktur serta analisis SWOT setiap dimensi.',
      'BAB IV Visi, Misi dan Sasaran, berisi visi dan misi kota cerdas beserta tujuan, sasaran dan indikatornya.',
      'BAB V Strategi dan Program, berisi strategi dan program pada setiap dimensi.',
      'BAB VI Quick Win, berisi program yang dapat segera dilaksanakan.',
      'BAB VII Peta Jalan, Monitoring dan Evaluasi, berisi tahapan pelaksanaan, rencana anggaran dan mekanisme pemantauan.',
    ],
  });

  // BAB II
  resetTables();
  chapterHeading('GAMBARAN UMUM DAERAH');
  sectionHeading('Kondisi Geografis');
  paragraphs(scale(2), ['geography']);
  table(
    'population',
    `Luas Wilayah dan Jumlah Penduduk per Kecamatan di ${area.name}`,
    populationTable(rng.fork('population'), area, look),
    `Sumber: BPS ${area.name}, ${spec.planStart - 1}`,
  );
  sectionHeading('Kependudukan');
  paragraphs(scale(1.5), ['demography']);
  sectionHeading('Kondisi Perekonomian');
  paragraphs(scale(2), ['economy']);
  sectionHeading('Kondisi Teknologi Informasi dan Komunikasi');
  paragraphs(scale(2), ['ict']);

  // BAB III
  resetTables();
  chapterHeading('ANALISIS STRATEGIS');
  sectionHeading('Analisis Kesiapan Daerah');
  para(`Analisis kesiapan ${area.name} dilakukan terhadap tiga unsur, yaitu struktur, infrastruktur dan suprastruktur.`);
  subsectionHeading('Kesiapan Struktur');
  paragraphs(scale(2), ['structure']);
  subsectionHeading('Kesiapan Infrastruktur');
  paragraphs(scale(2), ['infrastructure']);
  subsectionHeading('Kesiapan Suprastruktur');
  paragraphs(scale(1.5), ['suprastructure']);
  if (rng.chance(0.5)) table('regulation', `Status Regulasi Pendukung Smart City`, regulationTable(who.head, area.short, look, allowed));
  sectionHeading('Analisis SWOT');
  para('Analisis SWOT dilakukan pada setiap dimensi untuk mengenali kekuatan, kelemahan, peluang dan ancaman yang dihadapi daerah.');
  const swotLayout = rng.chance(0.35) ? 'grid' : 'columns';
  for (const dimension of DIMENSIONS) {
    if (dimension.code === spec.thin?.dimension) continue;
    subsectionHeading(dimension.name);
    for (const sub of dimension.subs) paragraphs(scale(0.8), ['sub'], { ...base, sub, dimension: dimension.name, subName: sub.names[0] });
    table('swot', `Analisis SWOT ${dimension.name}`, swotTable(prose, dimension.subs, swotLayout, look, base));
  }

  // BAB IV
  resetTables();
  chapterHeading('VISI, MISI DAN SASARAN');
  sectionHeading('Visi');
  paragraphs(1, ['vision']);
  para(
    `“Terwujudnya ${area.name} yang ${rng.pick(['Cerdas, Berdaya Saing dan Sejahtera', 'Maju, Inovatif dan Berkelanjutan', 'Cerdas, Melayani dan Berbudaya', 'Digital, Inklusif dan Sejahtera'])} melalui ${rng.pick(['Tata Kelola Digital', 'Transformasi Digital', 'Kolaborasi dan Inovasi'])}”`,
    { align: 'center', bold: true, italic: true, firstLine: false },
  );
  sectionHeading('Misi');
  blocks.push({
    kind: 'list',
    format: 'decimal',
    items: rng.sample(
      [
        'Mewujudkan tata kelola pemerintahan yang efektif, transparan dan akuntabel berbasis teknologi informasi.',
        'Meningkatkan kualitas pelayanan publik yang cepat, mudah dan terjangkau.',
        'Mengembangkan ekonomi daerah yang berdaya saing melalui pemanfaatan teknologi digital.',
        'Meningkatkan kualitas hidup masyarakat melalui layanan dasar yang merata.',
        'Membangun masyarakat yang cerdas, berbudaya dan berdaya.',
        'Memperkuat citra daerah sebagai tujuan wisata dan investasi.',
        'Mewujudkan lingkungan hidup yang bersih, sehat dan lestari.',
      ].filter(allowed),
      5,
    ),
  });
  sectionHeading('Tujuan dan Sasaran');
  for (const dimension of DIMENSIONS) {
    if (dimension.code === spec.thin?.dimension) {
      para(
        `Sasaran ${dimension.name} dalam periode ini dibatasi pada ${dimension.subs.find((sub) => sub.code === spec.thin?.keep)?.names[0]?.toLowerCase()}.`,
      );
      continue;
    }
    const gist = allowed(dimension.gist) ? dimension.gist : 'layanan yang lebih baik bagi warga';
    para(
      `Tujuan ${dimension.name} adalah mewujudkan ${gist}. ${prose.paragraph(['sub'], 1, 2, { ...base, sub: rng.pick(dimension.subs) })}`,
    );
  }
  table(
    'indicator',
    'Indikator dan Target Kinerja Smart City',
    indicatorTable(spec.planStart, { ...look, size: Math.min(look.size, 10) }, subIncluded, allowed),
  );

  // BAB V
  resetTables();
  if (spec.landscape) blocks.push({ kind: 'section', part: 'body', orientation: 'landscape' });
  chapterHeading('STRATEGI DAN PROGRAM', { pageBreak: !spec.landscape });
  const tablesSpec = spec.tables;
  if (!spec.priorityChapter) {
    sectionHeading('Strategi Umum');
    paragraphs(scale(2), ['strategy']);
  } else {
    // No dimension above the table: one list of priority programmes that names only the element.
    if (tablesSpec.grouping !== 'single') throw new Error(`${spec.id}: a priority chapter has a single table`);
    sectionHeading('Program Prioritas');
    paragraphs(scale(1.5), ['strategy']);
    para(
      `Program prioritas kota cerdas ${area.name} beserta elemen, inovasi dan perangkat daerah pelaksananya disajikan pada tabel berikut.`,
      { keepNext: true },
    );
    programmeTableOf(`Program Prioritas Smart City ${area.name} ${spec.planStart}–${spec.planStart + 4}`, programmes);
    sectionHeading('Strategi Pelaksanaan');
    paragraphs(scale(1.5), ['strategy']);
    for (const dimension of DIMENSIONS) {
      if (dimension.code === spec.thin?.dimension) continue;
      para(
        `Pelaksanaan program ${dimension.name} diarahkan untuk mewujudkan ${dimension.gist}. ${prose.paragraph(['sub'], 2, 4, { ...base, sub: rng.pick(dimension.subs) })}`,
      );
    }
  }
  for (const dimension of spec.priorityChapter ? [] : DIMENSIONS) {
    const own = programmes.filter((programme) => programme.truth.dimension === dimension.code);
    sectionHeading(dimension.name);
    const thin = dimension.code === spec.thin?.dimension;
    if (thin) {
      const sub = dimension.subs.find((s) => s.code === spec.thin?.keep);
      para(prose.paragraph(['sub'], 2, 3, { ...base, sub }));
      if (tablesSpec.grouping !== 'single') programmeTableOf(`Program ${dimension.name}`, own);
      continue;
    }
    para(`${dimension.name} bertujuan mewujudkan ${dimension.gist}. ${prose.paragraph(['strategy'], 1, 1)}`);
    for (const sub of dimension.subs) {
      const subProgrammes = own.filter((programme) => programme.truth.subDimension === sub.code);
      subsectionHeading(sub.names[0] as string);
      paragraphs(scale(1.3), ['sub'], { ...base, sub, dimension: dimension.name, subName: sub.names[0] });
      if (tablesSpec.grouping === 'sub') {
        para(`Program dan inovasi pada subdimensi ${(sub.names[0] as string).toLowerCase()} disajikan pada tabel berikut.`, {
          keepNext: true,
        });
        programmeTableOf(`Program ${dimension.name} Subdimensi ${sub.names[0]}`, subProgrammes);
      }
    }
    if (tablesSpec.grouping === 'dimension') {
      para(`Program dan inovasi ${dimension.name} disajikan pada tabel berikut.`, { keepNext: true });
      programmeTableOf(`Program dan Inovasi ${dimension.name}`, own);
    }
  }
  if (tablesSpec.grouping === 'single' && !spec.priorityChapter) {
    sectionHeading('Matriks Program Smart City');
    para(`Seluruh program dan inovasi kota cerdas ${area.name} dirangkum dalam matriks berikut.`, { keepNext: true });
    programmeTableOf(`Matriks Program Smart City ${area.name} ${spec.planStart}–${spec.planStart + 4}`, programmes);
  }
  if (spec.landscape) blocks.push({ kind: 'section', part: 'body', orientation: 'portrait' });
  const split = spec.tables.split ? { candidates, preferred: spec.tables.split.table - 1 } : undefined;
  if (split && !candidates[split.preferred]) throw new Error(`${spec.id}: no programme table ${split.preferred + 1} to split`);
  if (spec.tables.split && spec.captionsBelow) throw new Error(`${spec.id}: a "(lanjutan)" caption stands above its table`);

  // BAB VI
  resetTables();
  chapterHeading('QUICK WIN', { pageBreak: !spec.landscape });
  sectionHeading('Kriteria Quick Win');
  paragraphs(scale(1.5), ['quickWin']);
  sectionHeading('Daftar Quick Win');
  if (spec.quickWinTable.list) {
    // Not a table: a numbered list, one paragraph per quick win.
    para(`Berdasarkan kriteria tersebut, ditetapkan ${quickWins.length} quick win sebagai berikut:`, { keepNext: true });
    blocks.push({
      kind: 'list',
      format: 'decimal',
      items: quickWins.map(
        (quickWin) => `Quick Win: ${quickWin.cells.name} — OPD: ${quickWin.truth.agency} — Tahun ${quickWin.cells.year}`,
      ),
    });
    para(
      `Pelaksanaan quick win tersebut dilaporkan oleh perangkat daerah penanggung jawab kepada Dewan Smart City ${area.name} setiap triwulan.`,
    );
  } else {
    para(`Berdasarkan kriteria tersebut, ditetapkan ${quickWins.length} quick win sebagaimana tabel berikut.`, { keepNext: true });
    table('quick_win', `Daftar Quick Win Smart City ${area.name}`, quickWinTable(spec, quickWins));
  }

  // BAB VII
  resetTables();
  chapterHeading('PETA JALAN, MONITORING DAN EVALUASI');
  sectionHeading('Peta Jalan');
  paragraphs(scale(1.5), ['roadmap']);
  table(
    'roadmap',
    `Peta Jalan Program Smart City ${spec.planStart}–${spec.planStart + 4}`,
    roadmapTable(rng.fork('roadmap'), programmes, spec.planStart, look),
  );
  sectionHeading('Rencana Anggaran');
  para('Rekapitulasi perkiraan kebutuhan anggaran program kota cerdas per dimensi dan per tahun disajikan pada tabel berikut.', {
    keepNext: true,
  });
  table('budget_summary', 'Rekapitulasi Anggaran per Dimensi dan Tahun (Rp juta)', budgetSummaryTable(programmes, spec.planStart, look));
  sectionHeading('Monitoring dan Evaluasi');
  paragraphs(scale(2), ['monitoring']);
  sectionHeading('Penutup');
  paragraphs(1, ['closing']);

  if (spec.decree === 'annex') {
    blocks.push({ kind: 'heading', level: 1, lines: ['LAMPIRAN'], pageBreakBefore: true });
    headings.push({ text: 'LAMPIRAN', level: 1, front: false });
    para(
      `Keputusan ${who.head} ${area.short} Nomor ${decreeDoc.number} tentang Pembentukan Dewan Smart City dan Tim Pelaksana Smart City ${area.name}.`,
    );
    blocks.push(...decreeDoc.blocks.slice(0, -1));
  }

  const coverage = { thinDimensions: spec.thin ? [spec.thin.dimension] : [], missingSubDimensions: missing };
  const styles = deriveStyles(spec);
  const title = `Masterplan Smart City ${area.name}`;
  return {
    title,
    runningHeader: `${title} ${spec.planStart}–${spec.planStart + 4}`,
    area,
    date: `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}T09:00:00Z`,
    blocks,
    programmes,
    quickWins,
    tables,
    headings,
    probes: { foreword: forewordProbe(forewordBlocks), decree: `NOMOR ${decreeDoc.number}` },
    coverage,
    styles,
    forbidden,
    ...(split ? { split } : {}),
  };
}

/** Header in capitals when the look asks for it. */
function dressed(model: TableModel): TableModel {
  if (!model.look.headerCaps) return model;
  return { ...model, header: model.header.map((row) => row.map((cell) => ({ ...cell, text: cell.text.toUpperCase() }))) };
}

/** The longest cell of the first body row (first words): found on the page where the table starts. */
function firstRowProbe(model: TableModel): string {
  const row = model.rows.find((r): r is { cells: BodyCell[] } => 'cells' in r);
  const longest = (row?.cells ?? []).map((cell) => cell.text.replace(/[\n\v]/g, ' ')).sort((a, b) => b.length - a.length)[0];
  if (!longest) throw new Error('a table without body rows');
  return longest.split(/\s+/).slice(0, 8).join(' ');
}

/**
 * Cuts the planned programme table after its first `keep` rows: the first half stays, the rest
 * becomes a new table (numbering continued, column widths a little changed, as when a header is
 * made again by hand) after a page break, under "Tabel 5.n (lanjutan)".
 */
export function applySplit(spec: DocSpec, content: Content, plan: SplitPlan, keep: number): void {
  const info = content.tables[plan.table];
  const block = content.blocks[plan.block];
  if (!info || block?.kind !== 'table') throw new Error(`${spec.id}: the split table is not where it was planned`);
  const first = plan.programmes.slice(0, keep);
  const second = plan.programmes.slice(keep);
  if (first.length < 2 || second.length < 2) throw new Error(`${spec.id}: cannot cut ${plan.programmes.length} rows after ${keep}`);
  const firstModel = dressed(programmeTable(spec, first));
  if (spec.tables.split?.landscape) {
    // The rest of the table in a landscape section, under the same header; its notes stay under
    // it, and the document turns back to portrait after them. Still one table (as one broken
    // across pages with a repeated header): `tables` keeps one entry.
    let after = plan.block + 1;
    for (let next = content.blocks[after]; next?.kind === 'para' && next.note; next = content.blocks[after]) after++;
    content.blocks.splice(after, 0, { kind: 'section', part: 'body', orientation: 'portrait' });
    content.blocks.splice(
      plan.block,
      1,
      { kind: 'table', table: firstModel },
      { kind: 'section', part: 'body', orientation: 'landscape', midTable: true },
      { kind: 'table', table: dressed(programmeTable(spec, second, keep)) },
    );
    delete content.split;
    content.cut = { first: first.map((p) => p.truth.name), second: second.map((p) => p.truth.name), landscape: true };
    return;
  }
  const rng = new Rng(`${spec.seed ?? spec.id}-split`);
  const secondRaw = programmeTable(spec, second, keep);
  const secondModel = dressed({ ...secondRaw, widths: secondRaw.widths.map((width) => width * (0.85 + rng.next() * 0.3)) });
  const caption = `${info.caption.split(' ').slice(0, 2).join(' ')} (lanjutan)`;
  content.blocks.splice(
    plan.block,
    1,
    { kind: 'table', table: firstModel },
    { kind: 'caption', text: caption, pageBreakBefore: true },
    { kind: 'table', table: secondModel },
  );
  const rows = (model: TableModel) => model.rows.filter((row) => 'cells' in row).length;
  content.tables.splice(
    plan.table,
    1,
    { ...info, rows: rows(firstModel) },
    { kind: 'programme', caption, header: headerTexts(secondModel), rows: rows(secondModel), listed: false },
  );
  delete content.split;
  content.cut = { first: first.map((p) => p.truth.name), second: second.map((p) => p.truth.name) };
}

function forewordProbe(blocks: Block[]): string {
  const first = blocks.find((block) => block.kind === 'para');
  if (!first || first.kind !== 'para') throw new Error('foreword without text');
  return first.text.split(' ').slice(0, 8).join(' ');
}

function headerTexts(model: TableModel): string[] {
  const [top, second] = model.header;
  if (!second) return (top ?? []).map((cell) => cell.text.replace(/\n/g, ' '));
  // Two rows: a grouped cell gives "Group Sub" for each of its columns.
  const out: string[] = [];
  const subs = [...second];
  for (const cell of top ?? []) {
    if ((cell.rowSpan ?? 1) > 1) out.push(cell.text);
    else
      for (let i = 0; i < (cell.colSpan ?? 1); i++) {
        const sub = subs.shift();
        out.push(`${cell.text} ${sub?.text ?? ''}`.trim());
      }
  }
  return out;
}

const ALIGNMENT: Partial<Record<ColumnKey, BodyCell['align']>> = {
  no: 'center',
  hShort: 'center',
  hMedium: 'center',
  hLong: 'center',
  start: 'center',
  end: 'center',
  year: 'center',
  code: 'center',
  y1: 'center',
  y2: 'center',
  y3: 'center',
  y4: 'center',
  y5: 'center',
};
const YEAR_TICKS: ColumnKey[] = ['y1', 'y2', 'y3', 'y4', 'y5'];

/** `numberFrom`: rows already numbered in an earlier part of the same table. */
export function programmeTable(spec: DocSpec, programmes: Programme[], numberFrom = 0): TableModel {
  const t = spec.tables;
  const columns = t.columns;
  const grouped =
    t.horizon === 'checkmarks'
      ? (['hShort', 'hMedium', 'hLong'] as ColumnKey[])
      : t.horizon === 'start-end'
        ? (['start', 'end'] as ColumnKey[])
        : t.horizon === 'year-ticks'
          ? YEAR_TICKS
          : [];
  const twoRows = grouped.length > 0 || Boolean(t.budgetSubHeader) || Boolean(t.budgetSplit);
  const header: HeaderCell[][] = [];
  if (!twoRows) header.push(columns.map((key) => ({ text: t.headers[key] ?? key })));
  else {
    const top: HeaderCell[] = [];
    const second: HeaderCell[] = [];
    for (const key of columns) {
      if (grouped.includes(key)) {
        if (key === grouped[0])
          top.push({
            text: t.horizon === 'checkmarks' ? 'Jangka Waktu' : t.horizon === 'year-ticks' ? 'Tahun Pelaksanaan' : 'Waktu Pelaksanaan',
            colSpan: grouped.length,
          });
        second.push({ text: t.headers[key] ?? (t.horizon === 'year-ticks' ? String(spec.planStart + YEAR_TICKS.indexOf(key)) : key) });
      } else if (key === 'budget' && t.budgetSubHeader) {
        top.push({ text: t.headers.budget ?? 'Anggaran' });
        second.push({ text: t.budgetSubHeader });
      } else if ((key === 'apbd' || key === 'otherFunds') && t.budgetSplit) {
        // "Anggaran (Rp juta)" over "APBD" | "Sumber Lain".
        if (key === 'apbd') top.push({ text: t.budgetSplit.group, colSpan: 2 });
        second.push({ text: t.budgetSplit[key] });
      } else top.push({ text: t.headers[key] ?? key, rowSpan: 2 });
    }
    header.push(top, second);
  }
  const numeric = t.budget === 'juta-column' || t.budget === 'rupiah-column';
  const rows: RowModel[] = [];
  let number = numberFrom;
  let lastDimension = '';
  let lastSub = '';
  for (const [index, programme] of programmes.entries()) {
    const { dimension, subDimension } = programme.truth;
    if (t.bands.includes('dimension') && dimension !== lastDimension) rows.push({ band: programme.cells.dimension as string });
    if (t.bands.includes('sub') && subDimension !== lastSub) rows.push({ band: programme.cells.sub as string });
    const firstOfSub = subDimension !== lastSub || dimension !== lastDimension;
    lastDimension = dimension;
    lastSub = subDimension;
    number++;
    const cells: BodyCell[] = [];
    for (const key of columns) {
      if (key === 'no') cells.push({ text: `${number}${spec.tables.headers.no === 'No.' ? '.' : ''}`, align: 'center' });
      else if (key === 'sub' && t.mergeSub) {
        if (!firstOfSub) continue;
        let span = 1;
        while (programmes[index + span]?.truth.subDimension === subDimension) span++;
        cells.push({ text: programme.cells.sub as string, rowSpan: span > 1 ? span : undefined });
      } else if (key === 'rpjmd' && t.mergeRpjmd) {
        // One RPJMD programme merged down over the rows of a dimension that serve it.
        const same = (other: Programme | undefined) => other?.cells.rpjmd === programme.cells.rpjmd && other?.truth.dimension === dimension;
        if (same(programmes[index - 1])) continue;
        let span = 1;
        while (same(programmes[index + span])) span++;
        cells.push({ text: programme.cells.rpjmd as string, rowSpan: span > 1 ? span : undefined });
      } else if (key === 'innovation' && t.bullets) cells.push({ text: programme.cells.innovation ?? '', bullets: true });
      else if (key === 'agency' && programme.mark) cells.push({ text: programme.cells.agency ?? '', mark: programme.mark });
      else
        cells.push({
          text: programme.cells[key] ?? '',
          align: key === 'budget' || key === 'apbd' || key === 'otherFunds' ? (numeric ? 'right' : 'left') : ALIGNMENT[key],
        });
    }
    rows.push({ cells });
  }
  return { widths: columns.map((key) => t.widths[key] ?? 10), header, rows, look: t.look, repeatHeader: t.repeatHeader };
}

function quickWinTable(spec: DocSpec, quickWins: QuickWin[]): TableModel {
  const q = spec.quickWinTable;
  const rowOf = (quickWin: QuickWin, i: number): RowModel => ({
    cells: q.columns.map((key) =>
      key === 'no'
        ? { text: String(i + 1), align: 'center' as const }
        : { text: quickWin.cells[key] ?? '', align: key === 'year' ? ('center' as const) : undefined },
    ),
  });
  const rows: RowModel[] = [];
  if (q.dimensionRows) {
    // "I. SMART GOVERNANCE", "II. SMART BRANDING" …: numbered over the dimensions that have quick wins.
    let section = 0;
    quickWins.forEach((quickWin, i) => {
      if (quickWin.truth.dimension !== quickWins[i - 1]?.truth.dimension)
        rows.push({ band: `${ROMAN[section++]}. ${(quickWin.cells.dimension as string).toUpperCase()}` });
      rows.push(rowOf(quickWin, i));
    });
  } else rows.push(...quickWins.map(rowOf));
  return {
    widths: q.columns.map((key) => q.widths[key] ?? 10),
    header: [q.columns.map((key) => ({ text: q.headers[key] ?? key }))],
    rows,
    look: { ...spec.tables.look, size: Math.min(spec.tables.look.size, 10), headerOneLine: false },
    repeatHeader: true,
  };
}

function deriveStyles(spec: DocSpec): TableStyle[] {
  const t = spec.tables;
  const styles = new Set<TableStyle>(spec.extraStyles);
  styles.add(
    t.look.borders === 'grid'
      ? 'bordered'
      : t.look.borders === 'none'
        ? 'borderless'
        : t.look.borders === 'inner'
          ? 'inner-borders'
          : 'horizontal-rules',
  );
  if (t.look.headerFill) styles.add('shaded-header');
  if (t.mergeSub) styles.add('merged-subdimension');
  if (t.bands.includes('dimension')) styles.add('dimension-rows');
  if (t.bands.includes('sub')) styles.add('subdimension-rows');
  if (t.horizon === 'checkmarks' || t.horizon === 'start-end' || t.horizon === 'year-ticks' || t.budgetSubHeader || t.budgetSplit)
    styles.add('two-row-header');
  if (t.grouping === 'single') {
    styles.add('long-table');
    styles.add(t.repeatHeader ? 'repeated-header' : 'unrepeated-header');
  }
  if (spec.landscape) styles.add('landscape');
  if (t.look.vAlign === 'center') styles.add('vertical-center');
  if (t.look.size <= 9) styles.add('small-font');
  if (t.look.size >= 12) styles.add('large-font');
  const standard: ColumnKey[] = [
    'no',
    'code',
    'dimension',
    'sub',
    'rpjmd',
    'name',
    'innovation',
    'agency',
    'horizon',
    'year',
    'hShort',
    'hMedium',
    'hLong',
    'start',
    'end',
    'y1',
    'y2',
    'y3',
    'y4',
    'y5',
    'budget',
    'apbd',
    'otherFunds',
    'remarks',
  ];
  const positions = t.columns.map((key) => standard.indexOf(key));
  if (positions.some((p, i) => i > 0 && p < (positions[i - 1] as number))) styles.add('varied-column-order');
  if (t.columns.includes('dimension')) styles.add('dimension-column');
  if (t.columns.includes('sub')) styles.add('subdimension-column');
  if (t.horizon === 'years' || t.horizon === 'start-end') styles.add('years-only');
  if (t.horizon === 'both' || t.horizon === 'words+years') styles.add('horizon-and-year');
  if (t.horizon === 'checkmarks') styles.add('checkmark-horizon');
  if (spec.agencyNames !== 'full') styles.add('abbreviated-agencies');
  if (t.budget === 'mixed') styles.add('mixed-budget-formats');
  // The variations of the held-out set.
  if (t.look.banded) styles.add('banded-rows');
  if (t.look.headerCaps) styles.add('capitalised-header');
  if (spec.captionsBelow) styles.add('caption-below');
  if (t.columns.includes('code')) styles.add('code-column');
  if (t.columns.includes('remarks')) styles.add('remarks-column');
  if (t.horizon === 'year-ticks') styles.add('year-ticks');
  if (t.budget === 'written') styles.add('written-budgets');
  if (spec.agencyBreaks) styles.add('line-broken-agencies');
  if (t.look.tight) styles.add('dense-table');
  if (spec.quickWinTable.dimensionRows) styles.add('quick-win-dimension-rows');
  if (t.split && !t.split.landscape) styles.add('continued-table');
  // The variations of the second held-out set.
  if (!t.columns.includes('no') && !t.columns.includes('code')) styles.add('no-key-column');
  if (t.look.headerColor) styles.add('dark-header');
  if (t.look.cellAfter) styles.add('spaced-cells');
  if (t.bullets) styles.add('bulleted-cells');
  if (t.budgetSplit) styles.add('split-budget');
  if (t.columns.includes('rpjmd')) styles.add('rpjmd-column');
  if (spec.sourceLines) styles.add('source-line');
  if (spec.footnote) styles.add('footnote-mark');
  if (t.split?.landscape) styles.add('orientation-change');
  if (t.columns.includes('dimension') && t.headers.dimension === 'Dimension') styles.add('english-dimension-header');
  if (spec.priorityChapter) styles.add('no-dimension-heading');
  if (spec.quickWinTable.list) styles.add('quick-win-list');
  return [...styles];
}

import type { DimensionCode, SubDimensionCode, TableStyle } from './truth.ts';

/** The documents of the corpus: who, how they are typeset, and how their programme tables look. */

export type ColumnKey =
  | 'no'
  | 'dimension'
  | 'sub'
  | 'name'
  | 'innovation'
  | 'agency'
  | 'horizon'
  | 'year'
  | 'budget'
  | 'hShort'
  | 'hMedium'
  | 'hLong'
  | 'start'
  | 'end'
  /** "GOV.1.2": dimension, sub-dimension and programme number instead of 1, 2, 3. */
  | 'code'
  /** Keterangan: "Prioritas", "Lanjutan", "-". */
  | 'remarks'
  /** The five plan years, √ where the programme runs ('year-ticks'). */
  | 'y1'
  | 'y2'
  | 'y3'
  | 'y4'
  | 'y5'
  /** The programme of another plan (RPJMD) the row serves: not the inventory name ('rpjmd-column'). */
  | 'rpjmd'
  /** The budget in two columns under one "Anggaran (Rp juta)" header ('split-budget'). */
  | 'apbd'
  | 'otherFunds';

/**
 * How a table gives time: 'words' (Jangka Pendek …), 'years' ("2024–2026"), 'words+years' in one
 * cell ("Jangka Pendek (2024–2025)"), 'both' (two columns), 'checkmarks' (√ under Pendek/Menengah/
 * Panjang), 'start-end' (Mulai | Selesai), 'year-ticks' (√ under each plan year, 2025 | … | 2029).
 */
export type HorizonMode = 'words' | 'years' | 'words+years' | 'both' | 'checkmarks' | 'start-end' | 'year-ticks';

/** How budgets are written: see formats.ts. */
export type BudgetMode = 'juta-column' | 'rupiah-column' | 'rp-juta' | 'rp-full' | 'rp-full-cents' | 'miliar-M' | 'mixed' | 'written';

export type YearStyle = 'en-dash' | 'hyphen' | 'spaced-hyphen' | 'sd';

export interface TableLook {
  /** 'inner': lines between cells only, none around the table (Word's "Grid Table 4" as people trim it). */
  borders: 'grid' | 'none' | 'hrules' | 'inner';
  /** Colour of the 'inner' lines, hex. */
  borderColor?: string;
  /** Header text colour, hex (white on a dark fill). */
  headerColor?: string;
  /** Space after each paragraph in a cell, points, and its line spacing (Word's Normal style: 8 pt, 1.08). */
  cellAfter?: number;
  cellLine?: number;
  /** Header row fill, hex; none when unshaded. */
  headerFill?: string;
  headerBold: boolean;
  vAlign: 'top' | 'center';
  /** Columns wide enough for each header on one line. */
  headerOneLine?: boolean;
  /** Font size in the table, points. */
  size: number;
  /** Body rows shaded in turn with this fill, hex (Word's "List Table 4"); bands restart the turn. */
  banded?: string;
  /** Header texts in capitals. */
  headerCaps?: boolean;
  /** Dense: small cell margins. */
  tight?: boolean;
}

export interface ProgrammeTables {
  /** One table per sub-dimension, per dimension, or a single one for all. */
  grouping: 'sub' | 'dimension' | 'single';
  columns: ColumnKey[];
  headers: Partial<Record<ColumnKey, string>>;
  /** Relative widths of the columns (any unit). */
  widths: Partial<Record<ColumnKey, number>>;
  horizon: HorizonMode;
  yearStyle: YearStyle;
  budget: BudgetMode;
  /** The "Anggaran" column gets a second header line such as "(Rp juta)" in a two-row header. */
  budgetSubHeader?: string;
  /** Full-width rows naming the dimension and/or sub-dimension above their programmes. */
  bands: ('dimension' | 'sub')[];
  /** The Subdimensi column is merged vertically over its programmes. */
  mergeSub: boolean;
  repeatHeader: boolean;
  look: TableLook;
  /**
   * A programme table of BAB V cut in two by hand: its first half ends a page, the second is a new
   * table (other column widths, numbering continued) on the next page under "Tabel 5.n (lanjutan)".
   * The first table from the `table`-th on that breaks across pages by itself (with four rows or
   * more on its first page), else the `table`-th, cut in the middle. With `landscape`, no
   * "(lanjutan)" caption: the rest goes on in a landscape section, starting with the same header,
   * and the document turns back to portrait after it ('orientation-change').
   */
  split?: { table: number; landscape?: boolean };
  /** Innovation cells as two or three "• …" paragraphs ('bulleted-cells'). */
  bullets?: boolean;
  /** Headers of the two budget columns 'apbd' and 'otherFunds', under `budgetSplit.group`. */
  budgetSplit?: { group: string; apbd: string; otherFunds: string };
  /** The Program RPJMD column is merged down over rows that serve the same RPJMD programme. */
  mergeRpjmd?: boolean;
}

export interface QuickWinTable {
  columns: ('no' | 'dimension' | 'name' | 'innovation' | 'agency' | 'horizon' | 'year' | 'budget')[];
  headers: Partial<Record<string, string>>;
  widths: Partial<Record<string, number>>;
  /** The dimension as full-width section rows ("I. SMART GOVERNANCE") instead of a column. */
  dimensionRows?: boolean;
  /** No table: a numbered paragraph list "1. Quick Win: … — OPD: … — Tahun …" ('quick-win-list'). */
  list?: boolean;
}

export interface DocSpec {
  id: string;
  /** Seed of the random draws; the id when absent. */
  seed?: string;
  regencyCode: string;
  /** Seat of government, for "Ditetapkan di …". */
  seat: string;
  /** First year of the plan (the document is dated the year before). */
  planStart: number;
  font: 'Arial' | 'Calibri' | 'Times New Roman' | 'Cambria';
  /** A narrower font for the tables, as people use for wide matrices. */
  tableFont?: 'Arial Narrow';
  bodySize: number;
  lineSpacing: 1 | 1.08 | 1.15 | 1.5;
  paper: 'A4' | 'F4';
  /** Margins in cm: top, right, bottom, left. */
  margins: [number, number, number, number];
  /** "BAB I" and "PENDAHULUAN" on two lines, or one. */
  chapterHeading: 'two-line' | 'one-line';
  programmeCount: number;
  /** Multiplies the amount of prose (pages). */
  prose: number;
  thin?: { dimension: DimensionCode; keep: SubDimensionCode };
  agencyNames: 'full' | 'abbreviated' | 'mixed';
  /** Some agency cells have a manual line break inside a name or between two agencies. */
  agencyBreaks?: boolean;
  quickWins: number;
  tables: ProgrammeTables;
  quickWinTable: QuickWinTable;
  /** The programme tables sit in a landscape section. */
  landscape: boolean;
  /** Where the decree forming the Dewan Smart City stands. */
  decree: 'chapter-1' | 'annex';
  /** Scanned variant: which pages become images. */
  scan?: ('decree' | 'foreword' | 'programme_table')[];
  /** How the scanner works when not as usual (150 dpi, tilt drawn at random). */
  scanner?: { dpi: number; degrees: number };
  /** Table captions stand below their tables. */
  captionsBelow?: boolean;
  /** Styles that cannot be derived from the spec (column widths, header wrapping). */
  extraStyles: TableStyle[];
  /** A small italic "Sumber: Bappeda …, year" line right under every table ('source-line'). */
  sourceLines?: boolean;
  /** A footnote mark in an agency cell ("Diskominfo¹"), explained under its table ('footnote-mark'). */
  footnote?: boolean;
  /**
   * BAB V without a heading per dimension: "5.1 Program Prioritas" over one table that names only
   * the sub-dimension ('no-dimension-heading').
   */
  priorityChapter?: boolean;
}

const STANDARD_ORDER: ColumnKey[] = ['no', 'name', 'innovation', 'agency', 'horizon', 'budget'];

export const SPECS: DocSpec[] = [
  {
    id: 'banggai-2024',
    regencyCode: '72.01',
    seat: 'Luwuk',
    planStart: 2024,
    font: 'Arial',
    bodySize: 11,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2, 2.5, 2.5],
    chapterHeading: 'two-line',
    programmeCount: 52,
    prose: 1,
    agencyNames: 'full',
    quickWins: 7,
    tables: {
      grouping: 'sub',
      columns: STANDARD_ORDER,
      headers: { no: 'No', name: 'Program', innovation: 'Inovasi', agency: 'OPD', horizon: 'Jangka Waktu', budget: 'Anggaran' },
      widths: { no: 5, name: 23, innovation: 28, agency: 16, horizon: 15, budget: 13 },
      horizon: 'words',
      yearStyle: 'en-dash',
      budget: 'rp-juta',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerBold: true, vAlign: 'top', size: 10, headerOneLine: true },
    },
    quickWinTable: {
      columns: ['no', 'dimension', 'name', 'agency', 'year', 'budget'],
      headers: { no: 'No', dimension: 'Dimensi', name: 'Quick Win', agency: 'OPD', year: 'Tahun', budget: 'Anggaran (Rp juta)' },
      widths: { no: 6, dimension: 18, name: 32, agency: 22, year: 10, budget: 12 },
    },
    landscape: false,
    decree: 'chapter-1',
    scan: ['foreword', 'decree'],
    extraStyles: [],
  },
  {
    id: 'sleman-2025',
    regencyCode: '34.04',
    seat: 'Sleman',
    planStart: 2025,
    font: 'Calibri',
    bodySize: 11,
    lineSpacing: 1.5,
    paper: 'A4',
    margins: [2.5, 2, 2.5, 3],
    chapterHeading: 'two-line',
    programmeCount: 64,
    prose: 0.9,
    agencyNames: 'full',
    quickWins: 10,
    tables: {
      grouping: 'dimension',
      columns: ['no', 'sub', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: {
        no: 'No',
        sub: 'Subdimensi',
        name: 'Nama Program',
        innovation: 'Inovasi Smart City',
        agency: 'Perangkat Daerah Penanggung Jawab',
        year: 'Waktu Pelaksanaan',
        budget: 'Estimasi Biaya',
      },
      widths: { no: 4, sub: 11, name: 21, innovation: 28, agency: 13, year: 10, budget: 13 },
      horizon: 'years',
      yearStyle: 'en-dash',
      budget: 'rp-full',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'BDD7EE', headerBold: true, vAlign: 'top', size: 9 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'dimension', 'agency', 'year', 'budget'],
      headers: {
        no: 'No',
        name: 'Nama Quick Win',
        dimension: 'Dimensi',
        agency: 'Perangkat Daerah',
        year: 'Waktu Pelaksanaan',
        budget: 'Estimasi Biaya',
      },
      widths: { no: 5, name: 30, dimension: 17, agency: 22, year: 11, budget: 15 },
    },
    landscape: false,
    decree: 'annex',
    extraStyles: ['wrapped-header', 'narrow-columns'],
  },
  {
    id: 'banyuwangi-2024',
    regencyCode: '35.10',
    seat: 'Banyuwangi',
    planStart: 2024,
    font: 'Times New Roman',
    bodySize: 12,
    lineSpacing: 1.5,
    paper: 'A4',
    margins: [3, 3, 3, 4],
    chapterHeading: 'two-line',
    programmeCount: 45,
    prose: 0.8,
    agencyNames: 'abbreviated',
    quickWins: 6,
    tables: {
      grouping: 'sub',
      columns: ['no', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: {
        no: 'No.',
        name: 'Nama Program',
        innovation: 'Inovasi Smart City',
        agency: 'OPD Pelaksana',
        year: 'Tahun',
        budget: 'Pagu Anggaran',
      },
      widths: { no: 5, name: 25, innovation: 32, agency: 13, year: 12, budget: 13 },
      horizon: 'years',
      yearStyle: 'hyphen',
      budget: 'rp-juta',
      bands: [],
      mergeSub: false,
      repeatHeader: false,
      look: { borders: 'none', headerBold: true, vAlign: 'top', size: 11 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'innovation', 'agency', 'year'],
      headers: { no: 'No.', name: 'Program Quick Win', innovation: 'Deskripsi', agency: 'OPD Pelaksana', year: 'Tahun' },
      widths: { no: 6, name: 28, innovation: 40, agency: 14, year: 12 },
    },
    landscape: false,
    decree: 'chapter-1',
    extraStyles: [],
  },
  {
    id: 'makassar-2024',
    regencyCode: '73.71',
    seat: 'Makassar',
    planStart: 2024,
    font: 'Cambria',
    bodySize: 11,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2.5, 2.5, 3],
    chapterHeading: 'one-line',
    programmeCount: 42,
    prose: 0.8,
    thin: { dimension: 'ENV', keep: 'ENV.waste' },
    agencyNames: 'mixed',
    quickWins: 8,
    tables: {
      grouping: 'dimension',
      columns: ['no', 'name', 'innovation', 'agency', 'horizon', 'year', 'budget'],
      headers: {
        no: 'No',
        name: 'Program/Kegiatan',
        innovation: 'Inovasi',
        agency: 'Leading Sector',
        horizon: 'Jangka Waktu',
        year: 'Tahun',
        budget: 'Anggaran',
      },
      widths: { no: 4, name: 23, innovation: 30, agency: 14, horizon: 11, year: 9, budget: 9 },
      horizon: 'both',
      yearStyle: 'hyphen',
      budget: 'miliar-M',
      bands: ['sub'],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'hrules', headerBold: true, vAlign: 'top', size: 10 },
    },
    quickWinTable: {
      columns: ['no', 'dimension', 'name', 'agency', 'year', 'budget'],
      headers: { no: 'No', dimension: 'Dimensi', name: 'Quick Win', agency: 'Leading Sector', year: 'Target Waktu', budget: 'Anggaran' },
      widths: { no: 5, dimension: 18, name: 35, agency: 20, year: 11, budget: 11 },
    },
    landscape: false,
    decree: 'chapter-1',
    extraStyles: [],
  },
  {
    id: 'sumedang-2024',
    regencyCode: '32.11',
    seat: 'Sumedang',
    planStart: 2024,
    font: 'Arial',
    tableFont: 'Arial Narrow',
    bodySize: 11,
    lineSpacing: 1.5,
    paper: 'F4',
    margins: [3, 2.5, 3, 3],
    chapterHeading: 'two-line',
    programmeCount: 58,
    prose: 0.7,
    agencyNames: 'abbreviated',
    quickWins: 9,
    tables: {
      grouping: 'single',
      columns: ['no', 'sub', 'name', 'innovation', 'agency', 'hShort', 'hMedium', 'hLong', 'budget'],
      headers: {
        no: 'No',
        sub: 'Subdimensi',
        name: 'Program',
        innovation: 'Inovasi',
        agency: 'OPD',
        hShort: 'Pendek',
        hMedium: 'Menengah',
        hLong: 'Panjang',
        budget: 'Anggaran',
      },
      widths: { no: 4, sub: 12, name: 21, innovation: 27, agency: 11, hShort: 7, hMedium: 8, hLong: 7, budget: 9 },
      horizon: 'checkmarks',
      yearStyle: 'en-dash',
      budget: 'juta-column',
      budgetSubHeader: '(Rp juta)',
      bands: ['dimension'],
      mergeSub: true,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'D9D9D9', headerBold: true, vAlign: 'center', size: 9 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'dimension', 'agency', 'horizon', 'budget'],
      headers: { no: 'No', name: 'Quick Win', dimension: 'Dimensi', agency: 'OPD', horizon: 'Jangka Waktu', budget: 'Anggaran (Rp juta)' },
      widths: { no: 5, name: 34, dimension: 18, agency: 15, horizon: 14, budget: 14 },
    },
    landscape: false,
    decree: 'chapter-1',
    scan: ['foreword', 'decree'],
    extraStyles: [],
  },
  {
    id: 'bojonegoro-2024',
    regencyCode: '35.22',
    seat: 'Bojonegoro',
    planStart: 2024,
    font: 'Times New Roman',
    bodySize: 12,
    lineSpacing: 1.5,
    paper: 'A4',
    margins: [2.5, 2.5, 2.5, 3],
    chapterHeading: 'two-line',
    programmeCount: 80,
    prose: 5.8,
    agencyNames: 'full',
    quickWins: 12,
    tables: {
      grouping: 'single',
      columns: ['no', 'dimension', 'sub', 'name', 'innovation', 'agency', 'horizon', 'budget'],
      headers: {
        no: 'No',
        dimension: 'Dimensi',
        sub: 'Subdimensi',
        name: 'Program',
        innovation: 'Inovasi',
        agency: 'OPD Penanggung Jawab',
        horizon: 'Jangka Waktu',
        budget: 'Anggaran',
      },
      widths: { no: 4, dimension: 10, sub: 11, name: 18, innovation: 24, agency: 13, horizon: 10, budget: 14 },
      horizon: 'words+years',
      yearStyle: 'en-dash',
      budget: 'rp-full-cents',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerBold: true, vAlign: 'top', size: 12 },
    },
    quickWinTable: {
      columns: ['no', 'dimension', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: {
        no: 'No',
        dimension: 'Dimensi',
        name: 'Quick Win',
        innovation: 'Keterangan',
        agency: 'OPD',
        year: 'Tahun',
        budget: 'Anggaran',
      },
      widths: { no: 4, dimension: 12, name: 20, innovation: 28, agency: 14, year: 8, budget: 14 },
    },
    landscape: true,
    decree: 'annex',
    extraStyles: ['wide-columns'],
  },
  {
    id: 'gorontalo-2025',
    regencyCode: '75.01',
    seat: 'Limboto',
    planStart: 2025,
    font: 'Calibri',
    bodySize: 11,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2, 2.5, 2.5],
    chapterHeading: 'one-line',
    programmeCount: 60,
    prose: 0.9,
    thin: { dimension: 'SOC', keep: 'SOC.learning' },
    agencyNames: 'mixed',
    quickWins: 5,
    tables: {
      grouping: 'single',
      columns: ['no', 'dimension', 'name', 'innovation', 'agency', 'horizon', 'budget'],
      headers: {
        no: 'No',
        dimension: 'Dimensi',
        name: 'Program',
        innovation: 'Inovasi',
        agency: 'OPD',
        horizon: 'Jangka Waktu',
        budget: 'Anggaran',
      },
      widths: { no: 4, dimension: 13, name: 22, innovation: 29, agency: 13, horizon: 10, budget: 9 },
      horizon: 'words',
      yearStyle: 'en-dash',
      budget: 'mixed',
      bands: [],
      mergeSub: false,
      repeatHeader: false,
      look: { borders: 'grid', headerBold: true, vAlign: 'top', size: 10 },
    },
    quickWinTable: {
      columns: ['no', 'dimension', 'name', 'agency', 'year', 'budget'],
      headers: { no: 'No', dimension: 'Dimensi', name: 'Program Quick Win', agency: 'OPD', year: 'Tahun', budget: 'Anggaran' },
      widths: { no: 5, dimension: 18, name: 35, agency: 20, year: 10, budget: 12 },
    },
    landscape: false,
    decree: 'chapter-1',
    extraStyles: [],
  },
  {
    id: 'badung-2024',
    regencyCode: '51.03',
    seat: 'Mangupura',
    planStart: 2024,
    font: 'Calibri',
    bodySize: 11,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2.5, 2.5, 3],
    chapterHeading: 'two-line',
    programmeCount: 70,
    prose: 1,
    agencyNames: 'full',
    quickWins: 11,
    tables: {
      grouping: 'sub',
      columns: ['no', 'dimension', 'sub', 'name', 'innovation', 'agency', 'horizon', 'year', 'budget'],
      headers: {
        no: 'No',
        dimension: 'Dimensi',
        sub: 'Subdimensi',
        name: 'Program',
        innovation: 'Inovasi',
        agency: 'OPD Penanggung Jawab',
        horizon: 'Jangka Waktu',
        year: 'Tahun',
        budget: 'Anggaran (Rp)',
      },
      widths: { no: 3, dimension: 9, sub: 10, name: 18, innovation: 26, agency: 13, horizon: 8, year: 7, budget: 11 },
      horizon: 'both',
      yearStyle: 'sd',
      budget: 'rp-full',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'C6E0B4', headerBold: true, vAlign: 'top', size: 10 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'dimension', 'innovation', 'agency', 'year', 'budget'],
      headers: {
        no: 'No',
        name: 'Quick Win',
        dimension: 'Dimensi',
        innovation: 'Uraian',
        agency: 'OPD',
        year: 'Tahun',
        budget: 'Anggaran (Rp)',
      },
      widths: { no: 4, name: 20, dimension: 12, innovation: 30, agency: 14, year: 7, budget: 13 },
    },
    landscape: true,
    decree: 'chapter-1',
    scan: ['foreword', 'decree', 'programme_table'],
    extraStyles: ['wide-columns'],
  },
  {
    id: 'tegal-2024',
    regencyCode: '33.28',
    seat: 'Slawi',
    planStart: 2024,
    font: 'Arial',
    bodySize: 10,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2, 2.5, 3],
    chapterHeading: 'two-line',
    programmeCount: 55,
    prose: 0.7,
    agencyNames: 'mixed',
    quickWins: 7,
    tables: {
      grouping: 'dimension',
      columns: ['no', 'agency', 'name', 'innovation', 'budget', 'horizon'],
      headers: {
        no: 'No',
        agency: 'Perangkat Daerah',
        name: 'Program',
        innovation: 'Inovasi',
        budget: 'Anggaran (Rp juta)',
        horizon: 'Jangka Waktu',
      },
      widths: { no: 5, agency: 15, name: 20, innovation: 30, budget: 13, horizon: 12 },
      horizon: 'words',
      yearStyle: 'en-dash',
      budget: 'juta-column',
      bands: ['sub'],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'DEEAF6', headerBold: true, vAlign: 'center', size: 9 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'agency', 'dimension', 'year'],
      headers: { no: 'No', name: 'Quick Win', agency: 'Perangkat Daerah', dimension: 'Dimensi', year: 'Tahun' },
      widths: { no: 6, name: 40, agency: 24, dimension: 18, year: 12 },
    },
    landscape: false,
    decree: 'chapter-1',
    extraStyles: ['narrow-columns'],
  },
  {
    id: 'kupang-kota-2024',
    regencyCode: '53.71',
    seat: 'Kupang',
    planStart: 2024,
    font: 'Times New Roman',
    bodySize: 12,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2.5, 2.5, 3],
    chapterHeading: 'two-line',
    programmeCount: 40,
    prose: 0.6,
    thin: { dimension: 'BRA', keep: 'BRA.tourism' },
    agencyNames: 'abbreviated',
    quickWins: 6,
    tables: {
      grouping: 'sub',
      columns: ['no', 'name', 'agency', 'year', 'budget', 'innovation'],
      headers: { no: 'No', name: 'Program', agency: 'OPD', year: 'Tahun', budget: 'Anggaran (Rp Juta)', innovation: 'Inovasi' },
      widths: { no: 5, name: 22, agency: 12, year: 12, budget: 11, innovation: 38 },
      horizon: 'years',
      yearStyle: 'spaced-hyphen',
      budget: 'juta-column',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerBold: true, vAlign: 'top', size: 9 },
    },
    quickWinTable: {
      columns: ['no', 'dimension', 'name', 'agency', 'year', 'budget'],
      headers: { no: 'No', dimension: 'Dimensi', name: 'Quick Win', agency: 'OPD', year: 'Tahun', budget: 'Anggaran (Rp Juta)' },
      widths: { no: 5, dimension: 18, name: 35, agency: 15, year: 12, budget: 15 },
    },
    landscape: false,
    decree: 'chapter-1',
    extraStyles: ['narrow-columns'],
  },
  {
    id: 'sorong-2025',
    regencyCode: '96.01',
    seat: 'Aimas',
    planStart: 2025,
    font: 'Cambria',
    bodySize: 12,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2, 2.5, 2.5],
    chapterHeading: 'two-line',
    programmeCount: 48,
    prose: 0.7,
    agencyNames: 'full',
    quickWins: 8,
    tables: {
      grouping: 'dimension',
      columns: ['no', 'sub', 'name', 'innovation', 'agency', 'start', 'end', 'budget'],
      headers: {
        no: 'No',
        sub: 'Subdimensi',
        name: 'Program',
        innovation: 'Inovasi',
        agency: 'OPD Pelaksana',
        start: 'Mulai',
        end: 'Selesai',
        budget: 'Anggaran',
      },
      widths: { no: 4, sub: 12, name: 21, innovation: 26, agency: 15, start: 7, end: 7, budget: 11 },
      horizon: 'start-end',
      yearStyle: 'en-dash',
      budget: 'rupiah-column',
      budgetSubHeader: '(Rp)',
      bands: [],
      mergeSub: true,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'D9D9D9', headerBold: true, vAlign: 'center', size: 9 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: { no: 'No', name: 'Quick Win', innovation: 'Manfaat', agency: 'OPD Pelaksana', year: 'Tahun', budget: 'Anggaran' },
      widths: { no: 5, name: 24, innovation: 35, agency: 16, year: 8, budget: 12 },
    },
    landscape: false,
    decree: 'annex',
    extraStyles: [],
  },
];

/**
 * The held-out set, written to test/fixtures/masterplans-holdout/ (`--holdout`): other regencies,
 * another seed, and table styles the main corpus does not have (banded rows, captions below,
 * codes, remarks, √ per year, budgets written every which way, line breaks in agency cells,
 * dense tables, quick wins under dimension rows, a table cut in two, a 200 dpi scanned table page).
 * Kept apart so that the extraction is measured on it without having been tuned on it.
 */
const HOLDOUT_SEED = 'holdout-2025';
const TICKS = { y1: 4, y2: 4, y3: 4, y4: 4, y5: 4 };

export const HOLDOUT_SPECS: DocSpec[] = [
  {
    id: 'balikpapan-2025',
    seed: `${HOLDOUT_SEED}/balikpapan-2025`,
    regencyCode: '64.71',
    seat: 'Balikpapan',
    planStart: 2025,
    font: 'Arial',
    bodySize: 11,
    lineSpacing: 1.5,
    paper: 'A4',
    margins: [2.5, 2.5, 2.5, 3],
    chapterHeading: 'two-line',
    programmeCount: 56,
    prose: 0.8,
    agencyNames: 'mixed',
    quickWins: 8,
    tables: {
      grouping: 'dimension',
      columns: ['code', 'name', 'innovation', 'agency', 'y1', 'y2', 'y3', 'y4', 'y5', 'budget', 'remarks'],
      headers: {
        code: 'KODE',
        name: 'NAMA PROGRAM',
        innovation: 'INOVASI',
        agency: 'PERANGKAT DAERAH',
        budget: 'PAGU ANGGARAN (RP)',
        remarks: 'KETERANGAN',
      },
      widths: { code: 7, name: 20, innovation: 27, agency: 14, ...TICKS, budget: 11, remarks: 9 },
      horizon: 'year-ticks',
      yearStyle: 'en-dash',
      budget: 'written',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'none', banded: 'E7E6E6', headerCaps: true, headerBold: true, vAlign: 'top', size: 9 },
    },
    quickWinTable: {
      columns: ['no', 'dimension', 'name', 'agency', 'year', 'budget'],
      headers: { no: 'NO', dimension: 'DIMENSI', name: 'QUICK WIN', agency: 'PERANGKAT DAERAH', year: 'TAHUN', budget: 'PAGU (RP)' },
      widths: { no: 6, dimension: 18, name: 32, agency: 22, year: 9, budget: 13 },
    },
    landscape: true,
    decree: 'chapter-1',
    scan: ['programme_table'],
    scanner: { dpi: 200, degrees: 0.4 },
    extraStyles: [],
  },
  {
    id: 'lombok-timur-2025',
    seed: `${HOLDOUT_SEED}/lombok-timur-2025`,
    regencyCode: '52.03',
    seat: 'Selong',
    planStart: 2025,
    font: 'Calibri',
    bodySize: 10,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [1.27, 1.27, 1.27, 1.27],
    chapterHeading: 'one-line',
    programmeCount: 66,
    prose: 0.8,
    agencyNames: 'full',
    agencyBreaks: true,
    quickWins: 9,
    tables: {
      grouping: 'dimension',
      columns: ['no', 'sub', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: {
        no: 'No',
        sub: 'Subdimensi',
        name: 'Program',
        innovation: 'Inovasi/Kegiatan Utama',
        agency: 'Perangkat Daerah',
        year: 'Tahun',
        budget: 'Pagu Anggaran (Rp)',
      },
      widths: { no: 4, sub: 11, name: 21, innovation: 30, agency: 15, year: 8, budget: 11 },
      horizon: 'years',
      yearStyle: 'hyphen',
      budget: 'written',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'D9E2F3', headerBold: true, vAlign: 'top', size: 8, tight: true },
      split: { table: 3 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: { no: 'No', name: 'Quick Win', innovation: 'Uraian', agency: 'Perangkat Daerah', year: 'Tahun', budget: 'Anggaran' },
      widths: { no: 5, name: 24, innovation: 36, agency: 16, year: 7, budget: 12 },
      dimensionRows: true,
    },
    landscape: false,
    decree: 'annex',
    extraStyles: [],
  },
  {
    id: 'pekanbaru-2025',
    seed: `${HOLDOUT_SEED}/pekanbaru-2025`,
    regencyCode: '14.71',
    seat: 'Pekanbaru',
    planStart: 2025,
    font: 'Times New Roman',
    bodySize: 12,
    lineSpacing: 1.5,
    paper: 'A4',
    margins: [2.5, 2, 2.5, 2.5],
    chapterHeading: 'two-line',
    programmeCount: 50,
    prose: 0.7,
    agencyNames: 'full',
    agencyBreaks: true,
    quickWins: 7,
    tables: {
      grouping: 'sub',
      columns: ['no', 'name', 'agency', 'y1', 'y2', 'y3', 'y4', 'y5', 'budget', 'remarks'],
      headers: { no: 'NO', name: 'NAMA PROGRAM', agency: 'PERANGKAT DAERAH', budget: 'PAGU (RP)', remarks: 'KETERANGAN' },
      widths: { no: 4, name: 30, agency: 20, ...TICKS, budget: 14, remarks: 10 },
      horizon: 'year-ticks',
      yearStyle: 'en-dash',
      budget: 'rupiah-column',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'none', banded: 'EDEDED', headerCaps: true, headerBold: true, vAlign: 'top', size: 9 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'agency', 'year', 'budget'],
      headers: { no: 'NO', name: 'QUICK WIN', agency: 'PERANGKAT DAERAH', year: 'TAHUN', budget: 'PAGU (RP)' },
      widths: { no: 6, name: 44, agency: 26, year: 9, budget: 15 },
      dimensionRows: true,
    },
    landscape: false,
    decree: 'chapter-1',
    captionsBelow: true,
    extraStyles: [],
  },
  {
    id: 'sidoarjo-2026',
    seed: `${HOLDOUT_SEED}/sidoarjo-2026`,
    regencyCode: '35.15',
    seat: 'Sidoarjo',
    planStart: 2026,
    font: 'Calibri',
    bodySize: 11,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [1.27, 1.27, 1.27, 1.27],
    chapterHeading: 'two-line',
    programmeCount: 62,
    prose: 0.9,
    thin: { dimension: 'ENV', keep: 'ENV.energy' },
    agencyNames: 'abbreviated',
    quickWins: 8,
    tables: {
      grouping: 'single',
      columns: ['code', 'sub', 'name', 'innovation', 'agency', 'horizon', 'budget', 'remarks'],
      headers: {
        code: 'Kode',
        sub: 'Subdimensi',
        name: 'Program',
        innovation: 'Inovasi',
        agency: 'OPD',
        horizon: 'Jangka Waktu',
        budget: 'Pagu Anggaran (Rp)',
        remarks: 'Keterangan',
      },
      widths: { code: 6, sub: 11, name: 21, innovation: 29, agency: 9, horizon: 11, budget: 11, remarks: 8 },
      horizon: 'words+years',
      yearStyle: 'en-dash',
      budget: 'written',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'F2F2F2', headerBold: true, vAlign: 'top', size: 8, tight: true },
    },
    quickWinTable: {
      columns: ['no', 'dimension', 'name', 'agency', 'year', 'budget'],
      headers: { no: 'No', dimension: 'Dimensi', name: 'Quick Win', agency: 'OPD', year: 'Tahun', budget: 'Pagu Anggaran (Rp)' },
      widths: { no: 5, dimension: 18, name: 37, agency: 15, year: 9, budget: 16 },
    },
    landscape: false,
    decree: 'chapter-1',
    captionsBelow: true,
    extraStyles: [],
  },
  {
    id: 'minahasa-utara-2025',
    seed: `${HOLDOUT_SEED}/minahasa-utara-2025`,
    regencyCode: '71.06',
    seat: 'Airmadidi',
    planStart: 2025,
    font: 'Calibri',
    bodySize: 11,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [1.5, 1.5, 1.5, 2],
    chapterHeading: 'two-line',
    programmeCount: 60,
    prose: 0.8,
    agencyNames: 'mixed',
    agencyBreaks: true,
    quickWins: 10,
    tables: {
      grouping: 'dimension',
      columns: ['code', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: {
        code: 'KODE',
        name: 'NAMA PROGRAM',
        innovation: 'INOVASI',
        agency: 'PERANGKAT DAERAH',
        year: 'WAKTU',
        budget: 'PAGU (RP)',
      },
      widths: { code: 7, name: 24, innovation: 33, agency: 15, year: 9, budget: 12 },
      horizon: 'years',
      yearStyle: 'sd',
      budget: 'rupiah-column',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'none', banded: 'E8E8E8', headerCaps: true, headerBold: true, vAlign: 'top', size: 8, tight: true },
      split: { table: 3 },
    },
    quickWinTable: {
      columns: ['no', 'name', 'innovation', 'agency', 'year', 'budget'],
      headers: { no: 'NO', name: 'QUICK WIN', innovation: 'URAIAN', agency: 'PERANGKAT DAERAH', year: 'TAHUN', budget: 'PAGU (RP)' },
      widths: { no: 5, name: 25, innovation: 36, agency: 17, year: 7, budget: 10 },
      dimensionRows: true,
    },
    landscape: false,
    decree: 'annex',
    extraStyles: [],
  },
];

/**
 * The second held-out set, written to test/fixtures/masterplans-unseen/ (`--unseen`): four more
 * regencies from another seed, each combining table styles neither other set has: no number
 * column, Word's "Grid Table 4" as people trim it (dark header, grey inner lines, spaced cells),
 * bulleted innovation cells, a budget in APBD | Sumber Lain columns, a Program RPJMD column beside
 * the Smart City programme, "Sumber: …" lines and footnote marks, a table going on in a landscape
 * section, an English "Dimension" column or only an "Elemen" column under no dimension heading,
 * quick wins as a numbered list, and a tilted 200 dpi scan of a dark-headed table page.
 * Kept apart so that the extraction is measured on it without having been tuned on it.
 */
const UNSEEN_SEED = 'unseen-2026';
/** Word's "Grid Table 4" as users trim it: dark blue header, white bold text, grey lines inside only. */
const GRID_4 = { borders: 'inner', borderColor: 'BFBFBF', headerColor: 'FFFFFF', headerBold: true, vAlign: 'top', cellLine: 1.08 } as const;
const SPLIT_BUDGET = { group: 'Anggaran (Rp juta)', apbd: 'APBD', otherFunds: 'Sumber Lain' };

export const UNSEEN_SPECS: DocSpec[] = [
  {
    id: 'padang-2026',
    seed: `${UNSEEN_SEED}/padang-2026`,
    regencyCode: '13.71',
    seat: 'Padang',
    planStart: 2026,
    font: 'Calibri',
    bodySize: 11,
    lineSpacing: 1.08,
    paper: 'A4',
    margins: [2.54, 2.54, 2.54, 2.54],
    chapterHeading: 'two-line',
    programmeCount: 54,
    prose: 0.9,
    agencyNames: 'abbreviated',
    quickWins: 8,
    tables: {
      grouping: 'dimension',
      columns: ['name', 'dimension', 'innovation', 'agency', 'horizon', 'budget'],
      headers: {
        name: 'Program',
        dimension: 'Dimension',
        innovation: 'Inovasi',
        agency: 'OPD',
        horizon: 'Jangka Waktu',
        budget: 'Anggaran',
      },
      widths: { name: 22, dimension: 13, innovation: 34, agency: 10, horizon: 10, budget: 11 },
      horizon: 'words',
      yearStyle: 'en-dash',
      budget: 'rp-juta',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      bullets: true,
      look: { ...GRID_4, headerFill: '1F3864', size: 10, cellAfter: 8 },
    },
    quickWinTable: {
      columns: ['name', 'dimension', 'agency', 'year', 'budget'],
      headers: { name: 'Quick Win', dimension: 'Dimension', agency: 'OPD', year: 'Tahun', budget: 'Anggaran (Rp juta)' },
      widths: { name: 38, dimension: 20, agency: 16, year: 10, budget: 16 },
    },
    landscape: false,
    decree: 'chapter-1',
    scan: ['programme_table'],
    scanner: { dpi: 200, degrees: 1 },
    sourceLines: true,
    footnote: true,
    extraStyles: [],
  },
  {
    id: 'banyumas-2025',
    seed: `${UNSEEN_SEED}/banyumas-2025`,
    regencyCode: '33.02',
    seat: 'Purwokerto',
    planStart: 2025,
    font: 'Arial',
    bodySize: 11,
    lineSpacing: 1.5,
    paper: 'A4',
    margins: [3, 2.5, 2.5, 3],
    chapterHeading: 'two-line',
    programmeCount: 48,
    prose: 0.75,
    thin: { dimension: 'ENV', keep: 'ENV.waste' },
    agencyNames: 'mixed',
    quickWins: 7,
    tables: {
      grouping: 'dimension',
      columns: ['no', 'rpjmd', 'name', 'innovation', 'agency', 'year', 'apbd', 'otherFunds'],
      headers: {
        no: 'No',
        rpjmd: 'Program RPJMD',
        name: 'Program Smart City',
        innovation: 'Inovasi',
        agency: 'Perangkat Daerah',
        year: 'Tahun',
      },
      widths: { no: 4, rpjmd: 17, name: 20, innovation: 26, agency: 13, year: 8, apbd: 7, otherFunds: 7 },
      horizon: 'years',
      yearStyle: 'en-dash',
      budget: 'juta-column',
      budgetSplit: SPLIT_BUDGET,
      mergeRpjmd: true,
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { borders: 'grid', headerFill: 'D9D9D9', headerBold: true, vAlign: 'top', size: 9 },
    },
    quickWinTable: { columns: ['name', 'agency', 'year'], headers: {}, widths: {}, list: true },
    landscape: true,
    decree: 'annex',
    extraStyles: [],
  },
  {
    id: 'pontianak-2026',
    seed: `${UNSEEN_SEED}/pontianak-2026`,
    regencyCode: '61.71',
    seat: 'Pontianak',
    planStart: 2026,
    font: 'Calibri',
    bodySize: 11,
    lineSpacing: 1.08,
    paper: 'A4',
    margins: [2.5, 2.5, 2.5, 3],
    chapterHeading: 'one-line',
    programmeCount: 62,
    prose: 1,
    agencyNames: 'mixed',
    quickWins: 9,
    tables: {
      grouping: 'dimension',
      columns: ['name', 'sub', 'innovation', 'agency', 'year', 'budget'],
      headers: {
        name: 'Nama Program',
        sub: 'Subdimensi',
        innovation: 'Inovasi',
        agency: 'Perangkat Daerah',
        year: 'Tahun',
        budget: 'Anggaran',
      },
      widths: { name: 22, sub: 13, innovation: 30, agency: 15, year: 9, budget: 11 },
      horizon: 'years',
      yearStyle: 'sd',
      budget: 'rp-juta',
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      look: { ...GRID_4, headerFill: '1F4E79', size: 9, cellAfter: 6 },
      split: { table: 1, landscape: true },
    },
    quickWinTable: {
      columns: ['name', 'innovation', 'agency', 'year', 'budget'],
      headers: { name: 'Quick Win', innovation: 'Uraian', agency: 'Perangkat Daerah', year: 'Tahun', budget: 'Anggaran' },
      widths: { name: 24, innovation: 38, agency: 16, year: 8, budget: 14 },
    },
    landscape: false,
    decree: 'chapter-1',
    sourceLines: true,
    footnote: true,
    extraStyles: [],
  },
  {
    id: 'lampung-selatan-2025',
    seed: `${UNSEEN_SEED}/lampung-selatan-2025`,
    regencyCode: '18.01',
    seat: 'Kalianda',
    planStart: 2025,
    font: 'Cambria',
    bodySize: 11,
    lineSpacing: 1.15,
    paper: 'A4',
    margins: [2.5, 2, 2.5, 2.5],
    chapterHeading: 'two-line',
    programmeCount: 58,
    prose: 0.9,
    agencyNames: 'abbreviated',
    quickWins: 6,
    tables: {
      grouping: 'single',
      columns: ['name', 'sub', 'innovation', 'agency', 'horizon', 'apbd', 'otherFunds'],
      headers: { name: 'Program', sub: 'Elemen', innovation: 'Inovasi', agency: 'OPD', horizon: 'Jangka Waktu' },
      widths: { name: 21, sub: 12, innovation: 31, agency: 10, horizon: 10, apbd: 8, otherFunds: 8 },
      horizon: 'words',
      yearStyle: 'en-dash',
      budget: 'juta-column',
      budgetSplit: SPLIT_BUDGET,
      bands: [],
      mergeSub: false,
      repeatHeader: true,
      bullets: true,
      look: { borders: 'grid', headerFill: 'E2EFDA', headerBold: true, vAlign: 'top', size: 9 },
    },
    quickWinTable: {
      columns: ['name', 'agency', 'horizon', 'budget'],
      headers: { name: 'Quick Win', agency: 'OPD', horizon: 'Jangka Waktu', budget: 'Anggaran (Rp juta)' },
      widths: { name: 46, agency: 18, horizon: 18, budget: 18 },
    },
    landscape: false,
    decree: 'annex',
    priorityChapter: true,
    extraStyles: [],
  },
];

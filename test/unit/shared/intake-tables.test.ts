import { describe, expect, it } from 'vitest';
import { analysePage } from '../../../shared/intake/layout/analyse-page.ts';
import type { PageLayout, PageRule, PageWord } from '../../../shared/intake/layout/page.ts';
import { documentTables } from '../../../shared/intake/tables/document-tables.ts';
import { cellText } from '../../../shared/intake/tables/grid.ts';
import { rowsFromWords } from '../../../shared/intake/tables/rows.ts';
import { ruledTables } from '../../../shared/intake/tables/ruled.ts';

/** Words laid out as a typesetter would: 5 pt per character, 10 pt high, one space between words. */
function words(text: string, x: number, y: number): PageWord[] {
  const out: PageWord[] = [];
  let at = x;
  for (const word of text.split(' ').filter(Boolean)) {
    out.push({ text: word, x0: at, x1: at + word.length * 5, y0: y, y1: y + 10 });
    at += word.length * 5 + 3;
  }
  return out;
}

const h = (y: number, x0: number, x1: number): PageRule => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): PageRule => ({ x0: x, x1: x, y0, y1 });

function page(number: number, content: PageWord[], rules: PageRule[] = []): PageLayout {
  return { number, width: 595, height: 842, words: content, rules, source: 'text' };
}

describe('ruled tables (lines drawn on the page)', () => {
  it('reads the grid from the lines, a merged cell standing in each position it covers, a word in the cell of its centre', () => {
    // Three columns, three rows; the third column's last two rows are one merged cell.
    const rules = [
      h(100, 50, 350),
      h(120, 50, 350),
      h(160, 50, 350),
      h(200, 50, 350),
      v(50, 100, 200),
      v(100, 100, 200),
      v(250, 100, 200),
      v(350, 100, 200),
    ];
    // Borders drawn cell by cell come in pieces: the pieces are joined.
    rules.push(h(120, 50, 200), h(120, 200.5, 350));
    const content = [
      ...words('No', 55, 105),
      ...words('Program', 105, 105),
      ...words('OPD', 255, 105),
      ...words('1', 55, 125),
      ...words('Bank sampah', 105, 125),
      ...words('digital', 105, 137),
      ...words('2', 55, 165),
      ...words('PJU surya', 105, 165),
      ...words('Dinas Lingkungan', 255, 150),
    ];
    const rulesWithMerge = rules.filter((rule) => !(rule.y0 === 160 && rule.x0 === 50 && rule.x1 === 350));
    rulesWithMerge.push(h(160, 50, 250));
    const [table] = ruledTables(rulesWithMerge, content);
    expect(table?.rows.map((row) => row.cells)).toEqual([
      ['No', 'Program', 'OPD'],
      ['1', 'Bank sampah digital', 'Dinas Lingkungan'],
      ['2', 'PJU surya', 'Dinas Lingkungan'],
    ]);
    expect(table?.rows[2]?.merged).toEqual([false, false, true]);
  });

  it("closes a grid drawn with its inner lines only (Word's grid styles), so its outer cells are read too", () => {
    const rules = [h(120, 50, 350), h(140, 50, 350), v(100, 100, 160), v(250, 100, 160)];
    const content = [
      ...words('Program', 55, 105),
      ...words('OPD', 105, 105),
      ...words('Tahun', 255, 105),
      ...words('Bank sampah', 55, 125),
      ...words('DLH', 105, 125),
      ...words('2025', 255, 125),
      ...words('PJU', 55, 145),
      ...words('Dinas PU', 105, 145),
      ...words('2026', 255, 145),
    ];
    const [table] = ruledTables(rules, content);
    expect(table?.rows.map((row) => row.cells)).toEqual([
      ['Program', 'OPD', 'Tahun'],
      ['Bank sampah', 'DLH', '2025'],
      ['PJU', 'Dinas PU', '2026'],
    ]);
  });

  it('reads no table from graph paper or hatching: hundreds of lines each way are no grid of cells', () => {
    const rules = Array.from({ length: 600 }, (_, index) => [h(10 + index * 5, 10, 3010), v(10 + index * 5, 10, 3010)]).flat();
    expect(ruledTables(rules, words('Denah', 20, 20))).toEqual([]);
  });

  it('keeps a lone header row (its rows go on overleaf), and finds no table in lines that close no cell', () => {
    expect(
      ruledTables([h(700, 50, 350), h(720, 50, 350), v(50, 700, 720), v(200, 700, 720), v(350, 700, 720)], words('No Program', 55, 705)),
    ).toHaveLength(1);
    expect(ruledTables([h(100, 50, 350), h(300, 50, 350)], [])).toEqual([]);
  });
});

describe('rows of a table whose rows are not drawn', () => {
  const edges = [50, 80, 250, 350];
  it('starts a row at each number of the key column; wrapped lines join the row above', () => {
    const content = [
      ...words('1', 52, 100),
      ...words('Bank sampah', 85, 100),
      ...words('DLH', 255, 100),
      ...words('digital', 85, 112),
      ...words('2', 52, 124),
      ...words('PJU surya', 85, 124),
      ...words('Dinas PU', 255, 124),
    ];
    expect(rowsFromWords(content, edges).map((row) => row.cells)).toEqual([
      ['1', 'Bank sampah digital', 'DLH'],
      ['2', 'PJU surya', 'Dinas PU'],
    ]);
  });

  it('with cells centred vertically in rows spaced apart, gives each key the lines around it', () => {
    // Row 1: a name on three lines, its key and agency on the middle one; row 2 the same, 8 pt below.
    const content = [
      ...words('Pengembangan', 85, 100),
      ...words('1', 52, 112),
      ...words('mal pelayanan', 85, 112),
      ...words('DPMPTSP', 255, 112),
      ...words('publik', 85, 124),
      ...words('Pembangunan', 85, 144),
      ...words('2', 52, 156),
      ...words('pusat data', 85, 156),
      ...words('Diskominfo', 255, 156),
      ...words('daerah', 85, 168),
    ];
    expect(rowsFromWords(content, edges).map((row) => row.cells)).toEqual([
      ['1', 'Pengembangan mal pelayanan publik', 'DPMPTSP'],
      ['2', 'Pembangunan pusat data daerah', 'Diskominfo'],
    ]);
  });

  it('without a key column, cuts rows at gaps wider than half a line, and always at a rule drawn across', () => {
    const content = [
      ...words('Bank sampah', 85, 100),
      ...words('digital', 85, 112),
      ...words('PJU surya', 85, 140),
      ...words('Galeri UMKM', 85, 152),
    ];
    expect(rowsFromWords(content, edges).map((row) => row.cells[1])).toEqual(['Bank sampah digital', 'PJU surya Galeri UMKM']);
    expect(rowsFromWords(content, edges, [150]).map((row) => row.cells[1])).toEqual(['Bank sampah digital', 'PJU surya', 'Galeri UMKM']);
  });

  it('joins a word cut at a line end by a hyphen or a slash without a space', () => {
    expect(cellText([...words('Program/', 0, 0), ...words('Kegiatan', 0, 12)])).toBe('Program/Kegiatan');
    expect(cellText([...words('2024-', 0, 0), ...words('2026', 0, 12)])).toBe('2024-2026');
    expect(cellText([...words('Pelayanan', 0, 0), ...words('Publik', 0, 12)])).toBe('Pelayanan Publik');
  });
});

describe('borderless tables on a page', () => {
  /** A header (its last column's label on two lines), a title row across the table, two rows, and a paragraph after. */
  function borderless(top: number): PageWord[] {
    return [
      ...words('OPD', 300, top),
      ...words('No', 52, top + 6),
      ...words('Nama Program', 85, top + 6),
      ...words('Tahun', 400, top + 6),
      ...words('Pelaksana', 300, top + 12),
      ...words('Smart Governance', 52, top + 30),
      ...words('1.', 52, top + 48),
      ...words('Mal pelayanan publik', 85, top + 48),
      ...words('DPMPTSP', 300, top + 48),
      ...words('2024', 400, top + 48),
      ...words('digital', 85, top + 60),
      ...words('2.', 52, top + 78),
      ...words('Satu data daerah', 85, top + 78),
      ...words('Bappeda', 300, top + 78),
      ...words('2025', 400, top + 78),
    ];
  }
  const paragraph = (y: number) =>
    words(
      'Program dan inovasi pada subdimensi kebijakan publik disajikan pada tabel berikut ini dengan rinci untuk setiap perangkat daerah yang terlibat.',
      52,
      y,
    );

  it('finds the columns from the gaps that stay clear, the header on two lines, a title row across, and stops at running text', () => {
    const analysed = analysePage(page(1, [...paragraph(60), ...borderless(100), ...paragraph(210)]));
    const tables = analysed.blocks.filter((block) => block.kind === 'table');
    expect(tables).toHaveLength(1);
    const table = tables[0]?.kind === 'table' ? tables[0].table : undefined;
    expect(table?.ruled).toBe(false);
    expect(table?.rows.map((row) => row.cells)).toEqual([
      ['No', 'Nama Program', 'OPD Pelaksana', 'Tahun'],
      ['Smart Governance', 'Smart Governance', 'Smart Governance', 'Smart Governance'],
      ['1.', 'Mal pelayanan publik digital', 'DPMPTSP', '2024'],
      ['2.', 'Satu data daerah', 'Bappeda', '2025'],
    ]);
    expect(analysed.text).toContain('1. | Mal pelayanan publik digital | DPMPTSP | 2024');
  });

  it('reads rows keyed "1.1", "1.2" as rows, not as numbered section headings', () => {
    const rows = [
      ...words('No', 52, 200),
      ...words('Program', 85, 200),
      ...words('OPD', 300, 200),
      ...words('Tahun', 400, 200),
      ...words('1.1', 52, 220),
      ...words('Mal Pelayanan Publik', 85, 220),
      ...words('DPMPTSP', 300, 220),
      ...words('2024', 400, 220),
      ...words('1.2', 52, 240),
      ...words('Satu Data Daerah', 85, 240),
      ...words('Bappeda', 300, 240),
      ...words('2025', 400, 240),
    ];
    const analysed = analysePage(page(1, [...words('1.1 Program Unggulan', 52, 170), ...rows, ...paragraph(270)]));
    expect(analysed.blocks.filter((block) => block.kind === 'heading').map((block) => block.kind === 'heading' && block.text)).toEqual([
      '1.1 Program Unggulan',
    ]);
    const table = analysed.blocks.find((block) => block.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows.map((row) => row.cells)).toEqual([
      ['No', 'Program', 'OPD', 'Tahun'],
      ['1.1', 'Mal Pelayanan Publik', 'DPMPTSP', '2024'],
      ['1.2', 'Satu Data Daerah', 'Bappeda', '2025'],
    ]);
  });

  it('joins a table that runs onto the next page, its row cut by the page break finished there', () => {
    // Row 2 is cut by the page break: "daerah" is overleaf.
    const first = page(1, [
      ...paragraph(500),
      ...words('Tabel 5.1 Program Smart Governance', 52, 560),
      ...borderless(600).slice(0, -6),
      ...words('2.', 52, 678),
      ...words('Satu data', 85, 678),
      ...words('Bappeda', 300, 678),
      ...words('2025', 400, 678),
    ]);
    const second = page(2, [
      ...words('daerah', 85, 60),
      ...words('3.', 52, 78),
      ...words('Portal layanan', 85, 78),
      ...words('Diskominfo', 300, 78),
      ...words('2026', 400, 78),
      ...paragraph(130),
    ]);
    const tables = documentTables([analysePage(first), analysePage(second)]);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.heading).toBe('Tabel 5.1 Program Smart Governance');
    expect(tables[0]?.rows.slice(2)).toEqual([
      ['1.', 'Mal pelayanan publik digital', 'DPMPTSP', '2024'],
      ['2.', 'Satu data daerah', 'Bappeda', '2025'],
      ['3.', 'Portal layanan', 'Diskominfo', '2026'],
    ]);
    expect(tables[0]?.rowPages).toEqual([1, 1, 1, 1, 2]);
  });
});

describe('ruled tables across pages, without a key column', () => {
  const grid = (top: number, rows: number) => {
    const ys = Array.from({ length: rows + 1 }, (_, index) => top + index * 20);
    return [
      ...ys.map((y) => h(y, 50, 450)),
      v(50, top, ys.at(-1) as number),
      v(200, top, ys.at(-1) as number),
      v(300, top, ys.at(-1) as number),
      v(380, top, ys.at(-1) as number),
      v(450, top, ys.at(-1) as number),
    ];
  };
  it('finishes the row cut by the page break when the first row overleaf holds only the rest of its long cells', () => {
    const header = (y: number) => [
      ...words('Program', 55, y),
      ...words('Inovasi', 205, y),
      ...words('OPD', 305, y),
      ...words('Tahun', 385, y),
    ];
    const first = page(
      1,
      [
        ...header(705),
        ...words('Portal satu', 55, 725),
        ...words('Data', 205, 725),
        ...words('Diskominfo', 305, 725),
        ...words('2025', 385, 725),
      ],
      grid(700, 2),
    );
    const second = page(
      2,
      [
        ...header(65),
        ...words('data daerah', 55, 85),
        ...words('PJU surya', 55, 105),
        ...words('Lampu', 205, 105),
        ...words('Dinas PU', 305, 105),
        ...words('2026', 385, 105),
      ],
      grid(60, 3),
    );
    const [table] = documentTables([analysePage(first), analysePage(second)]);
    expect(table?.rows.map((row) => row[0])).toEqual(['Program', 'Portal satu data daerah', 'PJU surya']);
  });
});

describe('ruled tables across pages', () => {
  const grid = (top: number, rows: number) => {
    const ys = Array.from({ length: rows + 1 }, (_, index) => top + index * 20);
    return [
      ...ys.map((y) => h(y, 50, 350)),
      v(50, top, ys.at(-1) as number),
      v(80, top, ys.at(-1) as number),
      v(250, top, ys.at(-1) as number),
      v(350, top, ys.at(-1) as number),
    ];
  };
  it('drops the header repeated overleaf and finishes the row the page break cut, keeping each row on the page it starts on', () => {
    const first = page(
      1,
      [
        ...words('BAB V STRATEGI', 52, 600),
        ...words('No', 55, 705),
        ...words('Program', 85, 705),
        ...words('OPD', 255, 705),
        ...words('1', 55, 725),
        ...words('Bank sampah', 85, 725),
        ...words('DLH', 255, 725),
      ],
      grid(700, 2),
    );
    const second = page(
      2,
      [
        ...words('No', 55, 65),
        ...words('Program', 85, 65),
        ...words('OPD', 255, 65),
        ...words('digital', 85, 85),
        ...words('2', 55, 105),
        ...words('PJU surya', 85, 105),
        ...words('Dinas PU', 255, 105),
      ],
      grid(60, 3),
    );
    const [table] = documentTables([analysePage(first), analysePage(second)]);
    expect(table?.rows).toEqual([
      ['No', 'Program', 'OPD'],
      ['1', 'Bank sampah digital', 'DLH'],
      ['2', 'PJU surya', 'Dinas PU'],
    ]);
    expect(table?.rowPages).toEqual([1, 1, 2]);
    expect(table?.context).toEqual(['BAB V STRATEGI']);
  });
  it('starts a new table overleaf when the page opens with a header of its own, even with as many columns', () => {
    const first = page(
      1,
      [
        ...words('No', 55, 705),
        ...words('Program', 85, 705),
        ...words('OPD', 255, 705),
        ...words('1', 55, 725),
        ...words('Bank sampah', 85, 725),
        ...words('DLH', 255, 725),
      ],
      grid(700, 2),
    );
    const second = page(
      2,
      [
        ...words('No', 55, 65),
        ...words('Quick Win', 85, 65),
        ...words('OPD', 255, 65),
        ...words('1', 55, 85),
        ...words('Lapor sampah', 85, 85),
        ...words('DLH', 255, 85),
      ],
      grid(60, 2),
    );
    const tables = documentTables([analysePage(first), analysePage(second)]);
    expect(tables.map((table) => table.rows)).toEqual([
      [
        ['No', 'Program', 'OPD'],
        ['1', 'Bank sampah', 'DLH'],
      ],
      [
        ['No', 'Quick Win', 'OPD'],
        ['1', 'Lapor sampah', 'DLH'],
      ],
    ]);
  });
});

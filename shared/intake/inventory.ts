import { z } from 'zod';
import { fold } from '../text/fold.ts';
import { countHits, tokenize } from './coverage.ts';
import {
  budgetColumns,
  isInventoryHeader,
  joinHeader,
  rolesFromHeader,
  timeColumns,
  typedRoles,
  type ColumnRole,
} from './inventory/columns.ts';
import { budgetUnitOf, normaliseHorizon, normaliseYear, parseBudget } from './inventory/values.ts';
import { allTopics, type Lexicon } from './lexicon.ts';
import type { ExtractedTable } from './model.ts';

export { isInventoryHeader };
export { normaliseHorizon, normaliseYear } from './inventory/values.ts';

export const INVENTORY_KINDS = ['programme', 'quick_win'] as const;
export const HORIZONS = ['quick_win', 'short', 'medium', 'long'] as const;
export const INVENTORY_STATUSES = ['found', 'confirmed', 'rejected'] as const;

/** The longest text each field keeps; one owner for the form's checks and for what intake saves. */
export const INVENTORY_LIMITS = { name: 500, agency: 300, horizon: 60, year: 30, innovation: 2000, budget: 1e15 } as const;

export const inventoryFieldsSchema = z.strictObject({
  kind: z.enum(INVENTORY_KINDS),
  name: z.string().trim().min(1).max(INVENTORY_LIMITS.name),
  dimension: z.string().max(20).nullable(),
  agency: z.string().trim().max(INVENTORY_LIMITS.agency).nullable(),
  horizon: z.string().trim().max(INVENTORY_LIMITS.horizon).nullable(),
  year: z.string().trim().max(INVENTORY_LIMITS.year).nullable(),
  innovation: z.string().trim().max(INVENTORY_LIMITS.innovation).nullable().default(null),
  /** Whole rupiah. */
  budget: z.number().int().min(0).max(INVENTORY_LIMITS.budget).nullable().default(null),
});
export type InventoryFields = z.infer<typeof inventoryFieldsSchema>;

/** A programme or quick win read from a table, for the assessor to confirm or correct. */
export interface InventoryCandidate extends InventoryFields {
  page: number;
}

type Index = Map<string, { topic: string; tokens: string[] }[]>;
const dimensionIndexes = new WeakMap<object, Index>();

/** Keywords of each dimension and its sub-dimensions (and their titles), pointing at the dimension. */
function dimensionIndex(lexicon: Pick<Lexicon, 'topics'>): Index {
  const cached = dimensionIndexes.get(lexicon.topics);
  if (cached) return cached;
  const index: Index = new Map();
  for (const dimension of lexicon.topics.filter((topic) => topic.kind === 'dimension')) {
    for (const topic of allTopics({ topics: [dimension] })) {
      for (const keyword of [...topic.keywords, topic.title.id, topic.title.en ?? '']) {
        const tokens = tokenize(keyword);
        if (tokens[0]) index.set(tokens[0], [...(index.get(tokens[0]) ?? []), { topic: dimension.code, tokens }]);
      }
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  dimensionIndexes.set(lexicon.topics, index);
  return index;
}

/** Which of the six dimensions a text (a cell, a heading) speaks of, if one stands out. */
export function dimensionOf(text: string, lexicon: Pick<Lexicon, 'topics'>): string | null {
  const hits = [...countHits(text, dimensionIndex(lexicon))].sort((a, b) => b[1] - a[1]);
  if (hits.length === 0 || (hits.length > 1 && hits[0]?.[1] === hits[1]?.[1])) return null;
  return hits[0]?.[0] ?? null;
}

/** The dimension a heading names outright ("5.2 Smart Branding", "Dimensi Smart Economy"). */
function namedDimension(text: string, lexicon: Pick<Lexicon, 'topics'>): string | null {
  const folded = fold(text);
  for (const topic of lexicon.topics) {
    if (topic.kind !== 'dimension') continue;
    const names = [topic.title.id, topic.title.en ?? '', ...topic.keywords.filter((keyword) => /^smart /i.test(keyword))]
      .map((name) => fold(name))
      .filter(Boolean);
    if (names.some((name) => folded.includes(name))) return topic.code;
  }
  return null;
}

const TOTAL_ROW = /^(jumlah|total|sub ?total|grand total)\b/i;
const QUICK_WIN = /quick ?wins?|program cepat/;

/** Header cells are labels: a few words, not sentences. */
function looksLikeHeader(cells: readonly string[]): boolean {
  return cells.every((cell) => {
    const words = cell.match(/\S+/g)?.length ?? 0;
    return words <= 8 && !(words >= 4 && /[.!?]$/.test(cell.trim()));
  });
}

/**
 * The header: the first row (of the first five) that reads as an inventory header, with
 * the rows under it that continue it: a second header row ("Mulai | Selesai" under
 * "Waktu Pelaksanaan", "(Rp juta)" under "Anggaran") holds no name of its own.
 */
function findHeader(
  rows: readonly string[][],
  merged: readonly (readonly boolean[])[] | undefined,
): { at: number; size: number; header: string[] } | undefined {
  for (let at = 0; at < Math.min(rows.length, 5); at += 1) {
    // Only title rows (a caption across the table) or empty rows may stand above the header.
    if (at > 0 && !(rows[at - 1] as string[]).every((cell) => !cell.trim()) && !groupLabel(rows[at - 1] as string[], merged?.[at - 1]))
      break;
    // The header's first row names the columns on its own; rows under it may only add to it.
    if (!looksLikeHeader(rows[at] as string[]) || !isInventoryHeader(rows[at] as string[])) continue;
    let size = 1;
    const nameAt = rolesFromHeader(joinHeader(rows.slice(at, at + size))).get('name') as number;
    const nameText = rows[at]?.[nameAt] ?? '';
    while (size < 3 && at + size < rows.length) {
      const row = rows[at + size] as string[];
      const nameCell = row[nameAt]?.trim() ?? '';
      const continues = !nameCell || merged?.[at + size]?.[nameAt] === true || nameCell === nameText;
      if (
        !continues ||
        !looksLikeHeader(row) ||
        groupLabel(row, merged?.[at + size]) ||
        !row.some((cell, column) => cell.trim() && !merged?.[at + size]?.[column])
      )
        break;
      size += 1;
    }
    return { at, size, header: joinHeader(rows.slice(at, at + size)) };
  }
  return undefined;
}

/** The budget of a row: its figure, or the sum of its figures over several money columns ("APBD", "Sumber Lain"). */
function budgetOf(row: readonly string[], columns: readonly number[], header: readonly string[]): number | null {
  const figures = columns
    .map((column) => parseBudget((row[column] ?? '').replace(/\s+/g, ' ').trim(), budgetUnitOf(header[column] ?? '')))
    .filter((value): value is number => value !== null);
  return figures.length ? figures.reduce((sum, value) => sum + value, 0) : null;
}

/** A horizon named by ticked column headers, if they name one ("Jangka Pendek"); years alone are none. */
function knownHorizon(text: string): string | null {
  const horizon = normaliseHorizon(text);
  return horizon && (HORIZONS as readonly string[]).includes(horizon) ? horizon : null;
}

/** A tick in a column of horizons ("√" under "Jangka Pendek"). */
const MARK = /^[√✓✔✗xXvV•●■◼☑]$/;

/** A row that only names a group across the table ("Smart Governance", "Subdimensi Pelayanan Publik"). */
function groupLabel(row: readonly string[], merged: readonly boolean[] | undefined): string | undefined {
  const texts = row.map((cell) => cell.trim()).filter(Boolean);
  if (texts.length === 0) return undefined;
  const distinct = new Set(texts);
  const spans = merged ? merged.filter(Boolean).length >= row.length - 2 : false;
  if (distinct.size === 1 && (texts.length >= row.length - 1 || spans)) return texts[0];
  return undefined;
}

function nameKey(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Programmes and quick wins from a document's tables. A table counts when its header has
 * a name column (program, kegiatan, quick win, inovasi) and at least one of dimension,
 * agency (OPD), horizon, year or budget; the header's reading is checked against what
 * the columns hold. The dimension comes from its column, else the sub-dimension's, else
 * a title row across the table, else the nearest heading naming one. A quick-win table
 * (by its header or heading) gives quick wins. The same name twice in a kind is one item.
 */
export function inventoryFromTables(tables: readonly ExtractedTable[], lexicon: Pick<Lexicon, 'topics'>): InventoryCandidate[] {
  const items: InventoryCandidate[] = [];
  const byKey = new Map<string, InventoryCandidate>();
  for (const table of tables) {
    const found = findHeader(table.rows, table.merged);
    if (!found) continue;
    const body = table.rows.slice(found.at + found.size);
    const roles = typedRoles(found.header, body);
    if (!roles.has('name')) continue;
    const times = timeColumns(found.header, roles);
    const context = table.context ?? (table.heading ? [table.heading] : []);
    const nearest = context.slice(0, Math.max(1, context.length - 1)).join(' ');
    const quickWinTable =
      QUICK_WIN.test(fold(`${found.header.join(' ')} ${nearest}`)) ||
      (context.length > 0 &&
        QUICK_WIN.test(fold(context.at(-1) ?? '')) &&
        !/\bprogram\b/.test(fold(found.header[roles.get('name') as number] ?? '')));
    const contextDimension =
      context.map((heading) => namedDimension(heading, lexicon) ?? dimensionOf(heading, lexicon)).find(Boolean) ?? null;
    const money = budgetColumns(found.header, roles);
    const headerKey = nameKey(found.header[roles.get('name') as number] ?? '');
    let groupDimension: string | null = null;
    const cell = (row: readonly string[], role: ColumnRole) => {
      const at = roles.get(role);
      return at === undefined ? '' : (row[at] ?? '').replace(/\s+/g, ' ').trim();
    };
    body.forEach((row, offset) => {
      const rowIndex = found.at + found.size + offset;
      const label = groupLabel(row, table.merged?.[rowIndex]);
      if (label) {
        groupDimension = namedDimension(label, lexicon) ?? dimensionOf(label, lexicon) ?? groupDimension;
        return;
      }
      const name = cell(row, 'name');
      if (!name || !/\p{L}{2}/u.test(name) || TOTAL_ROW.test(name) || nameKey(name) === headerKey) return;
      const dimensionCell = cell(row, 'dimension');
      const subCell = cell(row, 'subdimension');
      // Horizon and years may stand in several columns: ticks under "Pendek / Menengah /
      // Panjang", or "Mulai | Selesai" under one "Waktu Pelaksanaan".
      const timeCells = times.map((column) => (row[column] ?? '').replace(/\s+/g, ' ').trim());
      // A tick stands for its column's header: "Jangka Pendek", or a year under "Tahun Pelaksanaan".
      const tickedHeaders = times.filter((_, index) => MARK.test(timeCells[index] ?? '')).map((column) => found.header[column] ?? '');
      const written = timeCells.filter((text) => !MARK.test(text));
      const horizon = tickedHeaders.length ? knownHorizon(tickedHeaders.join(' ')) : normaliseHorizon(written.join(' '));
      const dimension =
        (dimensionCell ? (namedDimension(dimensionCell, lexicon) ?? dimensionOf(dimensionCell, lexicon)) : null) ??
        (subCell ? dimensionOf(subCell, lexicon) : null) ??
        groupDimension ??
        contextDimension;
      const candidate: InventoryCandidate = {
        kind: quickWinTable ? 'quick_win' : 'programme',
        name,
        dimension,
        agency: cell(row, 'agency') || null,
        horizon,
        year: normaliseYear([...written, ...tickedHeaders].join(' ')),
        innovation: cell(row, 'innovation') || null,
        budget: budgetOf(row, money, found.header),
        page: table.rowPages?.[rowIndex] ?? table.page,
      };
      const key = `${candidate.kind}:${nameKey(name)}`;
      const earlier = byKey.get(key);
      if (earlier) {
        earlier.dimension ??= candidate.dimension;
        earlier.agency ??= candidate.agency;
        earlier.horizon ??= candidate.horizon;
        earlier.year ??= candidate.year;
        earlier.innovation ??= candidate.innovation;
        earlier.budget ??= candidate.budget;
        return;
      }
      byKey.set(key, candidate);
      items.push(candidate);
    });
  }
  inferDimensions(items, lexicon);
  return items.map(withinLimits);
}

/** Cut at a word before `max` characters, marked with an ellipsis: a cell run together with its neighbours can be any length. */
function clip(text: string | null, max: number): string | null {
  if (text === null || text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A candidate the inventory's own checks accept, so a freak cell never stops an import or an edit. */
function withinLimits(item: InventoryCandidate): InventoryCandidate {
  const budget = item.budget === null ? null : Math.round(item.budget);
  return {
    ...item,
    name: clip(item.name, INVENTORY_LIMITS.name) as string,
    agency: clip(item.agency, INVENTORY_LIMITS.agency),
    horizon: clip(item.horizon, INVENTORY_LIMITS.horizon),
    year: clip(item.year, INVENTORY_LIMITS.year),
    innovation: clip(item.innovation, INVENTORY_LIMITS.innovation),
    budget: budget !== null && Number.isFinite(budget) && budget >= 0 && budget <= INVENTORY_LIMITS.budget ? budget : null,
  };
}

/** Words that say nothing of a programme's subject: function words and the verbs every programme starts with. */
const PLAIN_WORDS = new Set(
  'dan di ke dari yang bagi untuk dengan secara melalui dalam pada oleh atau serta berbasis terpadu terintegrasi digital daerah kabupaten kota seluruh setiap pengembangan penguatan optimalisasi implementasi pembangunan penyelenggaraan peningkatan penerapan perluasan pelaksanaan penyediaan fasilitasi pendampingan integrasi revitalisasi transformasi sistem informasi layanan aplikasi program'.split(
    ' ',
  ),
);

function subjectWords(text: string): string[] {
  return tokenize(text).filter((word) => word.length > 2 && !PLAIN_WORDS.has(word));
}

/**
 * An item whose table says nothing of its dimension (a quick-win list without a
 * dimension column) takes the dimension of the programme it comes from, when most of its
 * subject words are in that programme's name or innovation; failing that, the dimension
 * its own words point to in the lexicon, if one stands out.
 */
function inferDimensions(items: InventoryCandidate[], lexicon: Pick<Lexicon, 'topics'>): void {
  const sources = items
    .filter((item) => item.kind === 'programme' && item.dimension)
    .map((item) => ({ item, words: new Set(subjectWords(`${item.name} ${item.innovation ?? ''}`)) }));
  for (const item of items) {
    if (item.dimension) continue;
    const words = subjectWords(item.name);
    let best: { share: number; dimension: string | null } = { share: 0, dimension: null };
    for (const source of sources) {
      if (source.item === item || words.length === 0) continue;
      const share = words.filter((word) => source.words.has(word)).length / words.length;
      if (share > best.share) best = { share, dimension: source.item.dimension };
    }
    item.dimension = best.share >= 0.6 ? best.dimension : dimensionOf(`${item.name} ${item.innovation ?? ''}`, lexicon);
  }
}

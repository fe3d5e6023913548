import { z } from 'zod';
import { fold } from '../text/fold.ts';
import { countHits, tokenize } from './coverage.ts';
import { allTopics, type Lexicon } from './lexicon.ts';
import type { ExtractedTable } from './model.ts';

export const INVENTORY_KINDS = ['programme', 'quick_win'] as const;
export const HORIZONS = ['quick_win', 'short', 'medium', 'long'] as const;
export const INVENTORY_STATUSES = ['found', 'confirmed', 'rejected'] as const;

export const inventoryFieldsSchema = z.strictObject({
  kind: z.enum(INVENTORY_KINDS),
  name: z.string().trim().min(1).max(500),
  dimension: z.string().max(20).nullable(),
  agency: z.string().trim().max(300).nullable(),
  horizon: z.string().trim().max(60).nullable(),
  year: z.string().trim().max(30).nullable(),
});
export type InventoryFields = z.infer<typeof inventoryFieldsSchema>;

/** A programme or quick win read from a table, for the assessor to confirm or correct. */
export interface InventoryCandidate extends InventoryFields {
  page: number;
}

type Role = 'name' | 'dimension' | 'agency' | 'horizon' | 'year';

const HEADER_PATTERNS: [Role, RegExp][] = [
  ['dimension', /\bdimensi\b|\bdimension\b/],
  ['agency', /\bopd\b|perangkat daerah|penanggung ?jawab|pelaksana|\bskpd\b|instansi|leading sector|responsible/],
  ['horizon', /jangka|horizon|tahapan|periode|waktu pelaksanaan|timeline/],
  ['year', /\btahun\b|\byear\b/],
];
/** Name columns, most specific first; a column about the RPJMD or Renstra names another plan's programme. */
const NAME_PATTERNS = [/nama program|program smart city|nama quick ?win|quick ?win|nama inovasi/, /\bprogram\b|\bprogramme\b/, /kegiatan|inovasi|innovation/];

function columnRoles(header: readonly string[]): Map<Role, number> {
  const folded = header.map((cell) => fold(cell));
  const roles = new Map<Role, number>();
  for (const pattern of NAME_PATTERNS) {
    const at = folded.findIndex((cell) => pattern.test(cell) && !/rpjmd|renstra/.test(cell));
    if (at >= 0) {
      roles.set('name', at);
      break;
    }
  }
  for (const [role, pattern] of HEADER_PATTERNS) {
    const at = folded.findIndex((cell, index) => pattern.test(cell) && index !== roles.get('name') && ![...roles.values()].includes(index));
    if (at >= 0) roles.set(role, at);
  }
  return roles;
}

export function normaliseHorizon(text: string): string | null {
  const folded = fold(text);
  if (!folded.trim()) return null;
  if (/quick ?win/.test(folded)) return 'quick_win';
  if (/pendek|short/.test(folded)) return 'short';
  if (/menengah|medium/.test(folded)) return 'medium';
  if (/panjang|long/.test(folded)) return 'long';
  return text.trim();
}

export function normaliseYear(text: string): string | null {
  const match = /(20\d{2})(?:\s*[-–—/]\s*(20\d{2}))?/.exec(text);
  if (!match) return null;
  return match[2] ? `${match[1]}–${match[2]}` : (match[1] as string);
}

/** Which of the six dimensions a text (a cell, a heading) speaks of, if one stands out. */
export function dimensionOf(text: string, lexicon: Pick<Lexicon, 'topics'>): string | null {
  const dimensions = lexicon.topics.filter((topic) => topic.kind === 'dimension');
  const index = new Map<string, { topic: string; tokens: string[] }[]>();
  for (const dimension of dimensions) {
    for (const topic of allTopics({ topics: [dimension] })) {
      for (const keyword of [...topic.keywords, topic.title.id, topic.title.en ?? '']) {
        const tokens = tokenize(keyword);
        if (tokens[0]) index.set(tokens[0], [...(index.get(tokens[0]) ?? []), { topic: dimension.code, tokens }]);
      }
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const hits = [...countHits(text, index)].sort((a, b) => b[1] - a[1]);
  if (hits.length === 0 || (hits.length > 1 && hits[0]?.[1] === hits[1]?.[1])) return null;
  return hits[0]?.[0] ?? null;
}

/** A table header this module can read: a name column and at least one of dimension, agency, horizon, year. */
export function isInventoryHeader(cells: readonly string[]): boolean {
  const roles = columnRoles(cells);
  return roles.has('name') && roles.size >= 2;
}

/**
 * Programmes and quick wins from a document's tables: a table counts when it has a name
 * column (program, kegiatan, quick win, inovasi) and at least one of dimension, agency
 * (OPD), horizon or year. The dimension comes from its column, else from the heading
 * the table sits under.
 */
export function inventoryFromTables(tables: readonly ExtractedTable[], lexicon: Pick<Lexicon, 'topics'>): InventoryCandidate[] {
  const items: InventoryCandidate[] = [];
  for (const table of tables) {
    const headerAt = table.rows.slice(0, 5).findIndex((row) => isInventoryHeader(row));
    if (headerAt < 0) continue;
    const header = table.rows[headerAt] as string[];
    const roles = columnRoles(header);
    const quickWinTable = /quick ?win/.test(fold(`${table.heading ?? ''} ${header.join(' ')}`));
    const headingDimension = table.heading ? dimensionOf(table.heading, lexicon) : null;
    const cell = (row: string[], role: Role) => {
      const at = roles.get(role);
      return at === undefined ? '' : (row[at] ?? '').replace(/\s+/g, ' ').trim();
    };
    for (const row of table.rows.slice(headerAt + 1)) {
      const name = cell(row, 'name');
      if (!name || fold(name) === fold(header[roles.get('name') as number] ?? '')) continue;
      const horizon = normaliseHorizon(cell(row, 'horizon'));
      const dimensionCell = cell(row, 'dimension');
      items.push({
        kind: quickWinTable || horizon === 'quick_win' ? 'quick_win' : 'programme',
        name,
        dimension: (dimensionCell ? dimensionOf(dimensionCell, lexicon) : null) ?? headingDimension,
        agency: cell(row, 'agency') || null,
        horizon,
        year: normaliseYear(cell(row, 'year')),
        page: table.page,
      });
    }
  }
  return items;
}

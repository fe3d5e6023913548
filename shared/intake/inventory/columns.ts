import { fold } from '../../text/fold.ts';
import { looksLikeAgency, looksLikeBudget, looksLikeHorizon } from './values.ts';

/** What a column of a programme or quick-win table holds. */
export type ColumnRole = 'name' | 'innovation' | 'dimension' | 'subdimension' | 'agency' | 'horizon' | 'year' | 'budget';

const NOT_OURS = /rpjmd|renstra|rkpd|nomenklatur|kode/;
/** Name columns, most specific first. */
const NAME_PATTERNS = [
  /nama program|program smart city|program\s*\/\s*kegiatan|nama quick ?win|quick ?wins?\b|nama inovasi/,
  /\bprogram\b|\bprogramme\b/,
  /kegiatan|inovasi|innovation/,
];
const ROLE_PATTERNS: [Exclude<ColumnRole, 'name'>, RegExp][] = [
  // Kominfo's guides call the sub-dimensions "elemen".
  ['subdimension', /sub ?-?dimensi|subdimension|sub-dimension|\belemen\b/],
  ['dimension', /(?<!sub ?-?)\bdimensi\b|\bdimension\b/],
  ['innovation', /inovasi|innovation/],
  ['agency', /\bopd\b|perangkat daerah|penanggung ?jawab|\bpelaksana\b|\bskpd\b|instansi|leading sector|responsible|pengampu|\bagency\b/],
  ['budget', /anggaran|biaya|\bpagu\b|\bdana\b|budget|\(rp|\brp\b/],
  ['horizon', /jangka|horizon|tahapan|periode|waktu|timeline|target/],
  ['year', /\btahun\b|\byear\b/],
];

export interface ColumnMap {
  roles: Map<ColumnRole, number>;
  /** The header text of each column (the header's rows joined). */
  header: string[];
}

/** The header rows' texts column by column, a cell merged over several rows or columns said once. */
export function joinHeader(rows: readonly string[][]): string[] {
  const width = Math.max(0, ...rows.map((row) => row.length));
  return Array.from({ length: width }, (_, column) => {
    const parts: string[] = [];
    for (const row of rows) {
      const text = (row[column] ?? '').trim();
      if (text && parts.at(-1) !== text) parts.push(text);
    }
    return parts.join(' ');
  });
}

/** Roles from the header's words; a column's role is taken once, the name first. */
export function rolesFromHeader(header: readonly string[]): Map<ColumnRole, number> {
  const folded = header.map((cell) => fold(cell).replace(/\s+/g, ' '));
  const roles = new Map<ColumnRole, number>();
  const taken = new Set<number>();
  for (const pattern of NAME_PATTERNS) {
    const at = folded.findIndex((cell) => pattern.test(cell) && !NOT_OURS.test(cell) && !/sub ?-?dimensi/.test(cell));
    if (at >= 0) {
      roles.set('name', at);
      taken.add(at);
      break;
    }
  }
  for (const [role, pattern] of ROLE_PATTERNS) {
    const at = folded.findIndex((cell, index) => !taken.has(index) && pattern.test(cell) && !NOT_OURS.test(cell));
    if (at >= 0) {
      roles.set(role, at);
      taken.add(at);
    }
  }
  return roles;
}

/** Share of a column's non-empty body cells that pass `test`. */
function share(body: readonly string[][], column: number, test: (text: string) => boolean): number {
  const cells = body.map((row) => (row[column] ?? '').trim()).filter((text) => text && text !== '-');
  return cells.length === 0 ? 0 : cells.filter(test).length / cells.length;
}

/**
 * The header's reading, checked against what the columns hold: a "budget" column must
 * hold figures, a horizon column horizons or years, an agency column agencies; a column
 * without a role that plainly holds one of these gets it.
 */
export function typedRoles(header: readonly string[], body: readonly string[][]): Map<ColumnRole, number> {
  const roles = rolesFromHeader(header);
  const width = header.length;
  const checks: [ColumnRole, (text: string) => boolean][] = [
    ['budget', looksLikeBudget],
    ['horizon', looksLikeHorizon],
    ['agency', looksLikeAgency],
  ];
  for (const [role, test] of checks) {
    const at = roles.get(role);
    if (
      at !== undefined &&
      body.length >= 3 &&
      share(body, at, test) < 0.3 &&
      share(body, at, (text) => /\p{L}/u.test(text)) > 0.9 &&
      role !== 'agency'
    ) {
      roles.delete(role);
    }
    if (roles.has(role)) continue;
    const used = new Set(roles.values());
    for (let column = 0; column < width; column += 1) {
      if (!used.has(column) && body.length >= 2 && share(body, column, test) >= 0.7) {
        roles.set(role, column);
        break;
      }
    }
  }
  return roles;
}

/** A header this module can read: a name column and at least one of the other roles. */
export function isInventoryHeader(cells: readonly string[]): boolean {
  const roles = rolesFromHeader(cells);
  return roles.has('name') && roles.size >= 2;
}

const TIME =
  /jangka|horizon|tahapan|periode|waktu|timeline|target|\btahun\b|\byear\b|mulai|selesai|\bawal\b|\bakhir\b|pendek|menengah|panjang/;

/**
 * Every column about when: the horizon and year columns the roles found, and their
 * neighbours under the same header ("Waktu Pelaksanaan Mulai", "… Selesai"; "Jangka
 * Waktu Pendek", "… Menengah", "… Panjang").
 */
export function timeColumns(header: readonly string[], roles: ReadonlyMap<ColumnRole, number>): number[] {
  const others = new Set([...roles].filter(([role]) => role !== 'horizon' && role !== 'year').map(([, column]) => column));
  // A header naming a year ("2026", "Tahun 2026") is a column of ticks for that year.
  const yearLabel = (text: string) => /\b20\d{2}\b/.test(text) && (text.match(/\S+/g)?.length ?? 0) <= 3;
  const columns = header.flatMap((text, column) =>
    !others.has(column) && (TIME.test(fold(text)) || yearLabel(text)) && !NOT_OURS.test(fold(text)) ? [column] : [],
  );
  for (const role of ['horizon', 'year'] as const) {
    const at = roles.get(role);
    if (at !== undefined && !columns.includes(at)) columns.push(at);
  }
  return columns.sort((a, b) => a - b);
}

const MONEY = /anggaran|biaya|\bpagu\b|\bdana\b|budget|\(rp|\brp\b/;

/** Every column of money: one, or several under one header ("Anggaran (Rp juta)" over "APBD | Sumber Lain"), to be added up. */
export function budgetColumns(header: readonly string[], roles: ReadonlyMap<ColumnRole, number>): number[] {
  const budget = roles.get('budget');
  if (budget === undefined) return [];
  const others = new Set([...roles].filter(([role]) => role !== 'budget').map(([, column]) => column));
  const columns = header.flatMap((text, column) =>
    !others.has(column) && MONEY.test(fold(text)) && !/sumber (dana|anggaran)$/.test(fold(text).trim()) ? [column] : [],
  );
  return columns.includes(budget) ? columns : [budget];
}

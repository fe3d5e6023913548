import type { OutlineEntry } from './model.ts';

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** "XIV" → 14; undefined for anything that is not a plain Roman numeral. */
export function romanToNumber(roman: string): number | undefined {
  const upper = roman.toUpperCase();
  if (!/^[IVXLC]+$/.test(upper)) return undefined;
  let total = 0;
  for (let index = 0; index < upper.length; index += 1) {
    const value = ROMAN[upper[index] as string] as number;
    const next = ROMAN[upper[index + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const CHAPTER = /^BAB\s+([IVXLC]+|\d{1,2})\b\s*[.:\-–—]?\s*(.*)$/i;
const SECTION = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?\.?\s+(\S.{1,118})$/;
/** A table-of-contents line: dot leaders, or a title followed by a lone page number. */
const TOC_LINE = /(\.\s*){4,}|…{2,}|\s{2,}\d{1,3}\s*$/;

function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

function startsLikeTitle(title: string): boolean {
  return /^[\p{Lu}"“(]/u.test(title) && !/^\d/.test(title) && /\p{L}{3}/u.test(title);
}

/** A table-of-contents page: most of its lines are titles with dot leaders or page numbers. */
export function isTableOfContents(text: string): boolean {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length >= 4 && lines.filter((line) => TOC_LINE.test(line)).length / lines.length > 0.4;
}

/**
 * Chapters (BAB I … BAB IX) and numbered sections (3.1, 3.1.2) of a masterplan, with the
 * page where each starts. Table-of-contents lines are skipped; a section counts only
 * under its own chapter (3.1 under BAB III), which keeps "2.5 juta jiwa" out.
 */
export function recognizeOutline(pages: readonly { number: number; text: string }[]): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const seen = new Set<string>();
  let chapter: number | undefined;
  for (const page of pages) {
    if (isTableOfContents(page.text)) continue;
    const lines = page.text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index] as string;
      if (TOC_LINE.test(line)) continue;
      const chapterMatch = CHAPTER.exec(line);
      if (chapterMatch) {
        const label = `BAB ${chapterMatch[1]?.toUpperCase()}`;
        const number = /^\d+$/.test(chapterMatch[1] ?? '') ? Number(chapterMatch[1]) : romanToNumber(chapterMatch[1] ?? '');
        let title = cleanTitle(chapterMatch[2] ?? '');
        if (!title && lines[index + 1] && !CHAPTER.test(lines[index + 1] as string)) title = cleanTitle(lines[index + 1] as string);
        if (number === undefined || seen.has(label)) continue;
        seen.add(label);
        chapter = number;
        entries.push({ level: 1, label, title, page: page.number });
        continue;
      }
      const sectionMatch = SECTION.exec(line);
      if (!sectionMatch) continue;
      const [, major, minor, sub, rawTitle] = sectionMatch;
      const title = cleanTitle(rawTitle ?? '');
      if (!startsLikeTitle(title) || title.length > 110) continue;
      if (chapter !== undefined && Number(major) !== chapter) continue;
      const label = sub ? `${major}.${minor}.${sub}` : `${major}.${minor}`;
      if (seen.has(label)) continue;
      seen.add(label);
      entries.push({ level: sub ? 3 : 2, label, title, page: page.number });
    }
  }
  return entries;
}

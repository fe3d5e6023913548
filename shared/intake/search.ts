import { queryTokens } from '../text/fold.ts';

/**
 * An FTS5 query from what a person types: every word must appear (the last one may be
 * the start of a word, as typed so far), and FTS5's own syntax (quotes, NEAR, column:,
 * AND/OR, *) is neutralised by quoting each word.
 */
export function ftsQuery(input: string): string | undefined {
  const words = queryTokens(input)
    .flatMap((token) => token.split(/[^\p{L}\p{N}]+/u))
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return undefined;
  return words.map((word, index) => (index === words.length - 1 ? `"${word}"*` : `"${word}"`)).join(' ');
}

/** "… pada [[ekonomi]] kreatif …" → parts for rendering, the matches marked. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  return snippet
    .split(/(\[\[.*?\]\])/)
    .filter(Boolean)
    .map((part) => (part.startsWith('[[') ? { text: part.slice(2, -2), match: true } : { text: part, match: false }));
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Keeps the sub-dimensions a document leaves out really out: the keywords of
 * resources/lexicon/coverage.json for them must not occur anywhere in its text.
 */

interface Topic {
  code: string;
  title: { id: string; en?: string };
  keywords: string[];
  children?: Topic[];
}

const LEXICON = fileURLToPath(new URL('../../resources/lexicon/coverage.json', import.meta.url));

export const tokens = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

export function keywordsOf(codes: readonly string[]): string[][] {
  const topics = (JSON.parse(readFileSync(LEXICON, 'utf8')) as { topics: Topic[] }).topics;
  const all: Topic[] = [];
  const walk = (list: Topic[]) => list.forEach((topic) => (all.push(topic), walk(topic.children ?? [])));
  walk(topics);
  return all.filter((topic) => codes.includes(topic.code)).flatMap((topic) => [...topic.keywords, topic.title.id].map(tokens));
}

/** The first forbidden keyword found in the text, or null. */
export function forbiddenIn(text: string, keywords: string[][]): string | null {
  const words = tokens(text);
  for (let i = 0; i < words.length; i++) {
    for (const keyword of keywords) {
      if (keyword.every((token, k) => words[i + k] === token)) return keyword.join(' ');
    }
  }
  return null;
}

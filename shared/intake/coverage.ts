import { fold } from '../text/fold.ts';
import { allTopics, type Lexicon } from './lexicon.ts';
import { isTableOfContents } from './outline.ts';

export interface TopicCoverage {
  code: string;
  parent?: string;
  kind?: string;
  /** Hits per page (only pages with hits). For a dimension, its own and its sub-dimensions' hits. */
  pages: { page: number; hits: number }[];
  hits: number;
  status: 'ok' | 'thin' | 'missing';
}

interface Keyword {
  topic: string;
  tokens: string[];
}

export function tokenize(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Keywords by their first word, longest first, so that "ekonomi kreatif" wins over "ekonomi". */
function keywordIndex(lexicon: Pick<Lexicon, 'topics'>): Map<string, Keyword[]> {
  const index = new Map<string, Keyword[]>();
  for (const topic of allTopics(lexicon)) {
    for (const keyword of topic.keywords) {
      const tokens = tokenize(keyword);
      const first = tokens[0];
      if (!first) continue;
      index.set(first, [...(index.get(first) ?? []), { topic: topic.code, tokens }]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
}

/** Keyword hits per topic on one page of text: each word counts once, for its longest matching keyword. */
export function countHits(text: string, index: Map<string, Keyword[]>): Map<string, number> {
  const tokens = tokenize(text);
  const hits = new Map<string, number>();
  for (let at = 0; at < tokens.length; ) {
    const match = index.get(tokens[at] as string)?.find((keyword) => keyword.tokens.every((token, offset) => tokens[at + offset] === token));
    if (match) {
      hits.set(match.topic, (hits.get(match.topic) ?? 0) + 1);
      at += match.tokens.length;
    } else {
      at += 1;
    }
  }
  return hits;
}

/** A dimension is thin when it appears on far fewer pages, or gets far fewer hits, than the typical dimension. */
export const THIN_SHARE_OF_MEDIAN_PAGES = 0.35;
export const THIN_SHARE_OF_MEDIAN_HITS = 0.2;
const MIN_PAGES = 2;
const MIN_TOPIC_HITS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * On which pages each topic of the lexicon is treated, and how much; dimensions, sub-
 * dimensions, readiness and plan parts that are missing or thin are flagged:
 * - missing: no hit at all;
 * - thin (dimension): on fewer than max(2, 35% of the median dimension's) pages, or with
 *   fewer than 20% of the median dimension's hits;
 * - thin (anything else): fewer than 3 hits.
 * Table-of-contents pages do not count: a title there is not treatment of the topic.
 */
export function computeCoverage(pages: readonly { number: number; text: string }[], lexicon: Pick<Lexicon, 'topics'>): TopicCoverage[] {
  const index = keywordIndex(lexicon);
  const topics = allTopics(lexicon);
  const perTopic = new Map<string, Map<number, number>>(topics.map((topic) => [topic.code, new Map()]));
  const parentOf = new Map(topics.filter((topic) => topic.parent).map((topic) => [topic.code, topic.parent as string]));
  for (const page of pages) {
    if (isTableOfContents(page.text)) continue;
    for (const [code, hits] of countHits(page.text, index)) {
      for (let current: string | undefined = code; current; current = parentOf.get(current)) {
        const map = perTopic.get(current) as Map<number, number>;
        map.set(page.number, (map.get(page.number) ?? 0) + hits);
      }
    }
  }
  return classifyCoverage(
    topics.map((topic) => {
      const map = perTopic.get(topic.code) as Map<number, number>;
      return {
        code: topic.code,
        ...(topic.parent ? { parent: topic.parent } : {}),
        ...(topic.kind ? { kind: topic.kind } : {}),
        pages: [...map].sort((a, b) => a[0] - b[0]).map(([page, hits]) => ({ page, hits })),
      };
    }),
  );
}

/** Totals and missing/thin flags for per-page hits, by the rules above (also used when reading stored coverage). */
export function classifyCoverage(topics: readonly Omit<TopicCoverage, 'hits' | 'status'>[]): TopicCoverage[] {
  const coverage: TopicCoverage[] = topics.map((topic) => ({
    ...topic,
    hits: topic.pages.reduce((sum, entry) => sum + entry.hits, 0),
    status: topic.pages.length === 0 ? 'missing' : 'ok',
  }));
  const dimensions = coverage.filter((topic) => topic.kind === 'dimension');
  const typicalPages = median(dimensions.map((topic) => topic.pages.length));
  const typicalHits = median(dimensions.map((topic) => topic.hits));
  for (const topic of coverage) {
    if (topic.status === 'missing') continue;
    const thin =
      topic.kind === 'dimension'
        ? topic.pages.length < Math.max(MIN_PAGES, THIN_SHARE_OF_MEDIAN_PAGES * typicalPages) ||
          topic.hits < THIN_SHARE_OF_MEDIAN_HITS * typicalHits
        : topic.hits < MIN_TOPIC_HITS;
    if (thin) topic.status = 'thin';
  }
  return coverage;
}

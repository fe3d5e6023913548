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
  /** A dimension: the hits of the other dimensions (lowest, highest), to say how far behind it is. */
  peers?: { min: number; max: number };
  /** Its sub-topics that the document never mentions. */
  missingChildren?: string[];
  /** What the document's structure shows of a plan part: items in its tables, tables, sections. */
  structure?: TopicStructure;
}

/** Structural signs that a plan part is treated: a table of N quick wins is not thin, whatever the word count. */
export interface TopicStructure {
  items?: number;
  tables?: number;
  sections?: string[];
}

export type DocumentStructure = Record<string, TopicStructure>;

interface Keyword {
  topic: string;
  tokens: string[];
}

export function tokenize(text: string): string[] {
  const folded = fold(text);
  // Folded ASCII text has only ASCII letters and digits: the plain pattern is several times faster than the Unicode one.
  return (/[^\t-~]/.test(folded) ? folded.match(/[\p{L}\p{N}]+/gu) : folded.match(/[a-z0-9]+/g)) ?? [];
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
  for (let at = 0; at < tokens.length;) {
    const match = index
      .get(tokens[at] as string)
      ?.find((keyword) => keyword.tokens.every((token, offset) => tokens[at + offset] === token));
    if (match) {
      hits.set(match.topic, (hits.get(match.topic) ?? 0) + 1);
      at += match.tokens.length;
    } else {
      at += 1;
    }
  }
  return hits;
}

/**
 * A dimension is thin when it appears on far fewer pages, or gets far fewer hits, than the
 * other dimensions typically do, or when most of its sub-dimensions are never mentioned.
 */
export const THIN_SHARE_OF_MEDIAN_PAGES = 0.35;
export const THIN_SHARE_OF_PEER_HITS = 0.4;
const MIN_PAGES = 2;
const MIN_TOPIC_HITS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0
    ? 0
    : sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * On which pages each topic of the lexicon is treated, and how much; dimensions, sub-
 * dimensions, readiness and plan parts that are missing or thin are flagged:
 * - missing: no hit at all, and nothing in the structure either;
 * - thin (dimension): on fewer than max(2, 35% of the median dimension's) pages, with
 *   fewer than 40% of the other dimensions' median hits, or with most of its sub-
 *   dimensions never mentioned;
 * - thin (anything else): fewer than 3 hits, unless the structure shows the part (a table
 *   of quick wins, a section of its own with a table).
 * Table-of-contents pages do not count: a title there is not treatment of the topic.
 */
export function computeCoverage(
  pages: readonly { number: number; text: string }[],
  lexicon: Pick<Lexicon, 'topics'>,
  structure: DocumentStructure = {},
): TopicCoverage[] {
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
    structure,
  );
}

/** Totals and missing/thin flags for per-page hits, by the rules above (also used when reading stored coverage). */
export function classifyCoverage(
  topics: readonly Omit<TopicCoverage, 'hits' | 'status'>[],
  structure: DocumentStructure = {},
): TopicCoverage[] {
  const coverage: TopicCoverage[] = topics.map((topic) => {
    const shown = structure[topic.code];
    // A section title alone is no treatment; a table under it, or items read from one, is.
    const hasStructure = Boolean(shown && ((shown.items ?? 0) > 0 || (shown.tables ?? 0) > 0));
    return {
      ...topic,
      hits: topic.pages.reduce((sum, entry) => sum + entry.hits, 0),
      status: topic.pages.length === 0 && !hasStructure ? 'missing' : 'ok',
      ...(shown ? { structure: shown } : {}),
    };
  });
  const dimensions = coverage.filter((topic) => topic.kind === 'dimension');
  const typicalPages = median(dimensions.map((topic) => topic.pages.length));
  const children = new Map<string, TopicCoverage[]>();
  for (const topic of coverage) if (topic.parent) children.set(topic.parent, [...(children.get(topic.parent) ?? []), topic]);
  for (const topic of coverage) {
    const missingChildren = (children.get(topic.code) ?? []).filter((child) => child.status === 'missing').map((child) => child.code);
    if (missingChildren.length) topic.missingChildren = missingChildren;
    if (topic.kind === 'dimension') {
      const others = dimensions.filter((other) => other !== topic).map((other) => other.hits);
      if (others.length) topic.peers = { min: Math.min(...others), max: Math.max(...others) };
    }
    if (topic.status === 'missing') continue;
    let thin: boolean;
    if (topic.kind === 'dimension') {
      const peerHits = median(dimensions.filter((other) => other !== topic).map((other) => other.hits));
      const subTopics = children.get(topic.code)?.length ?? 0;
      thin =
        topic.pages.length < Math.max(MIN_PAGES, THIN_SHARE_OF_MEDIAN_PAGES * typicalPages) ||
        topic.hits < THIN_SHARE_OF_PEER_HITS * peerHits ||
        (subTopics >= 2 && missingChildren.length > subTopics / 2);
    } else {
      thin = topic.hits < MIN_TOPIC_HITS && !((topic.structure?.items ?? 0) > 0 || (topic.structure?.tables ?? 0) > 0);
    }
    if (thin) topic.status = 'thin';
  }
  return coverage;
}

import { fold } from '../text/fold.ts';
import type { DocumentStructure } from './coverage.ts';
import { allTopics, type Lexicon } from './lexicon.ts';
import type { ExtractedTable, OutlineEntry } from './model.ts';

/**
 * What a document's structure shows of each plan part (quick wins, road map, monitoring):
 * the items of that kind read from its tables, the tables sitting under a heading or
 * captioned about it, and the sections titled for it. The coverage map judges a part by
 * this as well as by its words.
 */
export function documentStructure(
  lexicon: Pick<Lexicon, 'topics'>,
  tables: readonly ExtractedTable[],
  outline: readonly OutlineEntry[],
  itemsByKind: Readonly<Record<string, number>>,
): DocumentStructure {
  const structure: DocumentStructure = {};
  for (const topic of allTopics(lexicon).filter((entry) => entry.kind === 'plan')) {
    const keywords = topic.keywords.map((keyword) => fold(keyword));
    const about = (text: string) => {
      const folded = fold(text);
      return keywords.some((keyword) => folded.includes(keyword));
    };
    // The chapter is too broad a context: a road map table in the quick-win chapter is not a quick-win table.
    const tableCount = tables.filter((table) =>
      (table.context ?? (table.heading ? [table.heading] : []))
        .slice(0, -1)
        .concat(table.rows[0] ?? [])
        .some(about),
    ).length;
    const sections = outline
      .filter((entry) => about(entry.title) || about(entry.label))
      .map((entry) => `${entry.label} ${entry.title}`.trim());
    const items = itemsByKind[topic.code] ?? 0;
    if (items || tableCount || sections.length) {
      structure[topic.code] = {
        ...(items ? { items } : {}),
        ...(tableCount ? { tables: tableCount } : {}),
        ...(sections.length ? { sections: [...new Set(sections)].slice(0, 5) } : {}),
      };
    }
  }
  return structure;
}

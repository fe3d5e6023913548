import type { Rubric, Title } from '../rubric/schema.ts';
import { walk } from '../rubric/walk.ts';
import { fold } from '../text/fold.ts';

export interface TopicRef {
  code: string;
  title: Title;
}

/**
 * The coverage topic a criterion is about, so the reader can open the pages that discuss
 * it: the criterion itself, else its nearest group, matched to a topic by code ("GOV")
 * or by a topic title inside the node's title ("… quick win …", "Smart Economy").
 * The most specific topic (the longest title) wins. Undefined when nothing matches.
 */
export function topicForCriterion(rubric: Pick<Rubric, 'items'>, code: string, topics: readonly TopicRef[]): string | undefined {
  const visit = [...walk(rubric)].find(({ node }) => node.code === code);
  if (!visit) return undefined;
  const byCode = new Map([...walk(rubric)].map(({ node }) => [node.code, node]));
  const chain = [visit.node, ...[...visit.ancestors].reverse().map((ancestor) => byCode.get(ancestor))];
  const titled = topics.flatMap((topic) =>
    [topic.title.id, topic.title.en]
      .filter((text): text is string => Boolean(text && text.trim().length >= 4))
      .map((text) => ({ topic, text: fold(text) })),
  );
  titled.sort((a, b) => b.text.length - a.text.length);
  for (const node of chain) {
    if (!node) continue;
    const sameCode = topics.find((topic) => topic.code.toLowerCase() === node.code.toLowerCase());
    if (sameCode) return sameCode.code;
    const text = fold(`${node.title.id} ${node.title.en ?? ''}`);
    const match = titled.find((entry) => new RegExp(`(^|[^\\p{L}])${escape(entry.text)}($|[^\\p{L}])`, 'u').test(text));
    if (match) return match.topic.code;
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

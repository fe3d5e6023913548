import { z } from 'zod';
import { titleSchema } from '../rubric/schema.ts';

/**
 * What the coverage map looks for: the six dimensions with their sub-dimensions, the
 * readiness elements, quick wins, road map and monitoring, each with keywords in
 * Bahasa Indonesia and English. Shipped in resources/lexicon/coverage.json; a workspace
 * may override it with its own lexicon.json.
 */
export const TOPIC_KINDS = ['dimension', 'readiness', 'plan'] as const;

export interface LexiconTopic {
  code: string;
  title: z.infer<typeof titleSchema>;
  kind?: (typeof TOPIC_KINDS)[number];
  keywords: string[];
  children?: LexiconTopic[];
}

export const topicSchema: z.ZodType<LexiconTopic> = z.lazy(() =>
  z.strictObject({
    code: z.string().regex(/^[A-Za-z][A-Za-z0-9._]*$/),
    title: titleSchema,
    kind: z.enum(TOPIC_KINDS).optional(),
    keywords: z.array(z.string().trim().min(2)).min(1),
    children: z.array(topicSchema).optional(),
  }),
);

export const lexiconSchema = z.strictObject({
  format: z.literal('timbang.lexicon'),
  formatVersion: z.literal(1),
  description: z.string().optional(),
  topics: z.array(topicSchema).min(1),
});
export type Lexicon = z.infer<typeof lexiconSchema>;

/** Every topic, parents before their children. */
export function allTopics(lexicon: Pick<Lexicon, 'topics'>): (LexiconTopic & { parent?: string })[] {
  const out: (LexiconTopic & { parent?: string })[] = [];
  const visit = (topics: LexiconTopic[], parent?: string) => {
    for (const topic of topics) {
      out.push(parent ? { ...topic, parent } : topic);
      if (topic.children) visit(topic.children, topic.code);
    }
  };
  visit(lexicon.topics);
  return out;
}

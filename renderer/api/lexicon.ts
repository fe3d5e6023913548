import { call } from './client.ts';

export interface TopicTitle {
  code: string;
  title: { id: string; en?: string };
  kind?: string;
  parent?: string;
}

let topicTitles: Promise<Map<string, TopicTitle>> | undefined;

/** The coverage topics (dimensions, sub-dimensions, plan parts) with their titles, read once per session. */
export function loadTopics(): Promise<Map<string, TopicTitle>> {
  topicTitles ??= call('lexicon.topics', {}).then(
    (topics) => new Map(topics.map((topic) => [topic.code, topic])),
    (error: unknown) => {
      topicTitles = undefined;
      throw error;
    },
  );
  return topicTitles;
}

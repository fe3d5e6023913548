import type { UseQueryResult } from '@tanstack/react-query';
import type { ChannelOutput } from '../../shared/ipc/contract.ts';
import { call } from './client.ts';
import { useChannel } from './queries.ts';

export interface TopicTitle {
  code: string;
  title: { id: string; en?: string };
  kind?: string;
  parent?: string;
}

let topicTitles: Promise<Map<string, TopicTitle>> | undefined;

const byCode = (topics: ChannelOutput<'lexicon.topics'>): Map<string, TopicTitle> => new Map(topics.map((topic) => [topic.code, topic]));

/** The coverage topics by code, read once per session through the data layer (they come with the app and never change). */
export function useTopics(): UseQueryResult<Map<string, TopicTitle>, Error> {
  return useChannel('lexicon.topics', {}, { staleTime: Infinity, gcTime: Infinity, refetchOnWindowFocus: false, select: byCode });
}

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

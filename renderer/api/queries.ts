import {
  focusManager,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract.ts';
import { ApiError, call } from './client.ts';

/**
 * The renderer's data layer: every read of the app goes through `useChannel`, keyed by
 * `[channel, input]`, and every write through `useChannelMutation`, which names the channels
 * whose answers it changes. Pages keep no load/problem/focus/polling plumbing of their own.
 */

/**
 * A read's answer counts as fresh this long: enough for the components of one screen to share
 * one request, short enough that opening a page or coming back to the window shows the data as
 * it is now (the data is local, so a refetch is cheap, and a write may come from another window).
 */
export const STALE_MS = 1_000;

/** The reads a change to an assessment (a score, a note, evidence, its status) affects. */
export const ASSESSMENT_READS = ['assessments', 'panels', 'analytics', 'summary', 'portfolio'] as const;

/** The cache key of one read: the channel first, so that invalidation can match on it. */
export type ChannelKey<C extends Channel> = readonly [C, ChannelInput<C>];

export function channelKey<C extends Channel>(channel: C, input: ChannelInput<C>): ChannelKey<C> {
  return [channel, input] as const;
}

/**
 * Whether a cached read belongs to one of the channels named: a name matches itself and,
 * as a prefix, every channel under it (`'regencies'` matches `'regencies.list'` and
 * `'regencies.get'`, but not `'regenciesX.list'`).
 */
export function keyMatchesChannels(queryKey: QueryKey, prefixes: readonly string[]): boolean {
  const channel = queryKey[0];
  if (typeof channel !== 'string') return false;
  return prefixes.some((prefix) => channel === prefix || channel.startsWith(prefix.endsWith('.') ? prefix : `${prefix}.`));
}

/** Mark every cached read of the channels named stale, refetching those on screen; resolves when they are back. */
export function invalidateChannels(client: QueryClient, prefixes: readonly string[]): Promise<void> {
  if (prefixes.length === 0) return Promise.resolve();
  return client.invalidateQueries({ predicate: (query) => keyMatchesChannels(query.queryKey, prefixes) });
}

/** A refusal of the app (an AppError) says the same the second time: retry only what may pass later. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1) return false;
  return !(error instanceof ApiError) || error.data.code === 'unreachable';
}

/** The query client of a desktop app: local data, no network detection, a refusal shown at once. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_MS,
        refetchOnWindowFocus: true,
        refetchOnReconnect: false,
        networkMode: 'always',
        retry: shouldRetry,
        retryDelay: 300,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

let focusListening = false;

/**
 * Coming back to the window counts as focus both when the tab becomes visible (TanStack's
 * default) and when the window itself gets focus: the desktop app's windows are never hidden,
 * and the user may have scored in another one.
 */
export function listenForFocus(): void {
  if (focusListening) return;
  focusListening = true;
  focusManager.setEventListener((handleFocus) => {
    const onVisibility = () => handleFocus(document.visibilityState === 'visible');
    const onFocus = () => handleFocus(true);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('focus', onFocus);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('focus', onFocus);
    };
  });
}

export type ChannelQueryOptions<C extends Channel, TData = ChannelOutput<C>> = Omit<
  UseQueryOptions<ChannelOutput<C>, Error, TData, ChannelKey<C>>,
  'queryKey' | 'queryFn'
>;

/** Read one channel of the contract; cached under `[channel, input]`. */
export function useChannel<C extends Channel, TData = ChannelOutput<C>>(
  channel: C,
  input: ChannelInput<C>,
  options?: ChannelQueryOptions<C, TData>,
): UseQueryResult<TData, Error> {
  return useQuery({
    ...options,
    queryKey: channelKey(channel, input),
    queryFn: () => call(channel, input),
  });
}

export type ChannelMutationOptions<C extends Channel> = Omit<UseMutationOptions<ChannelOutput<C>, Error, ChannelInput<C>>, 'mutationFn'> & {
  /** Channels (or prefixes: `'regencies'`) whose cached reads this write changes; refetched before the mutation settles. */
  invalidates?: readonly string[];
};

/** Write through one channel of the contract, then refresh the reads it changes. */
export function useChannelMutation<C extends Channel>(
  channel: C,
  { invalidates = [], onSuccess, ...options }: ChannelMutationOptions<C> = {},
): UseMutationResult<ChannelOutput<C>, Error, ChannelInput<C>> {
  const client = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: async (...args) => {
      await invalidateChannels(client, invalidates);
      await onSuccess?.(...args);
    },
  });
}

/** For writes made outside a mutation hook (the scoring screen's save queue): refresh the reads they change. */
export function useInvalidateChannels(): (prefixes: readonly string[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback((prefixes: readonly string[]) => invalidateChannels(client, prefixes), [client]);
}

import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../renderer/api/client.ts';
import { parseForm } from '../../../renderer/api/forms.ts';
import { channelKey, createQueryClient, invalidateChannels, keyMatchesChannels, shouldRetry } from '../../../renderer/api/queries.ts';

describe('the renderer data layer', () => {
  it('matches a cached read by channel name or by the prefix before a dot, and nothing else', () => {
    const key = channelKey('regencies.list', {});
    expect(key).toEqual(['regencies.list', {}]);
    expect(keyMatchesChannels(key, ['regencies.list'])).toBe(true);
    expect(keyMatchesChannels(key, ['regencies'])).toBe(true);
    expect(keyMatchesChannels(key, ['regencies.'])).toBe(true);
    expect(keyMatchesChannels(key, ['regencies.get'])).toBe(false);
    expect(keyMatchesChannels(key, ['regency'])).toBe(false);
    expect(keyMatchesChannels(key, ['regencies.list.x'])).toBe(false);
    expect(keyMatchesChannels(key, [])).toBe(false);
    expect(keyMatchesChannels(['documents.jobs', { submissionId: 1 }], ['submissions', 'documents.jobs'])).toBe(true);
    expect(keyMatchesChannels([42], ['regencies'])).toBe(false);
  });

  it('invalidates the reads of the channels a write names, whatever their input, and leaves the others fresh', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    const keys = {
      list: channelKey('regencies.list', {}),
      one: channelKey('regencies.get', { code: '72.01' }),
      submissions: channelKey('submissions.list', { regencyCode: '72.01' }),
      submission: channelKey('submissions.get', { id: 3 }),
      rubrics: channelKey('rubrics.list', {}),
    };
    for (const key of Object.values(keys)) client.setQueryData(key, []);

    await invalidateChannels(client, ['regencies', 'submissions.list']);
    const invalidated = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(invalidated(keys.list)).toBe(true);
    expect(invalidated(keys.one)).toBe(true);
    expect(invalidated(keys.submissions)).toBe(true);
    expect(invalidated(keys.submission)).toBe(false);
    expect(invalidated(keys.rubrics)).toBe(false);

    await invalidateChannels(client, []);
    expect(invalidated(keys.rubrics)).toBe(false);
    client.clear();
  });

  it('does not retry a refusal of the app, and retries anything else once', () => {
    const refusal = new ApiError({ code: 'regency.not_found', params: {}, message: 'not found' });
    const unreachable = new ApiError({ code: 'unreachable', params: {}, message: 'down' });
    expect(shouldRetry(0, refusal)).toBe(false);
    expect(shouldRetry(0, unreachable)).toBe(true);
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, new TypeError('Failed to fetch'))).toBe(false);
    const defaults = createQueryClient().getDefaultOptions();
    expect(defaults.queries?.retry).toBe(shouldRetry);
    expect(defaults.mutations?.retry).toBe(false);
  });
});

describe('forms parsed with the contract schemas', () => {
  const addInput = contract['regencies.add'].input;

  it('passes what the schema accepts, as the schema gives it back', () => {
    const parsed = parseForm(contract['profile.save'].input, { name: '  Sari  ', institution: ' Bappeda ', role: 'assessor' }, {});
    // Trimmed, and the regency a planner has not chosen is none.
    expect(parsed).toEqual({ ok: true, data: { name: 'Sari', institution: 'Bappeda', role: 'assessor', regencyCode: null }, problems: {} });
  });

  it('says what is wrong with the first failing field in schema order, with the message given for it', () => {
    const messages = { code: 'pick first', cohortYear: 'bad cohort' };
    const both = parseForm(addInput, { code: undefined, cohortYear: 2016, stage: 1 }, messages);
    expect(both).toMatchObject({
      ok: false,
      field: 'code',
      problem: 'pick first',
      problems: { code: 'pick first', cohortYear: 'bad cohort' },
    });
    const cohort = parseForm(addInput, { code: '72.01', cohortYear: Number(''), stage: 1 }, messages);
    expect(cohort).toMatchObject({ ok: false, field: 'cohortYear', problem: 'bad cohort' });
    expect(parseForm(addInput, { code: '72.01', cohortYear: 2020.5, stage: 1 }, messages).ok).toBe(false);
    expect(parseForm(addInput, { code: '72.01', cohortYear: 2020, stage: 1 }, messages).ok).toBe(true);
  });

  it("falls back to the app's own invalid-data sentence for a field without a message", () => {
    const parsed = parseForm(addInput, { code: '72.01', cohortYear: 2020, stage: 9 }, { code: 'pick first' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.field).toBe('stage');
    expect(parsed.problem).toMatch(/^Data tidak valid: .+\. Tidak ada yang disimpan\.$/);
  });
});

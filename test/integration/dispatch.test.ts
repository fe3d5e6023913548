import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import { channels } from '../../shared/ipc/contract.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { openTestHost } from '../helpers/workspace.ts';

async function setup() {
  const host = await openTestHost();
  const ws = host.current();
  const handlers = host.handlers;
  const logged: unknown[] = [];
  const send = (channel: unknown, payload: unknown) => dispatch(handlers, channel, payload, (_m, e) => logged.push(e));
  return { ws, host, handlers, send, logged };
}

describe('dispatch: the gate every request passes', () => {
  it('has a handler for every channel of the contract', async () => {
    const { handlers, ws } = await setup();
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
    ws.close();
  });

  it('answers valid requests with { ok: true, value }', async () => {
    const { send, ws } = await setup();
    const added = await send('regencies.add', { code: '72.01', cohortYear: 2022, stage: 3 });
    expect(added).toMatchObject({ ok: true, value: { name: 'Kabupaten Banggai' } });
    expect(await send('settings.get', undefined)).toEqual({
      ok: true,
      value: {
        passMark: 70,
        language: 'id',
        maxUploadMb: 200,
        hideOthersUntilSubmitted: true,
        disagreementTolerance: 25,
        panelAggregate: 'median',
        ocr: true,
        ministry: 'Kementerian Komunikasi dan Digital (Komdigi)',
      },
    });
    ws.close();
  });

  it.each([['__proto__'], ['constructor'], ['toString'], ['regencies.drop'], [42], [null], [{ channel: 'regencies.list' }]])(
    'refuses the unknown channel %j',
    async (channel) => {
      const { send, ws } = await setup();
      const result = await send(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      ws.close();
    },
  );

  it.each([
    ['regencies.add', null],
    ['regencies.add', 'DROP TABLE regency'],
    ['regencies.add', [1, 2, 3]],
    ['regencies.add', { code: '72.01', cohortYear: 2022 }],
    ['regencies.add', { code: '72.01', cohortYear: 2022, stage: 9 }],
    ['regencies.add', { code: "72.01'; DROP TABLE regency; --", cohortYear: 2022, stage: 1 }],
    ['regencies.add', { code: '72.01', cohortYear: 2022, stage: 1, createdBy: 'someone else' }],
    ['regencies.add', JSON.parse('{"code":"72.01","cohortYear":2022,"stage":1,"__proto__":{"isAdmin":true}}')],
    ['regencies.update', { code: '72.01', stage: '3' }],
    ['regencies.remove', { code: ['72.01'] }],
    ['regencies.list', { query: 'x'.repeat(10_000) }],
    ['profile.save', { name: '   ', institution: 'UGM', role: 'assessor' }],
    ['profile.save', { name: 'A', institution: 'UGM', role: 'minister' }],
    ['settings.save', { passMark: 150 }],
    ['settings.save', { passMark: Number.NaN }],
    ['settings.save', { language: 'fr' }],
    ['settings.get', { sneaky: true }],
    ['settings.save', { disagreementTolerance: -5 }],
    ['settings.save', { panelAggregate: 'mode' }],
    ['assessments.score', { id: 1, criterion: 'GOV.1', value: 'high' }],
    ['assessments.score', { id: 1, criterion: 'GOV.1', value: Number.POSITIVE_INFINITY }],
    ['assessments.score', { id: 1, criterion: '../../etc', value: 3 }],
    ['assessments.score', { id: -1, criterion: 'GOV.1', value: 3 }],
    ['assessments.transition', { id: 1, to: 'approved' }],
    ['assessments.addEvidence', { id: 1, criterion: 'GOV.1', documentId: 1, page: 0, quote: 'x' }],
    ['assessments.addEvidence', { id: 1, criterion: 'GOV.1', documentId: 1, page: 1, quote: '   ' }],
    ['assessments.create', { submissionId: 1, rubricId: 'masterplan-review', rubricVersion: 1, role: 'minister' }],
    ['panels.reconcile', { submissionId: 1, rubricId: 'masterplan-review', criterion: 'GOV.1', value: 3, reason: 'x'.repeat(5000) }],
  ])('refuses the malformed %s payload %j with a clear error and writes nothing', async (channel, payload) => {
    const { send, ws, logged } = await setup();
    const before = snapshot(ws.db);
    const result = await send(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok ? '' : result.error.params.fields).not.toBe('');
    expect(snapshot(ws.db)).toEqual(before);
    expect(logged).toEqual([]);
    ws.close();
  });

  it('names the offending fields, including unexpected ones', async () => {
    const { send, ws } = await setup();
    const result = await send('regencies.add', { code: '72.01', cohortYear: 1999, stage: 1, name: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.params.fields).toBe('cohortYear, name');
    ws.close();
  });

  it('survives random payloads on every channel: never a throw, never a write on refusal', async () => {
    const { send, host } = await setup();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), fc.anything(), async (channel, payload) => {
        // A payload that opens the demo or restores a backup replaces the open workspace: compare the one open now.
        const before = snapshot(host.current().db);
        const result = await send(channel, payload);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          // A clear refusal (bad input, or a domain rule), never an internal failure.
          expect(result.error.code).not.toBe('internal');
          expect(snapshot(host.current().db)).toEqual(before);
        }
      }),
      { numRuns: 300, seed: 28 },
    );
    await host.close();
  });

  it('hides internal failures behind a reference, and logs them', async () => {
    const { ws, handlers } = await setup();
    const logged: unknown[] = [];
    const broken = {
      ...handlers,
      'regencies.list': () => {
        throw new Error('disk on fire');
      },
    };
    const result = await dispatch(broken, 'regencies.list', {}, (_m, e) => logged.push(e));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('disk on fire');
    expect(logged).toHaveLength(1);
    ws.close();
  });
});

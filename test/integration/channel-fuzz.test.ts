import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/ipc/dispatch.ts';
import type { WorkspaceHost } from '../../electron/core/workspace/host.ts';
import { channels } from '../../shared/ipc/contract.ts';
import { actAs, banggaiBimtek3, PANEL_RUBRIC, scoreAndSubmit } from '../helpers/assessments.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { openTestHost } from '../helpers/workspace.ts';

/**
 * Every channel, one by one, against random and hostile payloads on a workspace with
 * data in it (so that a payload that gets through reaches real rows): the answer is a
 * clear `{ ok: false }` (never a crash, never an internal error), and a refusal writes
 * nothing.
 */
let host: WorkspaceHost;
let send: (channel: unknown, payload: unknown) => ReturnType<typeof dispatch>;

beforeAll(async () => {
  host = await openTestHost();
  const ws = host.current();
  ws.rubrics.save(PANEL_RUBRIC, true);
  const submissionId = banggaiBimtek3(ws);
  actAs(ws, 'Prof. Budi');
  scoreAndSubmit(ws, ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' }).id, {
    'ECO.1': 3,
    'ECO.2': 3,
    'LIV.1': 3,
    'LIV.2': 3,
  });
  actAs(ws, 'Dr. Sari');
  ws.assessments.create({ submissionId, rubricId: 'panel-test', rubricVersion: 1, role: 'assessor' });
  send = (channel, payload) => dispatch(host.handlers, channel, payload, () => undefined);
});
afterAll(async () => host?.close());

// Payloads shaped like the real ones (ids that exist, codes, scores) as well as anything at all.
const hostile = fc.oneof(
  fc.anything(),
  fc.record(
    {
      id: fc.oneof(fc.constant(1), fc.constant(2), fc.integer(), fc.string()),
      submissionId: fc.oneof(fc.constant(1), fc.integer({ min: -5, max: 5 })),
      criterion: fc.oneof(fc.constantFrom('ECO.1', 'LIV.2', '../x', '__proto__', 'ECO.1; DROP TABLE assessment'), fc.string()),
      value: fc.oneof(fc.constantFrom(0, 3, 5, 6, 2.5, 'na', null, Number.NaN, -1, 1e308), fc.string()),
      note: fc.string({ maxLength: 50 }),
      reason: fc.string({ maxLength: 20 }),
      code: fc.constantFrom('72.01', '99.99', '72.1', ''),
      rubricId: fc.constantFrom('panel-test', 'masterplan-review', 'NOPE', '../etc'),
      contentBase64: fc.constantFrom('', 'AAAA', 'not base64!', 'e30='),
      fileName: fc.constantFrom('a.json', '../../etc/passwd', ''),
    },
    { requiredKeys: [] },
  ),
);

describe('every IPC channel under random and hostile payloads', () => {
  it.each(channels.map((channel) => [channel]))('%s', async (channel) => {
    await fc.assert(
      fc.asyncProperty(hostile, async (payload) => {
        // A payload that opens the demo moves the host to another workspace: compare that one's rows.
        const before = { dir: host.current().dataDir, rows: snapshot(host.current().db) };
        const result = await send(channel, payload);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(result.error.code, JSON.stringify(result.error)).not.toBe('internal');
          expect(host.current().dataDir).toBe(before.dir);
          expect(snapshot(host.current().db)).toEqual(before.rows);
        }
      }),
      { numRuns: 40, seed: 8 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/ipc/dispatch.ts';
import { openTestHost } from '../../helpers/workspace.ts';

/** What an exported file is called, through the channel the scoring screen and the self-assessment page use. */
describe('the name of an exported assessment file', () => {
  it("says regency, stage, role, person and day: 'mandiri' for a planner's self-assessment, 'penilai' for an assessor's", async () => {
    const host = await openTestHost();
    const ws = host.current();
    const send = async (channel: string, payload: unknown) => {
      const answer = await dispatch(host.handlers, channel, payload, () => undefined);
      if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
      return answer.value as Record<string, unknown>;
    };
    try {
      await send('regencies.add', { code: '72.01', cohortYear: 2022, stage: 3 });
      const submission = await send('submissions.create', { kind: 'bimtek', regencyCode: '72.01', stage: 3 });
      const rubric = { submissionId: submission.id, rubricId: 'masterplan-review', rubricVersion: 1 };

      await send('profile.save', { name: 'Rina Marlina', institution: 'DKISP Kabupaten Banggai', role: 'regional_planner' });
      const self = await send('assessments.create', { ...rubric, role: 'self' });
      const selfFile = await send('assessments.export', { id: self.id });
      const selfText = JSON.parse(Buffer.from(String(selfFile.contentBase64), 'base64').toString('utf8')) as { exportedAt: string };
      const day = selfText.exportedAt.slice(0, 10);
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(selfFile.fileName).toBe(`72.01-bimtek3-mandiri-Rina-Marlina-${day}.assessment.json`);

      await send('profile.save', { name: 'Dr. Sari Wulandari', institution: 'UGM', role: 'assessor' });
      const panel = await send('assessments.create', { ...rubric, role: 'assessor' });
      expect((await send('assessments.export', { id: panel.id })).fileName).toBe(
        `72.01-bimtek3-penilai-Dr.-Sari-Wulandari-${day}.assessment.json`,
      );
    } finally {
      ws.close();
    }
  });
});

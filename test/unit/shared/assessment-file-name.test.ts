import { describe, expect, it } from 'vitest';
import { assessmentFileName, type AssessmentFile, type FileAssessment } from '../../../shared/assessment/file.ts';

const record = (overrides: Partial<FileAssessment>): FileAssessment => ({
  rubric: { id: 'masterplan-review', version: 1 },
  regency: '72.01',
  stage: 3,
  assessor: { name: 'Dr. Sari Wulandari', institution: 'UGM', role: 'assessor' },
  status: 'submitted',
  scores: {},
  ...overrides,
});

const file = (assessments: FileAssessment[], exportedAt = '2026-11-30T09:41:00.000Z'): AssessmentFile => ({
  format: 'timbang.assessment',
  formatVersion: 1,
  exportedAt,
  assessments,
});

describe('the name of an exported assessment file', () => {
  it('says regency, stage, role, assessor and day for one assessment', () => {
    expect(assessmentFileName(file([record({})]))).toBe('72.01-bimtek3-penilai-Dr.-Sari-Wulandari-2026-11-30.assessment.json');
    const self = record({ stage: undefined, year: 2024, assessor: { name: 'DKISP Banggai', institution: '', role: 'self' } });
    expect(assessmentFileName(file([self]))).toBe('72.01-evaluasi2024-mandiri-DKISP-Banggai-2026-11-30.assessment.json');
  });

  it('names a whole submission by its regency and stage, and anything wider plainly', () => {
    const panel = [record({}), record({ assessor: { name: 'Prof. Budi', institution: 'ITB', role: 'assessor' } })];
    expect(assessmentFileName(file(panel))).toBe('72.01-bimtek3-penilaian-2026-11-30.assessment.json');
    expect(assessmentFileName(file([record({}), record({ regency: '15.71' })]))).toBe('penilaian-2026-11-30.assessment.json');
    expect(assessmentFileName(file([record({}), record({ stage: 2 })]))).toBe('penilaian-2026-11-30.assessment.json');
  });

  it('keeps only letters, digits and dots of a name, whatever script, and leaves the day out when it is unknown', () => {
    const odd = record({ assessor: { name: 'Ir. Wati / "Tim 2"', institution: '', role: 'assessor' } });
    expect(assessmentFileName(file([odd], 'kemarin'))).toBe('72.01-bimtek3-penilai-Ir.-Wati-Tim-2.assessment.json');
  });
});

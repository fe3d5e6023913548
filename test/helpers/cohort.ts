import type { AssessmentFile, FileAssessment } from '../../shared/assessment/file.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import { scaleLevels } from '../../shared/rubric/scale.ts';
import { criteriaOf } from '../../shared/rubric/walk.ts';

export interface SeedRegency {
  code: string;
  /** Bimtek stages assessed. */
  stages: number[];
  /** Where the regency stands, 0 (weak) to 1 (strong); each stage adds a little. */
  strength: number;
  /** A self-assessment at the last stage, rating itself this much higher (in levels). */
  selfBias?: number;
}

/** A small deterministic pseudo-random generator (mulberry32), so seeded workspaces are the same every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Assessment files for a cohort: per regency and stage, `assessors` panel members (and a self-assessment where asked). */
export function cohortFile(
  rubric: Rubric,
  regencies: readonly SeedRegency[],
  assessors = ['Dr. Sari Wulandari', 'Prof. Budi Santoso'],
  seed = 7,
): AssessmentFile {
  const next = random(seed);
  const criteria = criteriaOf(rubric).map(({ node }) => node);
  const record = (regency: SeedRegency, stage: number, name: string, role: 'assessor' | 'self', bias: number): FileAssessment => {
    const scores: FileAssessment['scores'] = {};
    criteria.forEach((criterion, index) => {
      const levels = scaleLevels(criterion.scale).map((level) => level.value);
      // Each dimension has its own strength, so some are below the pass mark and some above.
      const lean = Math.sin(index * 1.7 + regency.code.charCodeAt(4)) * 0.25;
      const where = Math.min(
        0.999,
        Math.max(0, regency.strength + lean + (stage - 1) * 0.08 + (next() - 0.5) * 0.3 + bias / levels.length),
      );
      scores[criterion.code] = {
        value: levels[Math.floor(where * levels.length)] ?? levels[0] ?? 0,
        note: '',
        evidence: [],
        needsRescore: false,
      };
    });
    return {
      rubric: { id: rubric.id, version: rubric.version },
      regency: regency.code,
      stage,
      assessor: { name, institution: role === 'self' ? 'DKISP' : 'UGM', role },
      status: 'submitted',
      scores,
    };
  };
  return {
    format: 'timbang.assessment',
    formatVersion: 1,
    assessments: regencies.flatMap((regency) =>
      regency.stages.flatMap((stage) => [
        ...assessors.map((name) => record(regency, stage, name, 'assessor', 0)),
        ...(regency.selfBias !== undefined && stage === Math.max(...regency.stages)
          ? [record(regency, stage, `DKISP ${regency.code}`, 'self', regency.selfBias)]
          : []),
      ]),
    ),
  };
}

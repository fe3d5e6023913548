import type { RubricInput } from '../../shared/rubric/schema.ts';
import type { Workspace } from '../../electron/core/workspace/open.ts';

const levels = (min: number, max: number) =>
  Array.from({ length: max - min + 1 }, (_, index) => ({
    value: min + index,
    label: `Level ${min + index}`,
    descriptor: `Descriptor of level ${min + index}`,
  }));

/** A small panel rubric: two dimensions of two criteria on 1–5 (range mapping), one criterion may be not applicable. */
export const PANEL_RUBRIC: RubricInput = {
  id: 'panel-test',
  version: 1,
  name: { id: 'Rubrik uji panel', en: 'Panel test rubric' },
  weighting: 'percent',
  items: [
    {
      type: 'group',
      code: 'ECO',
      title: { id: 'Smart Economy', en: 'Smart Economy' },
      weight: 60,
      weighting: 'percent',
      children: [
        {
          type: 'criterion',
          code: 'ECO.1',
          title: { id: 'Analisis ekonomi' },
          weight: 50,
          scale: { kind: 'levels', mapping: 'range', levels: levels(1, 5) },
        },
        {
          type: 'criterion',
          code: 'ECO.2',
          title: { id: 'Quick win ekonomi' },
          weight: 50,
          allowNotApplicable: true,
          scale: { kind: 'levels', mapping: 'range', levels: levels(1, 5) },
        },
      ],
    },
    {
      type: 'group',
      code: 'LIV',
      title: { id: 'Smart Living', en: 'Smart Living' },
      weight: 40,
      weighting: 'percent',
      children: [
        {
          type: 'criterion',
          code: 'LIV.1',
          title: { id: 'Analisis kesehatan' },
          weight: 50,
          scale: { kind: 'levels', mapping: 'range', levels: levels(1, 5) },
        },
        {
          type: 'criterion',
          code: 'LIV.2',
          title: { id: 'Program mobilitas' },
          weight: 50,
          scale: { kind: 'levels', mapping: 'range', levels: levels(1, 5) },
        },
      ],
    },
  ],
};

/** Kabupaten Banggai, Bimtek 3, in a workspace; returns the submission id. */
export function banggaiBimtek3(ws: Workspace): number {
  if (!ws.regencies.list({}).some((regency) => regency.code === '72.01')) ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
  return ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: 3 }).id;
}

/**
 * Another person takes the laptop (as on a shared laptop, or standing in for a colleague's):
 * the person of that name who worked here before, else a new one. Renaming is `ws.profile.save`.
 */
export function actAs(ws: Workspace, name: string, role: 'assessor' | 'regional_planner' = 'assessor'): void {
  const input = { name, institution: role === 'assessor' ? 'UGM' : 'DKISP Banggai', role };
  const known = ws.profile.people().find((person) => person.name === name);
  if (known) ws.profile.switchTo(known.id);
  else if (ws.profile.get() === null) ws.profile.save(input);
  else ws.profile.startAsNewPerson(input);
  ws.profile.save(input);
}

/** Score every criterion of an assessment of PANEL_RUBRIC and submit it. */
export function scoreAndSubmit(ws: Workspace, id: number, scores: Record<string, number | 'na'>): void {
  for (const [code, value] of Object.entries(scores)) ws.assessments.setScore(id, code, value);
  ws.assessments.transition(id, 'submitted');
}

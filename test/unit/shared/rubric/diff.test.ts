import { describe, expect, it } from 'vitest';
import { classifyChange, migrateScores } from '../../../../shared/rubric/diff.ts';
import type { Criterion, Group, Rubric } from '../../../../shared/rubric/schema.ts';
import { loadTemplate } from '../../../helpers/templates.ts';

const original = () => loadTemplate('masterplan-review');
const groupOf = (rubric: Rubric, code: string) => rubric.items.find((node) => node.code === code) as Group;
const criterionOf = (rubric: Rubric, code: string) =>
  groupOf(rubric, code.split('.')[0]!).children.find((node) => node.code === code) as Criterion;

describe('classifyChange', () => {
  it('sees no change in an identical copy', () => {
    expect(classifyChange(original(), original()).kind).toBe('none');
  });

  it('classifies new titles, labels and descriptors as wording only', () => {
    const next = original();
    criterionOf(next, 'ECO.4').title.id = 'Kualitas dan kebaruan inovasi Smart Economy';
    const scale = criterionOf(next, 'ECO.1').scale;
    if (scale.kind === 'levels') scale.levels[2]!.descriptor = 'Teks baru.';
    next.description = 'Deskripsi baru';
    const change = classifyChange(original(), next);
    expect(change.kind).toBe('wording');
    expect(change.wordingChanged).toEqual(['ECO.1', 'ECO.4']);
  });

  it('classifies weights, scales and pass mark as scoring changes', () => {
    const weights = original();
    criterionOf(weights, 'ECO.1').weight = 10;
    criterionOf(weights, 'ECO.2').weight = 20;
    expect(classifyChange(original(), weights)).toMatchObject({ kind: 'scoring', weightChanged: ['ECO.1', 'ECO.2'] });

    const scale = original();
    const eco3 = criterionOf(scale, 'ECO.3');
    if (eco3.scale.kind === 'levels') eco3.scale.mapping = 'ratio';
    expect(classifyChange(original(), scale)).toMatchObject({ kind: 'scoring', scaleChanged: ['ECO.3'] });

    const pass = original();
    pass.passMark = 75;
    expect(classifyChange(original(), pass)).toMatchObject({ kind: 'scoring', settingsChanged: ['passMark'] });
  });

  it('classifies a new stage weighting as a scoring change, and an explicit "whole" as the absent one it means', () => {
    const share = { ...original(), stageWeighting: 'due-share' as const };
    expect(classifyChange(original(), share)).toMatchObject({ kind: 'scoring', settingsChanged: ['stageWeighting'] });
    expect(migrateScores(original(), share, {}).resultsChanged).toBe(true);
    const whole = { ...original(), stageWeighting: 'whole' as const };
    expect(classifyChange(original(), whole).settingsChanged).not.toContain('stageWeighting');
    expect(classifyChange(original(), whole).kind).not.toBe('scoring');
    expect(migrateScores(original(), whole, {}).resultsChanged).toBe(false);
  });

  it('sees changed group points and a new order of siblings', () => {
    const points = loadTemplate('plan-quality-8');
    (points.items[0] as Group).points = 20;
    expect(classifyChange(loadTemplate('plan-quality-8'), points)).toMatchObject({ kind: 'scoring', weightChanged: ['FB'] });
    const order = loadTemplate('plan-quality-8');
    order.items.reverse();
    (order.items[0] as Group).children.reverse();
    expect(classifyChange(loadTemplate('plan-quality-8'), order)).toMatchObject({ kind: 'wording', reordered: ['(root)', 'OP'] });
    const levels = loadTemplate('plan-quality-8');
    const scale = ((levels.items[0] as Group).children[0] as Criterion).scale;
    if (scale.kind === 'levels') scale.levels.reverse();
    expect(classifyChange(loadTemplate('plan-quality-8'), levels).kind).toBe('wording');
  });

  it('classifies added, removed and moved criteria as structural', () => {
    const next = original();
    const eco = groupOf(next, 'ECO');
    const moved = eco.children.pop() as Criterion;
    groupOf(next, 'LIV').children.push(moved);
    groupOf(next, 'GOV').children.splice(0, 1);
    expect(classifyChange(original(), next)).toMatchObject({ kind: 'structure', removed: ['GOV.1'], moved: ['ECO.7'] });
  });
});

describe('migrateScores', () => {
  const scores = { 'ECO.1': 3, 'ECO.2': 4, 'ECO.3': 2, 'GOV.1': 1 };

  it('keeps every score when only wording changed', () => {
    const next = original();
    criterionOf(next, 'ECO.1').title.en = 'New English title';
    expect(migrateScores(original(), next, scores)).toEqual({ scores, needsRescore: [], dropped: [], resultsChanged: false });
  });

  it('keeps scores when only weights changed, flags none, and says the results changed', () => {
    const next = original();
    criterionOf(next, 'ECO.1').weight = 10;
    criterionOf(next, 'ECO.2').weight = 20;
    groupOf(next, 'ECO').weight = 14;
    groupOf(next, 'BRA').weight = 8;
    expect(migrateScores(original(), next, scores)).toEqual({ scores, needsRescore: [], dropped: [], resultsChanged: true });
  });

  it('flags the criteria whose scale changed or that are new, keeps scores still allowed, drops removed ones', () => {
    const next = original();
    criterionOf(next, 'ECO.1').weight = 10;
    criterionOf(next, 'ECO.2').weight = 20;
    const eco3 = criterionOf(next, 'ECO.3');
    if (eco3.scale.kind === 'levels') eco3.scale.levels = eco3.scale.levels.filter((level) => level.value !== 2);
    groupOf(next, 'GOV').children.splice(0, 1);
    const eco1 = criterionOf(next, 'ECO.1');
    eco1.allowNotApplicable = true;
    const migration = migrateScores(original(), next, scores);
    expect(migration.scores).toEqual({ 'ECO.1': 3, 'ECO.2': 4 });
    expect(migration.needsRescore).toEqual(['ECO.1', 'ECO.3']);
    expect(migration.dropped).toEqual(['GOV.1']);
  });
});

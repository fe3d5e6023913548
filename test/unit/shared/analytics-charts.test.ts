import { describe, expect, it } from 'vitest';
import {
  cohortRanking,
  stagePeers,
  criterionHeatmap,
  dimensionPoints,
  gapBars,
  gapShade,
  progressSeries,
  standing,
} from '../../../shared/analytics/charts.ts';
import { rubricSchema } from '../../../shared/rubric/schema.ts';
import { scoreRubric } from '../../../shared/rubric/score.ts';
import { PANEL_RUBRIC } from '../../helpers/assessments.ts';

const rubric = rubricSchema.parse(PANEL_RUBRIC);
const row = (code: string, percent: number | null) => ({
  code,
  title: { id: code },
  kind: 'group' as const,
  depth: 0,
  percent,
  gap: percent === null ? null : percent - 70,
});

describe('chart data', () => {
  it('puts each dimension on the radar with the panel, the self-assessment and the pass mark', () => {
    const panel = scoreRubric(rubric, { 'ECO.1': 2, 'ECO.2': 3, 'LIV.1': 5, 'LIV.2': 4 });
    const self = scoreRubric(rubric, { 'ECO.1': 5, 'ECO.2': 5, 'LIV.1': 5, 'LIV.2': 5 });
    expect(dimensionPoints(panel, self)).toEqual([
      {
        code: 'ECO',
        title: { id: 'Smart Economy', en: 'Smart Economy' },
        panel: 37.5,
        self: 100,
        passMark: 70,
        gap: -32.5,
        standing: 'below',
      },
      {
        code: 'LIV',
        title: { id: 'Smart Living', en: 'Smart Living' },
        panel: 87.5,
        self: 100,
        passMark: 70,
        gap: 17.5,
        standing: 'above',
      },
    ]);
    expect(dimensionPoints(scoreRubric(rubric, {}))[0]).toMatchObject({ panel: null, self: null, gap: null, standing: 'none' });
  });

  it('sorts the gap bars furthest below first, those without a result last', () => {
    const points = dimensionPoints(scoreRubric(rubric, { 'LIV.1': 1 }));
    expect(gapBars(points).map((point) => [point.code, point.gap])).toEqual([
      ['LIV', -70],
      ['ECO', null],
    ]);
    expect(standing(70 - 1e-12, 70)).toBe('above');
    expect(standing(69.99, 70)).toBe('below');
  });

  it('lays the criteria out per dimension for the heat map, not-applicable ones uncoloured, shades by gap', () => {
    const heat = criterionHeatmap(scoreRubric(rubric, { 'ECO.1': 1, 'ECO.2': 'na', 'LIV.1': 4 }));
    expect(heat.map((entry) => [entry.code, entry.cells.map((cell) => [cell.code, cell.percent, cell.excluded])])).toEqual([
      [
        'ECO',
        [
          ['ECO.1', 0, false],
          ['ECO.2', null, true],
        ],
      ],
      [
        'LIV',
        [
          ['LIV.1', 75, false],
          ['LIV.2', null, false],
        ],
      ],
    ]);
    expect([gapShade(null), gapShade(-70), gapShade(-20), gapShade(-1), gapShade(0), gapShade(5), gapShade(30)]).toEqual([
      0, 1, 2, 3, 4, 4, 5,
    ]);
  });

  it('orders the stages, evaluations after Bimtek 4, and measures the improvement since the stage before', () => {
    const series = progressSeries([
      { key: 'b3', kind: 'bimtek', stage: 3, year: null, overall: 61, groups: [row('ECO', 55), row('LIV', 67)] },
      { key: 'e24', kind: 'evaluation', stage: null, year: 2024, overall: 74, groups: [row('ECO', 70), row('LIV', null)] },
      { key: 'b1', kind: 'bimtek', stage: 1, year: null, overall: 40, groups: [row('ECO', 30), row('LIV', 50)] },
    ]);
    expect(series.points.map((point) => [point.key, point.overall, point.ECO])).toEqual([
      ['b1', 40, 30],
      ['b3', 61, 55],
      ['e24', 74, 70],
    ]);
    expect(series.improvements.map((entry) => [entry.code, entry.previous, entry.latest, entry.change])).toEqual([
      ['', 61, 74, 13],
      ['ECO', 55, 70, 15],
      ['LIV', 67, null, null],
    ]);
    expect(progressSeries([]).improvements[0]).toMatchObject({ previous: null, latest: null, change: null });
    // A later stage nobody has submitted yet does not count: the change is between the last two with a result.
    const pending = progressSeries([
      { key: 'b2', kind: 'bimtek', stage: 2, year: null, overall: 50, groups: [] },
      { key: 'b3', kind: 'bimtek', stage: 3, year: null, overall: 65, groups: [] },
      { key: 'b4', kind: 'bimtek', stage: 4, year: null, overall: null, groups: [] },
    ]);
    expect(pending.compared).toEqual({ previous: 'b2', latest: 'b3' });
    expect(pending.improvements[0]).toMatchObject({ previous: 50, latest: 65, change: 15 });
  });

  it('ranks the cohort nationally and within each province (ties share a rank) and counts the dimensions below', () => {
    const entry = (code: string, province: string, overall: number | null, groups: number[]) => ({
      submissionId: Number(code.replace('.', '')),
      regencyCode: code,
      regencyName: code,
      provinceCode: province,
      provinceName: province,
      cohortYear: 2022,
      overall,
      groups: groups.map((percent, index) => row(`D${index}`, percent)),
    });
    const ranked = cohortRanking(
      [
        entry('72.01', '72', 60, [50, 80]),
        entry('73.71', '73', 90, [90, 90]),
        entry('72.02', '72', 60, [60, 60]),
        entry('35.71', '35', null, []),
      ],
      70,
    );
    expect(ranked.map((entry) => [entry.regencyCode, entry.rank, entry.rankInProvince, entry.below])).toEqual([
      ['73.71', 1, 1, 0],
      ['72.01', 2, 1, 1],
      ['72.02', 2, 1, 2],
      ['35.71', null, null, 0],
    ]);
  });

  it('ranks a result only among those at the same stage or evaluation year', () => {
    const entry = (code: string, province: string, overall: number, stage: number | null, year: number | null = null) => ({
      submissionId: Number(code.replace('.', '')) * 10 + (stage ?? 0),
      regencyCode: code,
      regencyName: code,
      provinceCode: province,
      provinceName: province,
      cohortYear: 2022,
      kind: stage === null ? ('evaluation' as const) : ('bimtek' as const),
      stage,
      year,
      overall,
      groups: [],
    });
    const ranked = cohortRanking(
      [entry('72.01', '72', 60, 3), entry('73.71', '73', 90, 3), entry('72.02', '72', 80, 2), entry('15.71', '15', 95, null, 2024)],
      70,
      stagePeers,
    );
    const rankOf = (code: string) => ranked.find((row) => row.regencyCode === code);
    expect([rankOf('73.71')?.rank, rankOf('72.01')?.rank, rankOf('72.02')?.rank, rankOf('15.71')?.rank]).toEqual([1, 2, 1, 1]);
    // Within the province too: 72.01 (Bimtek 3) and 72.02 (Bimtek 2) are each first among their own.
    expect([rankOf('72.01')?.rankInProvince, rankOf('72.02')?.rankInProvince]).toEqual([1, 1]);
    expect(stagePeers({ kind: 'bimtek', stage: 3, year: null })).not.toBe(stagePeers({ kind: 'evaluation', stage: null, year: 3 }));
  });
});

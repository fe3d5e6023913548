import type { PanelScores, SubmissionSummary } from '../../../shared/assessment/catalog.ts';
import { cohortEntryOf, stageOrder, type StagedCohortEntry } from '../../../shared/analytics/charts.ts';
import type { Title } from '../../../shared/rubric/schema.ts';
import type { PanelViews } from './panel-views.ts';
import type { RegencyService } from './regencies.ts';
import type { AssessmentService } from './assessments.ts';

export interface CohortFilter {
  rubricId?: string;
  provinceCode?: string;
  cohortYear?: number;
  stage?: number;
}

/** The rubric most submissions were assessed on: the default of the progress and cohort views. */
export function commonest(summaries: readonly SubmissionSummary[]): string | undefined {
  const counts = new Map<string, number>();
  for (const summary of summaries) counts.set(summary.rubricId, (counts.get(summary.rubricId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/**
 * The numbers behind the charts: a submission's dashboard, and across submissions a
 * regency's stages and the cohort. Built on the panels' views, so the charts show exactly
 * what the panel screens and reports show (and hide).
 */
export function createAnalyticsService(panels: PanelViews, regencies: RegencyService, assessments: AssessmentService) {
  function rubricChoices(summaries: readonly SubmissionSummary[]): { id: string; name: Title }[] {
    const latest = new Map<string, number>();
    for (const summary of summaries) latest.set(summary.rubricId, Math.max(latest.get(summary.rubricId) ?? 0, summary.rubricVersion));
    return [...latest].map(([id, version]) => ({ id, name: assessments.rubricOf(id, version).name }));
  }

  /** The raw material of a submission's dashboard: the rubric, the panel's and the self-assessment's scores. */
  function dashboard(submissionId: number, rubricId?: string): PanelScores {
    const computed = panels.open(submissionId, rubricId);
    const { hidden, self } = computed;
    return {
      submissionId,
      rubricId: computed.rubricId,
      rubricVersion: computed.version,
      rubric: computed.rubric,
      otherRubrics: computed.otherRubrics,
      stage: computed.options.stage ?? null,
      passMark: computed.result.passMark,
      hidden,
      panel: hidden ? {} : computed.scores,
      self: self ? { assessor: self.assessor_name, status: self.status, scores: panels.scoresOf(self.id) } : null,
      assessors: computed.roster,
    };
  }

  function progress(regencyCode: string, rubricId?: string) {
    const regency = regencies.get(regencyCode);
    const all = panels.summary({ regencyCode });
    const chosen = rubricId ?? commonest(all);
    return {
      regency,
      rubricId: chosen ?? null,
      rubrics: rubricChoices(all),
      entries: all.filter((summary) => summary.rubricId === chosen).sort((a, b) => stageOrder(a) - stageOrder(b)),
    };
  }

  /** Per regency one row: the submission at the stage asked for, else its latest assessed one. */
  function cohort(filter: CohortFilter) {
    const all = panels.summary();
    const chosen = filter.rubricId ?? commonest(all);
    const byCode = new Map(regencies.list({}).map((regency) => [regency.code, regency]));
    const latest = new Map<string, SubmissionSummary>();
    for (const summary of all) {
      // Hidden, or nobody has submitted yet: no result to rank, so the stage before stands for the regency.
      if (summary.rubricId !== chosen || summary.panel.hidden || summary.panel.overall.percent === null) continue;
      if (filter.stage !== undefined && !(summary.kind === 'bimtek' && summary.stage === filter.stage)) continue;
      const regency = byCode.get(summary.regencyCode);
      if (!regency) continue;
      if (filter.provinceCode && regency.provinceCode !== filter.provinceCode) continue;
      if (filter.cohortYear && regency.cohortYear !== filter.cohortYear) continue;
      const current = latest.get(summary.regencyCode);
      if (!current || stageOrder(summary) > stageOrder(current)) latest.set(summary.regencyCode, summary);
    }
    const rows: (StagedCohortEntry & { band: Title | null })[] = [...latest.values()].map((summary) => ({
      ...cohortEntryOf(summary, byCode.get(summary.regencyCode)),
      band: summary.panel.overall.band,
    }));
    const passMark = all.find((summary) => summary.rubricId === chosen)?.panel.overall.passMark ?? null;
    return { rubricId: chosen ?? null, rubrics: rubricChoices(all), passMark, rows };
  }

  return { dashboard, progress, cohort };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

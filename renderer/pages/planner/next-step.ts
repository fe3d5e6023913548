import type { SubmissionSummary } from '../../../shared/assessment/catalog.ts';
import type { AssessmentSummary } from '../../../shared/assessment/model.ts';
import type { Submission } from '../../../shared/intake/model.ts';

/** One submission of the planner's regency with their own self-assessment of it and the panel's result, if any. */
export interface PlannerRow {
  submission: Submission;
  self: AssessmentSummary | undefined;
  /** The panel's overall result, when the panel has one the planner may see. */
  panel: { percent: number; gap: number | null; complete: boolean } | undefined;
}

/** Bimtek stages in order, then evaluation years: the last one is where the regency is now. */
export function bySequence(a: Submission, b: Submission): number {
  if (a.kind !== b.kind) return a.kind === 'bimtek' ? -1 : 1;
  return (a.stage ?? a.year ?? 0) - (b.stage ?? b.year ?? 0);
}

/**
 * The planner's rows: each submission of their regency, their latest self-assessment of it
 * (another person's is not theirs to continue), and the panel result on the same rubric.
 */
export function plannerRows(
  submissions: readonly Submission[],
  mine: readonly AssessmentSummary[],
  summaries: readonly SubmissionSummary[],
): PlannerRow[] {
  return [...submissions].sort(bySequence).map((submission) => {
    const self = mine
      .filter((assessment) => assessment.role === 'self' && assessment.submissionId === submission.id)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    const entries = summaries.filter((entry) => entry.submissionId === submission.id);
    const entry = entries.find((candidate) => candidate.rubricId === self?.rubricId) ?? entries[0];
    const overall = entry && !entry.panel.hidden ? entry.panel.overall : undefined;
    const panel =
      overall && overall.percent !== null ? { percent: overall.percent, gap: overall.gap, complete: overall.complete } : undefined;
    return { submission, self, panel };
  });
}

export type NextStep =
  | { kind: 'noSubmission' }
  | { kind: 'noDocuments'; row: PlannerRow }
  | { kind: 'startSelf'; row: PlannerRow }
  | { kind: 'continueSelf'; row: PlannerRow }
  | { kind: 'submitSelf'; row: PlannerRow }
  | { kind: 'waitPanel'; row: PlannerRow }
  | { kind: 'compare'; row: PlannerRow };

/** What a planner does next, on the latest submission of their regency. */
export function nextStep(rows: readonly PlannerRow[]): NextStep {
  const row = rows.at(-1);
  if (!row) return { kind: 'noSubmission' };
  const { self } = row;
  if (!self) return row.submission.documents === 0 ? { kind: 'noDocuments', row } : { kind: 'startSelf', row };
  if (self.status === 'draft') {
    const { scored, scorable } = self.completeness;
    return scorable > 0 && scored >= scorable ? { kind: 'submitSelf', row } : { kind: 'continueSelf', row };
  }
  return row.panel ? { kind: 'compare', row } : { kind: 'waitPanel', row };
}

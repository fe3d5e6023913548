import type { AssessmentSummary } from './model.ts';

/**
 * The assessment to work on next: a draft with criteria flagged for rescoring first (a
 * rubric change is waiting), then the draft worked on most recently that is not yet
 * complete (pick up where you left off), then the oldest draft not started, then a
 * complete draft still to submit. Null when every assessment is submitted.
 */
export function nextToWorkOn(assessments: readonly AssessmentSummary[]): number | null {
  const drafts = assessments.filter((assessment) => assessment.status === 'draft' && assessment.mine);
  const remaining = (a: AssessmentSummary) => a.completeness.scorable - a.completeness.scored;
  const byRecent = (a: AssessmentSummary, b: AssessmentSummary) => b.updatedAt.localeCompare(a.updatedAt);
  const byOldest = (a: AssessmentSummary, b: AssessmentSummary) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id;
  const pick =
    drafts.filter((a) => a.needsRescore > 0).sort(byRecent)[0] ??
    drafts.filter((a) => remaining(a) > 0 && a.completeness.scored > 0).sort(byRecent)[0] ??
    drafts.filter((a) => a.completeness.scored === 0).sort(byOldest)[0] ??
    drafts.sort(byOldest)[0];
  return pick?.id ?? null;
}

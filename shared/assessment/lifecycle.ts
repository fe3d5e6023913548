import type { AssessmentStatus } from './model.ts';

/**
 * draft → submitted → finalized. A submitted assessment can be reopened (back to draft)
 * with a reason; a finalized one never changes again. The database enforces the same
 * rules with triggers (migration 4); this table is what the screens and services ask.
 */
const TRANSITIONS: Record<AssessmentStatus, readonly AssessmentStatus[]> = {
  draft: ['submitted'],
  submitted: ['finalized', 'draft'],
  finalized: [],
};

export function canTransition(from: AssessmentStatus, to: AssessmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Reopening (submitted → draft) needs a reason, kept in the audit trail. */
export function needsReason(from: AssessmentStatus, to: AssessmentStatus): boolean {
  return from === 'submitted' && to === 'draft';
}

export function isEditable(status: AssessmentStatus): boolean {
  return status === 'draft';
}

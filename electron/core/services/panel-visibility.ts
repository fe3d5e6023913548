import type { AssessmentRole, AssessmentStatus } from '../../../shared/assessment/model.ts';
import { isHiddenFor, type PanelMember } from '../../../shared/assessment/visibility.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import type { Db } from '../db/open.ts';
import { query } from '../db/query.ts';

/** An assessment row as the visibility rule reads it. */
export interface MemberFields {
  role: AssessmentRole;
  assessor_id: string;
  status: AssessmentStatus;
}

export const panelMember = (row: MemberFields): PanelMember => ({ role: row.role, assessorId: row.assessor_id, status: row.status });

/** The visibility rule over a panel's rows as read from the database. */
export const hiddenIn = (me: string, rows: readonly MemberFields[], settings: Pick<Settings, 'hideOthersUntilSubmitted'>): boolean =>
  isHiddenFor(me, rows.map(panelMember), settings);

/** The panels (submission, rubric) whose other assessors' scores are hidden from me. */
export interface HiddenPanels {
  has(submissionId: number, rubricId: string): boolean;
}

type DraftRow = MemberFields & { submission_id: number; rubric_id: string };

/**
 * The panels where my assessor assessment is a draft, in one query however many rows of
 * however many panels are then asked about; hidden from me as the rule says.
 */
export function panelsHiddenFrom(db: Db, me: string, settings: Pick<Settings, 'hideOthersUntilSubmitted'>): HiddenPanels {
  const drafts = query<DraftRow>(
    db,
    `SELECT submission_id, rubric_id, role, assessor_id, status FROM assessment
     WHERE assessor_id = ? AND role = 'assessor' AND status = 'draft'`,
  ).all(me);
  const key = (submissionId: number, rubricId: string) => `${submissionId}|${rubricId}`;
  const hidden = new Set(
    drafts.filter((draft) => hiddenIn(me, [draft], settings)).map((draft) => key(draft.submission_id, draft.rubric_id)),
  );
  return { has: (submissionId, rubricId) => hidden.has(key(submissionId, rubricId)) };
}

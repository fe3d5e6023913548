import { AppError } from '../../../shared/errors.ts';
import type { PanelView } from '../../../shared/assessment/catalog.ts';
import { REASON_MAX, type StoredScore } from '../../../shared/assessment/model.ts';
import { isDraftingIn } from '../../../shared/assessment/visibility.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { execute, queryValue } from '../db/query.ts';
import { checkScore, type AssessmentService } from './assessments.ts';
import type { ServiceContext } from './context.ts';
import type { PanelViews } from './panel-views.ts';
import { panelMember } from './panel-visibility.ts';
import type { SubmissionService } from './submissions.ts';

/**
 * What a panel's lead does: take the lead, and set (or clear) the panel's agreed scores.
 * Each command answers with the panel as I may now see it.
 */
export function createPanelCommands(
  ctx: ServiceContext,
  assessments: AssessmentService,
  submissions: SubmissionService,
  views: PanelViews,
) {
  const { db } = ctx;

  function recordPanel(
    submissionId: number,
    rubricId: string,
    action: 'agreed' | 'lead',
    change: { criterion?: string; before?: unknown; after?: unknown; reason?: string },
  ) {
    assessments.record({ id: null, submission_id: submissionId, rubric_id: rubricId }, action, change);
  }

  /** Become the panel's lead; only when it has none (or it is me already). */
  function takeLead(submissionId: number, rubricId: string): PanelView {
    db.transaction(() => {
      submissions.get(submissionId);
      const me = ctx.actor();
      const current = views.leadOf(submissionId, rubricId);
      if (current?.id === me.id) return;
      if (current) throw new AppError('panel.lead_taken', { lead: current.name });
      const isMember = queryValue<number>(
        db,
        "SELECT 1 FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = 'assessor' AND assessor_id = ?",
      ).get(submissionId, rubricId, me.id);
      if (isMember === undefined) throw new AppError('panel.not_member');
      execute(db, 'INSERT INTO panel (submission_id, rubric_id, lead_id, lead_name, updated_at) VALUES (?, ?, ?, ?, ?)')(
        submissionId,
        rubricId,
        me.id,
        me.name,
        ctx.now(),
      );
      recordPanel(submissionId, rubricId, 'lead', { after: me.name });
    }).immediate();
    return views.view(submissionId, rubricId);
  }

  /**
   * The lead sets (or, with null, clears) the agreed score of a criterion, with a reason.
   * The assessors' own scores are kept as they were; the history records old → new.
   */
  function reconcile(submissionId: number, rubricId: string, code: string, value: StoredScore, reason: string): PanelView {
    const why = reason.trim().slice(0, REASON_MAX);
    db.transaction(() => {
      const actor = ctx.actor();
      const me = actor.id;
      const lead = views.leadOf(submissionId, rubricId);
      if (lead?.id !== me) throw new AppError('panel.not_lead', { lead: lead?.name ?? '' });
      if (!why) throw new AppError('assessment.reason_required');
      const { rubric, version, assessors, agreed } = views.compute(submissionId, rubricId, undefined, me);
      // The lead decides having seen every score: after submitting, and before the panel is final.
      if (isDraftingIn(me, assessors.map(panelMember))) throw new AppError('panel.submit_first');
      if (assessors.length > 0 && assessors.every((member) => member.status === 'finalized')) throw new AppError('panel.final');
      const criterion = criteriaOf(rubric).find(({ node }) => node.code === code)?.node;
      if (!criterion) throw new AppError('assessment.unknown_criterion', { code, rubric: `${rubricId} v${version}` });
      if (value !== null) checkScore(criterion, value);
      const before = agreed.get(code)?.value ?? null;
      if (value === null) {
        execute(db, 'DELETE FROM panel_agreement WHERE submission_id = ? AND rubric_id = ? AND criterion_code = ?')(
          submissionId,
          rubricId,
          code,
        );
      } else {
        execute(
          db,
          `INSERT INTO panel_agreement (submission_id, rubric_id, criterion_code, value, not_applicable, reason, decided_at, decided_by, decided_by_id)
           VALUES (@submission, @rubric, @code, @value, @na, @reason, @at, @by, @byId)
           ON CONFLICT (submission_id, rubric_id, criterion_code) DO UPDATE SET
             value = @value, not_applicable = @na, reason = @reason, decided_at = @at, decided_by = @by, decided_by_id = @byId`,
        )({
          submission: submissionId,
          rubric: rubricId,
          code,
          value: value === 'na' ? null : value,
          na: value === 'na' ? 1 : 0,
          reason: why,
          at: ctx.now(),
          by: actor.name,
          byId: me,
        });
      }
      recordPanel(submissionId, rubricId, 'agreed', { criterion: code, before, after: value, reason: why });
    }).immediate();
    return views.view(submissionId, rubricId);
  }

  return { takeLead, reconcile };
}

export type PanelCommands = ReturnType<typeof createPanelCommands>;

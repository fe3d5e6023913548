import { AppError } from '../../../shared/errors.ts';
import type { PanelScores, PanelView, SubmissionSummary } from '../../../shared/assessment/catalog.ts';
import { compareSelfWithPanel } from '../../../shared/assessment/compare.ts';
import type { AssessmentRole, AssessmentStatus, AssessmentSummary, HistoryAction, HistoryEvent, StoredScore } from '../../../shared/assessment/model.ts';
import { panelAgreement, panelCriteria, panelScores, type Agreement } from '../../../shared/assessment/panel.ts';
import { criterionPaths, overallOf, resultRows, topLevelRows } from '../../../shared/assessment/results.ts';
import { scoreRubric, type Scores } from '../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { REASON_MAX } from '../../../shared/assessment/model.ts';
import { checkScore, scoresFrom, scoringStage, storedScore, type AssessmentService } from './assessments.ts';
import type { ServiceContext } from './context.ts';
import type { SettingsService } from './settings.ts';
import type { SubmissionService } from './submissions.ts';

interface MemberRow {
  id: number;
  assessor_name: string;
  assessor_institution: string;
  role: AssessmentRole;
  status: AssessmentStatus;
  rubric_version: number;
  updated_at: string;
}

interface AgreementRow {
  criterion_code: string;
  value: number | null;
  not_applicable: 0 | 1;
  reason: string;
  decided_at: string;
  decided_by: string;
}

const counts = (status: AssessmentStatus) => status === 'submitted' || status === 'finalized';

/**
 * Panels: the assessors' assessments of one submission on one rubric, taken together.
 * The panel result is the lead's agreed score where set, else the aggregate; the
 * self-assessment is compared with it and never counted in it.
 */
export function createPanelService(ctx: ServiceContext, assessments: AssessmentService, submissions: SubmissionService, settings: SettingsService) {
  const { db } = ctx;


  function rubricIds(submissionId: number): string[] {
    const rows = db
      .prepare(
        `SELECT rubric_id, count(*) AS n FROM assessment WHERE submission_id = ?
         GROUP BY rubric_id ORDER BY sum(role = 'assessor') DESC, n DESC, rubric_id`,
      )
      .all(submissionId) as { rubric_id: string }[];
    return rows.map((found) => found.rubric_id);
  }

  // Prepared once: a cohort computes hundreds of panels, and preparing is most of a small query's cost.
  const membersQuery = db.prepare(
    `SELECT id, assessor_name, assessor_institution, role, status, rubric_version, updated_at FROM assessment
     WHERE submission_id = ? AND rubric_id = ? ORDER BY role, assessor_name`,
  );
  const scoresQuery = db.prepare('SELECT criterion_code, value, not_applicable FROM assessment_score WHERE assessment_id = ?');
  const agreementsQuery = db.prepare('SELECT * FROM panel_agreement WHERE submission_id = ? AND rubric_id = ?');
  const sheetScoresQuery = db.prepare('SELECT criterion_code, value, not_applicable, note FROM assessment_score WHERE assessment_id = ?');
  const revisionQuery = db.prepare('SELECT revision FROM assessment WHERE id = ?');

  function members(submissionId: number, rubricId: string): MemberRow[] {
    return membersQuery.all(submissionId, rubricId) as MemberRow[];
  }

  function scoresOf(assessmentId: number): Record<string, number | 'na'> {
    return scoresFrom(scoresQuery.all(assessmentId) as { criterion_code: string; value: number | null; not_applicable: 0 | 1 }[]);
  }

  function agreements(submissionId: number, rubricId: string): Map<string, Agreement> {
    const rows = agreementsQuery.all(submissionId, rubricId) as AgreementRow[];
    return new Map(
      rows.map((found) => [
        found.criterion_code,
        { value: storedScore(found) as number | 'na', reason: found.reason, decidedBy: found.decided_by, decidedAt: found.decided_at },
      ]),
    );
  }

  function leadOf(submissionId: number, rubricId: string): string | null {
    return (
      (db.prepare('SELECT lead_name FROM panel WHERE submission_id = ? AND rubric_id = ?').get(submissionId, rubricId) as
        | { lead_name: string }
        | undefined)?.lead_name ?? null
    );
  }

  /** The panel's computation, with nothing hidden; `view` decides what a member may see. */
  /** `current` lets a caller computing many panels read the settings once. */
  function compute(submissionId: number, rubricId: string, current = settings.get()) {
    const found = submissions.get(submissionId);
    const all = members(submissionId, rubricId);
    const assessors = all.filter((member) => member.role === 'assessor');
    if (all.length === 0) throw new AppError('panel.empty', { rubric: rubricId });
    const version = Math.max(...(assessors.length ? assessors : all).map((member) => member.rubric_version));
    const rubric = assessments.rubricOf(rubricId, version);
    const { passMark, panelAggregate, disagreementTolerance } = current;
    const stage = scoringStage({ submission_kind: found.kind, stage: found.stage });
    const options = { passMark, ...(stage ? { stage } : {}) };
    const counted = assessors.filter((member) => counts(member.status) && member.rubric_version === version);
    const rated = counted.map((member) => ({ assessmentId: member.id, assessor: member.assessor_name, scores: scoresOf(member.id) }));
    const criteria = panelCriteria(rubric, rated, agreements(submissionId, rubricId), {
      aggregate: panelAggregate,
      tolerance: disagreementTolerance,
    });
    const scores = panelScores(criteria);
    const result = scoreRubric(rubric, scores, { ...options, betweenLevels: true });
    const self = [...all].filter((member) => member.role === 'self').sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
    return { found, all, version, rubric, options, counted, rated, criteria, scores, result, self, aggregate: panelAggregate, tolerance: disagreementTolerance };
  }

  function view(submissionId: number, rubricId?: string): PanelView {
    const ids = rubricIds(submissionId);
    const chosen = rubricId ?? ids[0];
    if (!chosen) throw new AppError('panel.empty', { rubric: rubricId ?? '' });
    const computed = compute(submissionId, chosen);
    const { rubric, criteria, result, all, counted, version } = computed;
    const me = ctx.actor().name;
    const mine = all.find((member) => member.role === 'assessor' && member.assessor_name === me);
    const hidden = settings.get().hideOthersUntilSubmitted && mine !== undefined && mine.status === 'draft';
    const myScores: Scores = hidden && mine ? scoresOf(mine.id) : {};
    const paths = criterionPaths(rubric);
    const titles = new Map(criteriaOf(rubric).map(({ node }) => [node.code, node.title]));
    const agreement = panelAgreement(rubric, computed.rated);
    const selfView = () => {
      if (!computed.self) return null;
      const comparison = compareSelfWithPanel(rubric, scoresOf(computed.self.id), computed.scores, computed.options);
      return { assessment: assessments.summarise(computed.self.id), overall: comparison.overall, rows: comparison.rows };
    };
    return {
      submissionId,
      rubricId: chosen,
      rubricVersion: version,
      rubricName: rubric.name,
      otherRubrics: ids.filter((id) => id !== chosen).map((id) => ({ id, name: assessments.rubricOf(id, latestVersionIn(submissionId, id)).name })),
      lead: leadOf(submissionId, chosen),
      me,
      hidden,
      aggregate: computed.aggregate,
      tolerance: computed.tolerance,
      members: all
        .filter((member) => member.role === 'assessor')
        .map((member) => ({
          assessmentId: member.id,
          assessorName: member.assessor_name,
          institution: member.assessor_institution,
          status: member.status,
          rubricVersion: member.rubric_version,
          counted: counted.includes(member),
          mine: member.assessor_name === me,
        })),
      criteria: criteria.map((criterion) => {
        const base = { ...criterion, title: titles.get(criterion.code) ?? { id: criterion.code }, path: paths.get(criterion.code) ?? [] };
        if (!hidden) return { ...base, result: criterion.result ?? null };
        // Until I submit, I see only my own (draft) score: no others', no aggregates that would give them away.
        const own = Object.hasOwn(myScores, criterion.code) ? (myScores[criterion.code] ?? null) : null;
        return {
          ...base,
          agreed: null,
          agreedInvalid: false,
          ratings: mine ? [{ assessmentId: mine.id, assessor: me, value: own }] : [],
          notApplicable: 0,
          stats: null,
          disagreement: false,
          result: null,
          source: 'none' as const,
        };
      }),
      rows: hidden ? [] : resultRows(result),
      overall: overallOf(hidden ? scoreRubric(rubric, {}, computed.options) : result),
      disagreements: hidden ? 0 : criteria.filter((criterion) => criterion.disagreement).length,
      agreement: hidden ? { alpha: null, reading: 'undefined', units: 0, raters: agreement.raters } : agreement,
      self: hidden ? null : selfView(),
    };
  }

  function latestVersionIn(submissionId: number, rubricId: string): number {
    return (
      db.prepare('SELECT max(rubric_version) AS v FROM assessment WHERE submission_id = ? AND rubric_id = ?').get(submissionId, rubricId) as {
        v: number;
      }
    ).v;
  }

  function recordPanel(submissionId: number, rubricId: string, action: 'agreed' | 'lead', change: { criterion?: string; before?: unknown; after?: unknown; reason?: string }) {
    assessments.record({ id: null, submission_id: submissionId, rubric_id: rubricId }, action, change);
  }

  /** Become the panel's lead; only when it has none (or it is me already). */
  function takeLead(submissionId: number, rubricId: string): PanelView {
    db.transaction(() => {
      submissions.get(submissionId);
      const me = ctx.actor().name;
      const current = leadOf(submissionId, rubricId);
      if (current === me) return;
      if (current) throw new AppError('panel.lead_taken', { lead: current });
      const isMember = db
        .prepare("SELECT 1 FROM assessment WHERE submission_id = ? AND rubric_id = ? AND role = 'assessor' AND assessor_name = ?")
        .get(submissionId, rubricId, me);
      if (!isMember) throw new AppError('panel.not_member');
      db.prepare('INSERT INTO panel (submission_id, rubric_id, lead_name, updated_at) VALUES (?, ?, ?, ?)').run(submissionId, rubricId, me, ctx.now());
      recordPanel(submissionId, rubricId, 'lead', { after: me });
    }).immediate();
    return view(submissionId, rubricId);
  }

  /**
   * The lead sets (or, with null, clears) the agreed score of a criterion, with a reason.
   * The assessors' own scores are kept as they were; the history records old → new.
   */
  function reconcile(submissionId: number, rubricId: string, code: string, value: StoredScore, reason: string): PanelView {
    const why = reason.trim().slice(0, REASON_MAX);
    db.transaction(() => {
      const me = ctx.actor().name;
      const lead = leadOf(submissionId, rubricId);
      if (lead !== me) throw new AppError('panel.not_lead', { lead: lead ?? '' });
      if (!why) throw new AppError('assessment.reason_required');
      const { rubric, version, all } = compute(submissionId, rubricId);
      const assessors = all.filter((member) => member.role === 'assessor');
      // The lead decides having seen every score: after submitting, and before the panel is final.
      if (assessors.some((member) => member.assessor_name === me && member.status === 'draft')) throw new AppError('panel.submit_first');
      if (assessors.length > 0 && assessors.every((member) => member.status === 'finalized')) throw new AppError('panel.final');
      const criterion = criteriaOf(rubric).find(({ node }) => node.code === code)?.node;
      if (!criterion) throw new AppError('assessment.unknown_criterion', { code, rubric: `${rubricId} v${version}` });
      if (value !== null) checkScore(criterion, value);
      const before = agreements(submissionId, rubricId).get(code)?.value ?? null;
      if (value === null) {
        db.prepare('DELETE FROM panel_agreement WHERE submission_id = ? AND rubric_id = ? AND criterion_code = ?').run(submissionId, rubricId, code);
      } else {
        db.prepare(
          `INSERT INTO panel_agreement (submission_id, rubric_id, criterion_code, value, not_applicable, reason, decided_at, decided_by)
           VALUES (@submission, @rubric, @code, @value, @na, @reason, @at, @by)
           ON CONFLICT (submission_id, rubric_id, criterion_code) DO UPDATE SET
             value = @value, not_applicable = @na, reason = @reason, decided_at = @at, decided_by = @by`,
        ).run({
          submission: submissionId,
          rubric: rubricId,
          code,
          value: value === 'na' ? null : value,
          na: value === 'na' ? 1 : 0,
          reason: why,
          at: ctx.now(),
          by: ctx.actor().name,
        });
      }
      recordPanel(submissionId, rubricId, 'agreed', { criterion: code, before, after: value, reason: why });
    }).immediate();
    return view(submissionId, rubricId);
  }

  /** Per submission and rubric: the panel result and the self-assessment, per top-level group and overall. */
  function summary(filter: { submissionId?: number; regencyCode?: string } = {}): SubmissionSummary[] {
    const pairs = db
      .prepare(
        `SELECT DISTINCT a.submission_id, a.rubric_id FROM assessment a JOIN submission s ON s.id = a.submission_id
         WHERE (@submission IS NULL OR a.submission_id = @submission) AND (@regency IS NULL OR s.regency_code = @regency)
         ORDER BY s.regency_code, s.kind, s.stage, s.year, a.rubric_id`,
      )
      .all({ submission: filter.submissionId ?? null, regency: filter.regencyCode ?? null }) as { submission_id: number; rubric_id: string }[];
    const me = ctx.actor().name;
    const current = settings.get();
    const hideOthers = current.hideOthersUntilSubmitted;
    return pairs.map(({ submission_id: submissionId, rubric_id: rubricId }) => {
      const computed = compute(submissionId, rubricId, current);
      const { found, rubric, criteria } = computed;
      // While my own assessment in this panel is a draft, its result would give the others' scores away.
      const hidden = hideOthers && computed.all.some((member) => member.role === 'assessor' && member.assessor_name === me && member.status === 'draft');
      const result = hidden ? scoreRubric(rubric, {}, computed.options) : computed.result;
      const selfSummary: AssessmentSummary | undefined = computed.self ? assessments.summarise(computed.self.id) : undefined;
      const selfResult = computed.self ? scoreRubric(rubric, scoresOf(computed.self.id), computed.options) : undefined;
      return {
        submissionId,
        regencyCode: found.regencyCode,
        regencyName: found.regencyName,
        kind: found.kind,
        stage: found.stage,
        year: found.year,
        rubricId,
        rubricVersion: computed.version,
        assessors: computed.all
          .filter((member) => member.role === 'assessor')
          .map((member) => ({ name: member.assessor_name, status: member.status, counted: computed.counted.includes(member) })),
        panel: {
          hidden,
          overall: overallOf(result),
          groups: topLevelRows(result),
          agreed: hidden ? 0 : criteria.filter((criterion) => criterion.source === 'agreed').length,
          disagreements: hidden ? 0 : criteria.filter((criterion) => criterion.disagreement).length,
        },
        self:
          selfSummary && selfResult
            ? { assessor: selfSummary.assessorName, status: selfSummary.status, overall: overallOf(selfResult), groups: topLevelRows(selfResult) }
            : null,
      };
    });
  }

  /**
   * The audit trail as this member may see it: while my own assessment in a panel is a
   * draft (and the setting hides others' scores), the other assessors' score, note and
   * evidence events of that panel are left out, as are agreed scores.
   */
  function visibleHistory(filter: { assessmentId?: number; submissionId?: number; criterion?: string }): HistoryEvent[] {
    const events = assessments.history(filter);
    if (!settings.get().hideOthersUntilSubmitted) return events;
    const me = ctx.actor().name;
    const drafting = db
      .prepare("SELECT submission_id, rubric_id FROM assessment WHERE assessor_name = ? AND role = 'assessor' AND status = 'draft'")
      .all(me) as { submission_id: number; rubric_id: string }[];
    const hiddenPanels = new Set(drafting.map((found) => `${found.submission_id}|${found.rubric_id}`));
    const revealing: readonly HistoryAction[] = ['score', 'note', 'evidence.add', 'evidence.remove', 'import', 'agreed'];
    return events.filter(
      (event) =>
        !hiddenPanels.has(`${event.submissionId}|${event.rubricId}`) ||
        !revealing.includes(event.action) ||
        (event.assessorName === me && event.role === 'assessor') ||
        event.role === 'self',
    );
  }

  /** The raw material of a submission's dashboard: the rubric, the panel's and the self-assessment's scores. */
  function scores(submissionId: number, rubricId?: string): PanelScores {
    const ids = rubricIds(submissionId);
    const chosen = rubricId ?? ids[0];
    if (!chosen) throw new AppError('panel.empty', { rubric: rubricId ?? '' });
    const computed = compute(submissionId, chosen);
    const me = ctx.actor().name;
    const hidden =
      settings.get().hideOthersUntilSubmitted &&
      computed.all.some((member) => member.role === 'assessor' && member.assessor_name === me && member.status === 'draft');
    return {
      submissionId,
      rubricId: chosen,
      rubricVersion: computed.version,
      rubric: computed.rubric,
      otherRubrics: ids.filter((id) => id !== chosen),
      stage: computed.options.stage ?? null,
      passMark: computed.result.passMark,
      hidden,
      panel: hidden ? {} : computed.scores,
      self: computed.self ? { assessor: computed.self.assessor_name, status: computed.self.status, scores: scoresOf(computed.self.id) } : null,
      assessors: computed.all
        .filter((member) => member.role === 'assessor')
        .map((member) => ({ name: member.assessor_name, status: member.status, counted: computed.counted.includes(member) })),
    };
  }

  /**
   * Everything a score sheet shows: the rubric, the panel's members with their scores and
   * notes (while my own assessment is a draft and others' are hidden: mine only), which of
   * them count, the agreed scores, and the evidence pages per criterion.
   */
  function sheet(submissionId: number, rubricId?: string) {
    const ids = rubricIds(submissionId);
    const chosen = rubricId ?? ids[0];
    if (!chosen) throw new AppError('panel.empty', { rubric: rubricId ?? '' });
    const current = settings.get();
    const computed = compute(submissionId, chosen, current);
    const me = ctx.actor().name;
    const mine = computed.all.find((member) => member.role === 'assessor' && member.assessor_name === me);
    const hidden = current.hideOthersUntilSubmitted && mine?.status === 'draft';
    const columns = computed.all
      .filter((member) => member.role === 'assessor' && member.rubric_version === computed.version)
      .filter((member) => !hidden || member.assessor_name === me)
      .map((member) => {
        const rows = sheetScoresQuery.all(member.id) as { criterion_code: string; value: number | null; not_applicable: 0 | 1; note: string }[];
        const revision = (revisionQuery.get(member.id) as { revision: number }).revision;
        return {
          assessmentId: member.id,
          name: member.assessor_name,
          institution: member.assessor_institution,
          status: member.status,
          revision,
          counted: computed.counted.includes(member) && !hidden,
          scores: scoresFrom(rows),
          notes: Object.fromEntries(rows.filter((row) => row.note.trim()).map((row) => [row.criterion_code, row.note])),
        };
      });
    // The evidence of the columns shown only: a hidden assessor's citations stay hidden too.
    const shown = new Set(columns.map((column) => column.assessmentId));
    const evidence = (
      db
        .prepare(
          `SELECT e.assessment_id, e.criterion_code, e.file_name, e.page FROM evidence e JOIN assessment a ON a.id = e.assessment_id
           WHERE a.submission_id = ? AND a.rubric_id = ? AND a.role = 'assessor' ORDER BY e.file_name, e.page`,
        )
        .all(submissionId, chosen) as { assessment_id: number; criterion_code: string; file_name: string; page: number }[]
    ).filter((item) => shown.has(item.assessment_id));
    const pages = new Map<string, Map<string, Set<number>>>();
    for (const item of evidence) {
      const files = pages.get(item.criterion_code) ?? new Map<string, Set<number>>();
      files.set(item.file_name, (files.get(item.file_name) ?? new Set()).add(item.page));
      pages.set(item.criterion_code, files);
    }
    return {
      submission: computed.found,
      rubricId: chosen,
      rubricVersion: computed.version,
      rubric: computed.rubric,
      stage: computed.options.stage,
      passMark: computed.result.passMark,
      aggregate: current.panelAggregate,
      hidden,
      columns,
      panel: hidden ? new Map<string, { result: number | 'na' | undefined; source: string }>() : new Map(computed.criteria.map((criterion) => [criterion.code, { result: criterion.result, source: criterion.source }])),
      evidence: new Map([...pages].map(([code, files]) => [code, [...files].map(([file, set]) => `${file} hlm. ${[...set].join(', ')}`).join('; ')])),
    };
  }

  return { view, takeLead, reconcile, summary, visibleHistory, scores, sheet };
}

export type PanelService = ReturnType<typeof createPanelService>;

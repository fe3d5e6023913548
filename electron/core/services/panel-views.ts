import { AppError } from '../../../shared/errors.ts';
import type { PanelView, SubmissionSummary } from '../../../shared/assessment/catalog.ts';
import { compareSelfWithPanel } from '../../../shared/assessment/compare.ts';
import type { AssessmentRole, AssessmentStatus } from '../../../shared/assessment/model.ts';
import type { Submission } from '../../../shared/intake/model.ts';
import { panelAgreement, panelCriteria, panelScores, type Agreement } from '../../../shared/assessment/panel.ts';
import { criterionPaths, overallOf, resultRows, topLevelRows } from '../../../shared/assessment/results.ts';
import { scoreRubric, type Scores } from '../../../shared/rubric/score.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import { query, queryValue } from '../db/query.ts';
import { scoresFrom, scoringStage, storedScore, type AssessmentService } from './assessments.ts';
import type { ServiceContext } from './context.ts';
import { hiddenIn } from './panel-visibility.ts';
import type { SettingsService } from './settings.ts';
import type { SubmissionService } from './submissions.ts';

interface MemberRow {
  id: number;
  assessor_id: string;
  /** The person's current name. */
  assessor_name: string;
  assessor_institution: string;
  role: AssessmentRole;
  status: AssessmentStatus;
  rubric_version: number;
  revision: number;
  updated_at: string;
}

interface AgreementRow {
  criterion_code: string;
  value: number | null;
  not_applicable: 0 | 1;
  reason: string;
  decided_at: string;
  /** The lead's current name. */
  decided_by: string;
}

interface ScoreRow {
  criterion_code: string;
  value: number | null;
  not_applicable: 0 | 1;
}

/** Agreed scores, each under the current name of the lead who decided it. */
const AGREEMENTS = `SELECT pa.*, coalesce(nullif(trim(p.name), ''), pa.decided_by) AS decided_by
  FROM panel_agreement pa LEFT JOIN person p ON p.id = pa.decided_by_id`;

const counts = (status: AssessmentStatus) => status === 'submitted' || status === 'finalized';

/**
 * Panels as they are read: the assessors' assessments of one submission on one rubric, taken
 * together. The panel result is the lead's agreed score where set, else the aggregate; the
 * self-assessment is compared with it and never counted in it. While my own assessment in a
 * panel is a draft (and the settings say so), what would give the others' scores away is left out.
 */
export function createPanelViews(
  ctx: ServiceContext,
  assessments: AssessmentService,
  submissions: SubmissionService,
  settings: SettingsService,
) {
  const { db } = ctx;

  function rubricIds(submissionId: number): string[] {
    return queryValue<string>(
      db,
      `SELECT rubric_id FROM assessment WHERE submission_id = ?
       GROUP BY rubric_id ORDER BY sum(role = 'assessor') DESC, count(*) DESC, rubric_id`,
    ).all(submissionId);
  }

  /** The rubric asked for, else the one most of the submission's assessors used; with no assessment at all, the panel is empty. */
  function chooseRubric(submissionId: number, rubricId?: string): { chosen: string; others: string[] } {
    const ids = rubricIds(submissionId);
    const chosen = rubricId ?? ids[0];
    if (!chosen) throw new AppError('panel.empty', { rubric: rubricId ?? '' });
    return { chosen, others: ids.filter((id) => id !== chosen) };
  }

  function members(submissionId: number, rubricId: string): MemberRow[] {
    return query<MemberRow>(
      db,
      `SELECT id, assessor_id, assessor_label AS assessor_name, assessor_institution, role, status, rubric_version, revision, updated_at
       FROM assessment_named WHERE submission_id = ? AND rubric_id = ? ORDER BY role, assessor_label, id`,
    ).all(submissionId, rubricId);
  }

  function scoresOf(assessmentId: number): Record<string, number | 'na'> {
    return scoresFrom(
      query<ScoreRow>(db, 'SELECT criterion_code, value, not_applicable FROM assessment_score WHERE assessment_id = ?').all(assessmentId),
    );
  }

  function agreements(submissionId: number, rubricId: string): Map<string, Agreement> {
    return agreementMap(
      query<AgreementRow>(db, `${AGREEMENTS} WHERE pa.submission_id = ? AND pa.rubric_id = ?`).all(submissionId, rubricId),
    );
  }

  function agreementMap(rows: readonly AgreementRow[]): Map<string, Agreement> {
    return new Map(
      rows.map((found) => [
        found.criterion_code,
        { value: storedScore(found) as number | 'na', reason: found.reason, decidedBy: found.decided_by, decidedAt: found.decided_at },
      ]),
    );
  }

  /** Where a panel's computation reads its rows: one panel at a time, or many read up front. */
  interface PanelSource {
    submission(id: number): Submission;
    members(submissionId: number, rubricId: string): MemberRow[];
    scoresOf(assessmentId: number): Scores;
    agreements(submissionId: number, rubricId: string): Map<string, Agreement>;
  }

  const onePanel: PanelSource = { submission: (id) => submissions.get(id), members, scoresOf, agreements };

  /**
   * Every panel the summary's filter selects, read in four queries whatever their number
   * (submissions, members, scores, agreed scores), so a cohort of 500 regencies costs no more
   * statements than one.
   */
  function panelsMatching(filter: { submissionId?: number; regencyCode?: string }): PanelSource {
    const where = '(@submission IS NULL OR s.id = @submission) AND (@regency IS NULL OR s.regency_code = @regency)';
    const params = { submission: filter.submissionId ?? null, regency: filter.regencyCode ?? null };
    const panelKey = (submissionId: number, rubricId: string) => `${submissionId}|${rubricId}`;
    const found = new Map(submissions.list(filter.regencyCode).map((submission) => [submission.id, submission]));
    const memberRows = query<MemberRow & { submission_id: number; rubric_id: string }, [Record<string, unknown>]>(
      db,
      `SELECT a.id, a.submission_id, a.rubric_id, a.assessor_id, a.assessor_label AS assessor_name, a.assessor_institution, a.role, a.status,
              a.rubric_version, a.revision, a.updated_at
       FROM assessment_named a JOIN submission s ON s.id = a.submission_id WHERE ${where} ORDER BY a.role, a.assessor_label, a.id`,
    ).all(params);
    const membersOf = Map.groupBy(memberRows, (row) => panelKey(row.submission_id, row.rubric_id));
    const scoreRows = query<ScoreRow & { assessment_id: number }, [Record<string, unknown>]>(
      db,
      `SELECT sc.assessment_id, sc.criterion_code, sc.value, sc.not_applicable FROM assessment_score sc
       JOIN assessment a ON a.id = sc.assessment_id JOIN submission s ON s.id = a.submission_id WHERE ${where}`,
    ).all(params);
    const scoresById = Map.groupBy(scoreRows, (row) => row.assessment_id);
    const agreementRows = query<AgreementRow & { submission_id: number; rubric_id: string }, [Record<string, unknown>]>(
      db,
      `${AGREEMENTS} JOIN submission s ON s.id = pa.submission_id WHERE ${where}`,
    ).all(params);
    const agreedIn = Map.groupBy(agreementRows, (row) => panelKey(row.submission_id, row.rubric_id));
    return {
      submission: (id) => found.get(id) ?? submissions.get(id),
      members: (submissionId, rubricId) => membersOf.get(panelKey(submissionId, rubricId)) ?? [],
      scoresOf: (assessmentId) => scoresFrom(scoresById.get(assessmentId) ?? []),
      agreements: (submissionId, rubricId) => agreementMap(agreedIn.get(panelKey(submissionId, rubricId)) ?? []),
    };
  }

  /** The panel's lead: their person id, under their current name. */
  function leadOf(submissionId: number, rubricId: string): { id: string; name: string } | null {
    return (
      query<{ id: string; name: string }>(
        db,
        `SELECT pn.lead_id AS id, coalesce(nullif(trim(p.name), ''), pn.lead_name) AS name
         FROM panel pn LEFT JOIN person p ON p.id = pn.lead_id WHERE pn.submission_id = ? AND pn.rubric_id = ?`,
      ).get(submissionId, rubricId) ?? null
    );
  }

  function latestVersionIn(submissionId: number, rubricId: string): number {
    return (
      queryValue<number>(db, 'SELECT max(rubric_version) FROM assessment WHERE submission_id = ? AND rubric_id = ?').get(
        submissionId,
        rubricId,
      ) ?? 0
    );
  }

  /**
   * The panel's computation with nothing left out, and whether the others' scores are hidden
   * from me: each view decides what that leaves to show. A caller computing many panels reads
   * the settings and who I am once.
   */
  function compute(submissionId: number, rubricId: string, current = settings.get(), me = ctx.actor().id, source: PanelSource = onePanel) {
    const { scoresOf } = source;
    const found = source.submission(submissionId);
    const all = source.members(submissionId, rubricId);
    const assessors = all.filter((member) => member.role === 'assessor');
    if (all.length === 0) throw new AppError('panel.empty', { rubric: rubricId });
    const version = Math.max(...(assessors.length ? assessors : all).map((member) => member.rubric_version));
    const rubric = assessments.rubricOf(rubricId, version);
    const { passMark, panelAggregate, disagreementTolerance } = current;
    const stage = scoringStage({ submission_kind: found.kind, stage: found.stage });
    const options = { passMark, ...(stage ? { stage } : {}) };
    const counted = assessors.filter((member) => counts(member.status) && member.rubric_version === version);
    const rated = counted.map((member) => ({ assessmentId: member.id, assessor: member.assessor_name, scores: scoresOf(member.id) }));
    const agreed = source.agreements(submissionId, rubricId);
    const criteria = panelCriteria(rubric, rated, agreed, { aggregate: panelAggregate, tolerance: disagreementTolerance });
    const scores = panelScores(criteria);
    const result = scoreRubric(rubric, scores, { ...options, betweenLevels: true });
    const self = [...all].filter((member) => member.role === 'self').sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
    // What goes on paper to the ministry and the regency: only a self-assessment the regency has submitted, on the panel's rubric version.
    const publishedSelf = [...all]
      .filter((member) => member.role === 'self' && counts(member.status) && member.rubric_version === version)
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
    const roster = assessors.map((member) => ({ name: member.assessor_name, status: member.status, counted: counted.includes(member) }));
    return {
      found,
      all,
      assessors,
      version,
      rubric,
      options,
      counted,
      rated,
      agreed,
      criteria,
      scores,
      result,
      self,
      publishedSelf,
      roster,
      aggregate: panelAggregate,
      tolerance: disagreementTolerance,
      me,
      hidden: hiddenIn(me, all, current),
    };
  }

  /** The panel of a submission on the rubric asked for, else on the one most of its assessors used. */
  function open(submissionId: number, rubricId?: string) {
    const { chosen, others } = chooseRubric(submissionId, rubricId);
    return { ...compute(submissionId, chosen), rubricId: chosen, otherRubrics: others };
  }

  function view(submissionId: number, rubricId?: string): PanelView {
    const computed = open(submissionId, rubricId);
    const { rubric, criteria, result, all, counted, version, me, hidden } = computed;
    const mine = all.find((member) => member.role === 'assessor' && member.assessor_id === me);
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
      rubricId: computed.rubricId,
      rubricVersion: version,
      rubricName: rubric.name,
      otherRubrics: computed.otherRubrics.map((id) => ({ id, name: assessments.rubricOf(id, latestVersionIn(submissionId, id)).name })),
      lead: leadOf(submissionId, computed.rubricId),
      me,
      hidden,
      aggregate: computed.aggregate,
      tolerance: computed.tolerance,
      members: computed.assessors.map((member) => ({
        assessmentId: member.id,
        assessorId: member.assessor_id,
        assessorName: member.assessor_name,
        institution: member.assessor_institution,
        status: member.status,
        rubricVersion: member.rubric_version,
        counted: counted.includes(member),
        mine: member.assessor_id === me,
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
          ratings: mine ? [{ assessmentId: mine.id, assessor: mine.assessor_name, value: own }] : [],
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

  /** Per submission and rubric: the panel result and the self-assessment, per top-level group and overall. */
  function summary(filter: { submissionId?: number; regencyCode?: string } = {}): SubmissionSummary[] {
    const pairs = query<{ submission_id: number; rubric_id: string }, [Record<string, unknown>]>(
      db,
      `SELECT DISTINCT a.submission_id, a.rubric_id FROM assessment a JOIN submission s ON s.id = a.submission_id
       WHERE (@submission IS NULL OR a.submission_id = @submission) AND (@regency IS NULL OR s.regency_code = @regency)
       ORDER BY s.regency_code, s.kind, s.stage, s.year, a.rubric_id`,
    ).all({ submission: filter.submissionId ?? null, regency: filter.regencyCode ?? null });
    const me = ctx.actor().id;
    const current = settings.get();
    const source = panelsMatching(filter);
    return pairs.map(({ submission_id: submissionId, rubric_id: rubricId }) => {
      const computed = compute(submissionId, rubricId, current, me, source);
      const { found, rubric, criteria, hidden } = computed;
      // The regency's submitted self-assessment where there is one; else its work in progress, marked by its status.
      const self = computed.publishedSelf ?? computed.self;
      // While the others' scores are hidden from me, the panel's result would give them away.
      const result = hidden ? scoreRubric(rubric, {}, computed.options) : computed.result;
      const selfResult = self ? scoreRubric(rubric, source.scoresOf(self.id), computed.options) : undefined;
      return {
        submissionId,
        regencyCode: found.regencyCode,
        regencyName: found.regencyName,
        kind: found.kind,
        stage: found.stage,
        year: found.year,
        rubricId,
        rubricVersion: computed.version,
        assessors: computed.roster,
        panel: {
          hidden,
          overall: overallOf(result),
          groups: topLevelRows(result),
          agreed: hidden ? 0 : criteria.filter((criterion) => criterion.source === 'agreed').length,
          disagreements: hidden ? 0 : criteria.filter((criterion) => criterion.disagreement).length,
        },
        self:
          self && selfResult
            ? { assessor: self.assessor_name, status: self.status, overall: overallOf(selfResult), groups: topLevelRows(selfResult) }
            : null,
      };
    });
  }

  /**
   * Everything a score sheet shows: the rubric, the panel's members with their scores and
   * notes (while the others' are hidden from me: mine only), which of them count, the agreed
   * scores, and the evidence pages per criterion.
   */
  function sheet(submissionId: number, rubricId?: string) {
    const computed = open(submissionId, rubricId);
    const { me, hidden } = computed;
    const columns = computed.assessors
      .filter((member) => member.rubric_version === computed.version)
      .filter((member) => !hidden || member.assessor_id === me)
      .map((member) => {
        const rows = query<ScoreRow & { note: string }>(
          db,
          'SELECT criterion_code, value, not_applicable, note FROM assessment_score WHERE assessment_id = ?',
        ).all(member.id);
        return {
          assessmentId: member.id,
          assessorId: member.assessor_id,
          name: member.assessor_name,
          institution: member.assessor_institution,
          status: member.status,
          revision: member.revision,
          counted: computed.counted.includes(member) && !hidden,
          scores: scoresFrom(rows),
          notes: Object.fromEntries(rows.filter((row) => row.note.trim()).map((row) => [row.criterion_code, row.note])),
        };
      });
    // The evidence of the columns shown only: a hidden assessor's citations stay hidden too.
    const shown = new Set(columns.map((column) => column.assessmentId));
    const evidence = query<{ assessment_id: number; criterion_code: string; file_name: string; page: number }>(
      db,
      `SELECT e.assessment_id, e.criterion_code, e.file_name, e.page FROM evidence e JOIN assessment a ON a.id = e.assessment_id
       WHERE a.submission_id = ? AND a.rubric_id = ? AND a.role = 'assessor' ORDER BY e.file_name, e.page`,
    )
      .all(submissionId, computed.rubricId)
      .filter((item) => shown.has(item.assessment_id));
    const pages = new Map<string, Map<string, Set<number>>>();
    for (const item of evidence) {
      const files = pages.get(item.criterion_code) ?? new Map<string, Set<number>>();
      files.set(item.file_name, (files.get(item.file_name) ?? new Set()).add(item.page));
      pages.set(item.criterion_code, files);
    }
    return {
      submission: computed.found,
      rubricId: computed.rubricId,
      rubricVersion: computed.version,
      rubric: computed.rubric,
      stage: computed.options.stage,
      passMark: computed.result.passMark,
      aggregate: computed.aggregate,
      hidden,
      columns,
      // The regency's self-assessment beside the panel (compared, never counted); hidden with the panel.
      self:
        computed.publishedSelf && !hidden
          ? {
              name: computed.publishedSelf.assessor_name,
              status: computed.publishedSelf.status,
              scores: scoresOf(computed.publishedSelf.id),
            }
          : null,
      panel: hidden
        ? new Map<string, { result: number | 'na' | undefined; source: string }>()
        : new Map(computed.criteria.map((criterion) => [criterion.code, { result: criterion.result, source: criterion.source }])),
      evidence: new Map(
        [...pages].map(([code, files]) => [code, [...files].map(([file, set]) => `${file} hlm. ${[...set].join(', ')}`).join('; ')]),
      ),
    };
  }

  return { view, summary, sheet, open, compute, scoresOf, leadOf };
}

export type PanelViews = ReturnType<typeof createPanelViews>;

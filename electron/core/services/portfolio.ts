import type { Portfolio } from '../../../shared/assessment/catalog.ts';
import { nextToWorkOn } from '../../../shared/assessment/portfolio.ts';
import type { AssessmentService } from './assessments.ts';
import { query } from '../db/query.ts';
import type { ServiceContext } from './context.ts';

/** An assessor's own work across regencies: their assessments, the next one, and submissions not yet begun. */
export function portfolioOf(ctx: ServiceContext, assessments: AssessmentService): Portfolio {
  const mine = assessments.list({ mine: true });
  const unstarted = query<Portfolio['unstarted'][number]>(
    ctx.db,
    `SELECT s.id AS submissionId, s.regency_code AS regencyCode, r.name AS regencyName, s.kind, s.stage, s.year,
              (SELECT count(*) FROM document d WHERE d.submission_id = s.id) AS documents
       FROM submission s JOIN regency r ON r.code = s.regency_code
       WHERE NOT EXISTS (SELECT 1 FROM assessment a WHERE a.submission_id = s.id AND a.assessor_id = ?)
       ORDER BY s.regency_code, s.kind, s.stage, s.year`,
  ).all(ctx.actor().id);
  return { assessments: mine, next: nextToWorkOn(mine), unstarted };
}

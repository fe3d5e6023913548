import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap, formatNumber, formatPercent } from '../../../shared/format/number.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import { useChannel } from '../../api/queries.ts';
import { routeHref, type Route } from '../../app/routes.ts';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { ErrorProblem } from '../../components/FormBits.tsx';
import { gapClass } from '../../components/text.ts';
import { translate } from '../../i18n.ts';
import { nextStep, plannerRows, type NextStep, type PlannerRow } from './next-step.ts';
import styles from './Planner.module.css';

const NO_LIST: never[] = [];

/**
 * A regional planner's home: their regency's submissions, their self-assessment of each and
 * how far it is from the pass mark, the panel's result when there is one, and what to do next.
 */
export function PlannerHome() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { settings, profile, saveProfile } = useWorkspace();
  const regencyList = useChannel('regencies.list', {});
  const mineList = useChannel('assessments.list', { mine: true });
  const regencies = regencyList.data;
  const mine = mineList.data ?? NO_LIST;
  const [choiceProblem, setChoiceProblem] = useState<unknown>();
  // My regency (the profile's), else the one of my latest self-assessment, else the first (a planner's workspace usually holds only theirs).
  const regency = useMemo(() => {
    if (!regencies) return undefined;
    const latestSelf = mine.filter((assessment) => assessment.role === 'self').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    return (
      regencies.find((candidate) => candidate.code === profile?.regencyCode) ??
      regencies.find((candidate) => candidate.code === latestSelf?.regencyCode) ??
      regencies[0]
    );
  }, [regencies, mine, profile?.regencyCode]);
  const code = regency?.code;
  const submissionList = useChannel('submissions.list', { regencyCode: code ?? '00.00' }, { enabled: code !== undefined });
  const summaryList = useChannel('summary.get', { regencyCode: code ?? '00.00' }, { enabled: code !== undefined });
  const rows = useMemo(
    () => plannerRows(submissionList.data ?? NO_LIST, mine, summaryList.data ?? NO_LIST),
    [submissionList.data, mine, summaryList.data],
  );
  const passMark = formatPercent(settings.passMark, language, 0);
  const problem = choiceProblem ?? regencyList.error ?? mineList.error ?? submissionList.error ?? summaryList.error;
  const loading = !regencies || !mineList.data || (code !== undefined && (!submissionList.data || !summaryList.data));

  return (
    <div className="page">
      <header className="page-header">
        <h1>{regency ? t('planner.home.title', { regency: regency.name }) : t('planner.home.titleNone')}</h1>
        <p className="page-subtitle">{t('planner.home.subtitle', { passMark })}</p>
      </header>
      <ErrorProblem error={problem} />
      {regencies && regencies.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-regency`}>{t('planner.home.regency')}</label>
          <select
            id={`${id}-regency`}
            value={code}
            onChange={(event) => {
              // Choosing here says which regency is mine: the profile keeps it.
              if (!profile) return;
              setChoiceProblem(undefined);
              const { name, institution, role } = profile;
              saveProfile({ name, institution, role, regencyCode: event.target.value }).catch(setChoiceProblem);
            }}
          >
            {regencies.map((candidate) => (
              <option key={candidate.code} value={candidate.code}>
                {candidate.code} {candidate.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {regencies?.length === 0 && (
        <div className="callout">
          <span>{t('planner.home.noRegency')}</span>
          <a className="button button-small" href={routeHref({ page: 'regencies' })}>
            {t('planner.home.addRegency')}
          </a>
        </div>
      )}
      {loading && !problem && regencies?.length !== 0 && <p className="muted">{t('app.loading')}</p>}
      {!loading && regency && (
        <>
          <NextStepCard step={nextStep(rows)} regencyName={regency.name} regencyCode={regency.code} />
          <section className="card" aria-labelledby={`${id}-submissions`}>
            <h2 id={`${id}-submissions`} className="card-title">
              {t('planner.home.submissions', { regency: regency.name })}
            </h2>
            {rows.length === 0 ? (
              <p className="empty">{t('planner.home.noSubmissions', { regency: regency.name })}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('planner.home.columns.stage')}</th>
                      <th scope="col" className="num">
                        {t('planner.home.columns.documents')}
                      </th>
                      <th scope="col">{t('planner.home.columns.self')}</th>
                      <th scope="col" className="num">
                        {t('planner.home.columns.selfPercent')}
                      </th>
                      <th scope="col" className="num">
                        {t('planner.home.columns.gap', { passMark })}
                      </th>
                      <th scope="col" className="num">
                        {t('planner.home.columns.panel')}
                      </th>
                      <th scope="col">{t('planner.home.columns.open')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <SubmissionRow key={row.submission.id} row={row} language={language} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="help">{t('planner.home.note')}</p>
          </section>
        </>
      )}
    </div>
  );
}

function SubmissionRow({ row, language }: { row: PlannerRow; language: Language }) {
  const { t } = useTranslation();
  const { submission, self, panel } = row;
  const stage = submissionLabel(translate, submission);
  const provisional = (complete: boolean) => (complete ? '' : ` (${t('planner.home.provisional')})`);
  return (
    <tr data-submission={submission.id}>
      <th scope="row" className={styles.nowrap}>
        <a href={routeHref({ page: 'submission', id: submission.id, reader: {} })}>{stage}</a>
      </th>
      <td className="num">{formatNumber(submission.documents, language, 0)}</td>
      <td>
        {self ? (
          <>
            <span className={`badge status-${self.status}`}>{t(`assessment.status.${self.status}`)}</span>{' '}
            <span className="muted">
              {t('scoring.scoredOf', { scored: self.completeness.scored, scorable: self.completeness.scorable })}
            </span>
          </>
        ) : (
          <span className="muted">{t('planner.home.notStarted')}</span>
        )}
      </td>
      <td className="num">
        {self && self.percent !== null
          ? `${formatPercent(self.percent, language)}${provisional(self.completeness.scored >= self.completeness.scorable)}`
          : '–'}
      </td>
      <td className={`num ${self && self.gap !== null ? gapClass(self.gap) : ''}`}>{formatGap(self?.gap ?? null, language)}</td>
      <td className="num">
        {panel ? (
          `${formatPercent(panel.percent, language)}${provisional(panel.complete)}`
        ) : (
          <span className="muted">{t('planner.home.noPanel')}</span>
        )}
      </td>
      <td>
        <a href={routeHref({ page: 'self', submissionId: submission.id, ...(self ? { rubricId: self.rubricId } : {}) })}>
          {t('planner.home.openSelf', { stage })}
        </a>
      </td>
    </tr>
  );
}

/** The one thing to do now, in the planner's words, with the button that does it. */
function NextStepCard({ step, regencyName, regencyCode }: { step: NextStep; regencyName: string; regencyCode: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { settings } = useWorkspace();
  let text: string;
  let action: { route: Route; label: string };
  if (step.kind === 'noSubmission') {
    text = t('planner.home.noSubmissions', { regency: regencyName });
    action = { route: { page: 'regency', code: regencyCode }, label: t('planner.home.openRegency') };
  } else {
    const { submission, self } = step.row;
    const stage = submissionLabel(translate, submission);
    const selfRoute: Route = { page: 'self', submissionId: submission.id, ...(self ? { rubricId: self.rubricId } : {}) };
    const scored = self?.completeness.scored ?? 0;
    const scorable = self?.completeness.scorable ?? 0;
    const choices = {
      noDocuments: () => ({
        text: t('planner.home.noDocuments', { stage }),
        action: { route: { page: 'submission', id: submission.id, reader: {} } as Route, label: t('planner.home.openSubmission') },
      }),
      startSelf: () => ({
        text: t('planner.home.startSelf', { stage }),
        action: { route: selfRoute, label: t('planner.home.actionStart') },
      }),
      continueSelf: () => ({
        text: t('planner.home.continueSelf', { stage, scored, scorable }),
        action: { route: selfRoute, label: t('planner.home.actionContinue') },
      }),
      submitSelf: () => ({
        text: t('planner.home.submitSelf', { stage }),
        action: { route: selfRoute, label: t('planner.home.actionContinue') },
      }),
      waitPanel: () => ({
        text: t('planner.home.waitPanel', { stage }),
        action: { route: selfRoute, label: t('planner.home.actionResult') },
      }),
      compare: () => ({ text: t('planner.home.compare', { stage }), action: { route: selfRoute, label: t('planner.home.actionCompare') } }),
    };
    ({ text, action } = choices[step.kind]());
  }
  const row = step.kind === 'noSubmission' ? undefined : step.row;
  const percent = (value: number | null) => (value === null ? '–' : formatPercent(value, language));
  return (
    <section className={`card ${styles.nextStep}`} aria-labelledby={`${id}-next`}>
      <h2 id={`${id}-next`} className="card-title">
        {t('planner.home.next')}
      </h2>
      {row && <p className="muted">{t('planner.home.current', { stage: submissionLabel(translate, row.submission) })}</p>}
      <p data-testid="planner-next">{text}</p>
      {row?.self && (
        <dl className="score-figures">
          <div>
            <dt>{t('planner.home.columns.selfPercent')}</dt>
            <dd>
              <span className="figure-big">{percent(row.self.percent)}</span>
              {row.self.percent !== null && row.self.completeness.scored < row.self.completeness.scorable && (
                <span className="muted"> ({t('planner.home.provisional')})</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('planner.home.columns.gap', { passMark: formatPercent(settings.passMark, language, 0) })}</dt>
            <dd className={`figure-big ${row.self.gap !== null ? gapClass(row.self.gap) : ''}`}>{formatGap(row.self.gap, language)}</dd>
          </div>
          <div>
            <dt>{t('planner.home.columns.panel')}</dt>
            <dd className="figure-big">{row.panel ? percent(row.panel.percent) : t('planner.home.noPanel')}</dd>
          </div>
        </dl>
      )}
      <p>
        <a className="button button-primary" href={routeHref(action.route)}>
          {action.label}
        </a>
      </p>
    </section>
  );
}

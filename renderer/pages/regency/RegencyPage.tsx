import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StageField } from '../../components/StageField.tsx';
import { FIRST_COHORT_YEAR, LAST_COHORT_YEAR } from '../../../shared/domain/regency.ts';
import type { Submission } from '../../../shared/intake/model.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { navigate, routeHref } from '../../app/routes.ts';
import { ErrorProblem, FormProblem, SaveButton } from '../../components/FormBits.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { StageBadge } from '../../components/StageBadge.tsx';
import { errorText, translate } from '../../i18n.ts';
import { submissionLabel } from '../../../shared/i18n/index.ts';
import styles from './RegencyPage.module.css';

function nextStage(submissions: readonly Submission[] | undefined): number {
  const stages = (submissions ?? []).filter((submission) => submission.kind === 'bimtek').map((submission) => submission.stage ?? 0);
  return stages.length ? Math.min(4, Math.max(...stages) + 1) : 1;
}

/** One regency: where it stands, and its submissions per Bimtek stage or evaluation year. */
export function RegencyPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const regencyQuery = useChannel('regencies.get', { code });
  const submissionsQuery = useChannel('submissions.list', { regencyCode: code });
  const regency = regencyQuery.data;
  const submissions = submissionsQuery.data;
  const [problem, setProblem] = useState<string | undefined>();
  const [kind, setKind] = useState<'bimtek' | 'evaluation'>('bimtek');
  // Until the user picks one, the stage offered is the one after the latest Bimtek submitted.
  const [stageChoice, setStage] = useState<number | undefined>();
  const stage = stageChoice ?? nextStage(submissions);
  const [year, setYear] = useState(String(Math.max(FIRST_COHORT_YEAR, new Date().getFullYear())));
  const createSubmission = useChannelMutation('submissions.create', { invalidates: ['submissions', 'summary', 'analytics', 'portfolio'] });
  const busy = createSubmission.isPending;

  async function create(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    try {
      const yearNumber = Number(year);
      const created = await createSubmission.mutateAsync(
        kind === 'bimtek' ? { kind, regencyCode: code, stage } : { kind, regencyCode: code, year: yearNumber },
      );
      notify(t('regency.created', { what: submissionLabel(translate, created) }));
      navigate({ page: 'submission', id: created.id, reader: {} });
    } catch (error) {
      setProblem(errorText(error));
    }
  }

  const loadProblem = regencyQuery.error ?? submissionsQuery.error;
  if (!regency) return <>{loadProblem ? <ErrorProblem error={loadProblem} /> : <p className="muted">{t('app.loading')}</p>}</>;

  return (
    <div className="page">
      <header className="page-header">
        <p className="breadcrumb">
          <a href={routeHref({ page: 'regencies' })}>{t('regency.back')}</a>
        </p>
        <h1>{regency.name}</h1>
        <p className="page-subtitle">
          <span className="mono">{regency.code}</span> ·{' '}
          {t('regency.summary', {
            province: regency.provinceName,
            cohort: regency.cohortYear,
            stage: t('stage.label', { stage: regency.stage }),
          })}
        </p>
        <p>
          <a className="button button-small" href={routeHref({ page: 'progress', code })}>
            {t('regency.progress')}
          </a>
        </p>
      </header>

      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="card-title">
          {t('regency.submissions')}
        </h2>
        <p className="help">{t('regency.submissionsHelp')}</p>
        {submissions?.length === 0 && <p className="empty">{t('regency.noSubmissions')}</p>}
        <ul className={styles.submissionList}>
          {submissions?.map((submission) => (
            <li key={submission.id}>
              <a className={styles.submissionCard} href={routeHref({ page: 'submission', id: submission.id, reader: {} })}>
                {submission.kind === 'bimtek' ? (
                  <StageBadge stage={submission.stage ?? 1} />
                ) : (
                  <strong>{submissionLabel(translate, submission)}</strong>
                )}
                <span className="muted">{t('regency.documentsCount', { count: submission.documents })}</span>
                {submission.title && <span>{submission.title}</span>}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <form className="card stack" onSubmit={(event) => void create(event)} noValidate aria-labelledby={`${id}-create`}>
        <h2 id={`${id}-create`} className="card-title">
          {t('regency.create')}
        </h2>
        <RadioGroup<'bimtek' | 'evaluation'>
          label={t('regency.kind')}
          value={kind}
          options={[
            { value: 'bimtek', label: t('regency.kindBimtek') },
            { value: 'evaluation', label: t('regency.kindEvaluation') },
          ]}
          onChange={setKind}
        />
        {kind === 'bimtek' ? (
          <StageField id={`${id}-stage`} value={stage} onChange={setStage} className="field field-year" />
        ) : (
          <div className="field field-year">
            <label htmlFor={`${id}-year`}>{t('regency.year')}</label>
            <input
              id={`${id}-year`}
              type="number"
              min={FIRST_COHORT_YEAR}
              max={LAST_COHORT_YEAR}
              value={year}
              onChange={(event) => setYear(event.target.value)}
            />
          </div>
        )}
        <FormProblem text={problem} />
        <div>
          <SaveButton busy={busy} label={t('regency.create')} />
        </div>
      </form>
    </div>
  );
}

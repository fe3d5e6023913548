import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentRole } from '../../../shared/assessment/model.ts';
import { personLabels } from '../../../shared/assessment/people.ts';
import type { ProblemData } from '../../../shared/errors.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatPercent } from '../../../shared/format/number.ts';
import { ApiError } from '../../api/client.ts';
import { ASSESSMENT_READS, useChannel, useChannelMutation } from '../../api/queries.ts';
import { RubricField, useRubricChoice } from '../../components/RubricField.tsx';
import { readFileBase64 } from '../../api/files.ts';
import { useNotify } from '../../app/notices.tsx';
import { navigate, routeHref } from '../../app/routes.ts';
import { useWorkspace } from '../../app/workspace-context.tsx';
import { FileProblems } from '../../components/FileProblems.tsx';
import { RadioGroup } from '../../components/RadioGroup.tsx';
import { errorText } from '../../i18n.ts';
import { localTitle } from '../../components/text.ts';
import styles from './AssessmentsCard.module.css';

/** A submission's assessments: who scores it, how far they are; start one, open the panel, bring in a colleague's file. */
export function AssessmentsCard({ submissionId }: { submissionId: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const { profile } = useWorkspace();
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useChannel('assessments.list', { submissionId });
  const assessments = list.data;
  const rubricChoice = useRubricChoice();
  const { chosen } = rubricChoice;
  // Until the user picks one: the masterplan review, else the first rubric.
  const [role, setRole] = useState<AssessmentRole>(profile?.role === 'regional_planner' ? 'self' : 'assessor');
  const [warning, setWarning] = useState<string | undefined>();
  const [writeProblem, setProblem] = useState<{ text: string; problems: ProblemData[] } | undefined>();
  const problem = writeProblem ?? (list.error ? { text: errorText(list.error), problems: [] } : undefined);
  const create = useChannelMutation('assessments.create', { invalidates: ASSESSMENT_READS });
  const importAssessments = useChannelMutation('assessments.import', { invalidates: ASSESSMENT_READS });

  const labels = useMemo(
    () => personLabels((assessments ?? []).map((assessment) => ({ id: assessment.assessorId, name: assessment.assessorName }))),
    [assessments],
  );

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setProblem(undefined);
    try {
      const created = await create.mutateAsync({ submissionId, rubricId: chosen.id, rubricVersion: chosen.version, role });
      navigate({ page: 'assessment', id: created.id });
    } catch (error) {
      setProblem({ text: errorText(error), problems: [] });
    }
  }

  async function importFile(file: File) {
    setProblem(undefined);
    try {
      const imported = await importAssessments.mutateAsync({ fileName: file.name, contentBase64: await readFileBase64(file) });
      notify(t('assessment.imported', { count: imported.length, names: imported.map((entry) => entry.assessor).join(', ') }));
      const byName = [...new Set(imported.filter((entry) => entry.matchedBy === 'name').map((entry) => entry.assessor))];
      // A file from before person ids: matched by name, which the user should check once.
      setWarning(byName.length > 0 ? t('assessment.matchedByName', { names: byName.join(', ') }) : undefined);
    } catch (error) {
      const problems = error instanceof ApiError ? (error.data.problems ?? []) : [];
      setProblem({ text: `${t('assessment.importFailed', { file: file.name })} ${errorText(error)}`, problems });
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('assessment.cardTitle')}
        </h2>
        <div className="button-row">
          {(profile?.role === 'regional_planner' || assessments?.some((assessment) => assessment.role === 'self')) && (
            <a className="button button-small" href={routeHref({ page: 'self', submissionId })}>
              {t('planner.self.panelPage')}
            </a>
          )}
          {assessments && assessments.length > 0 && (
            <>
              <a className="button button-small" href={routeHref({ page: 'dashboard', submissionId })}>
                {t('assessment.openDashboard')}
              </a>
              <a className="button button-small" href={routeHref({ page: 'panel', submissionId })}>
                {t('assessment.openPanel')}
              </a>
            </>
          )}
        </div>
      </div>
      {!assessments ? (
        <p className="muted">{t('app.loading')}</p>
      ) : assessments.length === 0 ? (
        <p className="muted">{t('assessment.none')}</p>
      ) : (
        <ul className="assessment-list">
          {assessments.map((assessment) => (
            <li key={assessment.id}>
              <a href={routeHref({ page: 'assessment', id: assessment.id })}>
                {labels.get(assessment.assessorId) ?? assessment.assessorName}
              </a>
              {assessment.mine && <span className="muted"> ({t('assessment.you')})</span>}{' '}
              <span className="muted">
                {t(`assessment.role.${assessment.role}`)} · {localTitle(assessment.rubricName, language)} v{assessment.rubricVersion} ·{' '}
                {t('scoring.scoredOf', { scored: assessment.completeness.scored, scorable: assessment.completeness.scorable })}
                {assessment.percent !== null && ` · ${formatPercent(assessment.percent, language)}`}
                {assessment.hidden && ` · ${t('assessment.hiddenShort')}`}
              </span>{' '}
              <span className={`badge status-${assessment.status}`}>{t(`assessment.status.${assessment.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <form className={styles.startAssessment} onSubmit={(event) => void start(event)}>
        <RubricField {...rubricChoice} />
        <RadioGroup
          label={t('assessment.roleLabel')}
          value={role}
          options={(['assessor', 'self'] as const).map((value) => ({ value, label: t(`assessment.role.${value}`) }))}
          onChange={(next) => setRole(next as AssessmentRole)}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!chosen}>
            {t('assessment.start')}
          </button>
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            {t('assessment.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="assessment-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      </form>
      {warning && (
        <p className="notice-inline notice-warning" role="status" data-testid="matched-by-name">
          {warning}
        </p>
      )}
      {problem && <FileProblems text={problem.text} problems={problem.problems} />}
    </section>
  );
}

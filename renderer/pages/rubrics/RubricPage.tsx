import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatDateTime } from '../../../shared/format/date.ts';
import type { Rubric } from '../../../shared/rubric/schema.ts';
import type { RubricProblem } from '../../../shared/rubric/validate.ts';
import { ApiError } from '../../api/client.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { navigate, routeHref, type Route } from '../../app/routes.ts';
import { errorText } from '../../i18n.ts';
import { cloneForEditing } from './editor/draft.ts';
import { RubricEditor } from './editor/RubricEditor.tsx';
import { exportRubric } from './RubricsPage.tsx';
import { localTitle } from '../../components/text.ts';
import { ErrorProblem, FormProblem } from '../../components/FormBits.tsx';

type RubricRoute = Extract<Route, { page: 'rubric' }>;

/** One rubric version: to read, to edit into a new version, or to clone into a new rubric. */
export function RubricPage({ route }: { route: RubricRoute }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const notify = useNotify();
  // Not read again on focus: the editor compares its draft with what it was opened on.
  const found = useChannel('rubrics.get', { id: route.id, version: route.version }, { refetchOnWindowFocus: false });
  const list = useChannel('rubrics.list', {}, { refetchOnWindowFocus: false });
  const loaded = useMemo(() => (found.data && list.data ? { ...found.data, all: list.data } : undefined), [found.data, list.data]);
  const loadProblem = found.error ?? list.error;
  const saveRubric = useChannelMutation('rubrics.save', { invalidates: ['rubrics'] });
  const saving = saveRubric.isPending;
  const [saveProblem, setSaveProblem] = useState<{ text: string; problems: RubricProblem[] } | undefined>();

  const editable = loaded !== undefined && loaded.summary.origin !== 'template' && loaded.summary.latest;
  const mode = route.mode === 'edit' && !editable ? 'view' : route.mode;
  // Built once: the editor compares its draft with this to know whether anything changed.
  const initial = useMemo(
    () => loaded && (mode === 'clone' ? cloneForEditing(loaded.rubric, new Set(loaded.all.map((entry) => entry.id))) : loaded.rubric),
    [loaded, mode],
  );

  if (loadProblem) return <ErrorProblem error={loadProblem} />;
  if (!loaded || !initial) return <p className="muted">{t('app.loading')}</p>;

  const { summary, rubric, all } = loaded;
  const name = localTitle(rubric.name, language);
  const latest = all.filter((entry) => entry.id === summary.id).at(-1) ?? summary;

  async function save(draft: Rubric) {
    setSaveProblem(undefined);
    try {
      const saved = await saveRubric.mutateAsync({ rubric: draft, asNew: mode === 'clone' });
      notify(
        saved.change
          ? t('editor.savedChange', {
              id: saved.summary.id,
              version: saved.summary.version,
              kind: t(`rubrics.changeKinds.${saved.change.kind}`),
            })
          : t('editor.saved', { id: saved.summary.id, version: saved.summary.version }),
      );
      navigate({ page: 'rubric', id: saved.summary.id, version: saved.summary.version, mode: 'view' }, { afterSave: true });
    } catch (error) {
      const problems = error instanceof ApiError ? ((error.data.problems ?? []) as RubricProblem[]) : [];
      setSaveProblem({ text: errorText(error), problems });
    }
  }

  async function download(format: 'json' | 'xlsx') {
    try {
      await exportRubric(summary.id, summary.version, format);
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  return (
    <div className="page page-wide">
      <header className="page-header page-header-actions">
        <div>
          <p className="breadcrumb">
            <a href={routeHref({ page: 'rubrics' })}>{t('rubrics.title')}</a>
          </p>
          <h1>{mode === 'clone' ? t('editor.newTitle', { name }) : mode === 'edit' ? t('editor.editTitle', { name }) : name}</h1>
          <p className="page-subtitle">
            {mode === 'clone' && `${t('editor.cloneOf')} `}
            <span className="mono">{summary.id}</span> · {t('rubrics.versionLabel', { version: summary.version })} ·{' '}
            <span className={`badge badge-${summary.origin}`}>{t(`rubrics.origins.${summary.origin}`)}</span> ·{' '}
            {summary.groups
              ? t('rubrics.criteriaCount', { count: summary.criteria, groups: summary.groups })
              : t('rubrics.criteriaOnly', { count: summary.criteria })}
          </p>
          {mode === 'view' && (
            <p className="muted">
              {t('rubrics.createdBy', { date: formatDateTime(summary.createdAt, language), name: summary.createdBy })}
              {summary.changeKind && ` · ${t('rubrics.changeFromPrevious', { kind: t(`rubrics.changeKinds.${summary.changeKind}`) })}`}
            </p>
          )}
        </div>
        {mode === 'view' && (
          <div className="header-actions">
            <a className="button" href={routeHref({ ...route, mode: 'clone' })}>
              {t('rubrics.clone')}
            </a>
            {editable && (
              <a className="button button-primary" href={routeHref({ ...route, mode: 'edit' })}>
                {t('rubrics.edit')}
              </a>
            )}
            <button type="button" className="button" onClick={() => void download('json')}>
              {t('rubrics.exportJson')}
            </button>
            <button type="button" className="button" onClick={() => void download('xlsx')}>
              {t('rubrics.exportXlsx')}
            </button>
          </div>
        )}
      </header>

      {mode === 'view' && summary.origin === 'template' && <p className="callout">{t('rubrics.readOnlyTemplate')}</p>}
      {mode === 'view' && !summary.latest && (
        <p className="callout">
          {t('rubrics.olderVersion', { version: latest.version })}{' '}
          <a href={routeHref({ page: 'rubric', id: latest.id, version: latest.version, mode: 'view' })}>
            {t('rubrics.versionLabel', { version: latest.version })}
          </a>
        </p>
      )}
      {rubric.description && mode === 'view' && <p className="description">{rubric.description}</p>}
      <FormProblem text={saveProblem?.text} />

      <RubricEditor
        key={mode}
        initial={initial}
        readOnly={mode === 'view'}
        isNew={mode === 'clone'}
        serverProblems={saveProblem?.problems ?? []}
        saving={saving}
        onSave={(draft) => void save(draft)}
        onCancel={() => navigate({ ...route, mode: 'view' })}
      />
    </div>
  );
}

import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemData } from '../../../shared/errors.ts';
import type { RubricSummary } from '../../../shared/rubric/catalog.ts';
import { ApiError, call } from '../../api/client.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { downloadBase64, readFileBase64 } from '../../api/files.ts';
import { useNotify } from '../../app/notices.tsx';
import { routeHref } from '../../app/routes.ts';
import { errorText } from '../../i18n.ts';
import { FileProblems } from '../../components/FileProblems.tsx';
import { localTitle } from '../../components/text.ts';
import styles from './RubricsPage.module.css';

export async function exportRubric(id: string, version: number, format: 'json' | 'xlsx'): Promise<void> {
  const file = await call('rubrics.export', { id, version, format });
  downloadBase64(file.fileName, file.mimeType, file.contentBase64);
}

/** The rubric catalogue: one row per rubric with its versions; import, open, clone, export. */
export function RubricsPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useChannel('rubrics.list', {});
  const rubrics = list.data;
  const [importProblem, setProblem] = useState<{ text: string; problems: ProblemData[] } | undefined>();
  const problem = importProblem ?? (list.error ? { text: errorText(list.error), problems: [] } : undefined);
  const importRubric = useChannelMutation('rubrics.import', { invalidates: ['rubrics'] });

  const families = useMemo(() => {
    const byId = new Map<string, RubricSummary[]>();
    for (const summary of rubrics ?? []) byId.set(summary.id, [...(byId.get(summary.id) ?? []), summary]);
    return [...byId.values()];
  }, [rubrics]);

  async function importFile(file: File) {
    setProblem(undefined);
    try {
      const result = await importRubric.mutateAsync({ fileName: file.name, contentBase64: await readFileBase64(file) });
      notify(t(`rubrics.imported.${result.status}`, { id: result.summary.id, version: result.summary.version }));
    } catch (error) {
      const problems = error instanceof ApiError ? (error.data.problems ?? []) : [];
      setProblem({ text: `${t('rubrics.importFailed', { file: file.name })} ${errorText(error)}`, problems });
    }
  }

  async function download(summary: RubricSummary, format: 'json' | 'xlsx') {
    try {
      await exportRubric(summary.id, summary.version, format);
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  return (
    <div className="page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t('rubrics.title')}</h1>
          <p className="page-subtitle">{t('rubrics.subtitle')}</p>
        </div>
        <div className="header-actions">
          <input
            ref={fileInput}
            type="file"
            accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="button" onClick={() => fileInput.current?.click()} aria-describedby={`${id}-import-help`}>
            {t('rubrics.import')}
          </button>
          <span id={`${id}-import-help`} className="help">
            {t('rubrics.importHelp')}
          </span>
        </div>
      </header>

      {problem && <FileProblems text={problem.text} problems={problem.problems} />}

      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="card-title">
          {t('rubrics.count', { count: families.length })}
        </h2>
        {rubrics === undefined && !problem && <p className="muted">{t('app.loading')}</p>}
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('rubrics.columns.name')}</th>
                <th scope="col">{t('rubrics.columns.origin')}</th>
                <th scope="col">{t('rubrics.versions')}</th>
                <th scope="col" className="num">
                  {t('rubrics.columns.criteria')}
                </th>
                <th scope="col">{t('rubrics.columns.result')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('regencies.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {families.map((versions) => {
                const latest = versions.at(-1) as RubricSummary;
                const name = localTitle(latest.name, i18n.language);
                return (
                  <tr key={latest.id} data-rubric={latest.id}>
                    <th scope="row" className="row-name">
                      <a href={routeHref({ page: 'rubric', id: latest.id, version: latest.version, mode: 'view' })}>{name}</a>
                      <div className="mono muted">{latest.id}</div>
                    </th>
                    <td>
                      <span className={`badge badge-${latest.origin}`}>{t(`rubrics.origins.${latest.origin}`)}</span>
                    </td>
                    <td>
                      <ul className={styles.versionList} aria-label={t('rubrics.versions')}>
                        {versions.map((summary) => (
                          <li key={summary.version}>
                            <a
                              href={routeHref({ page: 'rubric', id: summary.id, version: summary.version, mode: 'view' })}
                              title={summary.changeKind ? t(`rubrics.changeKinds.${summary.changeKind}`) : undefined}
                            >
                              {t('rubrics.versionLabel', { version: summary.version })}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="num">{latest.criteria}</td>
                    <td className="muted">
                      {latest.points !== undefined ? t('rubrics.resultPoints', { points: latest.points }) : t('rubrics.resultShownAs')}
                    </td>
                    <td>
                      <div className="row-actions">
                        <a
                          className="button button-small"
                          href={routeHref({ page: 'rubric', id: latest.id, version: latest.version, mode: 'clone' })}
                        >
                          {t('rubrics.clone')}
                        </a>
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => void download(latest, 'json')}
                          aria-label={`${t('rubrics.exportJson')}: ${name}`}
                        >
                          JSON
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => void download(latest, 'xlsx')}
                          aria-label={`${t('rubrics.exportXlsx')}: ${name}`}
                        >
                          Excel
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

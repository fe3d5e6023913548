import { Fragment, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelCriterionData, PanelView } from '../../../shared/assessment/catalog.ts';
import type { StoredScore } from '../../../shared/assessment/model.ts';
import { isAllowedScore, scaleLevels } from '../../../shared/rubric/scale.ts';
import type { Criterion } from '../../../shared/rubric/schema.ts';
import { criteriaOf } from '../../../shared/rubric/walk.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatGap, formatNumber, formatPercent, parseLocaleNumber } from '../../../shared/format/number.ts';
import { useChannel, useChannelMutation } from '../../api/queries.ts';
import { useNotify } from '../../app/notices.tsx';
import { FormProblem } from '../../components/FormBits.tsx';
import { errorText } from '../../i18n.ts';
import { gapClass, localTitle } from '../../components/text.ts';
import styles from './PanelTable.module.css';

function scoreText(value: StoredScore, language: Language, na: string): string {
  if (value === null) return '–';
  return value === 'na' ? na : formatNumber(value, language, 2);
}

/** Per criterion: each assessor's score, the statistics, the disagreement flag, the panel result and the lead's reconciliation. */
export function PanelTable({ view, onChanged }: { view: PanelView; onChanged(next: PanelView): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [onlyDisagreements, setOnlyDisagreements] = useState(false);
  const [open, setOpen] = useState<string | undefined>();
  const id = useId();
  const counted = view.members.filter((member) => member.counted || (view.hidden && member.mine));
  const iLead = view.lead?.id === view.me;
  const rows = view.criteria.filter((criterion) => !onlyDisagreements || criterion.disagreement);
  const na = t('scoring.naShort');

  return (
    <>
      {!view.hidden && view.rows.length > 0 && (
        <section className="card" aria-labelledby={`${id}-groups`}>
          <h2 id={`${id}-groups`} className="card-title">
            {t('panel.byGroup')}
          </h2>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('panel.columns.group')}</th>
                <th scope="col" className="num">
                  {t('panel.columns.percent')}
                </th>
                <th scope="col" className="num">
                  {t('panel.columns.gap')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.code} data-group={row.code}>
                  <th scope="row" style={{ paddingLeft: `${0.5 + row.depth * 1.25}rem` }}>
                    <span className="tree-code">{row.code}</span> {localTitle(row.title, language)}
                  </th>
                  <td className="num">{row.percent === null ? '–' : formatPercent(row.percent, language)}</td>
                  <td className={`num ${gapClass(row.gap)}`}>{formatGap(row.gap, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="card" aria-labelledby={`${id}-criteria`}>
        <div className="card-head">
          <h2 id={`${id}-criteria`} className="card-title">
            {t('panel.criteria')}
          </h2>
          <label className="checkbox">
            <input type="checkbox" checked={onlyDisagreements} onChange={(event) => setOnlyDisagreements(event.target.checked)} />
            {t('panel.onlyDisagreements', { count: view.disagreements })}
          </label>
        </div>
        <div className="table-wrap">
          <table className="table table-compact panel-table">
            <thead>
              <tr>
                <th scope="col">{t('panel.columns.criterion')}</th>
                {counted.map((member) => (
                  <th key={member.assessmentId} scope="col" className="num">
                    {member.assessorName}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('panel.columns.median')}
                </th>
                <th scope="col" className="num">
                  {t('panel.columns.mean')}
                </th>
                <th scope="col" className="num">
                  {t('panel.columns.range')}
                </th>
                <th scope="col" className="num">
                  {t('panel.columns.spread')}
                </th>
                <th scope="col" className="num">
                  {t('panel.columns.result')}
                </th>
                {iLead && !view.hidden && (
                  <th scope="col">
                    <span className="visually-hidden">{t('panel.reconcile')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((criterion) => (
                <Fragment key={criterion.code}>
                  <tr data-criterion={criterion.code} className={criterion.disagreement ? styles.rowFlagged : undefined}>
                    <th scope="row">
                      <span className="tree-code">{criterion.code}</span> {localTitle(criterion.title, language)}
                      {criterion.disagreement && (
                        <span className={styles.flag} role="img" aria-label={t('panel.flag')}>
                          {' '}
                          ⚠ {t('panel.flag')}
                        </span>
                      )}
                    </th>
                    {counted.map((member) => {
                      const rating = criterion.ratings.find((candidate) => candidate.assessmentId === member.assessmentId);
                      return (
                        <td key={member.assessmentId} className="num">
                          {scoreText(rating?.value ?? null, language, na)}
                        </td>
                      );
                    })}
                    <td className="num">{criterion.stats ? formatNumber(criterion.stats.median, language, 2) : '–'}</td>
                    <td className="num">{criterion.stats ? formatNumber(criterion.stats.mean, language, 2) : '–'}</td>
                    <td className="num">
                      {criterion.stats
                        ? `${formatNumber(criterion.stats.min, language, 2)}–${formatNumber(criterion.stats.max, language, 2)}`
                        : '–'}
                    </td>
                    <td className="num">
                      {criterion.stats ? t('panel.points', { value: formatNumber(criterion.stats.spreadPercent, language, 0) }) : '–'}
                    </td>
                    <td className="num">
                      <strong>{scoreText(criterion.result, language, na)}</strong>
                      {criterion.source !== 'none' && <span className="muted"> ({t(`panel.source.${criterion.source}`)})</span>}
                      {criterion.agreedInvalid && <span className="form-problem"> {t('panel.agreedInvalid')}</span>}
                    </td>
                    {iLead && !view.hidden && (
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          aria-expanded={open === criterion.code}
                          onClick={() => setOpen(open === criterion.code ? undefined : criterion.code)}
                        >
                          {t('panel.reconcile')}
                        </button>
                      </td>
                    )}
                  </tr>
                  {criterion.agreed && (
                    <tr className={styles.rowDetail}>
                      <td colSpan={counted.length + 7}>
                        {t('panel.agreedBy', { name: criterion.agreed.decidedBy, reason: criterion.agreed.reason })}
                      </td>
                    </tr>
                  )}
                  {open === criterion.code && (
                    <tr className={styles.rowDetail}>
                      <td colSpan={counted.length + 7}>
                        <ReconcileForm
                          view={view}
                          criterion={criterion}
                          onDone={(next) => {
                            setOpen(undefined);
                            onChanged(next);
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function ReconcileForm({ view, criterion, onDone }: { view: PanelView; criterion: PanelCriterionData; onDone(next: PanelView): void }) {
  const rubric = useChannel('rubrics.get', { id: view.rubricId, version: view.rubricVersion }, { staleTime: Infinity });
  const scaled = rubric.data && criteriaOf(rubric.data.rubric).find(({ node }) => node.code === criterion.code)?.node;
  // The form starts from what the rubric allows: its levels to choose from, or a number on its scale.
  return rubric.isPending ? null : <ReconcileFields view={view} criterion={criterion} scaled={scaled} onDone={onDone} />;
}

interface ReconcileProps {
  view: PanelView;
  criterion: PanelCriterionData;
  /** The criterion as the rubric defines it (its scale); undefined if the rubric could not be read. */
  scaled: Criterion | undefined;
  onDone(next: PanelView): void;
}

/**
 * The agreed score starts as the one already agreed, else the panel's median when the scale allows
 * it (a median between two levels is not a level), written the way the user's language writes numbers.
 */
function initialAgreed(criterion: PanelCriterionData, scaled: Criterion | undefined, language: Language): string {
  const agreed = criterion.agreed?.value;
  if (agreed === 'na') return 'na';
  const initial = agreed ?? criterion.stats?.median;
  if (initial === undefined || (scaled && !isAllowedScore(scaled.scale, initial))) return '';
  // Enough decimals that a value on a fine step (0,001) comes back unchanged when saved again.
  return scaled?.scale.kind === 'levels' ? String(initial) : formatNumber(initial, language, 6);
}

function ReconcileFields({ view, criterion, scaled, onDone }: ReconcileProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const notify = useNotify();
  const values = [...new Set(criterion.ratings.flatMap((rating) => (typeof rating.value === 'number' ? [rating.value] : [])))];
  const [value, setValue] = useState(() => initialAgreed(criterion, scaled, language));
  const [reason, setReason] = useState(criterion.agreed?.reason ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  // The panel view it answers with is put in place by onDone; the trail and results are read again there.
  const reconcile = useChannelMutation('panels.reconcile');

  async function save(event: FormEvent, clear = false) {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(t('scoring.reasonNeeded'));
      return;
    }
    const parsed = value.trim() === 'na' ? 'na' : parseLocaleNumber(value, language);
    if (!clear && parsed === undefined) {
      setProblem(t('panel.agreedValueNeeded'));
      return;
    }
    const chosen: StoredScore = clear ? null : (parsed ?? null);
    try {
      const next = await reconcile.mutateAsync({
        submissionId: view.submissionId,
        rubricId: view.rubricId,
        criterion: criterion.code,
        value: chosen,
        reason,
      });
      notify(t(clear ? 'panel.cleared' : 'panel.reconciled', { code: criterion.code }));
      onDone(next);
    } catch (error) {
      setProblem(errorText(error));
    }
  }

  return (
    <form className={styles.reconcileForm} onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor={`${id}-value`}>{t('panel.agreedValue', { code: criterion.code })}</label>
        {scaled?.scale.kind === 'levels' ? (
          <select id={`${id}-value`} value={value} onChange={(event) => setValue(event.target.value)} aria-describedby={`${id}-hint`}>
            <option value="">{t('panel.chooseLevel')}</option>
            {scaleLevels(scaled.scale).map((level) => (
              <option key={level.value} value={String(level.value)}>
                {`${formatNumber(level.value, language)} · ${level.label}`}
              </option>
            ))}
            {scaled.allowNotApplicable && <option value="na">{t('scoring.notApplicable')}</option>}
          </select>
        ) : (
          <input
            id={`${id}-value`}
            className="input-short"
            inputMode="decimal"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-describedby={`${id}-hint`}
          />
        )}
        <p id={`${id}-hint`} className="help">
          {t('panel.agreedHint', { values: values.map((entry) => formatNumber(entry, language, 2)).join(', ') || '–' })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('panel.agreedReason')}</label>
        <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <FormProblem text={problem} />
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('panel.saveAgreed')}
        </button>
        {criterion.agreed && (
          <button type="button" className="button" onClick={(event) => void save(event, true)}>
            {t('panel.clearAgreed')}
          </button>
        )}
      </div>
    </form>
  );
}

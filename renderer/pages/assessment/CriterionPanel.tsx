import { forwardRef, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX, type CriterionEntry, type Evidence, type StoredScore } from '../../../shared/assessment/model.ts';
import type { Language } from '../../../shared/domain/settings.ts';
import { formatNumber, formatPercent, parseLocaleNumber } from '../../../shared/format/number.ts';
import { isAllowedScore, scaleLevels, scorePercent } from '../../../shared/rubric/scale.ts';
import type { Criterion } from '../../../shared/rubric/schema.ts';
import type { CriterionResult } from '../../../shared/rubric/score.ts';
import { localTitle } from '../../components/text.ts';
import { HistoryList } from '../../components/HistoryList.tsx';
import styles from './CriterionPanel.module.css';

const NOTE_SAVE_DELAY_MS = 600;

interface Props {
  assessmentId: number;
  criterion: Criterion;
  result: CriterionResult | undefined;
  path: string;
  entry: CriterionEntry | undefined;
  evidence: readonly Evidence[];
  editable: boolean;
  position: { index: number; total: number };
  onScore(value: StoredScore): void;
  /** Resolves true once saved. */
  onNote(note: string, before: string): Promise<boolean>;
  onOpenEvidence(evidence: Evidence): void;
  onRemoveEvidence(evidence: Evidence): void;
  /** Bumped when history may have changed, so an open history reloads. */
  revision: number;
}

/** The digit that picks a level: its own value when the levels are 0–9, else its position (1, 2, 3…). */
export function levelKeys(criterion: Criterion): Map<string, number> {
  const levels = scaleLevels(criterion.scale);
  const byValue = levels.every((level) => Number.isInteger(level.value) && level.value >= 0 && level.value <= 9);
  return new Map(levels.slice(0, 9).map((level, index) => [byValue ? String(level.value) : String(index + 1), level.value]));
}

/** The criterion being scored: what it asks, its levels as choices, not applicable, the note, the evidence and its history. */
export const CriterionPanel = forwardRef<HTMLElement, Props>(function CriterionPanel(props, ref) {
  const { criterion, result, entry, evidence, editable, onScore, onNote, position } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const value = entry?.value ?? null;
  const [note, setNote] = useState(entry?.note ?? '');
  const noteStart = useRef(entry?.note ?? '');
  const noteTimer = useRef<number | undefined>(undefined);
  const [numberText, setNumberText] = useState(typeof value === 'number' ? formatNumber(value, language, 2) : '');
  const [numberProblem, setNumberProblem] = useState<string | undefined>();
  const keys = levelKeys(criterion);
  const keyOf = new Map([...keys].map(([key, level]) => [level, key]));

  // A save from elsewhere (undo, a reload) shows here, unless the user is typing or has words not yet saved.
  const unsaved = useRef(false);
  useEffect(() => {
    if (noteTimer.current === undefined && !unsaved.current && document.activeElement?.id !== `${id}-note`) {
      setNote(entry?.note ?? '');
      noteStart.current = entry?.note ?? '';
    }
  }, [entry?.note, id]);
  useEffect(() => {
    if (document.activeElement?.id !== `${id}-number`) setNumberText(typeof value === 'number' ? formatNumber(value, language, 2) : '');
  }, [value, language, id]);

  const flushNote = (text = note) => {
    window.clearTimeout(noteTimer.current);
    noteTimer.current = undefined;
    if (text === noteStart.current) return;
    const before = noteStart.current;
    noteStart.current = text;
    unsaved.current = true;
    void onNote(text, before).then((saved) => {
      // Refused: keep the words on screen and try again on the next pause, from the saved note.
      if (!saved) noteStart.current = before;
      else unsaved.current = noteStart.current !== text;
    });
  };
  // Leaving the criterion saves what was typed.
  const latestFlush = useRef(flushNote);
  latestFlush.current = flushNote;
  useEffect(() => () => latestFlush.current(), []);

  function commitNumber() {
    if (criterion.scale.kind !== 'number') return;
    const text = numberText.trim();
    if (!text) {
      setNumberProblem(undefined);
      if (value !== null) onScore(null);
      return;
    }
    const parsed = parseLocaleNumber(text, language);
    if (parsed === undefined || !isAllowedScore(criterion.scale, parsed)) {
      setNumberProblem(
        t('scoring.numberInvalid', {
          min: formatNumber(criterion.scale.min, language, 2),
          max: formatNumber(criterion.scale.max, language, 2),
          step: formatNumber(criterion.scale.step, language, 2),
        }),
      );
      return;
    }
    setNumberProblem(undefined);
    onScore(parsed);
  }

  const levels = scaleLevels(criterion.scale);
  const percent = typeof value === 'number' ? scorePercent(criterion.scale, value) : null;
  const notDue = result?.status === 'not_due';

  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`card ${styles.criterionPanel}`}
      data-testid="criterion-panel"
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className={styles.criterionTitle}>
        <span className="tree-code">{criterion.code}</span> {localTitle(criterion.title, language)}
      </h2>
      <p className={`muted ${styles.criterionWeight}`}>
        {props.path} · {t('scoring.position', { index: position.index, total: position.total })} ·{' '}
        {t('scoring.weight', { weight: formatNumber(criterion.weight, language, 2) })}
        {result && result.effectiveShare > 0 && ` · ${t('scoring.share', { share: formatPercent(result.effectiveShare * 100, language) })}`}
        {' · '}
        {t(`scoring.mapping.${criterion.scale.mapping}`)}
      </p>
      {entry?.needsRescore && <p className="notice-inline notice-warning">{t('scoring.needsRescore')}</p>}
      {notDue && <p className="notice-inline">{t('scoring.notDue', { stages: criterion.stages?.join(', ') ?? '' })}</p>}
      {criterion.guidance && <p className="guidance">{criterion.guidance}</p>}

      {criterion.scale.kind === 'levels' ? (
        <div role="radiogroup" aria-labelledby={`${id}-title`} className={styles.levelChoices}>
          {levels.map((level) => (
            <button
              key={level.value}
              type="button"
              role="radio"
              aria-checked={value === level.value}
              className={styles.levelChoice}
              disabled={!editable || notDue}
              data-level={level.value}
              onClick={() => onScore(value === level.value ? null : level.value)}
            >
              <span className={styles.levelMark}>
                <span className={styles.levelValue}>{formatNumber(level.value, language, 2)}</span>
                <span className={styles.levelKey} aria-hidden="true">
                  {keyOf.get(level.value) ?? ''}
                </span>
              </span>
              <span className={styles.levelText}>
                <strong>{level.label}</strong> <span>{level.descriptor}</span>
              </span>
            </button>
          ))}
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-number`}>
            {t('scoring.numberLabel', {
              min: formatNumber(criterion.scale.min, language, 2),
              max: formatNumber(criterion.scale.max, language, 2),
            })}
          </label>
          <input
            id={`${id}-number`}
            type="text"
            inputMode="decimal"
            className="input-short"
            value={numberText}
            disabled={!editable || notDue}
            aria-invalid={numberProblem ? true : undefined}
            aria-describedby={`${id}-anchors`}
            onChange={(event) => setNumberText(event.target.value)}
            onBlur={commitNumber}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commitNumber();
            }}
          />
          {numberProblem && (
            <p className="form-problem" role="alert">
              {numberProblem}
            </p>
          )}
          <ul id={`${id}-anchors`} className="anchor-list">
            {levels.map((level) => (
              <li key={level.value}>
                <strong>
                  {formatNumber(level.value, language, 2)} {level.label}
                </strong>{' '}
                — {level.descriptor}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className={styles.criterionActions}>
        {criterion.allowNotApplicable && (
          <button
            type="button"
            className="button button-small"
            aria-pressed={value === 'na'}
            disabled={!editable || notDue}
            onClick={() => onScore(value === 'na' ? null : 'na')}
          >
            {t('scoring.notApplicable')} <kbd>N</kbd>
          </button>
        )}
        {value !== null && (
          <span className="muted" aria-live="polite">
            {value === 'na'
              ? t('scoring.isNa')
              : t('scoring.valueIs', { value: formatNumber(value, language, 2), percent: formatPercent(percent ?? 0, language) })}
          </span>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${id}-note`}>{t('scoring.note')}</label>
        <textarea
          id={`${id}-note`}
          className={styles.noteInput}
          rows={5}
          value={note}
          disabled={!editable}
          placeholder={t('scoring.notePlaceholder')}
          maxLength={NOTE_MAX}
          onFocus={() => {
            noteStart.current = entry?.note ?? '';
          }}
          onChange={(event) => {
            const text = event.target.value;
            setNote(text);
            window.clearTimeout(noteTimer.current);
            noteTimer.current = window.setTimeout(() => flushNote(text), NOTE_SAVE_DELAY_MS);
          }}
          onBlur={() => flushNote()}
        />
        <p className="help">{t('scoring.noteHelp')}</p>
      </div>

      <section aria-labelledby={`${id}-evidence`}>
        <h3 id={`${id}-evidence`} className={styles.cardSubtitle}>
          {t('scoring.evidence', { count: evidence.length })}
        </h3>
        {evidence.length === 0 ? (
          <p className="muted">{t('scoring.noEvidence')}</p>
        ) : (
          <ul className={styles.evidenceList}>
            {evidence.map((item) => (
              <li key={item.id} className={styles.evidenceItem} data-evidence={item.id}>
                <button
                  type="button"
                  className="link-button"
                  disabled={item.documentId === null}
                  onClick={() => props.onOpenEvidence(item)}
                >
                  {t('scoring.evidenceAt', { file: item.fileName, page: item.page })}
                </button>
                <blockquote>{item.quote}</blockquote>
                {editable && (
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => props.onRemoveEvidence(item)}
                    aria-label={t('scoring.removeEvidence', { file: item.fileName, page: item.page })}
                  >
                    {t('common.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <details className={styles.criterionHistory} data-testid="criterion-history">
        <summary>{t('scoring.criterionHistory')}</summary>
        <HistoryList filter={{ id: props.assessmentId, criterion: criterion.code }} revision={props.revision} />
      </details>
    </section>
  );
});

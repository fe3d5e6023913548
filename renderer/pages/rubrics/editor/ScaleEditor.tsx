import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings.ts';
import { formatNumber, formatPercent } from '../../../../shared/format/number.ts';
import type { Level, Mapping, Scale } from '../../../../shared/rubric/schema.ts';
import { explainScore, scaleBounds, scaleLevels } from '../../../../shared/rubric/scale.ts';
import { NumberField } from '../../../components/NumberField.tsx';
import { RadioGroup } from '../../../components/RadioGroup.tsx';
import { useEditor } from './context.ts';
import styles from './ScaleEditor.module.css';

interface Props {
  scale: Scale;
  code: string;
  onChange(scale: Scale): void;
}

function withLevels(scale: Scale, levels: Level[]): Scale {
  return scale.kind === 'levels' ? { ...scale, levels } : { ...scale, anchors: levels };
}

/** The kind of scale, its mapping to percent, its levels with descriptors, and a live preview. */
export function ScaleEditor({ scale, code, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { readOnly } = useEditor();
  const levels = scale.kind === 'levels' ? scale.levels : scale.anchors;

  function setKind(kind: Scale['kind']) {
    if (kind === scale.kind) return;
    if (kind === 'number') {
      const { min, max } = scaleBounds(scale);
      onChange({ kind: 'number', mapping: scale.mapping, min, max, step: 1, anchors: levels });
    } else {
      onChange({ kind: 'levels', mapping: scale.mapping, levels });
    }
  }

  const setLevel = (index: number, change: Partial<Level>) =>
    onChange(
      withLevels(
        scale,
        levels.map((level, at) => (at === index ? { ...level, ...change } : level)),
      ),
    );
  const addLevel = () => {
    const top = levels.length ? Math.max(...levels.map((level) => level.value)) : 0;
    onChange(withLevels(scale, [...levels, { value: top + 1, label: String(top + 1), descriptor: '' }]));
  };

  return (
    <section className="scale-editor stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.subheading}>
        {t('editor.scale')}
      </h3>
      <RadioGroup<Scale['kind']>
        label={t('editor.scale')}
        value={scale.kind}
        options={[
          { value: 'levels', label: t('editor.scaleLevels') },
          { value: 'number', label: t('editor.scaleNumber') },
        ]}
        disabled={readOnly}
        onChange={setKind}
      />
      <RadioGroup<Mapping>
        label={t('editor.mapping')}
        value={scale.mapping}
        options={[
          { value: 'range', label: t('editor.mappingRange') },
          { value: 'ratio', label: t('editor.mappingRatio') },
        ]}
        disabled={readOnly}
        onChange={(mapping) => onChange({ ...scale, mapping })}
      />
      {scale.kind === 'number' && (
        <div className="field-row">
          {(['min', 'max', 'step'] as const).map((key) => (
            <div key={key} className="field field-weight">
              <label htmlFor={`${id}-${key}`}>{t(`editor.${key}`)}</label>
              <NumberField
                id={`${id}-${key}`}
                value={scale[key]}
                readOnly={readOnly}
                onChange={(value) => onChange({ ...scale, [key]: value ?? Number.NaN })}
              />
            </div>
          ))}
        </div>
      )}
      <div>
        <h4 className="field-label">{scale.kind === 'levels' ? t('editor.levels') : t('editor.anchors')}</h4>
        <table className={`table ${styles.levelsTable}`}>
          <thead>
            <tr>
              <th scope="col">{t('editor.levelValue')}</th>
              <th scope="col">{t('editor.levelLabel')}</th>
              <th scope="col">{t('editor.levelDescriptor')}</th>
              {!readOnly && (
                <th scope="col">
                  <span className="visually-hidden">{t('regencies.columns.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {levels.map((level, index) => (
              <tr key={index}>
                <td>
                  <NumberField
                    className="input-tiny"
                    value={level.value}
                    readOnly={readOnly}
                    aria-label={`${code} ${t('editor.levelValue')} ${index + 1}`}
                    onChange={(value) => setLevel(index, { value: value ?? Number.NaN })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    value={level.label}
                    readOnly={readOnly}
                    aria-label={`${code} ${t('editor.levelLabel')} ${index + 1}`}
                    onChange={(event) => setLevel(index, { label: event.target.value })}
                  />
                </td>
                <td>
                  <textarea
                    rows={2}
                    value={level.descriptor}
                    readOnly={readOnly}
                    aria-label={`${code} ${t('editor.levelDescriptor')} ${index + 1}`}
                    aria-invalid={level.descriptor.trim() === '' || undefined}
                    onChange={(event) => setLevel(index, { descriptor: event.target.value })}
                  />
                </td>
                {!readOnly && (
                  <td>
                    <button
                      type="button"
                      className="icon-button icon-danger"
                      aria-label={t('editor.removeLevel', { value: formatNumber(level.value, language, 4) })}
                      onClick={() =>
                        onChange(
                          withLevels(
                            scale,
                            levels.filter((_, at) => at !== index),
                          ),
                        )
                      }
                    >
                      ×
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {!readOnly && (
          <button type="button" className="button button-small button-ghost" onClick={addLevel}>
            + {t('editor.addLevel')}
          </button>
        )}
      </div>
      <MappingPreview scale={scale} />
    </section>
  );
}

/** How each level becomes a percentage, written out: "(3 − 1) / (5 − 1) = 50%". */
function MappingPreview({ scale }: { scale: Scale }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { min, max } = scaleBounds(scale);
  const usable = Number.isFinite(min) && Number.isFinite(max) && (scale.mapping === 'ratio' ? max > 0 : max > min);
  const number = (value: number) => formatNumber(value, language, 4);
  return (
    <section className={styles.preview} aria-labelledby={`${id}-preview`}>
      <h4 id={`${id}-preview`} className="field-label">
        {t('editor.preview')}
      </h4>
      {usable && (
        <ul className={styles.previewList}>
          {scaleLevels(scale)
            .filter((level) => Number.isFinite(level.value))
            .map((level) => {
              const explained = explainScore(scale, level.value);
              const params = {
                value: number(level.value),
                min: number(explained.min),
                max: number(explained.max),
                percent: formatPercent(explained.percent, language, 1),
              };
              return (
                <li key={level.value}>
                  <span className={styles.previewLabel}>{level.label}</span>{' '}
                  <span className="mono">{t(scale.mapping === 'range' ? 'editor.previewRange' : 'editor.previewRatio', params)}</span>
                </li>
              );
            })}
        </ul>
      )}
    </section>
  );
}

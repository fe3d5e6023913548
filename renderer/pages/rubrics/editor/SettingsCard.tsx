import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings.ts';
import { formatPercent } from '../../../../shared/format/number.ts';
import { STAGE_WEIGHTING_WHEN_ABSENT, type Band, type Rubric } from '../../../../shared/rubric/schema.ts';
import { NumberField } from '../../../components/NumberField.tsx';
import { RadioGroup } from '../../../components/RadioGroup.tsx';
import { useWorkspace } from '../../../app/workspace-context.tsx';
import { useEditor } from './context.ts';
import styles from './SettingsCard.module.css';

/** Name, identifier, pass mark, points, top-level weighting and bands of the rubric. */
export function SettingsCard({ idEditable, open }: { idEditable: boolean; open: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const id = useId();
  const { draft, readOnly, change } = useEditor();
  const { settings } = useWorkspace();
  const set = (patch: (rubric: Rubric) => Rubric) => change(patch);
  const omit = <K extends keyof Rubric>(rubric: Rubric, key: K) => {
    const copy = { ...rubric };
    delete copy[key];
    return copy;
  };
  const bands = draft.bands ?? [];
  const setBands = (next: Band[]) => set((rubric) => (next.length ? { ...rubric, bands: next } : omit(rubric, 'bands')));

  return (
    <details className={`card ${styles.settingsCard}`} open={open}>
      <summary className="card-title">{t('editor.settings')}</summary>
      <div className="stack">
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-name`}>{t('editor.nameId')}</label>
            <input
              id={`${id}-name`}
              type="text"
              value={draft.name.id}
              readOnly={readOnly}
              onChange={(event) => set((rubric) => ({ ...rubric, name: { ...rubric.name, id: event.target.value } }))}
            />
          </div>
          <div className="field field-grow">
            <label htmlFor={`${id}-name-en`}>{t('editor.nameEn')}</label>
            <input
              id={`${id}-name-en`}
              type="text"
              lang="en"
              value={draft.name.en ?? ''}
              readOnly={readOnly}
              onChange={(event) =>
                set((rubric) => {
                  const { en: _omit, ...rest } = rubric.name;
                  return { ...rubric, name: event.target.value ? { ...rest, en: event.target.value } : rest };
                })
              }
            />
          </div>
        </div>
        <div className="field-row">
          <div className="field field-grow">
            <label htmlFor={`${id}-id`}>{t('editor.id')}</label>
            <input
              id={`${id}-id`}
              type="text"
              className="mono"
              value={draft.id}
              readOnly={readOnly || !idEditable}
              aria-describedby={`${id}-id-help`}
              onChange={(event) => set((rubric) => ({ ...rubric, id: event.target.value.trim().toLowerCase() }))}
            />
            <p id={`${id}-id-help`} className="help">
              {t('editor.idHelp')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-pass`}>{t('editor.passMark')}</label>
            <NumberField
              id={`${id}-pass`}
              className="input-short"
              value={draft.passMark}
              readOnly={readOnly}
              aria-describedby={`${id}-pass-help`}
              onChange={(passMark) => set((rubric) => (passMark === undefined ? omit(rubric, 'passMark') : { ...rubric, passMark }))}
            />
            <p id={`${id}-pass-help`} className="help">
              {t('editor.passMarkHelp', { value: formatPercent(settings.passMark, language, 2) })}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-points`}>{t('editor.points')}</label>
            <NumberField
              id={`${id}-points`}
              className="input-short"
              value={draft.points}
              readOnly={readOnly}
              aria-describedby={`${id}-points-help`}
              onChange={(points) => set((rubric) => (points === undefined ? omit(rubric, 'points') : { ...rubric, points }))}
            />
            <p id={`${id}-points-help`} className="help">
              {t('editor.pointsHelp')}
            </p>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t('editor.description')}</label>
          <textarea
            id={`${id}-description`}
            rows={3}
            value={draft.description ?? ''}
            readOnly={readOnly}
            onChange={(event) =>
              set((rubric) => (event.target.value ? { ...rubric, description: event.target.value } : omit(rubric, 'description')))
            }
          />
        </div>
        <RadioGroup
          label={t('editor.weighting')}
          value={draft.weighting}
          disabled={readOnly}
          options={[
            { value: 'percent', label: t('editor.weightingPercent') },
            { value: 'relative', label: t('editor.weightingRelative') },
          ]}
          onChange={(weighting) => set((rubric) => ({ ...rubric, weighting }))}
        />
        <RadioGroup
          label={t('editor.stageWeighting')}
          value={draft.stageWeighting ?? STAGE_WEIGHTING_WHEN_ABSENT}
          disabled={readOnly}
          options={[
            { value: 'due-share', label: t('editor.stageWeightingDueShare') },
            { value: 'whole', label: t('editor.stageWeightingWhole') },
          ]}
          onChange={(stageWeighting) => set((rubric) => ({ ...rubric, stageWeighting }))}
        />
        <div className="field">
          <span className="field-label">{t('editor.bands')}</span>
          <p className="help">{t('editor.bandsHelp')}</p>
          {bands.length > 0 && (
            <table className={`table ${styles.bandsTable}`}>
              <thead>
                <tr>
                  <th scope="col">{t('editor.bandLabel')}</th>
                  <th scope="col">{t('editor.bandMin')}</th>
                  {!readOnly && (
                    <th scope="col">
                      <span className="visually-hidden">{t('regencies.columns.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {bands.map((band, index) => (
                  <tr key={index}>
                    <td>
                      <input
                        type="text"
                        value={band.label.id}
                        readOnly={readOnly}
                        aria-label={`${t('editor.bandLabel')} ${index + 1}`}
                        onChange={(event) =>
                          setBands(bands.map((b, at) => (at === index ? { ...b, label: { ...b.label, id: event.target.value } } : b)))
                        }
                      />
                    </td>
                    <td>
                      <NumberField
                        className="input-short"
                        value={band.min}
                        readOnly={readOnly}
                        aria-label={`${t('editor.bandMin')} ${index + 1}`}
                        onChange={(min) => setBands(bands.map((b, at) => (at === index ? { ...b, min: min ?? Number.NaN } : b)))}
                      />
                    </td>
                    {!readOnly && (
                      <td>
                        <button
                          type="button"
                          className="icon-button icon-danger"
                          aria-label={t('editor.removeBand', { label: band.label.id })}
                          onClick={() => setBands(bands.filter((_, at) => at !== index))}
                        >
                          ×
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!readOnly && (
            <div>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => setBands([...bands, { label: { id: t('editor.bandLabel') }, min: 0 }])}
              >
                + {t('editor.addBand')}
              </button>
            </div>
          )}
        </div>
      </div>
    </details>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BIMTEK_STAGES } from '../../../../shared/domain/regency.ts';
import type { Criterion, Group, RubricNode, Scale } from '../../../../shared/rubric/schema.ts';
import { NumberField } from '../../../components/NumberField.tsx';
import { RadioGroup } from '../../../components/RadioGroup.tsx';
import { useEditor } from './context.ts';
import { nodeAt, type NodePath } from './draft.ts';
import { ScaleEditor } from './ScaleEditor.tsx';
import styles from './NodeDetails.module.css';

/** Everything about the selected group or criterion: titles, weight, and for criteria the scale. */
export function NodeDetails() {
  const { t } = useTranslation();
  const { draft, selected } = useEditor();
  const node = selected ? nodeAt(draft, selected) : undefined;
  if (!node || !selected) return <p className="muted">{t('editor.noSelection')}</p>;
  return (
    <div className="stack">
      <h2 className="card-title">{t('editor.details', { code: node.code || '…' })}</h2>
      <CommonFields node={node} path={selected} />
      {node.type === 'group' ? <GroupFields node={node} path={selected} /> : <CriterionFields node={node} path={selected} />}
    </div>
  );
}

function CommonFields({ node, path }: { node: RubricNode; path: NodePath }) {
  const { t } = useTranslation();
  const id = useId();
  const { readOnly, updateNode } = useEditor();
  return (
    <>
      <div className="field-row">
        <div className={`field ${styles.fieldCode}`}>
          <label htmlFor={`${id}-code`}>{t('editor.code')}</label>
          <input
            id={`${id}-code`}
            type="text"
            className="mono"
            value={node.code}
            readOnly={readOnly}
            onChange={(event) => updateNode(path, (current) => ({ ...current, code: event.target.value.trim() }))}
          />
        </div>
        <div className="field field-weight">
          <label htmlFor={`${id}-weight`}>{t('editor.weight')}</label>
          <NumberField
            id={`${id}-weight`}
            value={node.weight}
            readOnly={readOnly}
            onChange={(weight) => updateNode(path, (current) => ({ ...current, weight: weight ?? Number.NaN }))}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('editor.titleId')}</label>
        <input
          id={`${id}-title`}
          type="text"
          value={node.title.id}
          readOnly={readOnly}
          onChange={(event) => updateNode(path, (current) => ({ ...current, title: { ...current.title, id: event.target.value } }))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-title-en`}>{t('editor.titleEn')}</label>
        <input
          id={`${id}-title-en`}
          type="text"
          lang="en"
          value={node.title.en ?? ''}
          readOnly={readOnly}
          onChange={(event) =>
            updateNode(path, (current) => {
              const { en: _omit, ...rest } = current.title;
              return { ...current, title: event.target.value ? { ...rest, en: event.target.value } : rest };
            })
          }
        />
      </div>
    </>
  );
}

function GroupFields({ node, path }: { node: Group; path: NodePath }) {
  const { t } = useTranslation();
  const id = useId();
  const { readOnly, updateNode } = useEditor();
  const update = (change: (group: Group) => Group) => updateNode(path, (current) => change(current as Group));
  return (
    <>
      <RadioGroup
        label={t('editor.childWeighting')}
        value={node.weighting}
        options={[
          { value: 'percent', label: t('editor.weightingPercent') },
          { value: 'relative', label: t('editor.weightingRelative') },
        ]}
        disabled={readOnly}
        onChange={(weighting) => update((group) => ({ ...group, weighting }))}
      />
      <div className="field">
        <label htmlFor={`${id}-points`}>{t('editor.groupPoints')}</label>
        <NumberField
          id={`${id}-points`}
          className="input-short"
          value={node.points}
          readOnly={readOnly}
          onChange={(points) =>
            update((group) => {
              const { points: _omit, ...rest } = group;
              return points === undefined ? rest : { ...rest, points };
            })
          }
        />
      </div>
    </>
  );
}

function CriterionFields({ node, path }: { node: Criterion; path: NodePath }) {
  const { t } = useTranslation();
  const id = useId();
  const { readOnly, updateNode } = useEditor();
  const update = (change: (criterion: Criterion) => Criterion) => updateNode(path, (current) => change(current as Criterion));
  const stages = node.stages ?? [];
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-guidance`}>{t('editor.guidance')}</label>
        <textarea
          id={`${id}-guidance`}
          rows={2}
          value={node.guidance ?? ''}
          readOnly={readOnly}
          aria-describedby={`${id}-guidance-help`}
          onChange={(event) =>
            update((criterion) => {
              const { guidance: _omit, ...rest } = criterion;
              return event.target.value ? { ...rest, guidance: event.target.value } : rest;
            })
          }
        />
        <p id={`${id}-guidance-help`} className="help">
          {t('editor.guidanceHelp')}
        </p>
      </div>
      <label className="radio">
        <input
          type="checkbox"
          checked={node.allowNotApplicable}
          disabled={readOnly}
          onChange={(event) => update((criterion) => ({ ...criterion, allowNotApplicable: event.target.checked }))}
        />
        {t('editor.allowNa')}
      </label>
      <fieldset className={`field ${styles.plainFieldset}`}>
        <legend className="field-label">{t('editor.stages')}</legend>
        <div className={styles.inlineOptions}>
          {BIMTEK_STAGES.map((stage) => (
            <label key={stage} className="radio">
              <input
                type="checkbox"
                checked={stages.includes(stage)}
                disabled={readOnly}
                onChange={(event) =>
                  update((criterion) => {
                    const next = event.target.checked ? [...stages, stage].sort() : stages.filter((s) => s !== stage);
                    const { stages: _omit, ...rest } = criterion;
                    return next.length ? { ...rest, stages: next } : rest;
                  })
                }
              />
              {t('stage.label', { stage })}
            </label>
          ))}
        </div>
        <p className="help">{t('editor.stagesHelp')}</p>
      </fieldset>
      <ScaleEditor scale={node.scale} code={node.code} onChange={(scale: Scale) => update((criterion) => ({ ...criterion, scale }))} />
    </>
  );
}

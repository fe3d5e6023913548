import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rubric, RubricNode } from '../../../../shared/rubric/schema.ts';
import { validateRubric, type RubricProblem } from '../../../../shared/rubric/validate.ts';
import { EditorContext, pathKey, type EditorState } from './context.ts';
import {
  appendNode,
  freeCode,
  moveNode,
  newCriterion,
  newGroup,
  nodeAt,
  nodePathOf,
  removeNode,
  updateNode,
  type NodePath,
} from './draft.ts';
import { NodeDetails } from './NodeDetails.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { SettingsCard } from './SettingsCard.tsx';
import { StructureTree } from './StructureTree.tsx';

interface Props {
  initial: Rubric;
  readOnly: boolean;
  /** A clone: its identifier may still change. */
  isNew?: boolean;
  /** Problems the server found on the last save (the draft's own are computed live). */
  serverProblems?: readonly RubricProblem[];
  onSave?(draft: Rubric): void;
  onCancel?(): void;
  saving?: boolean;
}

/**
 * The rubric editor: settings, the tree with weights, the selected node's details, and
 * live validation. The draft lives here until it is saved as a new, immutable version.
 */
export function RubricEditor({ initial, readOnly, isNew = false, serverProblems = [], onSave, onCancel, saving = false }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [selected, setSelected] = useState<NodePath | undefined>(initial.items.length ? [0] : undefined);
  const problemsRef = useRef<HTMLDivElement>(null);
  const problemsId = useId();
  const dirty = draft !== initial;

  const validation = useMemo(() => validateRubric(draft), [draft]);
  const problems = useMemo(() => [...(validation.ok ? [] : validation.problems), ...serverProblems], [validation, serverProblems]);
  const problemsAt = useMemo(() => {
    const map = new Map<string, RubricProblem[]>();
    for (const problem of problems) {
      const path = nodePathOf(problem.path);
      if (path) map.set(pathKey(path), [...(map.get(pathKey(path)) ?? []), problem]);
    }
    return map;
  }, [problems]);

  useEffect(() => {
    if (readOnly || !dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [readOnly, dirty]);

  const add = useCallback(
    (parent: NodePath, kind: 'criterion' | 'group') => {
      setDraft((current) => {
        const owner = parent.length ? nodeAt(current, parent) : undefined;
        const prefix = owner ? `${owner.code}.` : kind === 'group' ? 'G' : 'K';
        const code = freeCode(current, prefix);
        const node: RubricNode =
          kind === 'criterion'
            ? newCriterion(code, t('editor.newCriterionTitle'))
            : newGroup(code, t('editor.newGroupTitle'), newCriterion(`${code}.1`, t('editor.newCriterionTitle')));
        const added = appendNode(current, parent, node);
        setSelected(added.path);
        return added.rubric;
      });
    },
    [t],
  );

  const state: EditorState = useMemo(
    () => ({
      draft,
      readOnly,
      selected,
      problemsAt,
      select: setSelected,
      change: (update) => !readOnly && setDraft(update),
      updateNode: (path, update) => !readOnly && setDraft((current) => updateNode(current, path, update)),
      remove: (path) => {
        if (readOnly) return;
        setDraft((current) => removeNode(current, path));
        setSelected(path.length > 1 ? path.slice(0, -1) : undefined);
      },
      move: (path, delta) => {
        if (readOnly) return;
        setDraft((current) => {
          const moved = moveNode(current, path, delta);
          setSelected(moved.path);
          return moved.rubric;
        });
      },
      add: (parent, kind) => !readOnly && add(parent, kind),
    }),
    [draft, readOnly, selected, problemsAt, add],
  );

  function save() {
    if (problems.length > 0) {
      problemsRef.current?.focus();
      return;
    }
    onSave?.(draft);
  }

  return (
    <EditorContext.Provider value={state}>
      <div className="editor stack">
        {!readOnly && (
          <ProblemsPanel
            ref={problemsRef}
            id={problemsId}
            problems={problems}
            onGo={(path) => {
              setSelected(path);
              window.setTimeout(() => document.querySelector<HTMLElement>(`[data-path="${pathKey(path)}"] input`)?.focus(), 0);
            }}
          />
        )}
        <SettingsCard idEditable={isNew} open={isNew} />
        <div className="editor-columns">
          <section className="card" aria-label={t('editor.structure')}>
            <h2 className="card-title">{t('editor.structure')}</h2>
            <StructureTree />
          </section>
          <section className="card editor-details" aria-live="off">
            <NodeDetails />
          </section>
        </div>
        {!readOnly && (
          <div className="editor-actions">
            {dirty && <span className="muted">{t('editor.unsaved')}</span>}
            <button type="button" className="button" onClick={onCancel}>{t('editor.cancel')}</button>
            <button type="button" className={`button button-primary${problems.length ? ' is-blocked' : ''}`} onClick={save}
              disabled={saving} aria-describedby={problems.length ? problemsId : undefined}>
              {saving ? t('common.saving') : isNew ? t('editor.saveNew') : t('editor.save')}
            </button>
          </div>
        )}
      </div>
    </EditorContext.Provider>
  );
}

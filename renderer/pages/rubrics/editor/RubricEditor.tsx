import { useEffect, useId, useMemo, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rubric, RubricNode } from '../../../../shared/rubric/schema.ts';
import { validateRubric, type RubricProblem } from '../../../../shared/rubric/validate.ts';
import { guardUnsaved } from '../../../app/unsaved.ts';
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
import styles from './RubricEditor.module.css';

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
interface EditorModel {
  draft: Rubric;
  selected: NodePath | undefined;
}

type EditorAction =
  | { type: 'select'; path: NodePath | undefined }
  | { type: 'change'; update: (draft: Rubric) => Rubric }
  | { type: 'update-node'; path: NodePath; update: (node: RubricNode) => RubricNode }
  | { type: 'remove'; path: NodePath }
  | { type: 'move'; path: NodePath; delta: -1 | 1 }
  | { type: 'add'; parent: NodePath; node: (draft: Rubric) => RubricNode };

/** Every edit as a pure step from one (draft, selection) to the next. */
function reduce(model: EditorModel, action: EditorAction): EditorModel {
  switch (action.type) {
    case 'select':
      return { ...model, selected: action.path };
    case 'change':
      return { ...model, draft: action.update(model.draft) };
    case 'update-node':
      return { ...model, draft: updateNode(model.draft, action.path, action.update) };
    case 'remove':
      return { draft: removeNode(model.draft, action.path), selected: action.path.length > 1 ? action.path.slice(0, -1) : undefined };
    case 'move': {
      const moved = moveNode(model.draft, action.path, action.delta);
      return { draft: moved.rubric, selected: moved.path };
    }
    case 'add': {
      const added = appendNode(model.draft, action.parent, action.node(model.draft));
      return { draft: added.rubric, selected: added.path };
    }
  }
}

/**
 * The rubric editor: settings, the tree with weights, the selected node's details, and
 * live validation. The draft lives here until it is saved as a new, immutable version.
 */
export function RubricEditor({ initial, readOnly, isNew = false, serverProblems = [], onSave, onCancel, saving = false }: Props) {
  const { t } = useTranslation();
  const [{ draft, selected }, dispatch] = useReducer(reduce, undefined, () => ({
    draft: initial,
    selected: initial.items.length ? [0] : undefined,
  }));
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

  // Unsaved work: ask before a link leaves the page, and before the window closes or reloads.
  useEffect(() => {
    if (readOnly || !dirty) return;
    guardUnsaved(() => true);
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => {
      guardUnsaved(undefined);
      window.removeEventListener('beforeunload', warn);
    };
  }, [readOnly, dirty]);

  const state: EditorState = useMemo(() => {
    const edit = (action: EditorAction) => !readOnly && dispatch(action);
    return {
      draft,
      readOnly,
      selected,
      problemsAt,
      select: (path) => dispatch({ type: 'select', path }),
      change: (update) => edit({ type: 'change', update }),
      updateNode: (path, update) => edit({ type: 'update-node', path, update }),
      remove: (path) => edit({ type: 'remove', path }),
      move: (path, delta) => edit({ type: 'move', path, delta }),
      add: (parent, kind) =>
        edit({
          type: 'add',
          parent,
          node: (current) => {
            const owner = parent.length ? nodeAt(current, parent) : undefined;
            const code = freeCode(current, owner ? `${owner.code}.` : kind === 'group' ? 'G' : 'K');
            return kind === 'criterion'
              ? newCriterion(code, t('editor.newCriterionTitle'))
              : newGroup(code, t('editor.newGroupTitle'), newCriterion(`${code}.1`, t('editor.newCriterionTitle')));
          },
        }),
    };
  }, [draft, readOnly, selected, problemsAt, t]);

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
              dispatch({ type: 'select', path });
              window.setTimeout(() => document.querySelector<HTMLElement>(`[data-path="${pathKey(path)}"] input`)?.focus(), 0);
            }}
          />
        )}
        <SettingsCard idEditable={isNew} open={isNew} />
        <div className={styles.editorColumns}>
          <section className="card" aria-label={t('editor.structure')}>
            <h2 className="card-title">{t('editor.structure')}</h2>
            <StructureTree />
          </section>
          <section className={`card ${styles.editorDetails}`} aria-live="off">
            <NodeDetails />
          </section>
        </div>
        {!readOnly && (
          <div className={styles.editorActions}>
            {dirty && <span className="muted">{t('editor.unsaved')}</span>}
            <button type="button" className="button" onClick={onCancel}>
              {t('editor.cancel')}
            </button>
            <button
              type="button"
              className={`button button-primary${problems.length ? ' is-blocked' : ''}`}
              onClick={save}
              disabled={saving}
              aria-describedby={problems.length ? problemsId : undefined}
            >
              {saving ? t('common.saving') : isNew ? t('editor.saveNew') : t('editor.save')}
            </button>
          </div>
        )}
      </div>
    </EditorContext.Provider>
  );
}

import { createContext, useContext } from 'react';
import type { Rubric, RubricNode } from '../../../../shared/rubric/schema.ts';
import type { RubricProblem } from '../../../../shared/rubric/validate.ts';
import type { NodePath } from './draft.ts';

export interface EditorState {
  draft: Rubric;
  readOnly: boolean;
  selected: NodePath | undefined;
  /** Problems by node path ("2.0"), for marking rows. */
  problemsAt: ReadonlyMap<string, RubricProblem[]>;
  select(path: NodePath): void;
  change(update: (draft: Rubric) => Rubric): void;
  updateNode(path: NodePath, update: (node: RubricNode) => RubricNode): void;
  remove(path: NodePath): void;
  move(path: NodePath, delta: -1 | 1): void;
  add(parent: NodePath, kind: 'criterion' | 'group'): void;
}

export const EditorContext = createContext<EditorState | undefined>(undefined);

export function useEditor(): EditorState {
  const state = useContext(EditorContext);
  if (!state) throw new Error('useEditor outside the rubric editor');
  return state;
}

export const pathKey = (path: NodePath) => path.join('.');

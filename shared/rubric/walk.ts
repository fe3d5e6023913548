import type { Criterion, Group, Rubric, RubricNode } from './schema.ts';

export interface Visit<N extends RubricNode = RubricNode> {
  node: N;
  /** Codes of the groups above the node, outermost first. */
  ancestors: string[];
  /** Where the node sits in the rubric document, e.g. ["items", 2, "children", 0]. */
  path: (string | number)[];
}

/** Every node of the rubric, depth first, with where it sits. */
export function* walk(rubric: Pick<Rubric, 'items'>): Generator<Visit> {
  function* visit(nodes: RubricNode[], ancestors: string[], path: (string | number)[]): Generator<Visit> {
    for (const [index, node] of nodes.entries()) {
      const at = [...path, index];
      yield { node, ancestors, path: at };
      if (node.type === 'group') yield* visit(node.children, [...ancestors, node.code], [...at, 'children']);
    }
  }
  yield* visit(rubric.items, [], ['items']);
}

export function criteriaOf(rubric: Pick<Rubric, 'items'>): Visit<Criterion>[] {
  return [...walk(rubric)].filter((visit): visit is Visit<Criterion> => visit.node.type === 'criterion');
}

export function groupsOf(rubric: Pick<Rubric, 'items'>): Visit<Group>[] {
  return [...walk(rubric)].filter((visit): visit is Visit<Group> => visit.node.type === 'group');
}

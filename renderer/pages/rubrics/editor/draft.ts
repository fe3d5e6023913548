import { STAGE_WEIGHTING_FOR_NEW, type Criterion, type Group, type Rubric, type RubricNode } from '../../../../shared/rubric/schema.ts';
import { walk } from '../../../../shared/rubric/walk.ts';

/**
 * Edits of a rubric draft, as pure functions over immutable data. A node is addressed by
 * its path of indices from the top ([2, 0] = first child of the third item), which stays
 * meaningful while codes are being typed.
 */
export type NodePath = readonly number[];

export function nodeAt(rubric: Rubric, path: NodePath): RubricNode | undefined {
  let nodes: RubricNode[] = rubric.items;
  let node: RubricNode | undefined;
  for (const index of path) {
    node = nodes[index];
    if (!node) return undefined;
    nodes = node.type === 'group' ? node.children : [];
  }
  return node;
}

function mapChildren(nodes: RubricNode[], path: NodePath, change: (siblings: RubricNode[], index: number) => RubricNode[]): RubricNode[] {
  const [head, ...rest] = path;
  if (head === undefined) return nodes;
  if (rest.length === 0) return change(nodes, head);
  return nodes.map((node, index) =>
    index === head && node.type === 'group' ? { ...node, children: mapChildren(node.children, rest, change) } : node,
  );
}

export function updateNode(rubric: Rubric, path: NodePath, update: (node: RubricNode) => RubricNode): Rubric {
  return {
    ...rubric,
    items: mapChildren(rubric.items, path, (siblings, index) => siblings.map((node, at) => (at === index ? update(node) : node))),
  };
}

export function removeNode(rubric: Rubric, path: NodePath): Rubric {
  return { ...rubric, items: mapChildren(rubric.items, path, (siblings, index) => siblings.filter((_, at) => at !== index)) };
}

/** Swap a node with its neighbour; returns the draft and the node's new path. */
export function moveNode(rubric: Rubric, path: NodePath, delta: -1 | 1): { rubric: Rubric; path: NodePath } {
  const index = path.at(-1) ?? 0;
  const target = index + delta;
  const parent = path.slice(0, -1);
  const siblings = parent.length ? (nodeAt(rubric, parent) as Group).children : rubric.items;
  if (target < 0 || target >= siblings.length) return { rubric, path };
  const items = mapChildren(rubric.items, path, (nodes) => {
    const copy = [...nodes];
    [copy[index], copy[target]] = [copy[target] as RubricNode, copy[index] as RubricNode];
    return copy;
  });
  return { rubric: { ...rubric, items }, path: [...parent, target] };
}

/** Append a node under a group (or at the top level); returns the draft and the new node's path. */
export function appendNode(rubric: Rubric, parent: NodePath, node: RubricNode): { rubric: Rubric; path: NodePath } {
  if (parent.length === 0) return { rubric: { ...rubric, items: [...rubric.items, node] }, path: [rubric.items.length] };
  const group = nodeAt(rubric, parent);
  if (!group || group.type !== 'group') return { rubric, path: parent };
  return {
    rubric: updateNode(rubric, parent, (current) => ({ ...(current as Group), children: [...(current as Group).children, node] })),
    path: [...parent, group.children.length],
  };
}

/** A code not yet in the rubric: "ECO.8" under ECO, "K9" at the top level. */
export function freeCode(rubric: Rubric, prefix: string): string {
  const taken = new Set([...walk(rubric)].map(({ node }) => node.code));
  for (let n = 1; ; n += 1) {
    const code = `${prefix}${n}`;
    if (!taken.has(code)) return code;
  }
}

export function newCriterion(code: string, title: string): Criterion {
  return {
    type: 'criterion',
    code,
    title: { id: title },
    weight: 1,
    allowNotApplicable: false,
    scale: {
      kind: 'levels',
      mapping: 'range',
      levels: [0, 1, 2, 3, 4].map((value) => ({ value, label: String(value), descriptor: '' })),
    },
  };
}

export function newGroup(code: string, title: string, child: Criterion): Group {
  return { type: 'group', code, title: { id: title }, weight: 1, weighting: 'percent', children: [{ ...child, weight: 100 }] };
}

/** "items.2.children.0.weight" → [2, 0]: the node a validation problem is about. */
export function nodePathOf(problemPath: string): NodePath | undefined {
  const parts = problemPath.replace(/^rubric\./, '').split('.');
  if (parts[0] !== 'items') return undefined;
  const path: number[] = [];
  for (let at = 1; at < parts.length; at += 2) {
    const index = Number(parts[at]);
    if (!Number.isInteger(index)) break;
    path.push(index);
    if (parts[at + 1] !== 'children') break;
  }
  return path.length ? path : undefined;
}

export function samePath(a: NodePath | undefined, b: NodePath | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);
}

/** A clone ready to edit as a new rubric: free id, "(salinan)" name, version 1. */
export function cloneForEditing(rubric: Rubric, takenIds: ReadonlySet<string>): Rubric {
  let id = `${rubric.id}-salinan`;
  for (let n = 2; takenIds.has(id); n += 1) id = `${rubric.id}-salinan-${n}`;
  return {
    ...structuredClone(rubric),
    id,
    version: 1,
    // A new rubric says how partly due groups count; a clone of one written before the setting takes the new default.
    stageWeighting: rubric.stageWeighting ?? STAGE_WEIGHTING_FOR_NEW,
    name: { id: `${rubric.name.id} (salinan)`, ...(rubric.name.en ? { en: `${rubric.name.en} (copy)` } : {}) },
  };
}

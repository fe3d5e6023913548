/**
 * Row selection as in a file manager: a click (or Space) toggles a row and makes it the
 * anchor; Shift+click (or Shift+arrow) selects every row from the anchor to the one
 * reached; "select all" takes the rows shown. Rows hidden by a filter leave the selection.
 */
export interface Selection {
  ids: ReadonlySet<number>;
  anchor: number | undefined;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: undefined };

export function toggle(selection: Selection, id: number): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Every row from the anchor to `id` (in the order shown) joins the selection; the anchor stays. */
export function extendTo(selection: Selection, order: readonly number[], id: number): Selection {
  const anchor = selection.anchor !== undefined && order.includes(selection.anchor) ? selection.anchor : id;
  const from = order.indexOf(anchor);
  const to = order.indexOf(id);
  if (to < 0) return selection;
  const ids = new Set(selection.ids);
  for (let index = Math.min(from, to); index <= Math.max(from, to); index += 1) ids.add(order[index] as number);
  return { ids, anchor };
}

export function selectAll(order: readonly number[]): Selection {
  return { ids: new Set(order), anchor: order[0] };
}

/** Keep only the rows still shown. */
export function within(selection: Selection, order: readonly number[]): Selection {
  const shown = new Set(order);
  const ids = [...selection.ids].filter((id) => shown.has(id));
  return ids.length === selection.ids.size
    ? selection
    : { ids: new Set(ids), anchor: selection.anchor !== undefined && shown.has(selection.anchor) ? selection.anchor : undefined };
}

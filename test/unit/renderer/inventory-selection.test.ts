import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, extendTo, selectAll, toggle, within } from '../../../renderer/pages/submission/inventory/selection.ts';

describe('selecting inventory rows', () => {
  const order = [11, 12, 13, 14, 15];
  it('toggles a row and makes it the anchor; Shift extends from the anchor in the order shown, either way', () => {
    const one = toggle(EMPTY_SELECTION, 12);
    expect([...one.ids]).toEqual([12]);
    expect([...extendTo(one, order, 14).ids].sort()).toEqual([12, 13, 14]);
    expect([...extendTo(one, order, 11).ids].sort()).toEqual([11, 12]);
    expect([...toggle(one, 12).ids]).toEqual([]);
  });
  it('selects all rows shown, and drops rows a filter hides', () => {
    expect([...selectAll(order).ids]).toEqual(order);
    const narrowed = within(selectAll(order), [12, 14]);
    expect([...narrowed.ids]).toEqual([12, 14]);
    expect(narrowed.anchor).toBeUndefined();
  });
});

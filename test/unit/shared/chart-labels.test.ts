import { describe, expect, it } from 'vitest';
import { belowCounts, categoryTick, codeAndName, fitLabel, gapBarLabels, wrapWords } from '../../../shared/analytics/charts.ts';

const text = (gap: number) => (gap > 0 ? `+${gap}` : gap === 0 ? '±0' : `−${-gap}`);
const options = { domain: [-100, 100] as const, charWidth: 4, gap: 2, text, noResult: 'belum dinilai', noResultShort: '–' };

describe('chart labels', () => {
  it('names a code: "GOV · Smart Governance", the code alone when there is no other name', () => {
    expect(codeAndName('GOV', 'Smart Governance')).toBe('GOV · Smart Governance');
    expect(codeAndName('GOV', 'GOV')).toBe('GOV');
    expect(codeAndName('GOV', ' ')).toBe('GOV');
  });

  it('wraps words into lines, the last one cut with "…" when the text does not fit', () => {
    expect(wrapWords('Kesiapan, visi, dan pendukung', 20)).toEqual(['Kesiapan, visi, dan', 'pendukung']);
    expect(wrapWords('Kesiapan, visi, dan pendukung', 12, 2)).toEqual(['Kesiapan,', 'visi, dan…']);
    expect(wrapWords('Peta jalan dan monitoring', 10, 1)).toEqual(['Peta…']);
    expect(wrapWords('Infrastrukturdigital', 8)).toEqual(['Infrast…']);
    expect(wrapWords('  ', 8)).toEqual([]);
    for (const line of wrapWords('Smart Environment and a very long name for a dimension', 9, 3))
      expect(line.length).toBeLessThanOrEqual(9);
  });

  it('writes a category tick as the name with its code, wrapped; the code is never cut', () => {
    expect(categoryTick('GOV', 'Smart Governance', 22)).toEqual(['Smart Governance (GOV)']);
    expect(categoryTick('RDY', 'Kesiapan, visi, dan pendukung', 22)).toEqual(['Kesiapan, visi, dan', 'pendukung (RDY)']);
    expect(categoryTick('ENV', 'Smart Environment', 18)).toEqual(['Smart Environment', '(ENV)']);
    // Two lines are not enough: the name is cut short, the code stays whole on the last line.
    expect(categoryTick('RDY', 'Kesiapan, visi, dan pendukung', 12)).toEqual(['Kesiapan,', 'visi… (RDY)']);
    expect(categoryTick('MAP', 'Peta jalan dan monitoring', 20, 1)).toEqual(['Peta jalan… (MAP)']);
    // No room for the name, or no name: the code alone.
    expect(categoryTick('GOV', 'Smart Governance', 6)).toEqual(['GOV']);
    expect(categoryTick('GOV', 'GOV', 30)).toEqual(['GOV']);
    for (const width of [8, 10, 14, 18, 25])
      for (const line of categoryTick('RDY', 'Kesiapan, visi, dan pendukung', width)) expect(line.length).toBeLessThanOrEqual(width);
  });

  it('labels every gap bar: past its end when it fits, beside the pass-mark line otherwise, unscored groups all alike', () => {
    const labels = gapBarLabels(
      [
        { code: 'ENV', gap: -45 },
        { code: 'ECO', gap: -98 },
        { code: 'GOV', gap: 5 },
        { code: 'LIV', gap: 95 },
        { code: 'SOC', gap: 0 },
        { code: 'MAP', gap: null },
        { code: 'RDY', gap: null },
      ],
      options,
    );
    expect(labels).toEqual([
      { code: 'ENV', text: '−45', at: -47, anchor: 'end', placement: 'end' },
      // −98 would run off the left of the plot: written on the free side of the line instead.
      { code: 'ECO', text: '−98', at: 2, anchor: 'start', placement: 'axis' },
      { code: 'GOV', text: '+5', at: 7, anchor: 'start', placement: 'end' },
      { code: 'LIV', text: '+95', at: -2, anchor: 'end', placement: 'axis' },
      { code: 'SOC', text: '±0', at: 2, anchor: 'start', placement: 'end' },
      { code: 'MAP', text: 'belum dinilai', at: 2, anchor: 'start', placement: 'none' },
      { code: 'RDY', text: 'belum dinilai', at: 2, anchor: 'start', placement: 'none' },
    ]);
    // Every label lies within the plot.
    for (const label of labels) {
      const width = label.text.length * options.charWidth;
      const [from, to] = label.anchor === 'start' ? [label.at, label.at + width] : [label.at - width, label.at];
      expect(from).toBeGreaterThanOrEqual(-100);
      expect(to).toBeLessThanOrEqual(100);
    }
    // A plot too narrow for the words: the short mark, for every unscored group.
    expect(gapBarLabels([{ code: 'MAP', gap: null }], { ...options, charWidth: 10 })[0]?.text).toBe('–');
  });

  it('keeps a centred label inside its box', () => {
    expect(fitLabel(50, 20, 0, 100)).toBe(40);
    expect(fitLabel(5, 20, 0, 100)).toBe(0);
    expect(fitLabel(95, 20, 0, 100)).toBe(80);
    expect(fitLabel(50, 200, 0, 100)).toBe(0);
  });

  it('counts the dimensions below the pass mark apart from the other parts', () => {
    const groups = [
      { code: 'GOV', percent: 50 },
      { code: 'ECO', percent: 80 },
      { code: 'ENV', percent: null },
      { code: 'RDY', percent: 60 },
      { code: 'MAP', percent: 69.99 },
    ];
    const dimension = (code: string) => ['GOV', 'ECO', 'ENV'].includes(code);
    expect(belowCounts(groups, 70, dimension)).toEqual({ dimensions: { below: 1, total: 3 }, others: { below: 2, total: 2 } });
    expect(belowCounts(groups.slice(0, 3), 70, dimension)).toEqual({ dimensions: { below: 1, total: 3 }, others: null });
    // Nothing known as a dimension (a rubric of other groups, or the topics not read yet): one count of all.
    expect(belowCounts(groups, 70, () => false)).toEqual({ dimensions: { below: 3, total: 5 }, others: null });
  });
});

import type { Language } from '../../../shared/domain/settings.ts';
import type { LetterChart } from '../../../shared/report/letter-document.ts';
import { fitLabel, gapBarLabels, standing, wrapWords } from '../../../shared/analytics/charts.ts';
import { formatGap, formatPercent } from '../../../shared/format/number.ts';
import { bar, canvas, COLOURS, loadFont, png, text, type Canvas } from './chart-images.ts';

/**
 * The result letter's charts as PNG (the DOCX and the PDF both take pictures): the radar of the
 * six dimensions against the pass-mark ring, and each dimension's gap to the pass mark. Drawn in
 * logical pixels at twice the resolution, so that a chart printed at the text width stays sharp.
 */
export const LETTER_CHART_SCALE = 2;
/** Logical width of every letter chart (the PNG is LETTER_CHART_SCALE times as wide). */
export const LETTER_CHART_WIDTH = 640;
/** Nothing is drawn closer than this to the picture's edge. */
export const LETTER_CHART_MARGIN = 12;

export const LETTER_COLOURS = {
  ...COLOURS,
  panelFill: 'rgba(11, 110, 105, 0.22)',
  self: '#b45309',
  ring: '#d1d5db',
  axis: '#9ca3af',
};

const S = LETTER_CHART_SCALE;
const W = LETTER_CHART_WIDTH;
const M = LETTER_CHART_MARGIN;

/** A letter's chart as a PNG (both the DOCX and the PDF take pictures); undefined without the font. */
export async function letterChartPng(chart: LetterChart, fontsDir: string, language: Language): Promise<Buffer | undefined> {
  if (!(await loadFont(fontsDir))) return undefined;
  return chart.kind === 'radar' ? radarPng(chart, language) : gapsPng(chart, language);
}

async function scaledCanvas(height: number): Promise<Canvas> {
  const c = await canvas(W * S, Math.ceil(height) * S);
  c.context.scale(S, S);
  return c;
}

function measure({ context }: Canvas, value: string, size: number): number {
  context.font = `${size}px 'Timbang Sans'`;
  return context.measureText(value).width;
}

/** A polyline (closed when `closed`), solid or dashed: pureimage has no setLineDash, so dashes are drawn as pieces. */
function polyline(
  { context }: Canvas,
  points: readonly (readonly [number, number])[],
  options: { colour: string; width: number; dash?: readonly [number, number]; closed?: boolean },
) {
  const path = options.closed ? [...points, points[0] as readonly [number, number]] : points;
  context.strokeStyle = options.colour;
  context.lineWidth = options.width * S;
  if (!options.dash) {
    context.beginPath();
    path.forEach(([x, y], index) => (index === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
    context.stroke();
    return;
  }
  const [on, off] = options.dash;
  // Where along the dash pattern the next segment starts, so the pattern runs on round corners.
  let phase = 0;
  for (let index = 1; index < path.length; index++) {
    const [x0, y0] = path[index - 1] as readonly [number, number];
    const [x1, y1] = path[index] as readonly [number, number];
    const length = Math.hypot(x1 - x0, y1 - y0);
    let at = 0;
    while (at < length) {
      const inPattern = phase % (on + off);
      const drawing = inPattern < on;
      const step = Math.min(length - at, drawing ? on - inPattern : on + off - inPattern);
      if (drawing && step > 0.01) {
        context.beginPath();
        context.moveTo(x0 + ((x1 - x0) * at) / length, y0 + ((y1 - y0) * at) / length);
        context.lineTo(x0 + ((x1 - x0) * (at + step)) / length, y0 + ((y1 - y0) * (at + step)) / length);
        context.stroke();
      }
      at += step;
      phase += step;
    }
  }
}

function polygonFill({ context }: Canvas, points: readonly (readonly [number, number])[], colour: string) {
  context.fillStyle = colour;
  context.beginPath();
  points.forEach(([x, y], index) => (index === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
  context.closePath();
  context.fill();
}

function dot({ context }: Canvas, x: number, y: number, radius: number, colour: string) {
  context.fillStyle = colour;
  context.fillRect(x - radius, y - radius, radius * 2, radius * 2);
}

/** Lines of at most `width` pixels at `size`, at most `maxLines` of them (the last cut with "…"). */
function wrapToWidth(c: Canvas, value: string, width: number, size: number, maxLines: number): string[] {
  for (let chars = Math.max(4, value.length); chars >= 4; chars--) {
    const lines = wrapWords(value, chars, maxLines);
    if (lines.every((line) => measure(c, line, size) <= width)) return lines;
  }
  return wrapWords(value, 4, maxLines);
}

interface LegendItem {
  label: string;
  swatch: 'panel' | 'self' | 'passMark';
}

const LEGEND_SIZE = 11;
const LEGEND_ROW = 18;

/** Legend items laid out left to right, onto a new row when one would pass the right margin. */
function legendLayout(c: Canvas, items: readonly LegendItem[], top: number) {
  const placed: { item: LegendItem; x: number; y: number }[] = [];
  let x = M;
  let y = top;
  for (const item of items) {
    const width = 26 + Math.min(measure(c, item.label, LEGEND_SIZE), W - 2 * M - 26);
    if (x > M && x + width > W - M) {
      x = M;
      y += LEGEND_ROW;
    }
    placed.push({ item, x, y });
    x += width + 18;
  }
  return { placed, bottom: y + LEGEND_ROW };
}

function drawLegend(c: Canvas, layout: ReturnType<typeof legendLayout>) {
  for (const { item, x, y } of layout.placed) {
    const middle = y + LEGEND_ROW / 2 - 4;
    if (item.swatch === 'panel') {
      polygonFill(
        c,
        [
          [x, middle - 5],
          [x + 20, middle - 5],
          [x + 20, middle + 5],
          [x, middle + 5],
        ],
        LETTER_COLOURS.panelFill,
      );
      polyline(
        c,
        [
          [x, middle - 5],
          [x + 20, middle - 5],
          [x + 20, middle + 5],
          [x, middle + 5],
        ],
        { colour: COLOURS.above, width: 1.5, closed: true },
      );
    } else if (item.swatch === 'self') {
      polyline(
        c,
        [
          [x, middle],
          [x + 20, middle],
        ],
        { colour: LETTER_COLOURS.self, width: 2, dash: [5, 3] },
      );
    } else {
      polyline(
        c,
        [
          [x, middle],
          [x + 20, middle],
        ],
        { colour: COLOURS.passMark, width: 1.5, dash: [3, 2] },
      );
    }
    const room = W - M - (x + 26);
    const label = measure(c, item.label, LEGEND_SIZE) <= room ? item.label : (wrapToWidth(c, item.label, room, LEGEND_SIZE, 1)[0] ?? '');
    text(c, label, x + 26, middle + 4, LEGEND_SIZE, COLOURS.text);
  }
}

function legendItems(chart: LetterChart, withSelf: boolean): LegendItem[] {
  return [
    { label: chart.series.panel, swatch: 'panel' },
    ...(withSelf && chart.series.self ? [{ label: chart.series.self, swatch: 'self' as const }] : []),
    { label: chart.passMarkLabel, swatch: 'passMark' },
  ];
}

const RADAR_RADIUS = 140;
const LABEL_SIZE = 12;
const LABEL_LINE = 14;
const RINGS = [25, 50, 75, 100];

/** One axis per dimension, rings at 25/50/75/100 and the pass mark, the panel's polygon (and the self-assessment's, dashed). */
async function radarPng(chart: LetterChart, language: Language): Promise<Buffer> {
  const probe = await scaledCanvas(1);
  const titleLines = wrapToWidth(probe, chart.caption, W - 2 * M, 16, 2);
  const withSelf = chart.series.self !== null && chart.points.some((point) => point.self !== null);
  const legend = legendLayout(probe, legendItems(chart, withSelf), 14 + titleLines.length * 20);
  const n = Math.max(1, chart.points.length);
  const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / n;

  // Each axis's label: the name in at most three lines, then the panel's %.
  const labelGap = 12;
  const labels = chart.points.map((point, index) => {
    const theta = angle(index);
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const align: 'left' | 'right' | 'center' = Math.abs(cos) < 0.3 ? 'center' : cos > 0 ? 'left' : 'right';
    const anchorX = W / 2 + (RADAR_RADIUS + labelGap) * cos;
    const room =
      align === 'center' ? Math.min(340, 2 * Math.min(anchorX - M, W - M - anchorX)) : align === 'left' ? W - M - anchorX : anchorX - M;
    const lines = wrapToWidth(probe, point.label, room, LABEL_SIZE, 3);
    const value = point.panel === null ? '–' : formatPercent(point.panel, language);
    return { theta, cos, sin, align, lines, value, standing: standing(point.panel, chart.passMark) };
  });
  const blockHeight = (label: (typeof labels)[number]) => (label.lines.length + 1) * LABEL_LINE;
  // Room above and below the rings for the labels that stick out there.
  const above = Math.max(0, ...labels.map((label) => blockHeight(label) + labelGap - (RADAR_RADIUS + labelGap) * (1 + label.sin) + 4));
  const below = Math.max(0, ...labels.map((label) => blockHeight(label) + labelGap - (RADAR_RADIUS + labelGap) * (1 - label.sin) + 4));
  const cx = W / 2;
  const cy = legend.bottom + 8 + Math.max(above, 0) + RADAR_RADIUS;
  const height = cy + RADAR_RADIUS + Math.max(below, 0) + M;

  const c = await scaledCanvas(height);
  titleLines.forEach((line, index) => text(c, line, M, 4 + 20 * (index + 1), 16));
  drawLegend(c, legend);

  const at = (index: number, percent: number): [number, number] => {
    const r = (RADAR_RADIUS * Math.min(100, Math.max(0, percent))) / 100;
    return [cx + r * Math.cos(angle(index)), cy + r * Math.sin(angle(index))];
  };
  const ring = (percent: number) => chart.points.map((_, index) => at(index, percent));

  for (const percent of RINGS) polyline(c, ring(percent), { colour: LETTER_COLOURS.ring, width: 1, closed: true });
  chart.points.forEach((_, index) => polyline(c, [[cx, cy], at(index, 100)], { colour: LETTER_COLOURS.axis, width: 1 }));
  polyline(c, ring(chart.passMark), { colour: COLOURS.passMark, width: 1.5, dash: [4, 3], closed: true });

  const panel = chart.points.map((point, index) => at(index, point.panel ?? 0));
  polygonFill(c, panel, LETTER_COLOURS.panelFill);
  polyline(c, panel, { colour: COLOURS.above, width: 2, closed: true });
  if (withSelf) {
    const self = chart.points.map((point, index) => at(index, point.self ?? 0));
    polyline(c, self, { colour: LETTER_COLOURS.self, width: 2, dash: [6, 4], closed: true });
  }
  chart.points.forEach((point, index) => {
    if (point.panel === null) return;
    const [x, y] = at(index, point.panel);
    dot(c, x, y, 3, standing(point.panel, chart.passMark) === 'below' ? COLOURS.below : COLOURS.above);
  });

  // Ring values to the left of the first axis, the pass mark's to its right, on a light backing.
  const firstX = at(0, 100)[0];
  const tick = (percent: number, colour: string, side: 'left' | 'right') => {
    const value = formatPercent(percent, language);
    const [, y] = at(0, percent);
    const width = measure(c, value, 10);
    const x = side === 'left' ? firstX - 4 - width : firstX + 4;
    c.context.fillStyle = 'rgba(255, 255, 255, 0.8)';
    c.context.fillRect(x - 1, y - 6, width + 2, 12);
    text(c, value, x, y + 4, 10, colour);
  };
  for (const percent of RINGS) tick(percent, COLOURS.muted, 'left');
  tick(chart.passMark, COLOURS.passMark, 'right');

  for (const label of labels) {
    const anchorX = cx + (RADAR_RADIUS + labelGap) * label.cos;
    const anchorY = cy + (RADAR_RADIUS + labelGap) * label.sin;
    const block = blockHeight(label);
    const top = label.sin < -0.3 ? anchorY - block : label.sin > 0.3 ? anchorY : anchorY - block / 2;
    const rows = [...label.lines.map((line) => ({ line, colour: COLOURS.text, size: LABEL_SIZE }))];
    rows.push({
      line: label.value,
      colour: label.standing === 'below' ? COLOURS.below : label.standing === 'above' ? COLOURS.above : COLOURS.muted,
      size: LABEL_SIZE,
    });
    rows.forEach((row, index) => {
      const width = measure(c, row.line, row.size);
      const start = label.align === 'left' ? anchorX : label.align === 'right' ? anchorX - width : anchorX - width / 2;
      const x = fitLabel(start + width / 2, width, M, W - M);
      text(c, row.line, x, top + LABEL_LINE * (index + 1) - 3, row.size, row.colour);
    });
  }
  return png(c);
}

const GAP_ROW = 36;
const GAP_BAR = 18;
const GAP_LABEL_SIZE = 12;

/** Each dimension's gap to the pass mark as a bar from the zero line (the pass mark): left and red, hatched, when below. */
async function gapsPng(chart: LetterChart, language: Language): Promise<Buffer> {
  const probe = await scaledCanvas(1);
  const titleLines = wrapToWidth(probe, chart.caption, W - 2 * M, 16, 2);
  // Furthest below first, as on the screens; dimensions without a result last.
  const rows = chart.points
    .map((point, index) => ({ point, index, gap: point.panel === null ? null : point.panel - chart.passMark }))
    .sort((a, b) => (a.gap ?? Number.POSITIVE_INFINITY) - (b.gap ?? Number.POSITIVE_INFINITY) || a.index - b.index);

  const labelWidth = 200;
  const x0 = M + labelWidth + 10;
  const x1 = W - M;
  const plotWidth = x1 - x0;
  const valueText = (gap: number) => formatGap(gap, language);
  const widest = Math.max(
    measure(probe, '–', GAP_LABEL_SIZE),
    ...rows.map((row) => (row.gap === null ? 0 : measure(probe, valueText(row.gap), GAP_LABEL_SIZE))),
  );
  const labelGap = 5;
  const need = widest + labelGap + 4;

  // The axis: the data rounded out to tens, never beyond 0–100%, with room for a label on each side of the line.
  const gaps = rows.flatMap((row) => (row.gap === null ? [] : [row.gap]));
  let lo = Math.max(-chart.passMark, Math.floor(Math.min(0, ...gaps) / 10) * 10);
  let hi = Math.min(100 - chart.passMark, Math.ceil(Math.max(0, ...gaps) / 10) * 10);
  if (hi - lo < 20) {
    lo = Math.min(lo, -10);
    hi = Math.max(hi, 10);
  }
  for (let round = 0; round < 4; round++) {
    const perUnit = plotWidth / (hi - lo);
    if (hi * perUnit < need) hi = Math.ceil(need / perUnit / 5) * 5;
    if (-lo * perUnit < need) lo = -Math.ceil(need / perUnit / 5) * 5;
    // Room past the longest bars for their labels too, as far as 0–100% goes (beyond, a label goes beside the line).
    const most = Math.max(0, ...gaps);
    const least = Math.min(0, ...gaps);
    hi = Math.max(hi, Math.min(100 - chart.passMark, Math.ceil((most + need / perUnit) / 5) * 5));
    lo = Math.min(lo, Math.max(-chart.passMark, Math.floor((least - need / perUnit) / 5) * 5));
  }
  const perUnit = plotWidth / (hi - lo);
  const X = (gap: number) => x0 + (gap - lo) * perUnit;
  const charWidth =
    Math.max(
      ...rows.map((row) => (row.gap === null ? 0 : measure(probe, valueText(row.gap), GAP_LABEL_SIZE) / valueText(row.gap).length)),
      1,
    ) / perUnit;
  const placed = gapBarLabels(
    rows.map((row) => ({ code: String(row.index), gap: row.gap })),
    { domain: [lo, hi], charWidth, gap: labelGap / perUnit, text: valueText, noResult: '–', noResultShort: '–' },
  );

  // Each row as tall as its name needs (up to three lines).
  const names = rows.map((row) => wrapToWidth(probe, row.point.label, labelWidth, GAP_LABEL_SIZE, 3));
  const heights = names.map((lines) => Math.max(GAP_ROW, lines.length * 14 + 10));
  const offsets = heights.map((_, index) => heights.slice(0, index).reduce((sum, h) => sum + h, 0));
  const top = 4 + titleLines.length * 20 + 30;
  const plotHeight = heights.reduce((sum, h) => sum + h, 0);
  const plotBottom = top + plotHeight;
  const height = plotBottom + 26 + M;
  const c = await scaledCanvas(height);
  titleLines.forEach((line, index) => text(c, line, M, 4 + 20 * (index + 1), 16));

  const span = hi - lo;
  const step = span <= 60 ? 10 : 20;
  for (let tick = Math.ceil(lo / step) * step; tick <= hi + 1e-9; tick += step) {
    const x = X(tick);
    c.context.fillStyle = COLOURS.grid;
    c.context.fillRect(x, top - 4, 1, plotHeight + 4);
    const label = tick === 0 ? '0' : valueText(tick);
    const width = measure(c, label, 10);
    text(c, label, fitLabel(x, width, M, W - M), plotBottom + 16, 10, COLOURS.muted);
  }

  rows.forEach((row, index) => {
    const y = top + (offsets[index] ?? 0);
    const rowHeight = heights[index] ?? GAP_ROW;
    const lines = names[index] ?? [];
    const first = y + rowHeight / 2 - (lines.length * 14) / 2 + 11;
    lines.forEach((line, at) => text(c, line, x0 - 10, first + at * 14, GAP_LABEL_SIZE, COLOURS.text, 'right'));
    const label = placed[index];
    const barTop = y + (rowHeight - GAP_BAR) / 2;
    if (row.gap !== null) {
      const from = X(Math.min(0, row.gap));
      const to = X(Math.max(0, row.gap));
      bar(c, from, barTop, Math.max(1, to - from), GAP_BAR, standing(row.point.panel, chart.passMark) === 'below');
    }
    if (label) {
      const colour =
        row.gap === null ? COLOURS.muted : standing(row.point.panel, chart.passMark) === 'below' ? COLOURS.below : COLOURS.above;
      text(c, label.text, X(label.at), barTop + GAP_BAR / 2 + 4.5, GAP_LABEL_SIZE, colour, label.anchor === 'start' ? 'left' : 'right');
    }
  });

  // The zero line is the pass mark, labelled above the bars.
  const zero = X(0);
  c.context.fillStyle = COLOURS.passMark;
  c.context.fillRect(zero - 1, top - 10, 2, plotHeight + 10);
  const width = measure(c, chart.passMarkLabel, 11);
  text(c, chart.passMarkLabel, fitLabel(zero, width, M, W - M), top - 14, 11, COLOURS.passMark);
  return png(c);
}

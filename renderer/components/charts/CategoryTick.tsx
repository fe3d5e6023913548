/** What recharts gives a custom tick. */
export interface TickProps {
  x: number | string;
  y: number | string;
  payload: { value: unknown };
  textAnchor?: string;
}

const LINE = 13;

/** A category tick of one or more lines (see categoryTick), right-aligned against the axis, centred on its row. */
export function CategoryTick({ x: left, y: middle, lines, compact }: TickProps & { lines: readonly string[]; compact: boolean }) {
  const x = Number(left);
  const y = Number(middle);
  const first = -((lines.length - 1) * LINE) / 2;
  return (
    <text x={x - 4} y={y} textAnchor="end" fontSize={compact ? 11 : 12} fill="#374151" data-category-tick="">
      {lines.map((line, index) => (
        <tspan key={index} x={x - 4} dy={index === 0 ? first + 4 : LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

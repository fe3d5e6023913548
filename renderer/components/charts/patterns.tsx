/** Colours and fill patterns shared by the charts: below the pass mark is hatched, not only red. */
export const COLOURS = {
  panel: '#0b6e69',
  self: '#b45309',
  passMark: '#6b7280',
  above: '#0b6e69',
  below: '#b42318',
  none: '#d1d5db',
} as const;

/** Line colours and dash patterns for series that must be told apart without colour. */
export const SERIES = [
  { colour: '#0b6e69', dash: '' },
  { colour: '#1d4ed8', dash: '6 3' },
  { colour: '#b45309', dash: '2 3' },
  { colour: '#7c3aed', dash: '10 3 2 3' },
  { colour: '#be185d', dash: '4 4' },
  { colour: '#15803d', dash: '12 4' },
  { colour: '#475569', dash: '1 2' },
  { colour: '#a16207', dash: '8 2 2 2 2 2' },
] as const;

/** Heat shades, furthest below (1) to well above (5); 0 is "no result". */
export const SHADES = ['#f3f4f6', '#b42318', '#e8795f', '#f6c6b4', '#b9e2dc', '#0b6e69'] as const;
export const SHADE_TEXT = ['#374151', '#ffffff', '#111827', '#111827', '#111827', '#ffffff'] as const;

export function PatternDefs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={COLOURS.below} />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
      </pattern>
    </defs>
  );
}

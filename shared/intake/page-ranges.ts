/** [12, 13, 14, 20] → "12–14, 20": how a person reads a list of pages. */
export function formatPageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let index = 0; index < sorted.length;) {
    const start = sorted[index] as number;
    let end = start;
    while (sorted[index + 1] === end + 1) {
      end += 1;
      index += 1;
    }
    parts.push(start === end ? `${start}` : `${start}–${end}`);
    index += 1;
  }
  return parts.join(', ');
}

/**
 * A file name from its parts (72.01, Kabupaten Banggai, bimtek3, 2026-11-30 →
 * 72.01-Kabupaten-Banggai-bimtek3-2026-11-30): letters (any script), digits and dots kept,
 * anything else one dash, empty parts left out. Safe on Windows, macOS and Linux alike.
 */
export function fileNameOf(parts: readonly (string | number | null | undefined)[], extension: string): string {
  const safe = parts
    .filter((part): part is string | number => part !== null && part !== undefined)
    .map((part) =>
      String(part)
        .replace(/[^\p{L}\p{N}.]+/gu, '-')
        .replace(/^[-.]+|[-.]+$/g, ''),
    )
    .filter(Boolean);
  return `${safe.join('-')}.${extension}`;
}

/**
 * The day of an ISO timestamp on this computer's calendar (2026-11-30), for a file name; undefined
 * when there is none. Local, as the dates written inside the files are: a letter made at 06:30 WIB on
 * 1 December is dated 1 December, and so is its file (in UTC it is still 30 November).
 */
export function dayOf(at: string | undefined): string | undefined {
  if (!at) return undefined;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return /^\d{4}-\d{2}-\d{2}/.exec(at)?.[0];
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

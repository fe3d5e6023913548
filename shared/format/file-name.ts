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

/** The day of an ISO timestamp (2026-11-30), for a file name; undefined when there is none. */
export const dayOf = (at: string | undefined): string | undefined => /^\d{4}-\d{2}-\d{2}/.exec(at ?? '')?.[0];

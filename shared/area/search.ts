import type { AreaRegency } from '../domain/area.ts';
import { regencyShortName } from '../domain/area.ts';
import { fold, queryTokens } from '../text/fold.ts';

interface Candidate {
  area: AreaRegency;
  rank: number;
}

/**
 * Find regencies and cities by part of their name, their province or their code,
 * the way an assessor types them: "bangg", "kota palu", "kab bangg laut", "72.01".
 * Every token must start a word (or the code); names that begin with the first
 * token come first, then shorter names.
 */
export function searchAreas(areas: readonly AreaRegency[], query: string, limit = 12): AreaRegency[] {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  const candidates: Candidate[] = [];
  for (const area of areas) {
    const rank = rankArea(area, tokens);
    if (rank !== undefined) candidates.push({ area, rank });
  }
  candidates.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.area.name.length - b.area.name.length ||
      a.area.name.localeCompare(b.area.name, 'id') ||
      a.area.code.localeCompare(b.area.code),
  );
  return candidates.slice(0, limit).map((candidate) => candidate.area);
}

function rankArea(area: AreaRegency, tokens: string[]): number | undefined {
  const nameWords = fold(area.name).split(/\s+/);
  const provinceWords = fold(area.provinceName).split(/\s+/);
  let onlyProvince = true;
  for (const token of tokens) {
    if (area.code.startsWith(token) || nameWords.some((word) => word.startsWith(token))) {
      onlyProvince = false;
      continue;
    }
    if (provinceWords.some((word) => word.startsWith(token))) continue;
    return undefined;
  }
  const first = tokens[0] ?? '';
  if (area.code === first) return 0;
  if (fold(regencyShortName(area.name)).startsWith(first)) return 1;
  return onlyProvince ? 3 : 2;
}

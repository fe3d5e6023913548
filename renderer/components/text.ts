import { standing } from '../../shared/analytics/charts.ts';
import type { Title } from '../../shared/rubric/schema.ts';

/** The title in the interface language: English where the rubric has it, else Bahasa Indonesia. */
export function localTitle(title: Title, language: string): string {
  return language === 'en' && title.en ? title.en : title.id;
}

/** The class of a gap to the pass mark: below it (red) or not, with the scoring's own tolerance. */
export function gapClass(gap: number | null): 'figure-below' | 'figure-above' {
  return standing(gap, 0) === 'below' ? 'figure-below' : 'figure-above';
}

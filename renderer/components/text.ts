import type { Title } from '../../shared/rubric/schema.ts';

/** The title in the interface language: English where the rubric has it, else Bahasa Indonesia. */
export function localTitle(title: Title, language: string): string {
  return language === 'en' && title.en ? title.en : title.id;
}

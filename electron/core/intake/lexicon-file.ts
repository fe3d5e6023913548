import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexiconSchema, type Lexicon } from '../../../shared/intake/lexicon.ts';

export const LEXICON_OVERRIDE_FILE = 'lexicon.json';

/**
 * The coverage lexicon: the workspace's own lexicon.json when it has a valid one, else
 * the shipped resources/lexicon/coverage.json. An invalid override is reported, not used.
 */
export function loadLexicon(resourcesDir: string, dataDir: string, warn: (message: string) => void = console.warn): Lexicon {
  const override = join(dataDir, LEXICON_OVERRIDE_FILE);
  if (existsSync(override)) {
    try {
      return lexiconSchema.parse(JSON.parse(readFileSync(override, 'utf8')));
    } catch (error) {
      warn(`[timbang] ${override} is not a valid lexicon and is ignored: ${(error as Error).message}`);
    }
  }
  return lexiconSchema.parse(JSON.parse(readFileSync(join(resourcesDir, 'lexicon', 'coverage.json'), 'utf8')));
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexiconSchema, type Lexicon } from '../../shared/intake/lexicon.ts';
import { ROOT } from './cli.ts';

export function loadLexicon(): Lexicon {
  return lexiconSchema.parse(JSON.parse(readFileSync(join(ROOT, 'resources', 'lexicon', 'coverage.json'), 'utf8')));
}

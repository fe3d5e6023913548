import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rubricFileSchema, type Rubric } from '../../shared/rubric/schema.ts';
import { ROOT } from './cli.ts';

export const TEMPLATE_IDS = ['masterplan-review', 'kominfo-evaluation-2021', 'kominfo-evaluation-legacy', 'plan-quality-8'] as const;

/** A shipped template; a later version of one sits beside it as `<id>.v<version>.json`. */
export function loadTemplate(id: (typeof TEMPLATE_IDS)[number], version = 1): Rubric {
  const text = readFileSync(join(ROOT, 'resources', 'rubrics', version === 1 ? `${id}.json` : `${id}.v${version}.json`), 'utf8');
  return rubricFileSchema.parse(JSON.parse(text)).rubric;
}

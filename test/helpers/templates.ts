import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rubricFileSchema, type Rubric } from '../../shared/rubric/schema.ts';
import { ROOT } from './cli.ts';

export const TEMPLATE_IDS = ['masterplan-review', 'kominfo-evaluation-2021', 'kominfo-evaluation-legacy', 'plan-quality-8'] as const;

export function loadTemplate(id: (typeof TEMPLATE_IDS)[number]): Rubric {
  const text = readFileSync(join(ROOT, 'resources', 'rubrics', `${id}.json`), 'utf8');
  return rubricFileSchema.parse(JSON.parse(text)).rubric;
}

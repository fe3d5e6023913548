// Writes the JSON Schemas of the documented file formats from their zod schemas, so the
// two cannot drift apart (test/unit/formats.test.ts fails when they do). Run after
// changing a schema:  node scripts/generate-schemas.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { assessmentFileSchema } from '../shared/assessment/file.ts';
import { rubricFileSchema } from '../shared/rubric/schema.ts';

export const SCHEMAS = {
  'docs/formats/rubric.schema.json': {
    title: 'Timbang rubric file (timbang.rubric, format version 1)',
    schema: rubricFileSchema,
  },
  'docs/formats/assessment.schema.json': {
    title: 'Timbang assessment file (timbang.assessment, format version 1)',
    schema: assessmentFileSchema,
  },
};

export function renderSchema(title: string, schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [path, { title, schema }] of Object.entries(SCHEMAS)) {
    writeFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), renderSchema(title, schema));
    console.log(path);
  }
}

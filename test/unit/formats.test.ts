import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchema, SCHEMAS } from '../../scripts/generate-schemas.ts';
import { ROOT } from '../helpers/cli.ts';

describe('documented file formats', () => {
  it.each(Object.entries(SCHEMAS))(
    '%s is the JSON Schema of the zod schema (run node scripts/generate-schemas.ts)',
    (path, { title, schema }) => {
      expect(readFileSync(join(ROOT, path), 'utf8')).toBe(renderSchema(title, schema));
    },
  );
});

import { parseJsonText } from '../text/json.ts';
import { RUBRIC_FILE_FORMAT, type Rubric, type RubricFile } from './schema.ts';
import { validateRubric, type RubricValidation } from './validate.ts';

/**
 * Read a rubric from JSON text: the documented file ({ format: "timbang.rubric",
 * formatVersion: 1, rubric }), or a bare rubric object. Every problem comes back with
 * the path of the offending field.
 */
export function readRubricJson(text: string): RubricValidation {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problems: [{ code: 'not_json', path: '(root)', params: { message: parsed.message } }] };
  const data = parsed.data;
  if (data !== null && typeof data === 'object' && 'format' in data) {
    const file = data as Partial<RubricFile> & { format: unknown };
    if (file.format !== RUBRIC_FILE_FORMAT || file.formatVersion !== 1) {
      return {
        ok: false,
        problems: [
          { code: 'unknown_format', path: 'format', params: { format: String(file.format), version: String(file.formatVersion) } },
        ],
      };
    }
    const result = validateRubric(file.rubric);
    return result.ok
      ? result
      : { ...result, problems: result.problems.map((p) => ({ ...p, path: p.path === '(root)' ? 'rubric' : `rubric.${p.path}` })) };
  }
  return validateRubric(data);
}

export function writeRubricJson(rubric: Rubric): string {
  const file: RubricFile = { format: RUBRIC_FILE_FORMAT, formatVersion: 1, rubric };
  return `${JSON.stringify(file, null, 2)}\n`;
}

import type { z } from 'zod';
import { describeError } from '../../shared/i18n/index.ts';
import { translate } from '../i18n.ts';

/** A field's message in the user's language, by the top-level field the zod issue is about. */
export type FieldMessages = Partial<Record<string, string>>;

export type FormParse<T> =
  | { ok: true; data: T; problems: FieldMessages }
  | {
      ok: false;
      /** The first field in the schema's order that failed, with its message: the one to show and focus. */
      field: string;
      problem: string;
      /** Every failing field's message. */
      problems: FieldMessages;
    };

/**
 * Check what a form would send with the contract's own input schema (the same one the app
 * applies), and say what is wrong per field: the message given for the field, else the
 * app's "invalid data" sentence naming it. Forms hold no copy of the rules.
 */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown, messages: FieldMessages): FormParse<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data, problems: {} };
  const problems: FieldMessages = {};
  let first: string | undefined;
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '';
    if (field in problems) continue;
    first ??= field;
    problems[field] =
      messages[field] ?? describeError(translate, { code: 'invalid_input', params: { fields: field }, message: issue.message });
  }
  const field = first ?? '';
  return { ok: false, field, problem: problems[field] ?? '', problems };
}

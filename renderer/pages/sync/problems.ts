import { errorCodes, type AppErrorData, type ErrorCode, type ErrorParams } from '../../../shared/errors.ts';
import { describeError, type Translate } from '../../../shared/i18n/index.ts';

/**
 * A problem as the sync store keeps it: an error code (`sync.bad_signature`), or the code with its
 * params as JSON (`{"code":"panel.lead_taken","params":{"lead":"…"}}`), or the code followed by them.
 */
export function parseProblem(text: string): { code: string; params: ErrorParams } {
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') ? trimmed : trimmed.includes(' {') ? trimmed.slice(trimmed.indexOf(' {') + 1) : null;
  if (json) {
    try {
      const value = JSON.parse(json) as { code?: unknown; params?: unknown };
      const code = typeof value.code === 'string' ? value.code : trimmed.slice(0, trimmed.indexOf(' {'));
      const params = (typeof value.params === 'object' && value.params ? value.params : value) as ErrorParams;
      return { code, params: Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'code')) };
    } catch {
      // Not JSON after all: the whole text is the code.
    }
  }
  return { code: trimmed, params: {} };
}

/** The sentence for a record's problem or the engine's last error, in the reader's language; `defaults` fill params a stored code lacks. */
export function problemText(t: Translate, text: string, defaults: ErrorParams = {}): string {
  const { code, params } = parseProblem(text);
  const known = (errorCodes as readonly string[]).includes(code);
  const data: AppErrorData = { code: (known ? code : 'internal') as ErrorCode, params: { ...defaults, ...params }, message: code };
  return known ? describeError(t, data) : t(`errors.${code}`, { ...data.params, defaultValue: code });
}

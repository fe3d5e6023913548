import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { contract, isChannel } from '../../../shared/ipc/contract.ts';
import { fail, ok, type Result } from '../../../shared/ipc/result.ts';
import type { Handlers } from '../handlers/index.ts';

export type ErrorLog = (message: string, error: unknown) => void;

const defaultLog: ErrorLog = (message, error) => console.error(message, error);

/**
 * The one gate between an untrusted caller (renderer over IPC, a browser over HTTP)
 * and the services: the channel must exist, the payload must pass the channel's
 * schema, and whatever happens the caller gets `{ ok, value | error }`, never a throw.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  log: ErrorLog = defaultLog,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail(new AppError('unknown_channel', { channel: String(channel).slice(0, 80) }).toData());
  }
  const spec = contract[channel];
  const parsed = spec.input.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) return fail(invalidInput(parsed.error).toData());
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return ok((spec.output as z.ZodType).parse(value));
  } catch (error) {
    if (error instanceof AppError) return fail(error.toData());
    const reference = randomBytes(4).toString('hex');
    log(`[timbang] ${channel} failed (reference ${reference}):`, error);
    return fail(new AppError('internal', { reference }).toData());
  }
}

function invalidInput(error: z.ZodError): AppError {
  const fields = new Set<string>();
  for (const issue of error.issues) {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields.add([...at, key].join('.'));
    else fields.add(at.length ? at.join('.') : 'payload');
  }
  const detail = error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ');
  return new AppError('invalid_input', { fields: [...fields].join(', ') }, `invalid input: ${detail}`);
}

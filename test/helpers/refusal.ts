import { AppError } from '../../shared/errors.ts';

/** The AppError a call is refused with; fails the test when it is not refused. */
export function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

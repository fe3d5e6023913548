import { InvalidArgumentError } from 'commander';
import { parseLocaleNumber } from '../../../shared/format/number.ts';

/** Commander argument parser for whole numbers (years, stages, ports). */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value.trim());
}

/** Commander argument parser for percentages and points, written as in Indonesian (72,5) or English (72.5). */
export function percent(value: string): number {
  const parsed = parseLocaleNumber(value, 'id');
  if (parsed === undefined) throw new InvalidArgumentError(`expected a percentage such as 70 or 72,5, got "${value}"`);
  return parsed;
}

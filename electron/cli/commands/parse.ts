import { InvalidArgumentError } from 'commander';

/** Commander argument parser for whole numbers (years, stages, ports). */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value.trim());
}

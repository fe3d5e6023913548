import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import type { RubricInput } from '../shared/rubric/schema.ts';

export interface Measurement {
  name: string;
  value: number;
  unit: string;
  reference?: { name: string; value: number };
  /** A fixed ceiling, or (with a reference) a ceiling on the ratio to the reference measured in the same run. */
  budget?: { max: number } | { ratio: number };
}

/** The promise, or a failure that says what did not happen in time: a regression fails the bench instead of hanging it. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: ${what} did not happen within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** Peak resident memory of a running process in MB (Linux: VmHWM), or undefined elsewhere. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Spawn a server that prints one JSON line with its url once it listens (killed, and a failure, if it has not within a minute). */
export function spawnServer(command: string, args: string[], timeoutMs = 60_000): Promise<{ child: ChildProcess; info: { url: string } }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Promise<{ child: ChildProcess; info: { url: string } }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
  });
  return within(listening, timeoutMs, `the server listening (${[command, ...args].join(' ').slice(0, 120)})`).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

/** Stop a server: SIGTERM, then SIGKILL if it is still there after 10 s. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function report(title: string, measurements: Measurement[]): boolean {
  console.log(`\n## ${title}`);
  let ok = true;
  for (const m of measurements) {
    const digits = m.unit === 'KB' ? 1 : m.unit === '×' ? 2 : 0;
    const parts = [`${m.name}: ${m.value.toFixed(digits)} ${m.unit}`];
    if (m.reference) {
      parts.push(`reference (${m.reference.name}): ${m.reference.value.toFixed(m.unit === 'KB' ? 1 : 0)} ${m.unit}`);
      parts.push(`ratio ${(m.value / m.reference.value).toFixed(2)}×`);
    }
    if (m.budget && 'ratio' in m.budget) {
      if (!m.reference) throw new Error(`${m.name}: a ratio budget needs a reference`);
      const ratio = m.value / m.reference.value;
      const fits = ratio <= m.budget.ratio;
      ok &&= fits;
      parts.push(`budget ratio ≤ ${m.budget.ratio.toFixed(2)}×: ${fits ? 'ok' : 'OVER BUDGET'}`);
    } else if (m.budget) {
      const fits = m.value <= m.budget.max;
      ok &&= fits;
      parts.push(`budget ≤ ${m.budget.max} ${m.unit}: ${fits ? 'ok' : 'OVER BUDGET'}`);
    }
    console.log(`- ${parts.join(' · ')}`);
  }
  return ok;
}

export const SIX_DIMENSIONS = ['GOV', 'BRA', 'ECO', 'LIV', 'SOC', 'ENV'];

/** A rubric of the six dimensions, each with `perDimension` criteria on 0–4: the shape the benchmarks seed. */
export function sixDimensionRubric(id: string, perDimension: number): RubricInput {
  const levels = [0, 1, 2, 3, 4].map((value) => ({ value, label: `L${value}`, descriptor: `Tingkat ${value}` }));
  return {
    id,
    version: 1,
    name: { id: `Enam dimensi, ${perDimension * 6} kriteria (bench)` },
    weighting: 'relative',
    items: SIX_DIMENSIONS.map((code) => ({
      type: 'group',
      code,
      title: { id: code },
      weight: 1,
      weighting: 'relative',
      children: Array.from({ length: perDimension }, (_, index) => ({
        type: 'criterion',
        code: `${code}.${index + 1}`,
        title: { id: `${code} ${index + 1}` },
        weight: 1,
        scale: { kind: 'levels', mapping: 'range', levels },
      })),
    })),
  };
}

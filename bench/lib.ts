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
  budget?: { max: number };
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

/** Spawn a server that prints one JSON line with its url once it listens. */
export function spawnServer(command: string, args: string[]): Promise<{ child: ChildProcess; info: { url: string } }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
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
    if (m.budget) {
      const within = m.value <= m.budget.max;
      ok &&= within;
      parts.push(`budget ≤ ${m.budget.max} ${m.unit}: ${within ? 'ok' : 'OVER BUDGET'}`);
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

// Preloaded (`node --import`) into a command the bench runs to its end: on exit, the process writes
// its own peak resident memory (VmHWM, kB) to $TIMBANG_BENCH_PEAK_FILE, as it can no longer be read from outside.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.TIMBANG_BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0');
  });
}

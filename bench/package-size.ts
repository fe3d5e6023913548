// The size of the packaged app beside Electron itself: resources/ of `electron-builder --linux dir`
// (against a stand-in Electron), the asar, what is unpacked from it and the extra resources.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageWithStandInElectron } from '../scripts/build.ts';
import { report } from './lib.ts';

function bytesIn(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesIn(join(path, name)), 0);
}

export async function benchPackageSize(): Promise<boolean> {
  const out = mkdtempSync(join(tmpdir(), 'timbang-bench-package-'));
  try {
    const resources = await packageWithStandInElectron(out);
    const part = (name: string) => ({ name: `  ${name}`, value: bytesIn(join(resources, name)) / 1000, unit: 'KB' });
    return report('package size (resources/ beside Electron)', [
      { name: 'resources/', value: bytesIn(resources) / 1000, unit: 'KB', budget: { max: 40_000 } },
      part('app.asar'),
      part('app.asar.unpacked'),
      ...['demo', 'fonts', 'lexicon', 'rubrics', 'tessdata'].map(part),
    ]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

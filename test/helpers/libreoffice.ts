import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './temp.ts';

/** LibreOffice's command, or undefined: the recalculation tests need it (CI installs libreoffice-calc-nogui). */
export function sofficePath(): string | undefined {
  for (const candidate of [process.env.SOFFICE_PATH, '/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

// A profile that recalculates every formula of an .xlsx on load (OOXMLRecalcMode 0 = always),
// so the values read back are LibreOffice's own, not the ones the file carried.
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`;

/** Open a workbook in headless LibreOffice, recalculate everything, save it as .xlsx again. */
export function recalculate(workbook: Uint8Array): Buffer {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui');
  const dir = tempDir();
  const profile = join(dir, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), PROFILE);
  const input = join(dir, 'in', 'sheet.xlsx');
  mkdirSync(join(dir, 'in'));
  writeFileSync(input, workbook);
  const out = join(dir, 'out');
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      out,
      input,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return readFileSync(join(out, 'sheet.xlsx'));
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Regencies, provinces and districts from idn-area-data (a dependency of the app). */

const dataDir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

function rows(file: string): string[][] {
  return readFileSync(join(dataDir, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.trim()));
}

export interface Region {
  code: string;
  /** "Kabupaten Banggai", "Kota Makassar". */
  name: string;
  /** "Banggai". */
  short: string;
  kind: 'Kabupaten' | 'Kota';
  province: string;
  districts: string[];
}

const titleCase = (text: string) =>
  (text !== text.toUpperCase() ? text : text.toLowerCase()).replace(
    /(^|[\s-])(\p{L})/gu,
    (_, space: string, letter: string) => space + letter.toUpperCase(),
  );

export function region(code: string): Region {
  const regency = rows('regencies.csv').find(([c]) => c === code);
  if (!regency) throw new Error(`no regency ${code}`);
  const name = regency[2] as string;
  const kind = name.startsWith('Kota ') ? 'Kota' : 'Kabupaten';
  const province = rows('provinces.csv').find(([c]) => c === regency[1])?.[1] ?? '';
  const districts = rows('districts.csv')
    .filter(([, regencyCode]) => regencyCode === code)
    .map(([, , district]) => titleCase(district as string));
  return { code, name, short: name.replace(/^(Kabupaten|Kota) /, ''), kind, province: titleCase(province), districts };
}

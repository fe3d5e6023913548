import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILE_ROLES } from '../../../shared/domain/profile.ts';
import { LANGUAGES } from '../../../shared/domain/settings.ts';
import { errorCodes } from '../../../shared/errors.ts';
import { rubricProblemCodes } from '../../../shared/rubric/validate.ts';
import { en } from '../../../shared/i18n/en.ts';
import { id } from '../../../shared/i18n/id.ts';
import { createTranslator, describeError } from '../../../shared/i18n/index.ts';

function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { id: flatten(id), en: flatten(en) };
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[0]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('message catalogues', () => {
  it('have the same keys in Bahasa Indonesia and English', () => {
    const missingInEnglish = [...catalogues.id.keys()].filter((key) => !catalogues.en.has(key));
    const missingInIndonesian = [...catalogues.en.keys()].filter((key) => !catalogues.id.has(key));
    expect({ missingInEnglish, missingInIndonesian }).toEqual({ missingInEnglish: [], missingInIndonesian: [] });
  });

  it('use the same placeholders in both languages, and no empty text', () => {
    for (const [key, text] of catalogues.id) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(catalogues.en.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('have a message for every error code, rubric problem, role and language', () => {
    for (const code of errorCodes) expect(catalogues.id.has(`errors.${code}`), code).toBe(true);
    for (const code of rubricProblemCodes.filter((c) => c !== 'schema'))
      expect(catalogues.id.has(`rubricProblems.${code}`), code).toBe(true);
    for (const role of PROFILE_ROLES) expect(catalogues.id.has(`profile.roles.${role}`), role).toBe(true);
    for (const language of LANGUAGES) expect(catalogues.id.has(`language.${language}`), language).toBe(true);
  });

  it('contain every key the code asks for by name', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const used = new Set<string>();
    for (const file of [...sourceFiles(join(root, 'renderer')), ...sourceFiles(join(root, 'electron'))]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(40);
    // A message with plural forms is asked for by its bare key; i18next picks "_one" or "_other".
    const missing = [...used].filter((key) => !catalogues.id.has(key) && !catalogues.id.has(`${key}_other`));
    expect(missing).toEqual([]);
  });
});

describe('describeError', () => {
  it("names the invalid fields in the reader's language", () => {
    const error = { code: 'invalid_input' as const, params: { fields: 'cohortYear, stage' }, message: 'x' };
    expect(describeError(createTranslator('id'), error)).toBe('Data tidak valid: angkatan, tahap. Tidak ada yang disimpan.');
    expect(describeError(createTranslator('en'), error)).toBe('Invalid data: cohort, stage. Nothing was saved.');
  });

  it('fills the parameters of domain errors', () => {
    const error = { code: 'regency.duplicate' as const, params: { code: '72.01', name: 'Kabupaten Banggai' }, message: 'x' };
    expect(describeError(createTranslator('id'), error)).toBe('Kabupaten Banggai (72.01) sudah terdaftar di ruang kerja ini.');
  });
});

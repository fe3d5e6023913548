import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../electron/core/intake/import.ts';
import { AppError } from '../../shared/errors.ts';
import { createTranslator, describeError, describeProblem } from '../../shared/i18n/index.ts';
import type { Case } from '../../scripts/bad-corpus.ts';
import { ROOT } from '../helpers/cli.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { tempDir } from '../helpers/temp.ts';
import { openTestHost } from '../helpers/workspace.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'bad');

// The manifest is the script's cases without their bytes.
const cases = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Omit<Case, 'data'>[];
const t = createTranslator('id');

describe('the bad-input corpus (test/fixtures/bad)', () => {
  it('lists every file of the folder, and nothing that is not there', () => {
    expect(
      readdirSync(DIR)
        .filter((name) => name !== 'manifest.json')
        .sort(),
    ).toEqual(cases.map((entry) => entry.file).sort());
  });

  it.each(cases.map((entry) => [entry.why, entry] as const))('%s: refused with its message, nothing saved', async (_why, entry) => {
    const host = await openTestHost();
    const ws = host.current();
    ws.regencies.add({ code: '72.01', cohortYear: 2022, stage: 3 });
    const submission = ws.submissions.create({ kind: 'bimtek', regencyCode: '72.01', stage: 3 });
    const before = snapshot(ws.db);
    const data = readFileSync(join(DIR, entry.file));
    let refusal: unknown;
    try {
      if (entry.as === 'document') {
        const path = join(tempDir(), entry.file);
        copyFileSync(join(DIR, entry.file), path);
        await importDocument(
          { submissionId: submission.id, path, fileName: entry.file, role: 'masterplan' },
          {
            db: ws.db,
            dataDir: ws.dataDir,
            lexicon: ws.lexicon(),
            actor: { id: ws.profile.identity().id, name: 'test', role: null },
            now: () => 't',
            maxBytes: 200 * 1024 * 1024,
          },
        );
      } else if (entry.as === 'rubric') await ws.rubrics.importFile(entry.file, data);
      else if (entry.as === 'assessment') ws.assessmentFiles.importText(data.toString('utf8'));
      else if (entry.as === 'workspace') await host.importWorkspace(join(DIR, entry.file));
      else await ws.reports.importScoreSheet(data);
    } catch (error) {
      refusal = error;
    }
    expect(refusal, entry.file).toBeInstanceOf(AppError);
    const error = refusal as AppError;
    expect(error.code).toBe(entry.code);
    if (entry.problem) expect(error.problems?.[0]?.code).toBe(entry.problem);
    const message = describeError(t, error.toData());
    expect(message).toContain(entry.says);
    // Every problem has its sentence, never a bare code.
    for (const problem of error.problems ?? []) expect(describeProblem(t, problem)).not.toMatch(/^[a-z_.]+ \{/);
    // The same workspace is still open, unchanged, and nothing unpacked is left behind.
    expect(host.current()).toBe(ws);
    expect(snapshot(ws.db)).toEqual(before);
    expect(existsSync(join(ws.dataDir, 'imports')) ? readdirSync(join(ws.dataDir, 'imports')) : []).toEqual([]);
    expect(existsSync(join(ws.dataDir, '..', 'evil.txt'))).toBe(false);
    await host.close();
  });
});

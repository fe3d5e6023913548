import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

describe('layer boundaries are enforced by lint rules', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';"],
    ["import { join } from 'path';"],
    ["import { app } from 'electron';"],
    ["import Database from 'better-sqlite3';"],
    ["import { useState } from 'react';"],
    ["import { openDatabase } from '../electron/db/open.ts';"],
    ["import { openDatabase } from '../../electron/core/db/open.ts';"],
    ["import { App } from '../renderer/app/App.tsx';"],
    ['export const here = window.location.href;'],
    ['export const env = process.env.HOME;'],
    ["export const el = document.createElement('div');"],
  ])('shared/ refuses: %s', async (code) => {
    expect(await boundaryErrors('shared/domain/probe.ts', `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ["import { ipcRenderer } from 'electron';"],
    ["import { readFile } from 'node:fs/promises';"],
    ["import Database from 'better-sqlite3';"],
    ["import { openWorkspace } from '../../electron/core/workspace/open.ts';"],
    ['export const env = process.env.HOME;'],
  ])('renderer/ refuses: %s', async (code) => {
    expect(await boundaryErrors('renderer/pages/probe.tsx', `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it('electron/ refuses renderer code', async () => {
    expect(
      await boundaryErrors('electron/core/services/probe.ts', "import { App } from '../../../renderer/app/App.tsx';\nexport {};\n"),
    ).not.toEqual([]);
  });

  it('lets every layer import shared/ and shared/ import zod', async () => {
    expect(await boundaryErrors('shared/domain/probe.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
    expect(
      await boundaryErrors('renderer/pages/probe.tsx', "import { fold } from '../../shared/text/fold.ts';\nexport const f = fold;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'electron/core/services/probe.ts',
        "import { readFileSync } from 'node:fs';\nimport { fold } from '../../../shared/text/fold.ts';\nexport const f = [fold, readFileSync];\n",
      ),
    ).toEqual([]);
  });
});

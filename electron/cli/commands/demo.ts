import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors.ts';
import { createTranslator } from '../../../shared/i18n/index.ts';
import { buildDemo, DEMO_FOLDER } from '../../core/demo/build.ts';
import { defaultDataDir } from '../../core/platform/paths.ts';
import { RESOURCES_DIR } from '../../core/platform/project.ts';
import { describedError, printJson, resolveLanguage, type GlobalOptions } from '../context.ts';

/** `timbang demo`: the demo workspace, in --data DIR or beside the default workspace (its demo/ folder). */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      "build the demo workspace (four regencies, three Bimtek stages, two assessors, a self-assessment) in --data DIR, or in the default workspace's demo/ folder",
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const language = resolveLanguage(globals.lang, process.env);
      const t = createTranslator(language);
      const dataDir = resolve(globals.data ?? join(defaultDataDir(), DEMO_FOLDER));
      const ticker = process.stderr.isTTY && !options.json;
      try {
        const summary = await buildDemo(dataDir, {
          resourcesDir: RESOURCES_DIR,
          onProgress: ({ done, total, current }) => {
            if (ticker) process.stderr.write(`\r\x1b[K${t('cli.demoProgress', { done, total, current })}`);
          },
        });
        if (ticker) process.stderr.write('\r\x1b[K');
        if (options.json) printJson(summary);
        else console.log(t('cli.demoBuilt', { ...summary }));
      } catch (error) {
        if (error instanceof AppError) throw describedError(language, error.toData());
        throw error;
      }
    });
}

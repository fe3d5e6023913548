import { Command, CommanderError } from 'commander';
import { createTranslator } from '../../shared/i18n/index.ts';
import { appVersion } from '../platform/project.ts';
import { registerAreaCommands } from './commands/area.ts';
import { registerAssessmentCommands } from './commands/assessment.ts';
import { registerReportCommands } from './commands/reports.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerWorkspaceCommands } from './commands/workspace.ts';
import { registerIntakeCommands } from './commands/intake.ts';
import { registerProfileCommands } from './commands/profile.ts';
import { registerRegencyCommands } from './commands/regency.ts';
import { registerRubricCommands } from './commands/rubric.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSettingsCommands } from './commands/settings.ts';
import { CliError, resolveLanguage } from './context.ts';

export function buildProgram(): Command {
  const t = createTranslator(resolveLanguage(undefined, process.env));
  const program = new Command('timbang')
    .description(t('cli.description'))
    .version(appVersion())
    .option('--data <dir>', 'workspace folder (default: the desktop app\'s folder, or $TIMBANG_DATA)')
    .option('--lang <id|en>', 'language of messages (default: the workspace setting)')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerRegencyCommands(program);
  registerRubricCommands(program);
  registerIntakeCommands(program);
  registerAssessmentCommands(program);
  registerReportCommands(program);
  registerBackupCommands(program);
  registerDemoCommand(program);
  registerWorkspaceCommands(program);
  registerAreaCommands(program);
  registerProfileCommands(program);
  registerSettingsCommands(program);
  return program;
}

/** Run the CLI; returns the exit code: 0 done, 1 refused or failed, 2 usage error. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version, or what was wrong with the command line.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      const wantsJson = argv.includes('--json');
      process.stderr.write(
        wantsJson
          ? `${JSON.stringify({ error: { ...(error.data ?? {}), message: error.message } })}\n`
          : `${error.message}\n`,
      );
      return 1;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

import { Command, CommanderError } from 'commander';
import { createTranslator } from '../../shared/i18n/index.ts';
import { appVersion } from '../core/platform/project.ts';
import { registerAreaCommands } from './commands/area.ts';
import { registerAssessmentCommands } from './commands/assessment.ts';
import { registerReportCommands } from './commands/reports.ts';
import { registerLetterCommand } from './commands/letter.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerWorkspaceCommands } from './commands/workspace.ts';
import { registerIntakeCommands } from './commands/intake.ts';
import { registerProfileCommands } from './commands/profile.ts';
import { registerRegencyCommands } from './commands/regency.ts';
import { registerRubricCommands } from './commands/rubric.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSettingsCommands } from './commands/settings.ts';
import { registerSubmissionCommands } from './commands/submission.ts';
import { registerSyncCommands } from './commands/sync.ts';
import { registerHubCommands } from './commands/hub.ts';
import { AppError } from '../../shared/errors.ts';
import { CliError, describedError, resolveLanguage, withProblems } from './context.ts';

export function buildProgram(): Command {
  const t = createTranslator(resolveLanguage(undefined, process.env));
  const program = new Command('timbang')
    .description(t('cli.description'))
    .version(appVersion())
    .option('--data <dir>', "workspace folder (default: the desktop app's folder, or $TIMBANG_DATA)")
    .option('--create', 'make a new workspace when --data names a folder that does not exist yet')
    .option('--lang <id|en>', 'language of messages (default: the workspace setting)')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerRegencyCommands(program);
  registerRubricCommands(program);
  registerSubmissionCommands(program);
  registerIntakeCommands(program);
  registerAssessmentCommands(program);
  registerReportCommands(program);
  registerLetterCommand(program);
  registerBackupCommands(program);
  registerDemoCommand(program);
  registerWorkspaceCommands(program);
  registerAreaCommands(program);
  registerProfileCommands(program);
  registerSettingsCommands(program);
  registerSyncCommands(program);
  registerHubCommands(program);
  return program;
}

/** Run the CLI; returns the exit code: 0 done, 1 refused or failed, 2 usage error. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (caught) {
    let error = caught;
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version, or what was wrong with the command line.
      return error.exitCode === 0 ? 0 : 2;
    }
    // A service's refusal that a command did not describe itself: say it in the user's language, never as a stack trace.
    if (error instanceof AppError) {
      const language = resolveLanguage(argValue(argv, '--lang'), process.env);
      error = withProblems(createTranslator(language), describedError(language, error.toData()));
    }
    if (error instanceof CliError) {
      const wantsJson = argv.includes('--json');
      process.stderr.write(
        wantsJson ? `${JSON.stringify({ error: { ...(error.data ?? {}), message: error.message } })}\n` : `${error.message}\n`,
      );
      return error.exitCode;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

/** The value of an option such as `--lang en` or `--lang=en` on the command line. */
function argValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

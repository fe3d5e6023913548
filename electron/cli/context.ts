import { existsSync, readFileSync } from 'node:fs';
import { AppError, type AppErrorData, type ProblemData } from '../../shared/errors.ts';
import { languageSchema, type Language } from '../../shared/domain/settings.ts';
import { createTranslator, describeError, describeProblem, type Translate } from '../../shared/i18n/index.ts';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract.ts';
import type { Handlers } from '../core/handlers/index.ts';
import { dispatch } from '../core/ipc/dispatch.ts';
import { defaultDataDir } from '../core/platform/paths.ts';
import { appVersion, RESOURCES_DIR } from '../core/platform/project.ts';
import type { Workspace } from '../core/workspace/open.ts';
import { openWorkspaceHost, type WorkspaceHost } from '../core/workspace/host.ts';

export interface GlobalOptions {
  data?: string;
  lang?: string;
  /** Make a new workspace when --data names a folder that does not exist. */
  create?: boolean;
}

/** An error already described for the user; main prints it and exits non-zero. */
export class CliError extends Error {
  readonly data: AppErrorData | undefined;
  /** The process's exit code: 1 unless a command documents others (`timbang sync`: 3 authentication, 4 unreachable). */
  readonly exitCode: number;
  constructor(message: string, data?: AppErrorData, exitCode = 1) {
    super(message);
    this.data = data;
    this.exitCode = exitCode;
  }
}

/** --lang, then TIMBANG_LANG, then the workspace setting, then LANG, then Indonesian. */
export function resolveLanguage(flag: string | undefined, env: NodeJS.ProcessEnv, workspaceLanguage?: Language): Language {
  for (const candidate of [flag, env.TIMBANG_LANG]) {
    const parsed = languageSchema.safeParse(candidate?.toLowerCase());
    if (parsed.success) return parsed.data;
  }
  if (workspaceLanguage) return workspaceLanguage;
  if (/^en/i.test(env.LANG ?? '')) return 'en';
  return 'id';
}

export interface CliSession {
  /** The open workspace (the host's current one). */
  readonly workspace: Workspace;
  host: WorkspaceHost;
  handlers: Handlers;
  language: Language;
  t: Translate;
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

/** Open the workspace a command works on, with the same handlers and validation as the app. */
export async function openSession(
  options: GlobalOptions,
  mode: 'desktop' | 'web' = 'web',
  { create = false, backgroundSync = false } = {},
): Promise<CliSession> {
  const dataDir = options.data ?? defaultDataDir();
  // A mistyped --data must not quietly start an empty workspace; an existing empty folder still becomes one.
  if (options.data !== undefined && !options.create && !create && !existsSync(options.data)) {
    throw new CliError(createTranslator(resolveLanguage(options.lang, process.env))('cli.noWorkspace', { dataDir: options.data }));
  }
  let host: WorkspaceHost;
  try {
    host = await openWorkspaceHost(dataDir, { resourcesDir: RESOURCES_DIR, mode, appVersion: appVersion(), backgroundSync });
  } catch (error) {
    if (error instanceof AppError) throw describedError(resolveLanguage(options.lang, process.env), error.toData());
    throw error;
  }
  const language = resolveLanguage(options.lang, process.env, host.current().settings.get().language);
  const t = createTranslator(language);
  const handlers = host.handlers;
  return {
    get workspace() {
      return host.current();
    },
    host,
    handlers,
    language,
    t,
    async call(channel, input) {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw describedError(language, result.error);
      return result.value as ChannelOutput<typeof channel>;
    },
  };
}

export function describedError(language: Language, error: AppErrorData): CliError {
  return new CliError(describeError(createTranslator(language), error), error);
}

/** Run a command against a workspace and close it afterwards, whatever happens. */
export async function withSession<T>(
  options: GlobalOptions,
  run: (session: CliSession) => Promise<T>,
  { create = false } = {},
): Promise<T> {
  const session = await openSession(options, 'web', { create });
  try {
    return await run(session);
  } finally {
    await session.host.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Plain columns for a terminal: each column as wide as its widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Every problem of a refused file, one per line, with where it is (a path or a cell). */
export function problemLines(t: Translate, problems: readonly ProblemData[]): string {
  return problems.map((problem) => `  ${problem.path}: ${describeProblem(t, problem)}`).join('\n');
}

/** A refused file's error with its problems listed under it. */
export function withProblems(t: Translate, error: unknown): unknown {
  return error instanceof CliError && error.data?.problems
    ? new CliError(`${error.message}\n${problemLines(t, error.data.problems)}`, error.data)
    : error;
}

/** A file the user named, or a plain message why it cannot be read. */
export function readInputFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

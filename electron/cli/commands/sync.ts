import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors.ts';
import { query } from '../../core/db/query.ts';
import { normalizeHubUrl, type SyncEngine } from '../../core/sync/engine.ts';
import { adoptTeamRole } from '../../core/sync/driver.ts';
import { teamOf } from '../../core/sync/identity.ts';
import { CliError, describedError, printJson, readInputFile, withSession, type CliSession, type GlobalOptions } from '../context.ts';

/** Exit codes of `timbang sync` (docs/sync.md §1). */
export const SYNC_EXIT = { converged: 0, refused: 1, auth: 3, unreachable: 4 } as const;

/** The workspace's own engine: the one the session's host started (and stops when the session ends). */
function engineFor(session: CliSession): Promise<SyncEngine> {
  return session.host.syncEngine();
}

/** An engine's refusal, described, with the exit code the command documents. */
function syncFailure(session: CliSession, error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const exitCode =
    error.code === 'sync.auth' || error.code === 'sync.token_used'
      ? SYNC_EXIT.auth
      : error.code === 'sync.unreachable'
        ? SYNC_EXIT.unreachable
        : 1;
  const described = describedError(session.language, error.toData());
  return new CliError(described.message, described.data, exitCode);
}

/** `timbang sync [--hub URL --token T]`, `sync export|import|status`: the laptop's side of a team (docs/sync.md §1). */
export function registerSyncCommands(program: Command): void {
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();
  const sync = program
    .command('sync')
    .description('sync with the team hub: one pass (push, pull, apply); joins first with --hub and --token')
    .option('--hub <url>', 'the hub address, e.g. http://192.168.43.1:8417')
    .option('--token <token>', 'the invitation token (tmb1.…) from `timbang hub invite`')
    .option('--timeout <seconds>', 'give up after this many seconds', '120')
    .option('--json', 'print JSON')
    .action(async (options: { hub?: string; token?: string; timeout: string; json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const engine = await engineFor(session);
        try {
          if (options.hub || options.token) {
            if (!options.hub || !options.token) throw new CliError(session.t('errors.sync.not_joined'));
            const team = teamOf(session.workspace.db);
            if (!team || team.hubUrl !== normalizeHubUrl(options.hub) || team.token !== options.token) {
              const joined = await engine.join(options.hub, options.token, profileOf(session));
              adoptTeamRole(session.workspace, joined);
              if (!options.json) console.log(session.t('cli.syncJoined', { hub: joined.hubUrl, role: joined.role, seeded: joined.seeded }));
            }
          }
          const seconds = Number(options.timeout);
          const ticker =
            process.stderr.isTTY && !options.json
              ? setInterval(() => {
                  const progress = engine.status().progress;
                  if (progress) process.stderr.write(`\r${session.t('sync.status.syncingProgress', progress)}   `);
                }, 200)
              : undefined;
          const result = await engine
            .syncOnce({ timeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 120) * 1000 })
            .finally(() => {
              if (!ticker) return;
              clearInterval(ticker);
              process.stderr.write('\r\x1b[K');
            });
          if (options.json) printJson(result);
          else {
            console.log(session.t('cli.syncDone', { ...result }));
            if (!result.converged) console.log(session.t('cli.syncNotConverged'));
          }
          const troubled = result.refused + result.notApplied;
          if (troubled > 0 || !result.converged) {
            throw new CliError(
              troubled > 0 ? session.t('cli.syncRefused', { count: troubled }) : session.t('cli.syncNotConverged'),
              undefined,
              SYNC_EXIT.refused,
            );
          }
        } catch (error) {
          throw syncFailure(session, error);
        }
      });
    });

  sync
    .command('export')
    .description('write the team documents to a sync file for carrying without a network (never drafts)')
    .requiredOption('--to <file>', 'the file to write (.timbang-sync)')
    .option('--submission <sub...>', 'only these submissions, e.g. 72.01/bimtek3')
    .option('--regency <code>', 'only this regency')
    .option('--for-role <role>', '"planner": only the registry and the regency document')
    .option('--json', 'print JSON')
    .action(
      async (options: { to: string; submission?: string[]; regency?: string; forRole?: string; json?: boolean }, command: Command) => {
        await withSession(globals(command), async (session) => {
          const engine = await engineFor(session);
          try {
            if (options.forRole !== undefined && options.forRole !== 'planner') throw new AppError('invalid_input', { fields: 'for-role' });
            const buffer = engine.exportFile({
              ...(options.submission ? { subs: options.submission } : {}),
              ...(options.regency ? { regency: options.regency } : {}),
              ...(options.forRole === 'planner' ? { forRole: 'planner' as const } : {}),
            });
            writeFileSync(options.to, buffer);
            const docs = (JSON.parse(gunzipSync(buffer).toString('utf8')) as { docs: unknown[] }).docs.length;
            if (wantsJson(command, options)) printJson({ file: options.to, docs, bytes: buffer.length });
            else console.log(session.t('cli.syncExported', { file: options.to, docs }));
          } catch (error) {
            throw syncFailure(session, error);
          }
        });
      },
    );

  sync
    .command('import <file>')
    .description('take in a sync file from the same team; a document with any bad record is refused whole')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const buffer = readInputFile(file);
      await withSession(globals(command), async (session) => {
        const engine = await engineFor(session);
        try {
          const result = engine.importFile(buffer, basename(file));
          if (wantsJson(command, options)) printJson(result);
          else {
            console.log(session.t('cli.syncImported', { file, docs: result.docs, received: result.received }));
            for (const refused of result.refused) {
              console.log(
                session.t('cli.syncImportRefused', { doc: refused.doc, problem: refused.problem, record: refused.record ?? '–' }),
              );
            }
          }
          if (result.refused.length > 0) {
            throw new CliError(
              session.t('cli.syncImportRefused', {
                doc: result.refused[0]?.doc ?? '',
                problem: result.refused[0]?.problem ?? '',
                record: result.refused[0]?.record ?? '–',
              }),
            );
          }
        } catch (error) {
          throw syncFailure(session, error);
        }
      });
    });

  sync
    .command('status')
    .description('the team, the last sync, and records pending, refused or not applied')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(globals(command), async (session) => {
        const status = session.workspace.sync.status();
        if (wantsJson(command, options)) printJson(status);
        else if (!status.team) console.log(session.t('cli.syncNoTeam'));
        else
          console.log(
            session.t('cli.syncStatus', {
              hub: status.team.hubUrl,
              role: status.team.role,
              last: status.lastSyncAt ?? '–',
              pending: status.pending,
              refused: status.refused,
              notApplied: status.notApplied,
            }),
          );
      });
    });
}

/** `--json` after a subcommand is parsed by \`sync\` itself, which has the same option. */
function wantsJson(command: Command, options: { json?: boolean }): boolean {
  return Boolean(options.json ?? command.optsWithGlobals<{ json?: boolean }>().json);
}

function profileOf(session: CliSession): { name: string; institution: string } {
  const profile = query<{ name: string; institution: string }>(
    session.workspace.db,
    'SELECT name, institution FROM profile WHERE id = 1',
  ).get();
  const person = query<{ name: string; institution: string }>(
    session.workspace.db,
    'SELECT p.name, p.institution FROM identity i JOIN person p ON p.id = i.person_id WHERE i.id = 1',
  ).get();
  return { name: profile?.name ?? person?.name ?? '', institution: profile?.institution ?? person?.institution ?? '' };
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { renderANSI } from 'uqr';
import { AppError } from '../../../shared/errors.ts';
import { createTranslator, type Translate } from '../../../shared/i18n/index.ts';
import { TEAM_ROLES, type TeamRole } from '../../../shared/sync/record.ts';
import { loadHubIdentity } from '../../hub/identity.ts';
import { createInvite, joinUrlOf, secretSha256PrefixOf } from '../../hub/invites.ts';
import { startHub } from '../../hub/server.ts';
import { appVersion, RENDERER_BUILD_DIR, RESOURCES_DIR } from '../../core/platform/project.ts';
import { createSqliteHubStore } from '../../hub/sqlite-store.ts';
import { createPostgresHubStore } from '../../hub/postgres-store.ts';
import type { HubInvite, HubStore } from '../../hub/store.ts';
import { formatTable, printJson, resolveLanguage, type GlobalOptions } from '../context.ts';
import { percent, wholeNumber } from './parse.ts';
import { disagreementToleranceSchema, passMarkSchema, type TeamSettings } from '../../../shared/domain/settings.ts';
import { formatNumber, formatPercent } from '../../../shared/format/number.ts';
import { currentTeamSettings } from '../../hub/team-settings.ts';

/**
 * `timbang hub …`: run the team's sync hub and manage who may join it (docs/sync.md §6).
 * Invite, revoke, settings and the lists work on the data folder's store directly, also while
 * `hub serve` runs there (SQLite in WAL mode takes both connections). A running hub reads the
 * invites and the requested settings again every second: a revocation made here closes that
 * person's live connections within a second and the hub writes the member record that announces
 * it, and new settings are signed and published as a `settings` record (at its next start, when
 * it is not running).
 */
const HUB_DB = 'hub.db';
/** Where `hub serve` notes the address it serves, so `hub invite` can put it in the join link. */
const HUB_ADDRESS_FILE = 'hub-address.json';
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function hubDataDir(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  return globals.data ?? env.TIMBANG_HUB_DATA ?? join(homedir(), '.timbang-hub');
}

function translator(globals: GlobalOptions): Translate {
  return createTranslator(resolveLanguage(globals.lang, process.env));
}

/** The hub's store: Postgres when given (`--postgres`, or TIMBANG_HUB_POSTGRES), else SQLite in the data folder. */
function hubStore(dataDir: string, postgres: string | undefined, env: NodeJS.ProcessEnv = process.env): HubStore {
  const url = postgres ?? env.TIMBANG_HUB_POSTGRES;
  return url ? createPostgresHubStore(url) : createSqliteHubStore(join(dataDir, HUB_DB));
}

async function withStore<T>(dataDir: string, postgres: string | undefined, run: (store: HubStore) => Promise<T>): Promise<T> {
  const store = hubStore(dataDir, postgres);
  await store.open();
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** The team settings options of `hub serve` and `hub settings`, as commander gives them. */
export interface TeamSettingsOptions {
  passMark?: number;
  aggregate?: 'median' | 'mean';
  tolerance?: number;
  hideOthers?: 'yes' | 'no';
}

/** The settings the options ask for, each checked against its range (`hub.bad_settings` names the option). */
export function teamSettingsPatch(options: TeamSettingsOptions): Partial<TeamSettings> {
  const ranged = (option: string, value: number, schema: typeof passMarkSchema, range: string): number => {
    if (!schema.safeParse(value).success) throw new AppError('hub.bad_settings', { option, value, range });
    return value;
  };
  return {
    ...(options.passMark !== undefined ? { passMark: ranged('--pass-mark', options.passMark, passMarkSchema, '1–100') } : {}),
    ...(options.aggregate ? { panelAggregate: options.aggregate } : {}),
    ...(options.tolerance !== undefined
      ? { disagreementTolerance: ranged('--tolerance', options.tolerance, disagreementToleranceSchema, '0–100') }
      : {}),
    ...(options.hideOthers ? { hideOthersUntilSubmitted: options.hideOthers === 'yes' } : {}),
  };
}

export interface HubServeOptions extends TeamSettingsOptions {
  port: number;
  host: string;
  publicUrl?: string;
  postgres?: string;
  title?: string;
  json?: boolean;
  /** `--no-ui`: only the sync routes, no projection and no ministry view. */
  ui?: boolean;
}

export async function hubServe(globals: GlobalOptions, options: HubServeOptions): Promise<void> {
  const t = translator(globals);
  const dataDir = hubDataDir(globals);
  // Listening for the stop signals first: whoever reads the address line may stop us at once.
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  try {
    loadHubIdentity(dataDir);
    const settings = teamSettingsPatch(options);
    const store = hubStore(dataDir, options.postgres);
    await store.open();
    try {
      const hub = await startHub({
        dataDir,
        store,
        port: options.port,
        host: options.host,
        ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
        ...(options.title ? { title: options.title } : {}),
        settings,
        ...(options.ui !== false
          ? { ministry: { resourcesDir: RESOURCES_DIR, rendererDir: RENDERER_BUILD_DIR, appVersion: appVersion() } }
          : {}),
      });
      writeFileSync(join(dataDir, HUB_ADDRESS_FILE), `${JSON.stringify({ url: hub.url, port: hub.port, ui: hub.ui })}\n`);
      const line = { url: hub.url, port: hub.port, fingerprint: hub.fingerprint, dataDir, store: store.kind, ui: hub.ui };
      if (options.json) process.stdout.write(`${JSON.stringify(line)}\n`);
      else {
        console.log(t('cli.hub.serving', line));
        if (hub.ui) console.log(t('cli.hub.ui', { ui: hub.ui }));
        console.log(t('cli.hub.stopHint', { dataDir }));
      }
      await stopped;
      await hub.close();
    } finally {
      await store.close();
    }
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
  }
}

export interface HubInviteOptions {
  postgres?: string;
  name: string;
  role: TeamRole;
  regency: string[];
  publicUrl?: string;
  json?: boolean;
}

/** The address to put in a join link: --public-url, else where `hub serve` last listened. */
function hubUrlFor(dataDir: string, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const file = join(dataDir, HUB_ADDRESS_FILE);
  if (existsSync(file)) {
    const { url } = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown };
    if (typeof url === 'string') return url;
  }
  return 'http://127.0.0.1:8417';
}

export async function hubInvite(globals: GlobalOptions, options: HubInviteOptions): Promise<void> {
  const t = translator(globals);
  const dataDir = hubDataDir(globals);
  const { fingerprint } = loadHubIdentity(dataDir);
  const made = await withStore(dataDir, options.postgres, (store) =>
    createInvite(store, fingerprint, { name: options.name, role: options.role, regencies: options.regency }, new Date().toISOString()),
  );
  const joinUrl = joinUrlOf(hubUrlFor(dataDir, options.publicUrl), made.token, options.role === 'ministry');
  const qr = renderANSI(joinUrl, { ecc: 'L' });
  if (options.json) {
    printJson({
      token: made.token,
      fingerprint,
      joinUrl,
      qr,
      id: made.secretSha256.slice(0, 16),
      name: made.invite.name,
      role: made.invite.role,
      regencies: made.invite.regencies,
    });
    return;
  }
  console.log(t('cli.hub.invited', { name: made.invite.name, role: made.invite.role }));
  console.log(made.token);
  console.log(joinUrl);
  console.log(qr);
}

const memberView = (invite: HubInvite) => ({
  id: invite.secretSha256.slice(0, 16),
  name: invite.name,
  role: invite.role,
  regencies: invite.regencies,
  person: invite.person,
  createdAt: invite.createdAt,
  joinedAt: invite.joinedAt,
  revokedAt: invite.revokedAt,
  revokedAfterSeq: invite.revokedAfterSeq,
});

export async function hubRevoke(
  globals: GlobalOptions,
  options: { person?: string; tokenPrefix?: string; json?: boolean; postgres?: string },
): Promise<void> {
  const t = translator(globals);
  const dataDir = hubDataDir(globals);
  let secretSha256Prefix: string | undefined;
  if (options.tokenPrefix !== undefined) {
    const prefix = secretSha256PrefixOf(options.tokenPrefix);
    if (!prefix) throw new AppError('hub.bad_token_prefix');
    secretSha256Prefix = prefix;
  }
  if (options.person === undefined && secretSha256Prefix === undefined) throw new AppError('hub.bad_token_prefix');
  const match = {
    ...(options.person !== undefined ? { person: options.person } : {}),
    ...(secretSha256Prefix ? { secretSha256Prefix } : {}),
  };
  const revoked = await withStore(dataDir, options.postgres, (store) =>
    store.revoke(match, new Date().toISOString(), (person) => store.lastSeqOf(person)),
  );
  if (revoked.length === 0) throw new AppError('hub.nothing_revoked');
  if (options.json) return printJson({ revoked: revoked.map(memberView) });
  for (const invite of revoked)
    console.log(t('cli.hub.revoked', { name: invite.name, role: invite.role, seq: invite.revokedAfterSeq ?? 0 }));
}

/**
 * `timbang hub settings`: the team's panel rules. With options it records the new ones in the
 * store (`hub_settings`); the running hub, or the next start, signs and publishes them.
 */
export async function hubSettings(
  globals: GlobalOptions,
  options: TeamSettingsOptions & { json?: boolean; postgres?: string },
): Promise<void> {
  const t = translator(globals);
  const language = resolveLanguage(globals.lang, process.env);
  const dataDir = hubDataDir(globals);
  const { fingerprint, author } = loadHubIdentity(dataDir);
  const patch = teamSettingsPatch(options);
  const changing = Object.keys(patch).length > 0;
  const settings = await withStore(dataDir, options.postgres, async (store) => {
    const wanted = { ...(await currentTeamSettings(store, author)), ...patch };
    if (changing) await store.requestSettings(wanted, new Date().toISOString());
    return wanted;
  });
  if (options.json) return printJson({ fingerprint, settings, saved: changing });
  if (changing) console.log(t('cli.hub.settingsSaved'));
  console.log(t('cli.hub.settingsHub', { fingerprint }));
  console.log(`  ${t('settings.passMark')}: ${formatPercent(settings.passMark, language)}`);
  console.log(`  ${t('settings.aggregate')}: ${t(`settings.aggregates.${settings.panelAggregate}`)}`);
  console.log(`  ${t('settings.tolerance')}: ${formatNumber(settings.disagreementTolerance, language)} ${t('settings.points')}`);
  console.log(`  ${t('settings.hideOthers')}: ${settings.hideOthersUntilSubmitted ? 'yes' : 'no'}`);
}

export async function hubMembers(globals: GlobalOptions, options: { json?: boolean; postgres?: string }): Promise<void> {
  const t = translator(globals);
  const invites = await withStore(hubDataDir(globals), options.postgres, (store) => store.invites());
  if (options.json) return printJson({ members: invites.map(memberView) });
  if (invites.length === 0) return console.log(t('cli.hub.noMembers'));
  console.log(
    formatTable(
      ['id', 'name', 'role', 'regencies', 'person', 'revoked'],
      invites.map((invite) => [
        invite.secretSha256.slice(0, 16),
        invite.name,
        invite.role,
        invite.regencies.join(' '),
        invite.person ?? t('cli.hub.notJoined'),
        invite.revokedAt ?? '',
      ]),
    ),
  );
}

export async function hubRefusals(globals: GlobalOptions, options: { json?: boolean; limit: number; postgres?: string }): Promise<void> {
  const t = translator(globals);
  const refusals = await withStore(hubDataDir(globals), options.postgres, (store) => store.refusals(options.limit));
  if (options.json) return printJson({ refusals });
  if (refusals.length === 0) return console.log(t('cli.hub.noRefusals'));
  console.log(
    formatTable(
      ['at', 'person', 'doc', 'record', 'problem'],
      refusals.map((refusal) => [refusal.at, refusal.person ?? '', refusal.doc, refusal.recordId ?? '', refusal.problem]),
    ),
  );
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerHubCommands(program: Command): void {
  const hub = program.command('hub').description("the team's sync hub: serve it, invite people, revoke them");
  hub
    .command('serve')
    .description(
      "run the hub until Ctrl+C (or SIGTERM): the sync WebSocket, joining, the index, blobs and the ministry's read-only view on one port",
    )
    .option('--port <n>', 'port to listen on (default: a free one)', wholeNumber, 0)
    .option('--host <address>', 'address to listen on (0.0.0.0 for a field-trip hotspot)', '127.0.0.1')
    .option('--public-url <url>', 'the address people reach the hub at (behind a reverse proxy)')
    .option('--postgres <url>', 'keep the hub store in Postgres (default: $TIMBANG_HUB_POSTGRES, else DIR/hub.db)')
    .option('--title <text>', 'the name the hub shows')
    .option('--no-ui', "only the sync routes: no projection workspace, no ministry's read-only view")
    .option('--pass-mark <percent>', "the team's pass mark at first start (default 70; later: what hub settings says)", percent)
    .addOption(
      new Option('--aggregate <how>', "the team's panel result where no agreed score is set (default median)").choices(['median', 'mean']),
    )
    .option('--tolerance <points>', "the team's disagreement tolerance in points of the scale (default 25)", percent)
    .addOption(new Option('--hide-others <yes|no>', "hide others' scores until one submits (default yes)").choices(['yes', 'no']))
    .option('--json', 'print the address as one JSON line')
    .action(async (options: HubServeOptions, command: Command) => {
      await hubServe(command.optsWithGlobals<GlobalOptions>(), options);
    });
  hub
    .command('invite')
    .description('make a join token (shown once) for one person')
    .requiredOption('--name <name>', "the person's name")
    .addOption(new Option('--role <role>', 'their role in the team').choices(TEAM_ROLES).makeOptionMandatory())
    .option('--regency <code>', 'a regency in their scope (repeatable; a planner needs exactly one)', collect, [])
    .option('--public-url <url>', 'the hub address for the join link (default: where hub serve last listened)')
    .option('--postgres <url>', 'the hub store in Postgres (default: $TIMBANG_HUB_POSTGRES, else DIR/hub.db)')
    .option('--json', 'print {token, fingerprint, joinUrl, qr} as JSON')
    .action(async (options: HubInviteOptions, command: Command) => {
      await hubInvite(command.optsWithGlobals<GlobalOptions>(), options);
    });
  hub
    .command('revoke')
    .description("revoke a person's invites: their connections close and their later records are refused")
    .option('--person <id>', 'the person id (as hub members lists it)')
    .option('--token-prefix <prefix>', 'the whole token, or the first 8+ hex digits of the invite id')
    .option('--postgres <url>', 'the hub store in Postgres (default: $TIMBANG_HUB_POSTGRES, else DIR/hub.db)')
    .option('--json', 'print the revoked invites as JSON')
    .action(async (options: { person?: string; tokenPrefix?: string; json?: boolean; postgres?: string }, command: Command) => {
      await hubRevoke(command.optsWithGlobals<GlobalOptions>(), options);
    });
  hub
    .command('settings')
    .description(
      "show or change the team's panel rules (pass mark, aggregate, tolerance, hide others); a running hub publishes them within a second",
    )
    .option('--pass-mark <percent>', 'pass mark in percent, 1–100, e.g. 70 or 72,5', percent)
    .addOption(new Option('--aggregate <how>', 'panel result where the lead has set no agreed score').choices(['median', 'mean']))
    .option('--tolerance <points>', 'disagreement when scores spread over more than this many points of the scale, 0–100', percent)
    .addOption(new Option('--hide-others <yes|no>', "hide other assessors' scores until one submits").choices(['yes', 'no']))
    .option('--postgres <url>', 'the hub store in Postgres (default: $TIMBANG_HUB_POSTGRES, else DIR/hub.db)')
    .option('--json', 'print {fingerprint, settings, saved} as JSON')
    .action(async (options: TeamSettingsOptions & { json?: boolean; postgres?: string }, command: Command) => {
      await hubSettings(command.optsWithGlobals<GlobalOptions>(), options);
    });
  hub
    .command('members')
    .description('list the invites: who joined, with which role and scope, who was revoked')
    .option('--postgres <url>', 'the hub store in Postgres (default: $TIMBANG_HUB_POSTGRES, else DIR/hub.db)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean; postgres?: string }, command: Command) => {
      await hubMembers(command.optsWithGlobals<GlobalOptions>(), options);
    });
  hub
    .command('refusals')
    .description('list the records the hub refused, newest first')
    .option('--limit <n>', 'at most this many', wholeNumber, 100)
    .option('--postgres <url>', 'the hub store in Postgres (default: $TIMBANG_HUB_POSTGRES, else DIR/hub.db)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean; limit: number; postgres?: string }, command: Command) => {
      await hubRefusals(command.optsWithGlobals<GlobalOptions>(), options);
    });
}

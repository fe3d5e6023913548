import { Option, type Command } from 'commander';
import { PROFILE_ROLES } from '../../../shared/domain/profile.ts';
import { printJson, withSession, type GlobalOptions } from '../context.ts';

export function registerProfileCommands(program: Command): void {
  const profile = program.command('profile').description('the local assessor profile that stamps every change');
  profile
    .command('show')
    .description('print the profile')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
        const current = await session.call('profile.get', {});
        if (options.json) printJson(current);
        else if (!current) console.log(session.t('cli.noProfile'));
        else console.log(`${current.name}\n${current.institution}\n${session.t(`profile.roles.${current.role}`)}\nID ${current.id}`);
      });
    });
  profile
    .command('set')
    .description('set your name, institution and role')
    .requiredOption('--name <name>', 'full name')
    .option('--institution <name>', 'institution, e.g. Universitas Gadjah Mada', '')
    .addOption(new Option('--role <role>', 'role').choices(PROFILE_ROLES).default('assessor'))
    .option('--regency <code>', "a regional planner's own regency, e.g. 72.01")
    .option('--json', 'print JSON')
    .action(
      async (
        options: { name: string; institution: string; role: (typeof PROFILE_ROLES)[number]; regency?: string; json?: boolean },
        command: Command,
      ) => {
        await withSession(command.optsWithGlobals<GlobalOptions>(), async (session) => {
          const saved = await session.call('profile.save', {
            name: options.name,
            institution: options.institution,
            role: options.role,
            regencyCode: options.regency ?? null,
          });
          if (options.json) printJson(saved);
          else
            console.log(
              session.t('cli.profileSaved', {
                name: saved.name,
                institution: saved.institution || '—',
                role: session.t(`profile.roles.${saved.role}`),
              }),
            );
        });
      },
    );
}

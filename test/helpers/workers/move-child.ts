// A process that moves workspaces in, one after another, until it is killed: workspace file A,
// then B, then A…, each acknowledged on stdout only once installed. The crash-safety test kills
// it (SIGKILL) at random moments and checks the workspace is whole: all of A or all of B.
import { openWorkspaceHost } from '../../../electron/core/workspace/host.ts';

const [dataDir, resourcesDir, fileA, fileB] = process.argv.slice(2) as string[];
const host = await openWorkspaceHost(dataDir as string, {
  resourcesDir: resourcesDir as string,
  mode: 'web',
  appVersion: 'crash',
  fallbackActorName: 'crash',
});
process.stdout.write('ready\n');
for (let step = 0; ; step += 1) {
  const which = step % 2 === 0 ? 'A' : 'B';
  await host.importWorkspace((which === 'A' ? fileA : fileB) as string);
  process.stdout.write(`installed ${which}\n`);
}

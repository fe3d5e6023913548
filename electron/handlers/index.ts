import type { z } from 'zod';
import type { Channel, ChannelOutput, Contract } from '../../shared/ipc/contract.ts';
import type { Workspace } from '../workspace.ts';

export type HandlerInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Handlers = {
  [C in Channel]: (input: HandlerInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export interface HandlerEnvironment {
  mode: 'desktop' | 'web';
  appVersion: string;
}

/** One handler per channel of the contract, over the services of an open workspace. */
export function createHandlers(workspace: Workspace, environment: HandlerEnvironment): Handlers {
  return {
    'workspace.info': () => ({
      dataDir: workspace.dataDir,
      databasePath: workspace.databasePath,
      schemaVersion: workspace.schemaVersion(),
      appVersion: environment.appVersion,
      mode: environment.mode,
    }),
    'areas.list': () => workspace.areas.regencies,
    'areas.provinces': () => workspace.areas.provinces,
    'regencies.list': (filter) => workspace.regencies.list(filter),
    'regencies.add': (input) => workspace.regencies.add(input),
    'regencies.update': (input) => workspace.regencies.update(input),
    'regencies.remove': ({ code }) => workspace.regencies.remove(code),
    'profile.get': () => workspace.profile.get(),
    'profile.save': (input) => workspace.profile.save(input),
    'settings.get': () => workspace.settings.get(),
    'settings.save': (patch) => workspace.settings.save(patch),
    'rubrics.list': () => workspace.rubrics.list(),
    'rubrics.get': ({ id, version }) => workspace.rubrics.get(id, version),
    'rubrics.save': ({ rubric, asNew }) => workspace.rubrics.save(rubric, asNew),
    'rubrics.import': ({ fileName, contentBase64 }) =>
      workspace.rubrics.importFile(fileName, Buffer.from(contentBase64, 'base64')),
    'rubrics.export': async ({ id, version, format }) => {
      const file = await workspace.rubrics.exportFile(id, version, format);
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: file.data.toString('base64') };
    },
  };
}

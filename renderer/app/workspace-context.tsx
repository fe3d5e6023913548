import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Profile, ProfileInput } from '../../shared/domain/profile.ts';
import type { Settings, SettingsPatch } from '../../shared/domain/settings.ts';
import type { WorkspaceInfo } from '../../shared/ipc/contract.ts';
import { call } from '../api/client.ts';
import { channelKey, useChannel } from '../api/queries.ts';
import { applyLanguage } from '../i18n.ts';

export interface WorkspaceSnapshot {
  info: WorkspaceInfo;
  settings: Settings;
  profile: Profile | null;
}

interface WorkspaceState extends WorkspaceSnapshot {
  saveSettings(patch: SettingsPatch): Promise<Settings>;
  saveProfile(input: ProfileInput): Promise<Profile>;
  /** After another person takes the laptop (a new one, or one who worked here before): every read is theirs now. */
  profileChanged(profile: Profile): Promise<void>;
}

const WorkspaceContext = createContext<WorkspaceState | undefined>(undefined);

export async function loadWorkspaceSnapshot(): Promise<WorkspaceSnapshot> {
  const [info, settings, profile] = await Promise.all([call('workspace.info', {}), call('settings.get', {}), call('profile.get', {})]);
  return { info, settings, profile };
}

/** The workspace-wide facts every page needs: settings (language, pass mark), profile, where the data lives. */
export function WorkspaceProvider({ initial, children }: { initial: WorkspaceSnapshot; children: ReactNode }) {
  const client = useQueryClient();
  // Read once at start-up (the language is needed before the first render); changed only through the saves below.
  const settings =
    useChannel('settings.get', {}, { initialData: initial.settings, staleTime: Infinity, refetchOnWindowFocus: false }).data ??
    initial.settings;
  const profile =
    useChannel('profile.get', {}, { initialData: initial.profile, staleTime: Infinity, refetchOnWindowFocus: false }).data ??
    initial.profile;

  const saveSettings = useCallback(
    async (patch: SettingsPatch) => {
      const saved = await call('settings.save', patch);
      client.setQueryData(channelKey('settings.get', {}), saved);
      applyLanguage(saved.language);
      return saved;
    },
    [client],
  );

  const saveProfile = useCallback(
    async (input: ProfileInput) => {
      const saved = await call('profile.save', input);
      client.setQueryData(channelKey('profile.get', {}), saved);
      return saved;
    },
    [client],
  );

  const profileChanged = useCallback(
    async (changed: Profile) => {
      client.setQueryData(channelKey('profile.get', {}), changed);
      // What is mine, and what is hidden from me, changed with the person.
      await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'profile.get' });
    },
    [client],
  );

  const value = useMemo(
    () => ({ info: initial.info, settings, profile, saveSettings, saveProfile, profileChanged }),
    [initial.info, settings, profile, saveSettings, saveProfile, profileChanged],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/** The hub's ministry view: nothing can be changed here, so the actions that write are not shown. */
export function useReadOnly(): boolean {
  return useWorkspace().info.readOnly;
}

export function useWorkspace(): WorkspaceState {
  const state = useContext(WorkspaceContext);
  if (!state) throw new Error('useWorkspace outside WorkspaceProvider');
  return state;
}

import type { Workspace } from '../workspace.ts';
import type { FileLookup, UploadEndpoint } from './server.ts';

/** Web mode's upload and file routes, backed by a workspace's upload store and document files. */
export function workspaceFileRoutes(workspace: Pick<Workspace, 'uploads' | 'documents' | 'settings'>): {
  uploads: UploadEndpoint;
  files: FileLookup;
} {
  return {
    uploads: {
      begin: (fileName) => workspace.uploads.begin(fileName),
      discard: (id) => {
        const upload = workspace.uploads.take(id);
        if (upload) workspace.uploads.discard(upload);
      },
      limitBytes: () => workspace.settings.get().maxUploadMb * 1024 * 1024,
    },
    files: (id) => workspace.documents.filePath(id),
  };
}

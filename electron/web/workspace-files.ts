import type { Workspace } from '../core/workspace/open.ts';
import type { FileLookup, UploadEndpoint } from './server.ts';

/**
 * Web mode's upload and file routes, backed by the open workspace's upload store and
 * document files (asked for on each request: the open workspace can change, to the demo say).
 */
export function workspaceFileRoutes(current: () => Pick<Workspace, 'uploads' | 'documents' | 'settings'>): {
  uploads: UploadEndpoint;
  files: FileLookup;
} {
  return {
    uploads: {
      begin: (fileName) => current().uploads.begin(fileName),
      discard: (id) => {
        const uploads = current().uploads;
        const upload = uploads.take(id);
        if (upload) uploads.discard(upload);
      },
      limitBytes: () => current().settings.get().maxUploadMb * 1024 * 1024,
    },
    files: (id) => current().documents.filePath(id),
  };
}

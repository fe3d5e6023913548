import type { Workspace } from '../workspace/open.ts';

/** After the first screen has had the cores to itself. */
const WARM_AFTER_MS = 3000;

/**
 * Start the intake threads shortly after start-up, so that the first import does not
 * wait ~0.5 s for them and PDFium to load; never keeps the process alive.
 */
export function warmIntakeSoon(workspace: { imports: Pick<Workspace['imports'], 'warm'> }, delayMs = WARM_AFTER_MS): void {
  setTimeout(() => workspace.imports.warm(), delayMs).unref();
}

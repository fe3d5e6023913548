// An intake thread busy with a long import that never ends by itself.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {});

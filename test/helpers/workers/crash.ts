// An intake thread that fails as a real one might (a bug, or a library throwing outside any promise).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {
  setTimeout(() => {
    throw new Error('boom in the intake thread');
  });
});

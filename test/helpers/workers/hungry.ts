// An intake thread whose import keeps every byte it reads: a file that unpacks to more than memory holds.
import { parentPort } from 'node:worker_threads';

const kept: string[][] = [];
parentPort?.on('message', () => {
  for (;;) kept.push(Array.from({ length: 100_000 }, (_, index) => `row ${index} of sheet ${kept.length}`));
});

import { describe, expect, it } from 'vitest';
import { createImportRunner, type ImportJob } from '../../../electron/core/intake/jobs.ts';
import type { Upload } from '../../../electron/core/intake/uploads.ts';

function runner(worker: 'crash' | 'stuck' | 'hungry') {
  const finished: string[] = [];
  const logged: string[] = [];
  const imports = createImportRunner({
    databasePath: '/nonexistent/timbang.db',
    dataDir: '/nonexistent',
    lexicon: () => ({ topics: [] }) as never,
    actor: () => ({ id: 'test-person', name: 'Dr. Sari', role: 'assessor' }),
    maxBytes: () => 1024,
    workerUrl: new URL(`../../helpers/workers/${worker}.ts`, import.meta.url),
    onFinished: (job: ImportJob, upload: Upload) => finished.push(`${job.status} ${upload.fileName}`),
    log: (message) => logged.push(message),
    threadHeapLimitMb: 64,
  });
  const upload = (name: string): Upload => ({ id: name, path: `/nonexistent/${name}`, fileName: name, temporary: true });
  return { imports, upload, finished, logged };
}

describe('the import runner when a thread fails', () => {
  it('fails the job with a reference instead of ending the process, and runs the next import on a fresh thread', async () => {
    const { imports, upload, finished, logged } = runner('crash');
    const first = imports.start(upload('a.pdf'), 1, 'masterplan');
    const second = imports.start(upload('b.pdf'), 1, 'masterplan');
    const [a, b] = await Promise.all([imports.wait(first.id), imports.wait(second.id)]);
    expect(a).toMatchObject({
      status: 'failed',
      error: { code: 'internal', params: { reference: expect.stringMatching(/^[0-9a-f]{8}$/) } },
    });
    expect(b.status).toBe('failed');
    expect(finished).toEqual(['failed a.pdf', 'failed b.pdf']);
    expect(logged.some((message) => message.includes('intake thread failed'))).toBe(true);
    imports.close();
  });

  it('stops a thread that runs out of memory and says the file is too heavy to read', async () => {
    const { imports, upload } = runner('hungry');
    const job = await imports.wait(imports.start(upload('lampiran.xlsx'), 1, 'annex').id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'document.too_heavy', params: { file: 'lampiran.xlsx' } } });
    imports.close();
  });

  it('on close, fails the running import and drops the waiting ones, discarding their uploads, and starts nothing after', async () => {
    const { imports, upload, finished } = runner('stuck');
    const jobs = ['a.pdf', 'b.pdf', 'c.pdf'].map((name) => imports.start(upload(name), 1, 'masterplan'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(imports.list().map((job) => job.status)).toEqual(['running', 'queued', 'queued']);
    const waited = Promise.all(jobs.map((job) => imports.wait(job.id)));
    imports.close();
    const settled = await waited;
    expect(settled.map((job) => job.status)).toEqual(['failed', 'failed', 'failed']);
    expect(finished.sort()).toEqual(['failed a.pdf', 'failed b.pdf', 'failed c.pdf']);
    expect(() => imports.start(upload('d.pdf'), 1, 'masterplan')).toThrow(/closed/);
  });
});

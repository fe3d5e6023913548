import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../../helpers/cli.ts';
import { startBareHub, type BareHub } from '../../helpers/bare-hub.ts';
import { tempDir } from '../../helpers/temp.ts';

/** `timbang sync` as a user runs it, against a hub in this process (so the child runs asynchronously). */
function timbangAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LANG: 'C.UTF-8', TIMBANG_LANG: 'en' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('timbang sync', { timeout: 120_000 }, () => {
  let hub: BareHub;
  beforeAll(async () => {
    hub = await startBareHub();
  });
  afterAll(() => hub.stop());

  it('joins and syncs (exit 0), reports status, and exits 3 for a refused token and 4 for an unreachable hub', async () => {
    const dir = tempDir();
    const token = hub.invite();
    const first = await timbangAsync(['--data', dir, '--create', 'sync', '--hub', hub.url, '--token', token, '--json', '--timeout', '30']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ converged: true, refused: 0, pending: 0 });

    const status = await timbangAsync(['--data', dir, 'sync', 'status', '--json']);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      team: { hubUrl: hub.url, role: 'assessor', fingerprint: hub.fingerprint },
      pending: 0,
    });

    hub.revoke(token);
    const revoked = await timbangAsync(['--data', dir, 'sync', '--json', '--timeout', '30']);
    expect(revoked.status).toBe(3);
    expect(JSON.parse(revoked.stderr)).toMatchObject({ error: { code: 'sync.auth', params: { reason: 'revoked' } } });

    const elsewhere = await timbangAsync([
      '--data',
      tempDir(),
      '--create',
      'sync',
      '--hub',
      'http://127.0.0.1:1',
      '--token',
      hub.invite(),
      '--timeout',
      '10',
    ]);
    expect(elsewhere.status).toBe(4);
    expect(elsewhere.stderr).toMatch(/cannot be reached/);
  });
});

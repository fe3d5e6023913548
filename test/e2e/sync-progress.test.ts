import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_DOC, panelDocName } from '../../shared/sync/docs.ts';
import type { SubKey } from '../../shared/sync/record.ts';
import { addRecords } from '../../electron/core/sync/ydoc.ts';
import { acknowledged, connect, invite, joined, newPerson, recordBy, startHubChild, waitFor, type HubChild } from '../helpers/hub.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { tempDir } from '../helpers/temp.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

/**
 * A first sync on a poor hotspot: the hub already holds a dozen panels that another assessor made,
 * and every chunk from the hub arrives late (a slowed loopback proxy). While the pass runs, the
 * Sinkronkan button and its bar say how many documents are done of how many, and never go
 * backwards; when it ends, everything is here.
 */
const { open } = useWebSession();

const CODES = ['72.01', '73.71', '34.71', '33.74', '35.78', '32.73', '31.71', '51.71', '12.71', '64.72', '61.71', '71.71'];
const subOf = (code: string) => `${code}/bimtek3` as SubKey;

let hub: HubChild;
let proxy: TcpProxy;

beforeAll(async () => {
  hub = await startHubChild(tempDir());
  proxy = await startTcpProxy({ port: hub.port });
  // Sari's laptop has been here before: the regencies, their Bimtek 3 submissions, and her lead of each panel.
  const sari = newPerson('Dr. Sari Wulandari', invite(hub.dataDir, 'Dr. Sari Wulandari', 'assessor'));
  await joined(hub.url, hub.fingerprint, sari);
  const push = async (doc: string, records: ReturnType<typeof recordBy>[]) => {
    const client = connect(hub.url, sari.token, doc);
    await waitFor(() => client.events.synced > 0, `the first sync of ${doc}`);
    addRecords(client.doc, records);
    await waitFor(() => acknowledged(client), `the hub acknowledging ${doc}`);
    client.destroy();
  };
  await push(
    REGISTRY_DOC,
    CODES.flatMap((code) => [
      recordBy(sari, { kind: 'regency', code, cohortYear: 2026, stage: 3 }),
      recordBy(sari, { kind: 'submission', sub: subOf(code), title: null }),
    ]),
  );
  for (const code of CODES) {
    await push(panelDocName(subOf(code)), [recordBy(sari, { kind: 'lead', panel: { sub: subOf(code), rubric: 'masterplan-review' } })]);
  }
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await hub?.stop();
});

describe('Sinkronkan on a slow network', () => {
  it('counts the documents of a first sync as they arrive, in the button and a bar, then shows all of them here', async () => {
    const token = invite(hub.dataDir, 'Prof. Budi Santoso', 'assessor');
    const page = await open(tempDir(), '#/sync');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('heading', { name: 'Gabung ke tim' }).waitFor();
    await page.getByLabel('Token undangan atau tautan').fill(token);
    await page.getByLabel('Alamat hub').fill(proxy.url());
    proxy.slow(150);
    await page.getByRole('button', { name: 'Gabung', exact: true }).click();
    await page.getByRole('heading', { name: 'Status', exact: true }).waitFor({ timeout: 30_000 });

    // The pass that follows the join, on its way: "Menyinkronkan… n dari N dokumen".
    const bar = page.getByRole('progressbar');
    await bar.waitFor({ timeout: 30_000 });
    const counts: { done: number; total: number }[] = [];
    const button = page.getByRole('button', { name: /^Menyinkronkan… \d+ dari \d+ dokumen$/ });
    await button.waitFor();
    const read = async () => {
      const label = (await button.textContent({ timeout: 1_000 }).catch(() => null)) ?? '';
      const match = /(\d+) dari (\d+)/.exec(label);
      if (match) counts.push({ done: Number(match[1]), total: Number(match[2]) });
    };
    await read();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sync-progress-1366x768', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await bar.getAttribute('aria-label')).toMatch(/^Menyinkronkan… \d+ dari \d+ dokumen$/);

    // Until the passes end, the count only grows; at the end the button offers to sync again.
    const syncNow = page.getByRole('button', { name: 'Sinkronkan sekarang' });
    while (!(await syncNow.isVisible())) {
      await read();
      await page.waitForTimeout(200);
    }
    proxy.slow(0);
    expect(counts.length).toBeGreaterThan(0);
    for (const [index, count] of counts.entries()) {
      expect(count.done).toBeLessThanOrEqual(count.total);
      // A pass never counts backwards (a follow-up pass, for what the first one applied, counts afresh).
      const before = counts[index - 1];
      if (before && before.total === count.total) expect(count.done).toBeGreaterThanOrEqual(before.done);
    }
    // The registry and every panel: at least thirteen documents were taken on.
    expect(Math.max(...counts.map((count) => count.total))).toBeGreaterThanOrEqual(CODES.length + 1);
    await expect.poll(() => bar.count()).toBe(0);

    // Everything arrived: the twelve regencies are listed here, each by its code.
    await page.getByRole('navigation').getByRole('link', { name: 'Daerah' }).click();
    for (const code of CODES) await page.getByRole('row').filter({ hasText: code }).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'sync-progress-regencies-1366x768', { fullPage: false });
  });
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { seriousViolations } from './support/axe.ts';
import { screenshot } from './support/browser.ts';
import { useWebSession } from './support/session.ts';

const { open, start } = useWebSession();

const FINGERPRINT = '3f2a9b01c4d7e812';
const TOKEN = `tmb1.${FINGERPRINT}.${'Zk9_-'.repeat(8)}abc`;
/** A hub address where nothing listens (a low port fetch does not block, refused at once): the engine that `serve` runs answers that it is unreachable. */
const HUB = 'http://127.0.0.1:2';
const UNREACHABLE = 'Hub tidak dapat dihubungi \\(ECONNREFUSED\\)';

/** Press Tab until `target` has the focus; fails if it is not reached within `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let step = 0; step < limit; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

/** A record's text as the store keeps it: a body the service can read its submission and author's name from. */
function body(kind: string, fields: Record<string, unknown>, by: string, seq: number): string {
  return JSON.stringify({
    v: 1,
    author: `p-${by.split(' ')[0]?.toLowerCase()}`,
    by,
    seq,
    at: new Date(seq).toISOString(),
    kind,
    ...fields,
  });
}

/** What an engine would have written: this laptop in a team, a pending record, two refused and one not applied. */
function joinTeamBehindTheApp(dataDir: string): void {
  const db = new Database(join(dataDir, 'timbang.db'));
  db.pragma('busy_timeout = 5000');
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  const a = (person: string) => ({ sub: '72.01/bimtek3', rubric: 'masterplan-review', role: 'assessor', person });
  const insert = db.prepare(
    `INSERT INTO sync_record (id, text, signature, kind, author, seq, target, state, problem, origin, received_at)
     VALUES (?, ?, x'00', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(
      `INSERT INTO sync_team (id, hub_url, fingerprint, token, role, regencies, joined_at, last_sync_at) VALUES (1, ?, ?, ?, 'assessor', ?, ?, ?)`,
    ).run(HUB, FINGERPRINT, TOKEN, JSON.stringify(['72.01', '73.71']), iso(3 * 86_400_000), iso(5 * 60_000));
    const seq = now - 600_000;
    insert.run(
      'refusedScore0000000001',
      body('score', { a: a('p-budi'), c: 'GOV.1', value: 5, before: null }, 'Budi Santoso', seq),
      'score',
      'p-budi',
      seq,
      'x',
      'refused',
      'sync.bad_signature',
      'hub',
      iso(120_000),
    );
    insert.run(
      'refusedAgreed000000002',
      body(
        'agreed',
        { panel: { sub: '73.71/bimtek2', rubric: 'masterplan-review' }, c: 'GOV.2', value: 4, before: null, reason: '' },
        'Rina Planner',
        seq + 1,
      ),
      'agreed',
      'p-rina',
      seq + 1,
      'x',
      'refused',
      'sync.out_of_role',
      'file:banggai-2026-08-14.timbang-sync',
      iso(240_000),
    );
    insert.run(
      'notAppliedLead00000003',
      body('lead', { panel: { sub: '72.01/bimtek3', rubric: 'masterplan-review' } }, 'Agus Wibowo', seq + 2),
      'lead',
      'p-agus',
      seq + 2,
      'x',
      'not_applied',
      'panel.lead_taken',
      'hub',
      iso(60_000),
    );
    insert.run(
      'localScore000000000004',
      body('score', { a: a('p-sari'), c: 'GOV.3', value: 3, before: null }, 'Sari Wulandari', seq + 3),
      'score',
      'p-sari',
      seq + 3,
      'x',
      'applied',
      null,
      'local',
      iso(30_000),
    );
    db.prepare(`INSERT INTO sync_outbox (record_id, doc) VALUES ('localScore000000000004', 'panel/72.01/bimtek3')`).run();
  })();
  db.close();
}

describe('Sinkronkan', () => {
  it('before joining: explains syncing, refuses a malformed token, fills both fields from a link, and shows the app’s answer', async () => {
    const page = await open(tempDir(), '#/sync');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('heading', { level: 1, name: 'Sinkronkan' }).waitFor();
    await page.getByText(/Draf Anda tetap pribadi sampai Anda mengirimnya, dan kementerian hanya membaca/).waitFor();
    expect(await page.getByRole('link', { name: 'Sinkronkan' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('sync-indicator').count()).toBe(0);
    await page.getByRole('heading', { name: 'Tanpa jaringan' }).waitFor();
    await page.getByText(/hanya dapat diimpor setelah laptop ini bergabung dengan tim yang sama/).waitFor();
    expect(await page.locator('input[type="file"][accept=".timbang-sync"]').count()).toBe(1);

    // By keyboard: Tab to the token, type a broken one, Enter.
    const token = page.getByLabel('Token undangan atau tautan');
    const hub = page.getByLabel('Alamat hub');
    await tabTo(page, token);
    await page.keyboard.type('tmb1.3f2a9b01.kurang-panjang');
    await page.keyboard.press('Tab');
    await expect.poll(() => hub.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type(HUB);
    await page.keyboard.press('Enter');
    await page
      .getByRole('alert')
      .getByText(/^Token tidak sah\./)
      .waitFor();
    expect(await token.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => token.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot(page, 'sync-not-joined-1366x768', { fullPage: false });

    // A well-formed token but no address.
    await token.fill(TOKEN);
    await hub.fill('bukan alamat');
    await page.getByRole('button', { name: 'Gabung', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/^Alamat hub tidak sah\./)
      .waitFor();
    expect(await page.getByText(/^Token tidak sah/).count()).toBe(0);

    // The link the hub prints fills both fields.
    await hub.fill('');
    await token.fill(`timbang://join?hub=${encodeURIComponent(HUB)}&token=${TOKEN}`);
    await expect.poll(() => hub.inputValue()).toBe(HUB);
    expect(await token.inputValue()).toBe(TOKEN);
    await page.getByText('Alamat hub dan token diisi dari tautan.').waitFor();

    // Well-formed: the engine tries the hub and answers, here that nothing listens there.
    await token.press('Enter');
    await page.getByRole('alert').getByText(new RegExp(UNREACHABLE)).waitFor();
    await screenshot(page, 'sync-join-answer-1366x768', { fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('in a team: the hub to compare aloud, offline in words, what is pending, and the records that did not go in, in tabs', async () => {
    const dataDir = tempDir();
    const { page, server } = await start(dataDir);
    await page.goto(`${server.url}#/sync`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('heading', { name: 'Gabung ke tim' }).waitFor();
    joinTeamBehindTheApp(dataDir);

    // The page reads the status every few seconds: the team appears without a reload.
    await page.getByRole('heading', { name: 'Status', exact: true }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { name: 'Gabung ke tim' }).count()).toBe(0);
    await page.getByText(HUB, { exact: true }).waitFor();
    expect(await page.getByTestId('sync-fingerprint').textContent()).toBe('3f2a 9b01 c4d7 e812');
    await page.getByText(/^Luring: perubahan disimpan di laptop ini/).waitFor();
    expect(await page.getByTestId('sync-connection').locator('svg').count()).toBe(1);
    expect(await page.getByTestId('sync-pending').textContent()).toBe('1 catatan belum terkirim');
    expect(await page.getByTestId('sync-last').textContent()).toMatch(/^5 menit yang lalu \(\d{1,2} \w{3} \d{4}, \d{2}\.\d{2}\)$/);
    await page.getByText('72.01, 73.71', { exact: true }).waitFor();
    await page.getByText('Daftar ini terisi saat laptop ini terhubung ke hub.').waitFor();
    await page.getByRole('heading', { name: 'Berkas sinkron' }).waitFor();

    // The indicator beside the navigation item, in words.
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 20_000 }).toBe('luring · 1 belum terkirim');

    // The tabs with counts; refused first.
    const refused = page.getByRole('tab', { name: 'Ditolak 2' });
    const notApplied = page.getByRole('tab', { name: 'Tidak diterapkan 1' });
    const waiting = page.getByRole('tab', { name: 'Menunggu 0' });
    await refused.waitFor();
    expect(await refused.getAttribute('aria-selected')).toBe('true');
    const rows = page.getByTestId('sync-records').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const forged = page.locator('tr[data-record="refusedScore0000000001"] td');
    expect(await forged.allTextContents()).toEqual([
      'Nilai',
      'Budi Santoso',
      '72.01 · Bimtek 3',
      'Tanda tangan catatan tidak cocok dengan kunci penulisnya: catatan dipalsukan atau rusak di jalan.',
      'Hub',
      expect.stringMatching(/^\d{1,2} \w{3} \d{4}, \d{2}\.\d{2}$/),
    ]);
    const fromFile = page.locator('tr[data-record="refusedAgreed000000002"] td');
    expect((await fromFile.allTextContents()).slice(0, 3)).toEqual(['Nilai sepakat', 'Rina Planner', '73.71 · Bimtek 2']);
    expect(await fromFile.nth(4).textContent()).toBe('Berkas banggai-2026-08-14.timbang-sync');
    await page.getByRole('columnheader', { name: 'Penulis (menurut catatan)' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sync-team-1366x768', { fullPage: false });
    await screenshot(page, 'sync-team-1366x768-full');
    expect(await seriousViolations(page)).toEqual([]);

    // By keyboard: Tab to the next tab, Enter; then to the last, Space.
    await tabTo(page, notApplied);
    await page.keyboard.press('Enter');
    await expect.poll(() => notApplied.getAttribute('aria-selected')).toBe('true');
    await page.locator('tr[data-record="notAppliedLead00000003"]').waitFor();
    expect(await page.locator('tr[data-record="notAppliedLead00000003"] td').allTextContents()).toEqual([
      'Ketua panel',
      'Agus Wibowo',
      '72.01 · Bimtek 3',
      'Panel ini sudah diketuai penilai lain.',
      'Hub',
      expect.stringMatching(/\d{4}/),
    ]);
    await page.keyboard.press('Tab');
    await expect.poll(() => waiting.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await page.getByText('Tidak ada catatan yang menunggu.').waitFor();
    expect(await waiting.getAttribute('aria-selected')).toBe('true');

    // Sync now answers with the engine's message as a notice, and comes back ready.
    const syncNow = page.getByRole('button', { name: 'Sinkronkan sekarang' });
    await syncNow.click();
    await page.getByRole('status').getByText(new RegExp(UNREACHABLE)).waitFor();
    await expect.poll(() => syncNow.isEnabled()).toBe(true);

    // A projector, or the browser zoomed to 200%: half the width in CSS pixels, twice the pixels per one.
    const zoomed = await page
      .context()
      .browser()!
      .newContext({ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2, locale: 'id-ID' });
    try {
      const big = await zoomed.newPage();
      const errors: string[] = [];
      big.on('pageerror', (error) => errors.push(error.message));
      await big.goto(`${server.url}#/sync`);
      await big.getByTestId('sync-fingerprint').waitFor();
      // Below 900 CSS pixels the navigation stacks above the page: the status card is a scroll away.
      await big.getByRole('heading', { level: 1, name: 'Sinkronkan' }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await screenshot(big, 'sync-team-zoom-200', { fullPage: false });
      await big.getByRole('tab', { name: 'Ditolak 2' }).scrollIntoViewIfNeeded();
      await big.locator('tr[data-record="refusedScore0000000001"]').waitFor();
      await screenshot(big, 'sync-team-zoom-200-records', { fullPage: false });
      const widths = await big.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      expect(errors).toEqual([]);
    } finally {
      await zoomed.close();
    }
  });
});

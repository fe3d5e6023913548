// Renders resources/icon.svg to the 1024×1024 resources/icon.png that electron-builder
// turns into the Windows .ico, the macOS .icns and the Linux icons. Run after editing the SVG:
//   node scripts/render-icon.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../test/e2e/support/browser.ts';

const at = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const svg = readFileSync(at('resources/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(
  `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="1024" height="1024" ')}</body></html>`,
);
await page.screenshot({ path: at('resources/icon.png'), omitBackground: true });
await browser.close();

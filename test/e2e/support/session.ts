import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { tempDir } from '../../helpers/temp.ts';
import { launchBrowser, openPage } from './browser.ts';
import { startWebMode, type WebMode } from './web-mode.ts';

/**
 * One Chromium per test file; per test a fresh workspace served by `timbang serve`, and a
 * fresh browser context. After each test: no uncaught error and no console error (CSP
 * violations included) may have happened on the page.
 */
export function useWebSession() {
  let browser: Browser;
  let server: WebMode | undefined;
  let context: BrowserContext | undefined;
  let problems: string[] = [];
  let expected: RegExp[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await server?.stop();
    server = undefined;
    expect(problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)))).toEqual([]);
    problems = [];
    expected = [];
  });

  async function start(dataDir = tempDir()): Promise<{ page: Page; server: WebMode }> {
    server = await startWebMode(dataDir);
    const opened = await openPage(browser);
    problems = opened.problems;
    context = opened.page.context();
    return { page: opened.page, server };
  }

  /** Serve a workspace and open the app on it, ready for use. */
  async function open(dataDir = tempDir(), hash = ''): Promise<Page> {
    const { page, server: started } = await start(dataDir);
    await page.goto(`${started.url}${hash}`);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  /**
   * Console errors this test causes on purpose, e.g. the browser's own line for an API call
   * answered with 404 when the test asks for something that does not exist.
   */
  function expectConsoleErrors(...patterns: RegExp[]): void {
    expected.push(...patterns);
  }

  return { open, start, expectConsoleErrors };
}

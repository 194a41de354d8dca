import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Tests run against the server global-setup started; its URL arrives in the environment.
 * Every test also fails on an uncaught error in any page it opened (its own context and any
 * `browser.newContext()` for other members): a crashed React tree is a blank screen to a user.
 * The extra contexts are closed when the test ends.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
  // Playwright fixtures must destructure their dependencies, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.DIENHONG_E2E_URL;
    if (!url) throw new Error('DIENHONG_E2E_URL is not set: global-setup did not start the server');
    await use(url);
  },
  failOnPageErrors: [
    async ({ browser, context }, use) => {
      const errors: string[] = [];
      const watchPage = (page: Page) =>
        page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      const watch = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on('page', watchPage);
      };
      watch(context);
      const opened: BrowserContext[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const ctx = await newContext(...args);
        watch(ctx);
        opened.push(ctx);
        return ctx;
      };
      let seen: string[] = [];
      try {
        await use();
      } finally {
        browser.newContext = newContext;
        // What the pages threw while the test ran; tearing a page down may throw more.
        seen = [...errors];
        // The browser outlives the test: a member's laptops left open would keep their sync
        // connections and count against the server's per-member limit in later specs.
        await Promise.all(opened.map((ctx) => ctx.close().catch(() => {})));
      }
      expect(seen, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

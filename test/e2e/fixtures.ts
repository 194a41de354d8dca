import { test as base } from '@playwright/test';

/** Tests run against the server global-setup started; its URL arrives in the environment. */
export const test = base.extend({
  // Playwright fixtures must destructure their dependencies, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.DIENHONG_E2E_URL;
    if (!url) throw new Error('DIENHONG_E2E_URL is not set: global-setup did not start the server');
    await use(url);
  },
});

export { expect } from '@playwright/test';

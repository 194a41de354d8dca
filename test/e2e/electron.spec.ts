import { _electron as electron } from '@playwright/test';
import path from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary';
import { expect, test } from './fixtures';

const binary = findElectronBinary(path.resolve('.'));

test('the desktop shell opens the app with the bridge and no Node in the page', async ({
  baseURL,
}) => {
  if (binary === null) {
    const reason =
      'Electron binary is not installed on this machine (it cannot be downloaded here); the renderer is tested in Chromium instead.';
    console.log(`skipped: ${reason}`);
    test.skip(true, reason);
    return;
  }
  const app = await electron.launch({
    executablePath: binary,
    args: [path.resolve('dist/main/main.cjs'), `--server-url=${baseURL}/`, '--no-sandbox'],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByText('Phòng họp không giấy')).toBeVisible();
    expect(
      await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined');
    expect(
      await window.evaluate(() => typeof (window as unknown as { dienhong?: unknown }).dienhong),
    ).toBe('object');
    const info = await window.evaluate(() =>
      (
        window as unknown as { dienhong: { getAppInfo(): Promise<{ platform: string }> } }
      ).dienhong.getAppInfo(),
    );
    expect(info.platform).toBe('electron');
  } finally {
    await app.close();
  }
});

/**
 * electron-builder.yml, judged by electron-builder's own loader and schema validation (the
 * checks `npm run dist` runs first), and the Electron fuses the desktop app must ship with.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// app-builder-lib is electron-builder's engine; resolve it through electron-builder itself.
const requireFromBuilder = createRequire(require.resolve('electron-builder'));

interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } = requireFromBuilder(
  'app-builder-lib/out/util/config/config',
) as {
  getConfig(projectDir: string, configPath: string | null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debug: { isEnabled: boolean }): Promise<void>;
};

const load = () => getConfig(root, path.join(root, 'electron-builder.yml'));

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 schema validation', async () => {
    await expect(
      validateConfiguration(await load(), { isEnabled: false }),
    ).resolves.toBeUndefined();
  });

  it('ships with the Electron fuses locked down', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('the validator is a real judge: a misspelt fuse is refused', async () => {
    const config = await load();
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } };
    await expect(validateConfiguration(broken, { isEnabled: false })).rejects.toThrow(
      /configuration\.electronFuses should be/,
    );
  });
});

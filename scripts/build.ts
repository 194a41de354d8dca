/**
 * `npm run build`: the renderer (Vite) into dist/renderer, and the Electron main process and
 * preload (esbuild, CommonJS — a sandboxed preload cannot be an ES module) into dist/main.
 * `--if-missing` skips what is already built (npm start uses it).
 */
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ifMissing = process.argv.includes('--if-missing');

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

export async function buildMain(): Promise<void> {
  await esbuild({
    entryPoints: {
      main: path.join(root, 'main/main.ts'),
      preload: path.join(root, 'main/preload.ts'),
    },
    outdir: path.join(root, 'dist/main'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // pkcs11js is a native addon (.node): it is loaded from node_modules when a token is used,
    // never bundled.
    external: ['electron', 'pkcs11js'],
    sourcemap: true,
    logLevel: 'warning',
  });
}

async function main(): Promise<void> {
  if (!ifMissing || !existsSync(path.join(root, 'dist/renderer/index.html'))) {
    process.stdout.write('building the web client (dist/renderer)…\n');
    await buildRenderer();
  }
  if (!ifMissing || !existsSync(path.join(root, 'dist/main/main.cjs'))) {
    process.stdout.write('building the desktop shell (dist/main)…\n');
    await buildMain();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `build failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

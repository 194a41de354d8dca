import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => path.join(root, 'test/fixtures/lint/runtime', name);

/** Type-checks `files` with the compiler options (and global declarations) of `tsconfig`. */
function typeErrors(tsconfig: string, files: string[]): string[] {
  const configPath = path.join(root, tsconfig);
  const { config } = ts.readConfigFile(configPath, (p) => readFileSync(p, 'utf8'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  const globals = parsed.fileNames.filter((f) => f.endsWith('.d.ts'));
  const program = ts.createProgram([...globals, ...files], parsed.options);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('one tsconfig per runtime', () => {
  it('core has neither Node nor DOM types', () => {
    const errors = typeErrors('tsconfig.core.json', [fixture('core-types.ts')]);
    expect(errors.some((e) => e.includes("'Buffer'"))).toBe(true);
    expect(errors.some((e) => e.includes("'window'"))).toBe(true);
  });

  it('core has the web globals both runtimes share', () => {
    expect(typeErrors('tsconfig.core.json', [fixture('core-clean.ts')])).toEqual([]);
  });

  it('the renderer has the DOM and no Node types', () => {
    const errors = typeErrors('tsconfig.renderer.json', [fixture('renderer-types.ts')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'process'");
  });
});

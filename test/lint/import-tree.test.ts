import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderGraph } from '../../scripts/import-tree';

const root = path.resolve(__dirname, '../..');

describe('feature folders import each other as a tree', () => {
  it('renderer/src has no folder cycle, type imports and tests included', () => {
    const graph = folderGraph(path.join(root, 'renderer/src'));
    expect(graph.size).toBeGreaterThan(10);
    expect(folderCycles(graph)).toEqual([]);
  });

  it('the room composes the features, and features reach the room only through room-context', () => {
    const graph = folderGraph(path.join(root, 'renderer/src'));
    for (const feature of ['attendance', 'votes', 'documents', 'minutes']) {
      expect(graph.get('room')?.has(feature)).toBe(true);
      expect(graph.get(feature)?.has('room')).toBe(false);
    }
    expect(graph.get('votes')?.has('attendance')).toBe(false);
  });

  it('finds a cycle made only of type imports', () => {
    const graph = folderGraph(path.join(root, 'test/fixtures/lint/folders'));
    expect(folderCycles(graph)).toEqual([['alpha', 'beta', 'alpha']]);
  });
});

describe('import cycles (dpdm without -T, as npm run lint runs it)', () => {
  it.each([
    ['a cycle of value imports', 'test/fixtures/lint/cycle/a.ts'],
    ['a cycle of type imports', 'test/fixtures/lint/folders/alpha/alpha.ts'],
  ])('fails on %s', (_name, entry) => {
    const result = spawnSync(
      path.join(root, 'node_modules/.bin/dpdm'),
      ['--no-warning', '--no-tree', '--exit-code', 'circular:1', entry],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Circular Dependencies');
  });
});

/**
 * The feature folders of a source tree must import each other as a tree: `renderer/src/<folder>`
 * is a node, an import from a file in one folder of a file in another is an edge, and no chain of
 * edges may lead back to where it started. Type-only imports count (a type cycle is still a cycle
 * of ideas); test files count too. dpdm checks the same for single files in `npm run lint`.
 *
 * `tsx scripts/import-tree.ts renderer/src` prints any cycle and exits 1.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** folder → folders it imports, with one example import per edge (to say where to look). */
export type FolderGraph = Map<string, Map<string, string>>;

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file a relative specifier names, as the bundler would resolve it. */
function resolveRelative(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Every import, re-export and `import()` of every file under `srcDir`, folded onto its folders. */
export function folderGraph(srcDir: string): FolderGraph {
  const graph: FolderGraph = new Map();
  const folderOf = (file: string): string | null => {
    const parts = path.relative(srcDir, file).split(path.sep);
    return parts.length > 1 && parts[0] !== '..' ? (parts[0] ?? null) : null;
  };
  for (const file of sourceFiles(srcDir)) {
    const from = folderOf(file);
    if (from === null) continue;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    // preProcessFile sees `import type` and `export … from` too: nothing is elided.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveRelative(file, fileName);
      const to = target === null ? null : folderOf(target);
      if (to === null || to === from || edges.has(to)) continue;
      edges.set(to, `${path.relative(srcDir, file)} → ${fileName}`);
    }
  }
  return graph;
}

/** The folder cycles of a graph, each once, as `[a, b, …, a]`. */
export function folderCycles(graph: FolderGraph): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    seen.add(node);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const at = stack.indexOf(next);
      if (at >= 0) cycles.push([...stack.slice(at), next]);
      else if (!seen.has(next)) visit(next);
    }
    stack.pop();
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) if (!done.has(node)) visit(node);
  return cycles;
}

/** One line per cycle, with the import behind each step. */
export function describeCycle(graph: FolderGraph, cycle: readonly string[]): string {
  const steps = cycle.slice(1).map((to, i) => {
    const from = cycle[i] ?? '';
    return `  ${from} → ${to}   (${graph.get(from)?.get(to) ?? '?'})`;
  });
  return `${cycle.join(' → ')}\n${steps.join('\n')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  let failed = false;
  for (const dir of dirs) {
    const graph = folderGraph(path.resolve(dir));
    const cycles = folderCycles(graph);
    for (const cycle of cycles) process.stderr.write(`${dir}: ${describeCycle(graph, cycle)}\n`);
    if (cycles.length > 0) failed = true;
    else process.stdout.write(`${dir}: ${graph.size} folders import each other as a tree\n`);
  }
  process.exit(failed || dirs.length === 0 ? 1 : 0);
}

// Worker bootstrap: the server runs its TypeScript through tsx, which a worker thread does not
// inherit, so each worker loads its entry through tsx's own import API (also fine for .js).
import { workerData } from 'node:worker_threads';

const { tsImport } = await import('tsx/esm/api');
await tsImport(workerData.entry, import.meta.url);

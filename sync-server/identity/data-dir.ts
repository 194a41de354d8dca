import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where identity material lives in the data directory:
 *   ca/ca.pem, ca/ca-key.pem   the organisation CA made by `admin ca init` (key readable by its owner only)
 *   trust/*.pem                every CA certificate the server trusts for login (the own CA is copied here)
 *   demo/                      demo members' .p12 files and their password (only for demo data)
 */
export const identityPaths = (dataDir: string) => ({
  caCert: path.join(dataDir, 'ca', 'ca.pem'),
  caKey: path.join(dataDir, 'ca', 'ca-key.pem'),
  trustDir: path.join(dataDir, 'trust'),
  demoDir: path.join(dataDir, 'demo'),
});

/** The CA certificates trusted for login: every PEM file in `<dataDir>/trust`. */
export async function loadTrustedCas(dataDir: string): Promise<string[]> {
  const dir = identityPaths(dataDir).trustDir;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = (await readdir(dir)).filter((f) => f.endsWith('.pem')).sort();
  return Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
}

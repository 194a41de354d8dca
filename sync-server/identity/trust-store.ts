/**
 * The organisation's trust list on disk, in <dataDir>/trust:
 *   trust-list.json     named CA certificates with purposes (login, signing) and required policies
 *   *.pem               legacy / zero-setup anchors (the own CA as own-ca.pem): trusted for both
 *   intermediates/*.pem the local intermediate cache used to complete members' chains
 * Writes are durable (node-shared/atomic-write); re-read at each use, so no restart is needed.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pemDecodeAll } from '../../core/crypto/encoding';
import { certificateInfo, certificatePemFromDer } from '../../core/identity/certificate';
import { IdentityError } from '../../core/identity/errors';
import type { TrustPurpose } from '../../core/identity/purpose';
import {
  parseTrustList,
  validateAnchor,
  type TrustAnchor,
  type TrustList,
} from '../../core/identity/trust-list';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import { identityPaths } from './data-dir';

const trustListPath = (dataDir: string) =>
  path.join(identityPaths(dataDir).trustDir, 'trust-list.json');
const intermediatesDir = (dataDir: string) =>
  path.join(identityPaths(dataDir).trustDir, 'intermediates');

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Only what trust-list.json holds (what the admin CLI manages). */
async function loadListed(dataDir: string): Promise<TrustList> {
  const text = await readIfExists(trustListPath(dataDir));
  if (text === null) return { version: 1, anchors: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new IdentityError('trust-invalid', `${trustListPath(dataDir)} is not JSON.`);
  }
  return parseTrustList(json);
}

/** Every PEM file in trust/ as anchors for both purposes, one per certificate. */
async function loadLegacyPems(dataDir: string): Promise<TrustAnchor[]> {
  const dir = identityPaths(dataDir).trustDir;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = (await readdir(dir)).filter((f) => f.endsWith('.pem')).sort();
  const anchors: TrustAnchor[] = [];
  for (const file of files) {
    const blocks = pemDecodeAll(await readFile(path.join(dir, file), 'utf8')).filter(
      (b) => b.label === 'CERTIFICATE',
    );
    blocks.forEach((block, i) =>
      anchors.push({
        name:
          blocks.length === 1
            ? file.replace(/\.pem$/, '')
            : `${file.replace(/\.pem$/, '')}-${i + 1}`,
        purposes: ['login', 'signing'],
        certificatePem: certificatePemFromDer(block.der),
        requiredPolicies: [],
      }),
    );
  }
  return anchors;
}

/** The effective trust list: trust-list.json plus the PEM files of trust/. */
export async function loadTrustList(dataDir: string): Promise<TrustList> {
  const listed = await loadListed(dataDir);
  const legacy = await loadLegacyPems(dataDir);
  const listedFingerprints = new Set(
    listed.anchors.map((a) => certificateInfo(a.certificatePem).fingerprintSha256Hex),
  );
  return {
    version: 1,
    anchors: [
      ...listed.anchors,
      ...legacy.filter(
        (a) => !listedFingerprints.has(certificateInfo(a.certificatePem).fingerprintSha256Hex),
      ),
    ],
  };
}

/** PEM texts of the anchors for one purpose (what older call sites take). */
export async function trustedPemsFor(dataDir: string, purpose: TrustPurpose): Promise<string[]> {
  const list = await loadTrustList(dataDir);
  return list.anchors.filter((a) => a.purposes.includes(purpose)).map((a) => a.certificatePem);
}

/** Adds (or replaces, by name) an anchor in trust-list.json; throws trust-invalid. */
export async function putTrustAnchor(dataDir: string, anchor: TrustAnchor): Promise<TrustAnchor> {
  const checked = validateAnchor(anchor);
  const list = await loadListed(dataDir);
  const anchors = [...list.anchors.filter((a) => a.name !== checked.name), checked];
  await saveListed(dataDir, { version: 1, anchors });
  return checked;
}

/** Removes an anchor by name; false when there was none. */
export async function removeTrustAnchor(dataDir: string, name: string): Promise<boolean> {
  const list = await loadListed(dataDir);
  const anchors = list.anchors.filter((a) => a.name !== name.normalize('NFC'));
  if (anchors.length === list.anchors.length) return false;
  await saveListed(dataDir, { version: 1, anchors });
  return true;
}

async function saveListed(dataDir: string, list: TrustList): Promise<void> {
  await writeFileAtomic(trustListPath(dataDir), `${JSON.stringify(list, null, 2)}\n`, {
    mode: 0o644,
    createDirs: true,
  });
}

/** DER of every cached intermediate CA certificate. */
export async function loadIntermediates(dataDir: string): Promise<Uint8Array[]> {
  const dir = intermediatesDir(dataDir);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.pem')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const ders: Uint8Array[] = [];
  for (const file of files) {
    for (const block of pemDecodeAll(await readFile(path.join(dir, file), 'utf8')))
      if (block.label === 'CERTIFICATE') ders.push(block.der);
  }
  return ders;
}

/** Caches an intermediate CA certificate (by fingerprint); throws cert-* / trust-invalid. */
export async function addIntermediate(
  dataDir: string,
  input: Uint8Array | string,
): Promise<string> {
  const info = certificateInfo(input);
  if (!info.isCa)
    throw new IdentityError('trust-invalid', 'An intermediate must be a CA certificate.');
  await writeFileAtomic(
    path.join(intermediatesDir(dataDir), `${info.fingerprintSha256Hex}.pem`),
    certificatePemFromDer(info.der),
    { mode: 0o644, createDirs: true },
  );
  return info.fingerprintSha256Hex;
}

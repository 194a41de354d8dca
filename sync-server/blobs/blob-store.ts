import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import { CodedError } from '../../core/errors/coded-error';

const SHA256 = /^[0-9a-f]{64}$/;

export class BlobError extends CodedError<'blob-bad-hash' | 'blob-hash-mismatch' | 'blob-empty'> {
  override readonly name = 'BlobError';
}

export const isSha256Hex = (value: string): boolean => SHA256.test(value);

/**
 * Content-addressed files under `<dataDir>/blobs/<first two hex>/<sha256>`. A blob is written
 * to a temporary file, fsynced, checked against its hash and only then renamed into place,
 * so a stored blob is always complete and always what its name says.
 */
export class BlobStore {
  constructor(private readonly root: string) {}

  static forDataDir(dataDir: string): BlobStore {
    return new BlobStore(path.join(dataDir, 'blobs'));
  }

  private pathOf(sha256: string): string {
    if (!isSha256Hex(sha256))
      throw new BlobError('blob-bad-hash', 'A blob is named by a lower-case SHA-256.');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (error) {
      if (error instanceof BlobError) throw error;
      return null;
    }
  }

  /** Stores `bytes` under `expectedSha256`; refuses (and keeps nothing) when they differ. */
  async put(expectedSha256: string, bytes: Uint8Array): Promise<{ created: boolean }> {
    const target = this.pathOf(expectedSha256);
    if (bytes.byteLength === 0) throw new BlobError('blob-empty', 'The file is empty.');
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expectedSha256) {
      throw new BlobError(
        'blob-hash-mismatch',
        `The file's SHA-256 is ${actual}, not ${expectedSha256}.`,
      );
    }
    if ((await this.size(expectedSha256)) !== null) return { created: false };
    await writeFileAtomic(target, bytes, { mode: 0o600, createDirs: true });
    return { created: true };
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}

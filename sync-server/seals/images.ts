/**
 * Signature images and the seal as records: the PNG as uploaded (checked and decoded first, so
 * only readable PNGs within the limits are kept) with its size. One record per member, one seal.
 */
import type { SignatureImageView } from '../../core/api/routes-seals';
import { decodePngImage } from '../../node-shared/images/png-image';
import type { JsonValue, RecordStore } from '../store/types';

interface StoredImage {
  png: string;
  width: number;
  height: number;
}

const memberKey = (memberId: string) => `signature-image/${memberId}`;
const SEAL_KEY = 'seal/organisation';

/** The organisation's seal and members' signature images, by key. */
export class SignatureImages {
  constructor(private readonly records: RecordStore) {}

  /** Checks `png` (SignatureImageError when it is no usable PNG) and keeps it. */
  private async put(key: string, png: Uint8Array): Promise<SignatureImageView> {
    const { width, height } = decodePngImage(png);
    const stored: StoredImage = { png: Buffer.from(png).toString('base64'), width, height };
    await this.records.put(key, stored as unknown as JsonValue);
    return { width, height, bytes: png.length };
  }

  private async get(key: string): Promise<Uint8Array | null> {
    const stored = (await this.records.get(key)) as StoredImage | undefined;
    return stored ? new Uint8Array(Buffer.from(stored.png, 'base64')) : null;
  }

  putMemberImage(memberId: string, png: Uint8Array): Promise<SignatureImageView> {
    return this.put(memberKey(memberId), png);
  }

  memberImage(memberId: string): Promise<Uint8Array | null> {
    return this.get(memberKey(memberId));
  }

  putSeal(png: Uint8Array): Promise<SignatureImageView> {
    return this.put(SEAL_KEY, png);
  }

  seal(): Promise<Uint8Array | null> {
    return this.get(SEAL_KEY);
  }
}

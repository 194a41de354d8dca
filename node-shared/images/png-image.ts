/**
 * A signature or seal image from a PNG file, decoded at the edge (server upload, admin CLI,
 * desktop main) into the raster core/signing draws: PNG only, bounded in bytes and pixels,
 * transparency kept. Anything else is refused with a stable code and nothing is kept.
 */
import { PNG } from 'pngjs';
import { APPEARANCE_IMAGE_MAX_SIDE, type AppearanceImage } from '../../core/signing';
import { CodedError } from '../../core/errors/coded-error';

/** A seal scanned at 600 dpi fits easily; a photo of a page does not belong here. */
export const SIGNATURE_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

export type SignatureImageErrorCode = 'image-not-png' | 'image-too-large' | 'image-invalid';

export class SignatureImageError extends CodedError<SignatureImageErrorCode> {
  override readonly name = 'SignatureImageError';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads only the header's width and height (IHDR), before any pixels are inflated. */
function headerSize(bytes: Uint8Array): [number, number] {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    throw new SignatureImageError('image-invalid', 'The PNG file has no image header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

export function decodePngImage(bytes: Uint8Array): AppearanceImage {
  if (bytes.length > SIGNATURE_IMAGE_MAX_BYTES)
    throw new SignatureImageError(
      'image-too-large',
      `The image is larger than ${SIGNATURE_IMAGE_MAX_BYTES / 1024 / 1024} MiB.`,
    );
  if (PNG_SIGNATURE.some((b, i) => bytes[i] !== b))
    throw new SignatureImageError('image-not-png', 'The image must be a PNG file.');
  const [w, h] = headerSize(bytes);
  if (w < 1 || h < 1 || w > APPEARANCE_IMAGE_MAX_SIDE || h > APPEARANCE_IMAGE_MAX_SIDE)
    throw new SignatureImageError(
      'image-too-large',
      `The image must be at most ${APPEARANCE_IMAGE_MAX_SIDE} pixels on each side.`,
    );
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (cause) {
    throw new SignatureImageError(
      'image-invalid',
      `The PNG file cannot be read: ${(cause as Error).message}`,
    );
  }
  const { width, height, data } = png;
  const rgb = new Uint8Array(width * height * 3);
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    rgb[i * 3] = data[i * 4] ?? 0;
    rgb[i * 3 + 1] = data[i * 4 + 1] ?? 0;
    rgb[i * 3 + 2] = data[i * 4 + 2] ?? 0;
    alpha[i] = data[i * 4 + 3] ?? 255;
  }
  return { width, height, rgb, alpha };
}

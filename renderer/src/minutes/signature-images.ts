/**
 * The images a signer draws in the minutes' signature (Decree 30/2020, electronic documents):
 * the member's own signature image, and for the chair — who signs for the body — the seal.
 * Fetched as the PNGs the server kept (core/api/routes-seals.ts) and decoded by the browser
 * into the raster core/signing draws; none uploaded: the signature shows its text only.
 */
import type { MinutesField } from '../../../core/api/minutes';
import type { AppearanceImage, SignatureImages } from '../../../core/signing';
import { ApiError, api } from '../api/client';

async function decodePng(bytes: ArrayBuffer): Promise<AppearanceImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
    });
  } catch {
    throw new ApiError(null, 'image-invalid', 'The image cannot be decoded here.');
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (!context) throw new ApiError(null, 'image-invalid', 'The image cannot be decoded here.');
  context.drawImage(bitmap, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  bitmap.close();
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

/** The PNG behind `fetch`, decoded; null when none was uploaded. */
async function optional(fetch: () => Promise<Response>): Promise<AppearanceImage | null> {
  try {
    return await decodePng(await (await fetch()).arrayBuffer());
  } catch (error) {
    if (error instanceof ApiError && error.code === 'image-not-found') return null;
    throw error;
  }
}

export async function signingImages(
  memberId: string,
  field: MinutesField,
): Promise<SignatureImages | undefined> {
  const signature = await optional(() => api.send('signatureImage', { params: { memberId } }));
  const seal = field === 'chair' ? await optional(() => api.send('seal')) : null;
  if (!signature && !seal) return undefined;
  return { ...(signature ? { signature } : {}), ...(seal ? { seal } : {}) };
}

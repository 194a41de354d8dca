/**
 * Signature and seal images in a signature's appearance (Decree 30/2020, Phụ lục I, for
 * electronic documents): the signer's signature image centred in the field, between the
 * position printed above it and the name printed below; the organisation's seal over about one
 * third of the signature image, on its left. Images come in decoded (the caller decodes and
 * checks the PNG at the edge) and go out as image XObjects with a soft mask for transparency.
 */
import { SigningError } from './errors';
import type { UpdatedObject } from './pdf-incremental';
import { PdfDict, PdfName, type PdfRef } from './pdf-objects';

/** 8-bit RGB pixels, row by row from the top, and optional 8-bit alpha (255 = opaque). */
export interface AppearanceImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 3 bytes. */
  readonly rgb: Uint8Array;
  /** width × height bytes; absent: opaque. */
  readonly alpha?: Uint8Array;
}

export interface SignatureImages {
  readonly signature?: AppearanceImage;
  readonly seal?: AppearanceImage;
}

/** Largest side accepted, in pixels: a 600 dpi image of a 10 cm seal is 2362 px. */
export const APPEARANCE_IMAGE_MAX_SIDE = 4000;

/** Throws APPEARANCE_IMAGE_INVALID unless `image` is a consistent raster of sensible size. */
export function checkAppearanceImage(image: AppearanceImage, what: string): void {
  const { width, height } = image;
  const side = (n: number) => Number.isInteger(n) && n >= 1 && n <= APPEARANCE_IMAGE_MAX_SIDE;
  if (!side(width) || !side(height))
    throw new SigningError(
      'APPEARANCE_IMAGE_INVALID',
      `The ${what} image must be 1–${APPEARANCE_IMAGE_MAX_SIDE} pixels on each side`,
    );
  if (
    image.rgb.length !== width * height * 3 ||
    (image.alpha && image.alpha.length !== width * height)
  )
    throw new SigningError(
      'APPEARANCE_IMAGE_INVALID',
      `The ${what} image's pixel data does not match its size`,
    );
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(data)])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface ImageStream {
  readonly dict: PdfDict;
  readonly data: Uint8Array;
}

/** The image XObject (and its soft mask when the image has alpha), deflated. */
export async function imageStreams(
  image: AppearanceImage,
): Promise<{ image: ImageStream; smask?: ImageStream }> {
  const stream = async (pixels: Uint8Array, colorSpace: string): Promise<ImageStream> => {
    const data = await deflate(pixels);
    const dict = new PdfDict([
      ['Type', new PdfName('XObject')],
      ['Subtype', new PdfName('Image')],
      ['Width', image.width],
      ['Height', image.height],
      ['ColorSpace', new PdfName(colorSpace)],
      ['BitsPerComponent', 8],
      ['Filter', new PdfName('FlateDecode')],
      ['Length', data.length],
    ]);
    return { dict, data };
  };
  const rgb = await stream(image.rgb, 'DeviceRGB');
  if (!image.alpha || image.alpha.every((a) => a === 255)) return { image: rgb };
  return { image: rgb, smask: await stream(image.alpha, 'DeviceGray') };
}

/** A placed image: its lower-left corner and size in the appearance's own space. */
export interface ImagePlacement {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ImageLayout {
  readonly signature?: ImagePlacement;
  readonly seal?: ImagePlacement;
  /** Height of the band at the bottom left for the text lines (name, role, time). */
  readonly textHeight: number;
}

/** `w × h` scaled to fit `maxW × maxH`, keeping its proportions. */
function fit(w: number, h: number, maxW: number, maxH: number): [number, number] {
  const scale = Math.max(0, Math.min(maxW / w, maxH / h));
  return [w * scale, h * scale];
}

/**
 * Where the images go in a `width × height` box: the text keeps the bottom third, the
 * signature image is centred above it, and the seal (as tall as the box allows) covers the
 * signature's left third, drawn over it.
 */
export function layoutImages(width: number, height: number, images: SignatureImages): ImageLayout {
  const padding = Math.min(3, width / 20, height / 20);
  const textHeight = images.signature || images.seal ? height * 0.32 : height;
  const top = height - padding;
  const areaBottom = textHeight;
  let signature: ImagePlacement | undefined;
  if (images.signature) {
    const [w, h] = fit(
      images.signature.width,
      images.signature.height,
      width * 0.6,
      top - areaBottom,
    );
    signature = {
      x: (width - w) / 2,
      y: areaBottom + (top - areaBottom - h) / 2,
      width: w,
      height: h,
    };
  }
  let seal: ImagePlacement | undefined;
  if (images.seal) {
    const [w, h] = fit(images.seal.width, images.seal.height, width / 2, height - 2 * padding);
    // Its right edge a third of the way into the signature image (the field's centre without one).
    const right = signature ? signature.x + signature.width / 3 : width / 2;
    seal = { x: Math.max(padding, right - w), y: (height - h) / 2, width: w, height: h };
  }
  return {
    ...(signature ? { signature } : {}),
    ...(seal ? { seal } : {}),
    textHeight,
  };
}

/**
 * The image objects of an appearance, numbered by `allocate`: each image (checked first) and
 * its soft mask, ready for the incremental update, and the refs the appearance draws.
 */
export async function appearanceImageObjects(
  images: SignatureImages,
  allocate: () => PdfRef,
): Promise<{ refs: { signature?: PdfRef; seal?: PdfRef }; updates: UpdatedObject[] }> {
  const refs: { signature?: PdfRef; seal?: PdfRef } = {};
  const updates: UpdatedObject[] = [];
  for (const key of ['signature', 'seal'] as const) {
    const image = images[key];
    if (!image) continue;
    checkAppearanceImage(image, key);
    const { image: stream, smask } = await imageStreams(image);
    const ref = allocate();
    if (smask) {
      const maskRef = allocate();
      stream.dict.set('SMask', maskRef);
      updates.push({ ref: maskRef, value: smask.dict, streamData: smask.data });
    }
    updates.push({ ref, value: stream.dict, streamData: stream.data });
    refs[key] = ref;
  }
  return { refs, updates };
}

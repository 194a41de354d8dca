/** Stream decoding for what object and xref streams use: FlateDecode with PNG predictors. */
import { SigningError } from './errors';
import { PdfDict, PdfName, type PdfStream } from './pdf-objects';

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  // DecompressionStream is a web standard present in Node 18+, browsers and Electron.
  const stream = new Blob([new Uint8Array(data)])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function unpredictPng(data: Uint8Array, columns: number, colors: number, bpc: number): Uint8Array {
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLength = Math.ceil((columns * colors * bpc) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const src = r * (rowLength + 1) + 1;
    const dst = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const x = data[src + i] ?? 0;
      const left = i >= bpp ? (out[dst + i - bpp] ?? 0) : 0;
      const up = r > 0 ? (out[dst - rowLength + i] ?? 0) : 0;
      const upLeft = r > 0 && i >= bpp ? (out[dst - rowLength + i - bpp] ?? 0) : 0;
      let v = x;
      if (type === 1) v = x + left;
      else if (type === 2) v = x + up;
      else if (type === 3) v = x + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

/** Decoded stream data; only the filters object and xref streams need are supported. */
export async function decodeStream(stream: PdfStream): Promise<Uint8Array> {
  const filter = stream.dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  const parmsValue = stream.dict.get('DecodeParms');
  const parmsList = Array.isArray(parmsValue) ? parmsValue : [parmsValue];
  let data = stream.data;
  for (const [i, f] of filters.entries()) {
    if (!(f instanceof PdfName) || f.name !== 'FlateDecode') {
      throw new SigningError('PDF_UNSUPPORTED', `Unsupported stream filter in a structural stream`);
    }
    try {
      data = await inflate(data);
    } catch {
      throw new SigningError(
        'PDF_MALFORMED',
        'A compressed structural stream of the PDF is damaged',
      );
    }
    const parms = parmsList[i];
    if (parms instanceof PdfDict) {
      const predictor = parms.get('Predictor');
      const num = (key: string, fallback: number): number => {
        const v = parms.get(key);
        return typeof v === 'number' ? v : fallback;
      };
      if (typeof predictor === 'number' && predictor >= 10) {
        data = unpredictPng(data, num('Columns', 1), num('Colors', 1), num('BitsPerComponent', 8));
      } else if (typeof predictor === 'number' && predictor > 1) {
        throw new SigningError('PDF_UNSUPPORTED', 'TIFF predictors are not supported');
      }
    }
  }
  return data;
}

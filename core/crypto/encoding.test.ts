import { describe, expect, it } from 'vitest';
import {
  EncodingError,
  base64Decode,
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  binaryStringToBytes,
  bytesToBinaryString,
  pemDecode,
  pemDecodeAll,
  pemEncode,
  utf8Decode,
  utf8Encode,
} from './encoding';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('utf8', () => {
  it('round-trips Vietnamese and astral characters', () => {
    for (const text of ['Nguyễn Tiến Sỹ', 'Tán thành', '😀 ok', '']) {
      expect(utf8Decode(utf8Encode(text))).toBe(text);
    }
    expect([...utf8Encode('ễ')]).toEqual([0xe1, 0xbb, 0x85]);
  });

  it('refuses invalid UTF-8 instead of inventing replacement characters', () => {
    expect(() => utf8Decode(Uint8Array.of(0xc3))).toThrow(EncodingError);
    expect(() => utf8Decode(Uint8Array.of(0xff, 0x41))).toThrow(EncodingError);
  });
});

describe('base64', () => {
  // RFC 4648 §10 test vectors.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('encodes %j as %j and back', (plain, encoded) => {
    expect(base64Encode(ascii(plain))).toBe(encoded);
    expect(base64Decode(encoded)).toEqual(ascii(plain));
  });

  it('uses the URL alphabet without padding for base64url', () => {
    const bytes = Uint8Array.of(0xfb, 0xff, 0xbf);
    expect(base64Encode(bytes)).toBe('+/+/');
    expect(base64UrlEncode(bytes)).toBe('-_-_');
    expect(base64UrlEncode(ascii('f'))).toBe('Zg');
    expect(base64UrlDecode('Zg')).toEqual(ascii('f'));
    expect(base64UrlDecode('-_-_')).toEqual(bytes);
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64Decode(base64Encode(all))).toEqual(all);
    expect(base64UrlDecode(base64UrlEncode(all))).toEqual(all);
  });

  it('refuses malformed text', () => {
    for (const bad of ['Zg=', 'Z', 'Zh==', 'Zm9v!', 'Zm 9v', 'Zg==Zg==']) {
      expect(() => base64Decode(bad), bad).toThrow(EncodingError);
    }
    expect(() => base64UrlDecode('+/+/')).toThrow(EncodingError);
  });
});

describe('binary strings', () => {
  it('map one char to one byte both ways, also for large inputs', () => {
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
    expect(binaryStringToBytes(bytesToBinaryString(big))).toEqual(big);
    expect(() => binaryStringToBytes('ễ')).toThrow(EncodingError);
  });
});

describe('pem', () => {
  it('wraps at 64 characters and reads back, skipping text between blocks', () => {
    const der = Uint8Array.from({ length: 100 }, (_, i) => i);
    const pem = pemEncode(der, 'CERTIFICATE');
    expect(pem.split('\n')[1]).toHaveLength(64);
    expect(pemDecode(pem, ['CERTIFICATE'])).toEqual(der);
    const bundle = `Bag Attributes\n    friendlyName: x\n${pem}subject=...\n${pemEncode(Uint8Array.of(1), 'PRIVATE KEY').replace(/\n/g, '\r\n')}`;
    expect(pemDecodeAll(bundle).map((b) => b.label)).toEqual(['CERTIFICATE', 'PRIVATE KEY']);
    expect(pemDecode(bundle, ['PRIVATE KEY'])).toEqual(Uint8Array.of(1));
    expect(() => pemDecode(pem, ['PRIVATE KEY'])).toThrow(EncodingError);
  });
});

import { describe, expect, it } from 'vitest';
import { CURVE_BYTES, ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-signature';
import { seededRandom as prng } from '../testing/seeded-random';

/** Random r||s with the edge cases DER cares about: leading zero bytes and a set top bit. */
function randomRaw(next: () => number, width: number): Uint8Array {
  const raw = new Uint8Array(2 * width);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(next() * 256);
  for (const half of [0, width]) {
    const shape = Math.floor(next() * 4);
    if (shape === 0) raw.fill(0, half, half + 1 + Math.floor(next() * 4)); // short integer
    if (shape === 1) raw[half] = (raw[half] ?? 0) | 0x80; // needs a 0x00 pad in DER
  }
  return raw;
}

describe('ECDSA signature encodings', () => {
  for (const [curve, width] of Object.entries(CURVE_BYTES)) {
    it(`round-trips random ${curve} signatures raw → DER → raw (seeded)`, () => {
      const seed = 20261202 + width;
      const next = prng(seed);
      for (let i = 0; i < 500; i++) {
        const raw = randomRaw(next, width);
        const der = ecdsaRawToDer(raw);
        expect(der[0], `seed ${seed} #${i}`).toBe(0x30);
        expect(ecdsaDerToRaw(der, width), `seed ${seed} #${i}`).toEqual(raw);
      }
    });
  }

  it('encodes minimal, non-negative INTEGERs', () => {
    const raw = new Uint8Array(64);
    raw[31] = 1; // r = 1
    raw[32] = 0x80; // s has its top bit set
    const der = ecdsaRawToDer(raw);
    expect(Array.from(der.subarray(0, 7))).toEqual([0x30, 38, 0x02, 1, 1, 0x02, 33]);
    expect(der[7]).toBe(0);
    expect(der[8]).toBe(0x80);
  });

  it('uses the long length form for P-521', () => {
    const raw = new Uint8Array(132).fill(0xff);
    const der = ecdsaRawToDer(raw);
    expect(Array.from(der.subarray(0, 3))).toEqual([0x30, 0x81, 2 * (2 + 67)]);
    expect(ecdsaDerToRaw(der, 66)).toEqual(raw);
  });

  it('rejects what is not a strict DER Ecdsa-Sig-Value', () => {
    const good = ecdsaRawToDer(Uint8Array.from({ length: 64 }, (_, i) => i + 1));
    const cases: [string, Uint8Array, number][] = [
      ['empty', new Uint8Array(0), 32],
      ['trailing byte', Uint8Array.from([...good, 0]), 32],
      ['truncated', good.subarray(0, good.length - 1), 32],
      ['wrong outer tag', Uint8Array.from([0x31, ...good.subarray(1)]), 32],
      ['integer too wide for the curve', good, 16],
      ['negative r', Uint8Array.of(0x30, 6, 0x02, 1, 0x80, 0x02, 1, 1), 32],
      ['non-minimal r', Uint8Array.of(0x30, 7, 0x02, 2, 0, 1, 0x02, 1, 1), 32],
      ['empty r', Uint8Array.of(0x30, 5, 0x02, 0, 0x02, 1, 1), 32],
      ['only r', Uint8Array.of(0x30, 3, 0x02, 1, 1), 32],
      ['three integers', Uint8Array.of(0x30, 9, 2, 1, 1, 2, 1, 1, 2, 1, 1), 32],
      ['non-minimal length', Uint8Array.of(0x30, 0x81, 6, 2, 1, 1, 2, 1, 1), 32],
    ];
    for (const [what, der, width] of cases) expect(ecdsaDerToRaw(der, width), what).toBeNull();
    expect(() => ecdsaRawToDer(new Uint8Array(3))).toThrow(RangeError);
  });
});

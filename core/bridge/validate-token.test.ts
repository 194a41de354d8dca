import { describe, expect, it } from 'vitest';
import { validateBridgeArgs } from './validate';

const request = (token: unknown) => ({
  token,
  pdf: new Uint8Array([37, 80, 68, 70]),
  fieldName: 'secretary',
  name: 'Nguyễn Tiến Sỹ',
  role: 'Thư ký',
  reason: 'Xác nhận biên bản',
  location: 'Hà Nội',
});

describe('signPdf token key across the bridge', () => {
  it('keeps the key id, the token label and the slot the picker chose, and nothing else', () => {
    const [ok] = validateBridgeArgs.signPdf([
      request({ keyId: '1A2b', tokenLabel: 'Máy họp 1', slot: '1225942800', modulePath: '/x.so' }),
    ]);
    expect('token' in ok && ok.token).toEqual({
      keyId: '1A2b',
      tokenLabel: 'Máy họp 1',
      slot: '1225942800',
    });
    const [bare] = validateBridgeArgs.signPdf([request({ keyId: '11' })]);
    expect('token' in bare && bare.token).toEqual({ keyId: '11' });
  });

  it.each([
    ['a hex slot', { keyId: '11', slot: '0x1f' }],
    ['a negative slot', { keyId: '11', slot: '-1' }],
    ['a number', { keyId: '11', slot: 3 }],
    ['an empty slot', { keyId: '11', slot: '' }],
    ['a slot past a CK_ULONG', { keyId: '11', slot: '1'.repeat(21) }],
    ['a label past 32 characters', { keyId: '11', tokenLabel: 'x'.repeat(33) }],
    ['an odd key id', { keyId: '1', slot: '1' }],
  ])('refuses %s', (_, token) => {
    expect(() => validateBridgeArgs.signPdf([request(token)])).toThrow(
      expect.objectContaining({ code: 'bridge-bad-argument' }),
    );
  });
});

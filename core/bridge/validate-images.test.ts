import { describe, expect, it } from 'vitest';
import { BridgeArgumentError, validateBridgeArgs } from './validate';

const request = (images: unknown) => ({
  identityId: 'a'.repeat(64),
  password: 'mật khẩu',
  pdf: new Uint8Array([37, 80, 68, 70]),
  fieldName: 'chair',
  name: 'Trần Thị Hồng Nhung',
  role: 'Chủ tọa',
  reason: 'Xác nhận biên bản',
  location: 'Hà Nội',
  ...(images !== undefined ? { images } : {}),
});

const image = (width: number, height: number, alpha = true) => ({
  width,
  height,
  rgb: new Uint8Array(width * height * 3),
  ...(alpha ? { alpha: new Uint8Array(width * height) } : {}),
});

describe('signPdf images across the bridge', () => {
  it('pass a signature image and a seal through, and no images as none', () => {
    const [ok] = validateBridgeArgs.signPdf([
      request({ signature: image(3, 2), seal: image(2, 2, false) }),
    ]);
    expect(ok.images?.signature?.width).toBe(3);
    expect(ok.images?.seal?.alpha).toBeUndefined();
    const [plain] = validateBridgeArgs.signPdf([request(undefined)]);
    expect('images' in plain).toBe(false);
  });

  it.each([
    ['not an object', 'seal'],
    [
      'pixels that do not match the size',
      { signature: { ...image(3, 2), rgb: new Uint8Array(5) } },
    ],
    ['a zero width', { seal: image(0, 2) }],
    ['rgb that is not bytes', { signature: { width: 1, height: 1, rgb: [0, 0, 0] } }],
  ])('refuse %s', (_, images) => {
    expect(() => validateBridgeArgs.signPdf([request(images)])).toThrow(BridgeArgumentError);
    expect(() => validateBridgeArgs.signPdf([request(images)])).toThrow(/image/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { IdentityError } from './errors';
import { makeTestPki, type TestPki } from './testing';
import { anchorsFor, parseTrustList } from './trust-list';

let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
});

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof IdentityError ? error.code : String(error);
  }
}

const anchor = (over: Record<string, unknown> = {}) => ({
  name: 'Ban Cơ yếu Chính phủ',
  purposes: ['signing'],
  certificatePem: pki.ca.certificatePem,
  requiredPolicies: [],
  ...over,
});

describe('parseTrustList', () => {
  it('reads anchors and picks them by purpose', () => {
    const list = parseTrustList({
      version: 1,
      anchors: [anchor(), anchor({ name: 'VNPT-CA', purposes: ['login', 'signing'] })],
    });
    expect(anchorsFor(list, 'login').map((a) => a.name)).toEqual(['VNPT-CA']);
    expect(anchorsFor(list, 'signing')).toHaveLength(2);
  });

  // Rows are functions: the PKI exists only once beforeAll has run.
  it.each([
    ['not an object', () => null],
    ['unknown version', () => ({ version: 2, anchors: [] })],
    ['anchors not a list', () => ({ version: 1, anchors: {} })],
    ['no purpose', () => ({ version: 1, anchors: [anchor({ purposes: [] })] })],
    ['unknown purpose', () => ({ version: 1, anchors: [anchor({ purposes: ['tls'] })] })],
    ['bad policy OID', () => ({ version: 1, anchors: [anchor({ requiredPolicies: ['abc'] })] })],
    ['no certificate', () => ({ version: 1, anchors: [anchor({ certificatePem: 'nope' })] })],
    [
      'a member certificate, not a CA',
      () => ({ version: 1, anchors: [anchor({ certificatePem: pki.member.certificatePem })] }),
    ],
    ['duplicate names', () => ({ version: 1, anchors: [anchor(), anchor()] })],
    ['bad name', () => ({ version: 1, anchors: [anchor({ name: '<script>' })] })],
  ])('refuses %s with trust-invalid', (_name, json) => {
    expect(codeOf(() => parseTrustList(json()))).toBe('trust-invalid');
  });
});

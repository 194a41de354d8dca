import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate, type CertificateInfo, type KeyUsageFlags } from './certificate';
import { IdentityError } from './errors';
import { EKU, checkPurpose, type TrustPurpose } from './purpose';
import { makeTestPki } from './testing';

let base: CertificateInfo;
beforeAll(async () => {
  base = parseCertificate((await makeTestPki()).member.certificatePem);
});

const NONE: KeyUsageFlags = {
  digitalSignature: false,
  nonRepudiation: false,
  keyEncipherment: false,
  dataEncipherment: false,
  keyAgreement: false,
  keyCertSign: false,
  cRLSign: false,
};

function codeOf(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof IdentityError ? error.code : String(error);
  }
}

type Row = [
  string,
  {
    keyUsage: Partial<KeyUsageFlags> | null;
    eku: string[] | null;
    policies: string[] | null;
    required?: string[];
  },
  TrustPurpose,
  string,
];

const rows: Row[] = [
  ['no restrictions at all', { keyUsage: null, eku: null, policies: null }, 'login', 'ok'],
  ['no restrictions, signing', { keyUsage: null, eku: null, policies: null }, 'signing', 'ok'],
  [
    'digitalSignature logs in',
    { keyUsage: { digitalSignature: true }, eku: null, policies: null },
    'login',
    'ok',
  ],
  [
    'nonRepudiation only cannot log in',
    { keyUsage: { nonRepudiation: true }, eku: null, policies: null },
    'login',
    'cert-key-usage',
  ],
  [
    'nonRepudiation only may sign',
    { keyUsage: { nonRepudiation: true }, eku: null, policies: null },
    'signing',
    'ok',
  ],
  [
    'keyEncipherment only may not sign',
    { keyUsage: { keyEncipherment: true }, eku: null, policies: null },
    'signing',
    'cert-key-usage',
  ],
  ['clientAuth logs in', { keyUsage: null, eku: [EKU.clientAuth], policies: null }, 'login', 'ok'],
  [
    'serverAuth cannot log in',
    { keyUsage: null, eku: ['1.3.6.1.5.5.7.3.1'], policies: null },
    'login',
    'cert-eku',
  ],
  [
    'documentSigning may sign',
    { keyUsage: null, eku: [EKU.documentSigning], policies: null },
    'signing',
    'ok',
  ],
  [
    'documentSigning cannot log in',
    { keyUsage: null, eku: [EKU.documentSigning], policies: null },
    'login',
    'cert-eku',
  ],
  [
    'OCSP signing may not sign minutes',
    { keyUsage: null, eku: [EKU.ocspSigning], policies: null },
    'signing',
    'cert-eku',
  ],
  [
    'anyExtendedKeyUsage allows both',
    { keyUsage: null, eku: [EKU.any], policies: null },
    'signing',
    'ok',
  ],
  ['an empty EKU allows nothing', { keyUsage: null, eku: [], policies: null }, 'login', 'cert-eku'],
  [
    'required policy held',
    { keyUsage: null, eku: null, policies: ['1.2.3', '1.2.4'], required: ['1.2.4'] },
    'signing',
    'ok',
  ],
  [
    'required policy missing',
    { keyUsage: null, eku: null, policies: ['1.2.3'], required: ['1.2.4'] },
    'signing',
    'cert-policy',
  ],
  [
    'no policies extension but one required',
    { keyUsage: null, eku: null, policies: null, required: ['1.2.4'] },
    'login',
    'cert-policy',
  ],
  [
    'key usage is checked before EKU',
    { keyUsage: { keyEncipherment: true }, eku: ['1.3.6.1.5.5.7.3.1'], policies: null },
    'login',
    'cert-key-usage',
  ],
];

describe('checkPurpose', () => {
  it.each(rows)('%s', (_name, shape, purpose, expected) => {
    const leaf: CertificateInfo = {
      ...base,
      keyUsage: shape.keyUsage === null ? null : { ...NONE, ...shape.keyUsage },
      extendedKeyUsage: shape.eku,
      policies: shape.policies,
    };
    expect(codeOf(() => checkPurpose(leaf, purpose, shape.required ?? []))).toBe(expected);
  });
});

import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueServerCertificate } from './ca';
import { IdentityError } from './errors';
import { makeTestPki, type TestPki } from './testing';

let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
});

const now = new Date('2031-03-04T05:06:07Z');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof IdentityError ? error.code : String(error);
  }
}

describe('issueServerCertificate', () => {
  it('issues a serverAuth-only leaf with every name and address in subjectAltName', async () => {
    const issued = await issueServerCertificate({
      ca: pki.ca,
      hosts: ['PhongHop.Example.', 'localhost'],
      ips: ['10.0.0.5', '::1'],
      validDays: 30,
      now,
    });
    const cert = forge.pki.certificateFromPem(issued.certificatePem);
    expect(cert.subject.getField('CN').value).toBe('phonghop.example');
    const san = cert.getExtension('subjectAltName') as {
      altNames: { type: number; value: string; ip?: string }[];
    };
    expect(san.altNames.map((n) => [n.type, n.ip ?? n.value])).toEqual([
      [2, 'phonghop.example'],
      [2, 'localhost'],
      [7, '10.0.0.5'],
      [7, '::1'],
    ]);
    expect(cert.getExtension('extKeyUsage')).toMatchObject({ serverAuth: true });
    expect(cert.getExtension('extKeyUsage')).not.toMatchObject({ clientAuth: true });
    expect(cert.getExtension('basicConstraints')).toMatchObject({ cA: false });
    expect(cert.validity.notAfter.getTime()).toBe(now.getTime() + 30 * 86_400_000);
    const ca = forge.pki.certificateFromPem(pki.ca.certificatePem);
    expect(ca.verify(cert)).toBe(true);
  });

  it.each([
    [[], []],
    [['bad_name.example'], []],
    [['-x.example'], []],
    [['phòng-họp.vn'], []],
    [[], ['10.0.0.256']],
    [[], ['not-an-ip']],
    [[], ['1:2:3']],
  ])('refuses hosts %j and ips %j', async (hosts, ips) => {
    expect(
      await codeOf(issueServerCertificate({ ca: pki.ca, hosts, ips, validDays: 30, now })),
    ).toBe('issue-invalid');
  });
});

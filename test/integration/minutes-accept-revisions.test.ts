/**
 * The server's acceptance of a signed minutes revision judges the appended revision with the
 * difference analysis: a page swapped inside an object stream, then co-signed, is refused,
 * and so is a secretary's revision that changes a page while signing; the product's own
 * co-sign is accepted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import { acceptSignedRevision } from '../../sync-server/minutes/accept';
import { type CorpusInput, pageSwap, signAs } from '../fixtures/signing-corpus/corpus';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { createTestPki, nodeCrypto } from '../helpers/pki';

let input: CorpusInput;
let once: Uint8Array;

const accept = (previous: Uint8Array, signed: Uint8Array, field: 'secretary' | 'chair') =>
  acceptSignedRevision({
    previous,
    signed,
    field,
    trustedCaPem: [input.pki.ca.certPem],
    crypto: nodeCrypto,
    now: new Date(input.signingTime.getTime() + 3_600_000),
  });

beforeAll(async () => {
  const signingTime = new Date();
  input = {
    pki: createTestPki(new Date(signingTime.getTime() - 86_400_000)),
    minutes: await renderMinutesPdf(sampleMinutes(), dejavuSerif()),
    signingTime,
  };
  once = await signAs(input, input.minutes, 'secretary');
}, 60_000);

describe('accepting a signed minutes revision', () => {
  it("accepts the secretary's signature and the chair's co-sign", async () => {
    expect((await accept(input.minutes, once, 'secretary')).report.verdict).toBe('valid');
    const twice = await signAs(input, once, 'chair');
    const accepted = await accept(once, twice, 'chair');
    expect(accepted.report.verdict).toBe('valid');
  });

  it('refuses a co-sign over a page swapped inside an object stream', async () => {
    const swapped = await signAs(input, await pageSwap(once, true), 'chair');
    await expect(accept(once, swapped, 'chair')).rejects.toMatchObject({
      status: 422,
      code: 'minutes-revision-changes-content',
    });
  });

  it('refuses a first signature whose own revision changes a page', async () => {
    const swapped = await signAs(input, await pageSwap(input.minutes, true), 'secretary');
    await expect(accept(input.minutes, swapped, 'secretary')).rejects.toMatchObject({
      status: 422,
      code: 'minutes-revision-changes-content',
    });
  });
});

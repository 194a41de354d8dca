/**
 * The adversarial corpus of signed revisions (test/fixtures/signing-corpus), each file judged
 * by our verifier and by pyHanko, which must agree — and say what the table below says.
 * Certificates are issued a day before the signing time; nothing depends on today's date
 * beyond "now" being inside their validity, which holds under faketime too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../core/minutes';
import { sampleMinutes } from '../../core/minutes/testing';
import {
  type PdfVerification,
  type RefusedChangeCode,
  type SignatureVerdict,
  SigningError,
  verifyPdf,
} from '../../core/signing';
import { type VerifyOutput, runVerifyCommand } from '../../sync-server/admin/verify';
import { type CorpusName, buildCorpus, signAs } from '../fixtures/signing-corpus/corpus';
import { dejavuSerif } from '../helpers/minutes-fonts';
import { type Judges, type PyhankoEntry, createJudges } from '../helpers/pdf-judges';
import { type TestPki, createTestPki, nodeCrypto } from '../helpers/pki';

interface Expected {
  readonly file: SignatureVerdict;
  /** Per field: our verdict, pyHanko's coverage and modification words, our refusal. */
  readonly secretary: readonly [SignatureVerdict, string, RefusedChangeCode?];
  readonly chair?: readonly [SignatureVerdict, string];
}

const FORM_FILLING = 'EXTENDED_WITH_FORM_FILLING,ACCEPTABLE_MODIFICATIONS';
const ILLEGAL = 'EXTENDED_WITH_OTHER,ILLEGAL_MODIFICATIONS';
const UNTOUCHED = 'UNTOUCHED,';

const EXPECTED: Record<CorpusName, Expected> = {
  'product-cosign': {
    file: 'valid',
    secretary: ['valid-with-permitted-changes', FORM_FILLING],
    chair: ['valid', UNTOUCHED],
  },
  'objstm-page-swap-cosigned': {
    file: 'changed-after-signing',
    secretary: ['changed-after-signing', ILLEGAL, 'page-content-changed'],
    chair: ['valid', UNTOUCHED],
  },
  'xref-stream-cosign': {
    file: 'valid',
    secretary: ['valid-with-permitted-changes', FORM_FILLING],
    chair: ['valid', UNTOUCHED],
  },
  'xref-stream-content-rewrite': {
    file: 'changed-after-signing',
    secretary: ['changed-after-signing', ILLEGAL, 'page-content-changed'],
  },
  'added-annotation': {
    file: 'changed-after-signing',
    secretary: ['changed-after-signing', ILLEGAL, 'annotation-added'],
  },
  'appended-content': {
    file: 'changed-after-signing',
    secretary: ['changed-after-signing', ILLEGAL, 'page-content-changed'],
  },
  'rewritten-rect': {
    file: 'changed-after-signing',
    secretary: ['changed-after-signing', ILLEGAL, 'signed-field-changed'],
  },
  'docmdp-1-cosigned': {
    file: 'changed-after-signing',
    secretary: [
      'changed-after-signing',
      'EXTENDED_WITH_FORM_FILLING,ILLEGAL_MODIFICATIONS',
      'docmdp-forbids',
    ],
    chair: ['valid', UNTOUCHED],
  },
  'docmdp-2-cosigned': {
    file: 'valid',
    secretary: ['valid-with-permitted-changes', FORM_FILLING],
    chair: ['valid', UNTOUCHED],
  },
  'docmdp-3-cosigned': {
    file: 'valid',
    secretary: ['valid-with-permitted-changes', FORM_FILLING],
    chair: ['valid', UNTOUCHED],
  },
  'docmdp-2-annotation': {
    file: 'changed-after-signing',
    secretary: ['changed-after-signing', ILLEGAL, 'annotation-added'],
  },
};

/** pyHanko's words in our vocabulary. */
function pyhankoVerdict(e: PyhankoEntry): SignatureVerdict {
  if (!e.intact || e.modifications === 'ILLEGAL_MODIFICATIONS') return 'changed-after-signing';
  if (!e.trusted) return 'trust-unknown';
  return e.coverage === 'UNTOUCHED' ? 'valid' : 'valid-with-permitted-changes';
}

let dir: string;
let pki: TestPki;
let judges: Judges;
let minutes: Uint8Array;
const signingTime = new Date();
const judged = new Map<CorpusName, { ours: PdfVerification; pyhanko: PyhankoEntry[] }>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signing-corpus-'));
  pki = createTestPki(new Date(signingTime.getTime() - 86_400_000));
  judges = createJudges(dir, pki.ca.certPem);
  minutes = await renderMinutesPdf(sampleMinutes(), dejavuSerif());
  for (const [name, pdf] of await buildCorpus({ pki, minutes, signingTime })) {
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, pdf);
    judged.set(name, {
      ours: await verifyPdf(pdf, { crypto: nodeCrypto, trustedCaPem: [pki.ca.certPem] }),
      pyhanko: judges.pyhanko(path),
    });
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('adversarial signed revisions: our verifier and pyHanko agree', () => {
  for (const [name, expected] of Object.entries(EXPECTED) as [CorpusName, Expected][]) {
    it(name, () => {
      const result = judged.get(name);
      expect(result, `${name} was generated`).toBeDefined();
      if (!result) return;
      const { ours, pyhanko } = result;
      expect(ours.verdict).toBe(expected.file);
      const fields = { secretary: expected.secretary, chair: expected.chair };
      const named = Object.entries(fields).filter(([, v]) => v !== undefined);
      expect(ours.signatures.map((s) => s.fieldName)).toEqual(named.map(([k]) => k));
      expect(pyhanko.map((e) => e.fieldName)).toEqual(named.map(([k]) => k));
      for (const [field, want] of named) {
        if (!want) continue;
        const mine = ours.signatures.find((s) => s.fieldName === field);
        const theirs = pyhanko.find((e) => e.fieldName === field);
        expect(theirs && `${theirs.coverage},${theirs.modifications}`, `${field}: pyHanko`).toBe(
          want[1],
        );
        expect(theirs?.intact && theirs.trusted, `${field}: pyHanko INTACT:TRUSTED`).toBe(true);
        expect(mine?.verdict, `${field}: ours`).toBe(want[0]);
        expect(theirs && pyhankoVerdict(theirs), `${field}: pyHanko in our words`).toBe(
          mine?.verdict,
        );
        const refused = want[2];
        if (refused) expect(mine?.laterChanges.refused.map((r) => r.code)).toContain(refused);
        else expect(mine?.laterChanges.refused).toEqual([]);
      }
    });
  }

  it('names what a co-sign changed after the first signature', () => {
    const secretary = judged.get('product-cosign')?.ours.signatures[0];
    expect(secretary?.laterChanges).toMatchObject({
      level: 'form-filling',
      permitted: ['signature-added'],
      refused: [],
    });
  });

  it('content appended after the last signature is never "valid"', () => {
    for (const name of ['appended-content', 'added-annotation', 'rewritten-rect'] as const) {
      const ours = judged.get(name)?.ours;
      expect(ours?.signatures[0]?.coversWholeDocument).toBe(false);
      expect(ours?.verdict).not.toMatch(/^valid/);
    }
  });
});

describe('admin verify speaks the same verdicts on the corpus', () => {
  it('prints our verdict per file and signature, and exits 0 only when valid', async () => {
    for (const [name, { ours }] of judged) {
      let stdout = '';
      const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } };
      const code = await runVerifyCommand([join(dir, `${name}.pdf`), '--ca', judges.caPemPath], io);
      const json = JSON.parse(stdout) as VerifyOutput;
      expect([name, json.verdict]).toEqual([name, ours.verdict]);
      expect(json.signatures.map((s) => s.verdict)).toEqual(ours.signatures.map((s) => s.verdict));
      expect([name, code]).toEqual([name, ours.verdict === 'valid' ? 0 : 1]);
    }
  });
});

describe('DocMDP when signing', () => {
  it('refuses to add a signature to a document certified with P=1', async () => {
    const certified = await signAs({ pki, minutes, signingTime }, minutes, 'secretary', {
      certify: 1,
    });
    const attempt = signAs({ pki, minutes, signingTime }, certified, 'chair');
    await expect(attempt).rejects.toBeInstanceOf(SigningError);
    await expect(attempt).rejects.toMatchObject({ code: 'DOCUMENT_CERTIFIED_NO_CHANGES' });
  });

  it('lets P=2 and P=3 documents be co-signed, and only the first signature certify', async () => {
    const input = { pki, minutes, signingTime };
    for (const p of [2, 3] as const) {
      const certified = await signAs(input, minutes, 'secretary', { certify: p });
      const cosigned = await signAs(input, certified, 'chair');
      const ours = await verifyPdf(cosigned, {
        crypto: nodeCrypto,
        trustedCaPem: [pki.ca.certPem],
      });
      expect(ours.verdict).toBe('valid');
      expect(ours.signatures[0]?.docMdp).toBe(p);
    }
    const once = await signAs(input, minutes, 'secretary');
    await expect(signAs(input, once, 'chair', { certify: 2 })).rejects.toMatchObject({
      code: 'CERTIFICATION_NOT_FIRST',
    });
  });
});

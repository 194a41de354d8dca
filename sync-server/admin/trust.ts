/**
 * Admin commands for bring-your-own certificates and the trust list:
 *   member add-cert --member ID --cert FILE.cer|.pem [--name N] [--email E] [--chain FILE]...
 *   trust add --name N --cert CA.pem --purpose login|signing|both|timestamping [--policy OID]...
 *   trust list | trust remove --name N | trust add-intermediate --cert FILE
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pemDecodeAll } from '../../core/crypto/encoding';
import { summariseCertificate } from '../../core/identity/enrolment';
import { certificateInfo, certificatePemFromDer } from '../../core/identity/certificate';
import type { TrustPurpose } from '../../core/identity/purpose';
import { enrolCertificate } from '../identity/enrol';
import {
  addIntermediate,
  loadTrustList,
  putTrustAnchor,
  removeTrustAnchor,
} from '../identity/trust-store';
import { ArgumentError, flag, requiredFlag, type ParsedArgs } from './args';
import { withAdminContext } from './context';

type Out = (line: string) => void;

/** A certificate file as bytes (DER .cer) or text (PEM). */
async function readCertificateFile(file: string): Promise<Uint8Array | string> {
  const bytes = await readFile(path.resolve(file));
  const text = bytes.toString('latin1');
  return text.includes('-----BEGIN') ? bytes.toString('utf8') : new Uint8Array(bytes);
}

async function readChainFiles(files: readonly string[]): Promise<Uint8Array[]> {
  const ders: Uint8Array[] = [];
  for (const file of files) {
    const content = await readCertificateFile(file);
    if (typeof content !== 'string') ders.push(content);
    else
      for (const block of pemDecodeAll(content))
        if (block.label === 'CERTIFICATE') ders.push(block.der);
  }
  return ders;
}

function purposesOf(value: string): TrustPurpose[] {
  if (value === 'both') return ['login', 'signing'];
  if (value === 'login' || value === 'signing' || value === 'timestamping') return [value];
  throw new ArgumentError('--purpose must be login, signing, both or timestamping');
}

/** Runs a trust or member add-cert command; false when `command` is none of them. */
export async function runTrustCommand(
  command: string,
  args: ParsedArgs,
  dataDir: string,
  out: Out,
): Promise<boolean> {
  switch (command) {
    case 'member add-cert': {
      const certificate = await readCertificateFile(requiredFlag(args, 'cert'));
      const chainDer = await readChainFiles(args.flags.get('chain') ?? []);
      const name = flag(args, 'name');
      const email = flag(args, 'email');
      const answer = await withAdminContext(dataDir, (ctx) =>
        enrolCertificate(
          { dataDir, members: ctx.members, audit: ctx.audit, by: 'admin-cli' },
          {
            memberId: requiredFlag(args, 'member'),
            certificate,
            chainDer,
            ...(name !== undefined ? { name } : {}),
            ...(email !== undefined ? { email } : {}),
          },
        ),
      );
      out(JSON.stringify(answer, null, 2));
      return true;
    }
    case 'trust add': {
      const anchor = await putTrustAnchor(dataDir, {
        name: requiredFlag(args, 'name'),
        purposes: purposesOf(requiredFlag(args, 'purpose')),
        certificatePem: certificatePemFromDer(
          certificateInfo(await readCertificateFile(requiredFlag(args, 'cert'))).der,
        ),
        requiredPolicies: args.flags.get('policy') ?? [],
      });
      out(JSON.stringify(describeAnchor(anchor), null, 2));
      return true;
    }
    case 'trust list': {
      const list = await loadTrustList(dataDir);
      for (const anchor of list.anchors) out(JSON.stringify(describeAnchor(anchor)));
      return true;
    }
    case 'trust remove': {
      const name = requiredFlag(args, 'name');
      const removed = await removeTrustAnchor(dataDir, name);
      out(removed ? `removed ${name}` : `no anchor named ${name} in trust-list.json`);
      return true;
    }
    case 'trust add-intermediate': {
      const fingerprint = await addIntermediate(
        dataDir,
        await readCertificateFile(requiredFlag(args, 'cert')),
      );
      out(`cached intermediate ${fingerprint}`);
      return true;
    }
    default:
      return false;
  }
}

function describeAnchor(anchor: {
  name: string;
  purposes: TrustPurpose[];
  certificatePem: string;
  requiredPolicies: string[];
}) {
  return {
    name: anchor.name,
    purposes: anchor.purposes,
    requiredPolicies: anchor.requiredPolicies,
    certificate: summariseCertificate(certificateInfo(anchor.certificatePem)),
  };
}

/**
 * `admin sign --csc-url URL --csc-token-env VAR [--csc-credential ID] [--csc-timeout SECONDS]
 * [--ca FILE]`: signs through a remote-signing provider's CSC API v2. The access token is read
 * from the environment variable --csc-token-env names (never argv). The member confirms on
 * their device; the signed file is verified before it is written.
 */
import { readFile } from 'node:fs/promises';
import { decodeChainCertificate } from '../../core/identity/certificate';
import {
  type RemoteCredential,
  type RemoteSigner,
  type SignPdfOptions,
  contentsSizeFor,
  signPdfsRemotely,
} from '../../core/signing';
import { createCscClient } from '../../node-shared/csc/csc-client';
import { nodeCryptoServices } from '../crypto/node-crypto';
import { AdminCommandError } from './sign-errors';

export interface RemoteFlags {
  readonly 'csc-url': string;
  readonly 'csc-token-env'?: string | undefined;
  readonly 'csc-credential'?: string | undefined;
  readonly 'csc-timeout'?: string | undefined;
  readonly ca?: string | undefined;
}

type DocumentOptions = Omit<SignPdfOptions, 'signer' | 'name' | 'hasher' | 'certificateChainDer'>;

const fail = (code: string, message: string): never => {
  throw new AdminCommandError(code, message);
};

/** Signs one PDF remotely; returns the verified signed file and the signer's name. */
export async function signWithRemoteProvider(
  flags: RemoteFlags,
  env: NodeJS.ProcessEnv,
  document: DocumentOptions,
  io: { stderr: { write(text: string): unknown } },
): Promise<{ signed: Uint8Array; name: string }> {
  const variable = flags['csc-token-env'];
  if (!variable) return fail('usage', '--csc-url needs --csc-token-env VAR (the access token)');
  const accessToken = env[variable];
  if (!accessToken)
    return fail('usage', `the environment variable ${variable} (--csc-token-env) is empty`);
  const seconds = Number(flags['csc-timeout'] ?? 120);
  if (!Number.isFinite(seconds) || seconds <= 0)
    fail('usage', '--csc-timeout must be a positive number of seconds');
  const trustedCaPem = flags.ca ? [await readFile(flags.ca, 'utf8')] : undefined;
  const client = createCscClient({
    baseUrl: flags['csc-url'],
    accessToken,
    confirmTimeoutMs: seconds * 1000,
    description: 'Diên Hồng',
    ...(flags['csc-credential'] ? { credentialId: flags['csc-credential'] } : {}),
  });
  const credential = await client.credential();
  const [leafDer] = credential.certificateChainDer;
  const info = leafDer ? decodeChainCertificate(leafDer).info : undefined;
  const name = info?.subjectCommonName || info?.subjectDn || credential.id;
  io.stderr.write(`waiting for ${name} to confirm on their device…\n`);
  // The credential is read once: the name written to /Name is the certificate's.
  const remote: RemoteSigner = {
    credential: async (): Promise<RemoteCredential> => credential,
    signDigests: (c, scheme, digests) => client.signDigests(c, scheme, digests),
  };
  const chainBytes = credential.certificateChainDer.reduce((n, c) => n + c.length, 0);
  const [signed] = await signPdfsRemotely({
    remote,
    documents: [
      {
        contentsSize: contentsSizeFor(chainBytes),
        ...document,
        hasher: nodeCryptoServices,
        name,
      },
    ],
    crypto: nodeCryptoServices,
    ...(trustedCaPem ? { trustedCaPem } : {}),
  });
  if (!signed) return fail('internal', 'the provider returned no signature');
  return { signed, name };
}

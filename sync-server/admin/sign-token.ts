/**
 * The token flags of `admin sign`: `--pkcs11-module M (--slot S | --token-label L)
 * (--key-id HEX | --key-label L) [--pin-env VAR] [--certificate F] [--chain F]`. The PIN is
 * never an argument (argv is visible to every user of the machine): it comes from the
 * environment variable --pin-env names, or from a prompt on the terminal that does not echo.
 */
import { readFile } from 'node:fs/promises';
import {
  type PinPrompt,
  type TokenSigner,
  openTokenSigner,
} from '../../node-shared/pkcs11/token-signer';
import { pemToDerList } from '../../core/signing/certificate';
import { AdminCommandError } from './sign-errors';

export interface TokenFlags {
  readonly 'pkcs11-module'?: string | undefined;
  readonly slot?: string | undefined;
  readonly 'token-label'?: string | undefined;
  readonly 'key-id'?: string | undefined;
  readonly 'key-label'?: string | undefined;
  readonly 'pin-env'?: string | undefined;
  readonly certificate?: string | undefined;
  readonly chain?: string | undefined;
}

export interface PinSources {
  readonly env: NodeJS.ProcessEnv;
  /** Reads a line without echo from the terminal; absent when stdin is not a terminal. */
  readonly promptHidden?: (question: string) => Promise<string | undefined>;
}

const fail = (code: string, message: string): never => {
  throw new AdminCommandError(code, message);
};

async function certificatesFrom(file: string, what: string): Promise<Uint8Array[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    return fail(
      'file-unreadable',
      `cannot read the ${what} ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
    );
  }
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) return pemToDerList(text);
  return [new Uint8Array(bytes)];
}

function pinPrompt(flags: TokenFlags, sources: PinSources): PinPrompt {
  const variable = flags['pin-env'];
  if (variable !== undefined) {
    return async () => {
      const pin = sources.env[variable];
      if (pin === undefined || pin === '')
        fail('usage', `the environment variable ${variable} (--pin-env) holds no PIN`);
      return pin;
    };
  }
  const prompt = sources.promptHidden;
  if (!prompt)
    return fail(
      'usage',
      'give --pin-env VAR (the PIN is read from that variable) or run on a terminal',
    );
  return ({ tokenLabel, finalTry }) =>
    prompt(`PIN for token "${tokenLabel}"${finalTry ? ' (last try before it locks)' : ''}: `);
}

/** Opens the token the flags name; TokenError on any token problem, AdminCommandError on flags. */
export async function tokenSignerFromFlags(
  flags: TokenFlags,
  sources: PinSources,
): Promise<TokenSigner> {
  const modulePath = flags['pkcs11-module'];
  if (!modulePath) return fail('usage', '--pkcs11-module is required for a token');
  if (flags['key-id'] === undefined && flags['key-label'] === undefined)
    fail('usage', 'name the key on the token: --key-id HEX or --key-label LABEL');
  const [certificateDer] = flags.certificate
    ? await certificatesFrom(flags.certificate, 'certificate')
    : [];
  const chainDer = flags.chain ? await certificatesFrom(flags.chain, 'chain file') : [];
  return openTokenSigner(
    {
      modulePath,
      ...(flags.slot !== undefined ? { slot: flags.slot } : {}),
      ...(flags['token-label'] !== undefined ? { tokenLabel: flags['token-label'] } : {}),
      ...(flags['key-id'] !== undefined ? { keyId: flags['key-id'] } : {}),
      ...(flags['key-label'] !== undefined ? { keyLabel: flags['key-label'] } : {}),
      ...(certificateDer ? { certificateDer } : {}),
      chainDer,
    },
    pinPrompt(flags, sources),
  );
}

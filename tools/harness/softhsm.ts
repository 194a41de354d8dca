/**
 * SoftHSM2 tokens made by a test in its own directory: a private SOFTHSM2_CONF and token store,
 * keys and certificates written with softhsm2-util and pkcs11-tool (OpenSC) — the tools an
 * issuer uses — so the product reads them through the real PKCS#11 module.
 *
 * SoftHSM2 reads SOFTHSM2_CONF when the module initialises: set it in process.env (use()) before
 * the first signer opens, and pass `env` to any child process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/** True when SoftHSM2 and OpenSC are installed (scripts/debian-packages.txt lists both). */
export function softHsmAvailable(): boolean {
  return existsSync(SOFTHSM_MODULE) && existsSync('/usr/bin/pkcs11-tool');
}

export interface SoftToken {
  readonly label: string;
  /** The slot id SoftHSM2 gave the token (decimal, as `pkcs11-tool -L` shows it). */
  readonly slot: string;
  readonly pin: string;
  readonly soPin: string;
}

export interface SoftHsm {
  readonly conf: string;
  readonly tokenDir: string;
  /** process.env plus SOFTHSM2_CONF, for child processes. */
  readonly env: NodeJS.ProcessEnv;
  /** Points this process's SOFTHSM2_CONF here (before any module is initialised). */
  use(): void;
  initToken(label: string, pin: string, soPin?: string): SoftToken;
  /** Imports a PKCS#8 PEM key pair and, if given, a certificate (PEM or DER file) under `id`. */
  importKey(
    token: SoftToken,
    options: { keyPath: string; certPath?: string; id: string; label: string },
  ): void;
  /** Writes only a certificate object under `id` (a token holding someone else's certificate). */
  writeCertificate(token: SoftToken, certPath: string, id: string, label: string): void;
  /**
   * Marks the user PIN blocked (CKF_USER_PIN_LOCKED) in the token's stored flags, as a token
   * that counted too many wrong PINs does. SoftHSM2 itself never blocks a PIN, so the test sets
   * the flag in its object store (attribute CKA_OS_TOKENFLAGS, a big-endian CK_ULONG).
   */
  lockUserPin(token: SoftToken): void;
  deleteToken(token: SoftToken): void;
}

const CKA_OS_TOKENFLAGS = 0x8000534b;
const CKF_USER_PIN_LOCKED = 0x40000;

export function createSoftHsm(dir: string): SoftHsm {
  const tokenDir = join(dir, 'softhsm-tokens');
  mkdirSync(tokenDir, { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const der = (certPath: string): string => {
    const out = join(dir, `${certPath.replace(/[^A-Za-z0-9]+/g, '-')}.der`);
    run('openssl', ['x509', '-in', certPath, '-outform', 'DER', '-out', out]);
    return out;
  };
  const writeCertificate = (token: SoftToken, certPath: string, id: string, label: string) => {
    run('pkcs11-tool', [
      '--module',
      SOFTHSM_MODULE,
      '--slot',
      token.slot,
      '--login',
      '--pin',
      token.pin,
      '--write-object',
      der(certPath),
      '--type',
      'cert',
      '--id',
      id,
      '--label',
      label,
    ]);
  };
  return {
    conf,
    tokenDir,
    env,
    use() {
      process.env.SOFTHSM2_CONF = conf;
    },
    initToken(label, pin, soPin = '87654321') {
      const out = run('softhsm2-util', [
        '--init-token',
        '--free',
        '--label',
        label,
        '--pin',
        pin,
        '--so-pin',
        soPin,
      ]);
      const slot = /reassigned to slot (\d+)/.exec(out)?.[1];
      if (!slot) throw new Error(`softhsm2-util gave no slot: ${out}`);
      return { label, slot, pin, soPin };
    },
    importKey(token, { keyPath, certPath, id, label }) {
      run('softhsm2-util', [
        '--import',
        keyPath,
        '--token',
        token.label,
        '--label',
        label,
        '--id',
        id,
        '--pin',
        token.pin,
      ]);
      if (certPath) writeCertificate(token, certPath, id, label);
    },
    writeCertificate,
    lockUserPin(token) {
      for (const sub of readdirSync(tokenDir)) {
        const file = join(tokenDir, sub, 'token.object');
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        const labelAt = bytes.indexOf(Buffer.from(token.label, 'utf8'));
        if (labelAt < 0) continue;
        const marker = Buffer.alloc(16);
        marker.writeBigUInt64BE(BigInt(CKA_OS_TOKENFLAGS), 0);
        marker.writeBigUInt64BE(2n, 8); // value kind: CK_ULONG
        const at = bytes.indexOf(marker) + 16;
        if (at < 16) throw new Error('token flags not found in the SoftHSM2 object store');
        bytes.writeBigUInt64BE(bytes.readBigUInt64BE(at) | BigInt(CKF_USER_PIN_LOCKED), at);
        writeFileSync(file, bytes);
        return;
      }
      throw new Error(`token ${token.label} not found in ${tokenDir}`);
    },
    deleteToken(token) {
      run('softhsm2-util', ['--delete-token', '--token', token.label]);
    },
  };
}

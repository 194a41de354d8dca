/**
 * The one typed contract between the renderer and privileged work (files, keys, signing,
 * app info). The Electron preload exposes exactly one function per entry as
 * `window.dienhong`; in web mode a browser implementation stands behind the same interface.
 * Every argument and result is plain structured-clone data.
 */
import type { LoginRequest } from '../identity/login';
import type { SignatureImages } from '../signing/appearance-image';

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' inside the desktop shell, 'web' in a browser. */
  platform: 'electron' | 'web';
  /** Base URL of the sync server this client talks to. */
  serverUrl: string;
}

export interface OpenFileRequest {
  /** i18n-free title is chosen by the caller (already translated). */
  title: string;
  /** Lower-case extensions without dots, e.g. ['pdf']. */
  extensions: string[];
}

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface SaveFileRequest {
  suggestedName: string;
  bytes: Uint8Array;
}

/** A member's imported identity (.p12 file), as the login screen lists it. Never the key. */
export interface IdentitySummary {
  /** Lower-case hex SHA-256 of the certificate: stable, and re-importing the same one replaces it. */
  id: string;
  /** The certificate's subject common name, diacritics intact ("Nguyễn Tiến Sỹ"). */
  name: string;
  email: string | null;
  /** The issuing CA's common name (or its DN when it has none). */
  issuer: string;
  /** ISO 8601 end of the certificate's validity. */
  notAfter: string;
  /** The name of the file it was imported from. */
  fileName: string;
}

export interface ImportIdentityRequest {
  fileName: string;
  bytes: Uint8Array;
  /** The .p12 file's password; used once to check the file, never stored. */
  password: string;
}

export interface SignLoginRequest {
  identityId: string;
  password: string;
  /** From `GET /api/auth/challenge`. */
  nonce: string;
  /** The origin of the server this client connected to (not one the server named). */
  origin: string;
}

/**
 * A key on a PKCS#11 token (USB token). The renderer names only the key; the module the main
 * process loads is its own setting (a renderer must never choose a library to load), and the
 * PIN is asked by the main process in its own dialog, never passed through the renderer.
 */
export interface TokenKeyRef {
  /** CKA_ID in hex, as the token's tools show it. */
  keyId: string;
  /** The token's label, when several are plugged in. */
  tokenLabel?: string;
  /**
   * The slot the picker listed the token in (decimal, TokenSummary.slot): names the token even
   * when two carry the same label. With tokenLabel too, the token in that slot must still carry
   * it (a token swapped since the list was read is refused, not signed with).
   */
  slot?: string;
}

/** A certificate on a token, as the desktop's token picker lists it (public objects: no PIN). */
export interface TokenCertificate {
  /** CKA_ID in hex: what a TokenKeyRef names to sign with the key beside it. */
  keyId: string;
  /** CKA_LABEL ('' when the object has none). */
  label: string;
  subject: string;
  subjectCommonName: string;
  issuer: string;
  /** The issuing CA's common name ('' when it has none: show `issuer`). */
  issuerCommonName: string;
  /** The certificate's serial number, lower-case hex without leading zero bytes. */
  serialNumber: string;
  /** ISO 8601 validity. */
  notBefore: string;
  notAfter: string;
  /** Lower-case hex SHA-256 of the certificate. */
  fingerprintSha256: string;
}

/** One initialised token in the configured PKCS#11 module's slots. */
export interface TokenSummary {
  /** Slot id as the module numbers it (decimal), as `pkcs11-tool -L` shows it. */
  slot: string;
  tokenLabel: string;
  manufacturer: string;
  model: string;
  serialNumber: string;
  certificates: TokenCertificate[];
  /**
   * CKA_IDs (hex) of the key objects readable without a PIN (public keys, and private keys not
   * marked private). Tokens that show none hide their keys until login: then a certificate's
   * key cannot be told present or missing before the PIN (core/bridge/token-picker.ts).
   */
  keyIds: string[];
}

export interface TokenList {
  /** False when this machine has no PKCS#11 module set (then `tokens` is empty). */
  moduleConfigured: boolean;
  tokens: TokenSummary[];
}

/** Where the signing key is: a stored .p12 identity (with its password) or a token. */
export type SigningKeySource = { identityId: string; password: string } | { token: TokenKeyRef };

/**
 * Signs a PDF (PAdES B-B, incremental) where its key lives: a stored identity, or a token in
 * the main process. RSA or ECDSA: the scheme follows the certificate.
 */
export type SignPdfRequest = SigningKeySource & SignPdfFields;

export interface SignPdfFields {
  pdf: Uint8Array;
  /** The empty signature field of the minutes to fill. */
  fieldName: 'secretary' | 'chair';
  /** Shown in the signature and written to /Name. */
  name: string;
  /** Shown in the appearance (e.g. "Thư ký"). */
  role: string;
  reason: string;
  location: string;
  /** The signer's signature image and (for the chair) the seal, decoded; absent: text only. */
  images?: SignatureImages;
}

/** Failures a user can cause (wrong password, expired certificate, …) as data: Electron IPC
 * keeps only the message of a thrown error, so these entries return their error instead. */
export interface BridgeFailure {
  /** An IdentityErrorCode (p12-bad-password, cert-expired, …) or an IdentityStoreErrorCode. */
  code: string;
  message: string;
}

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeFailure };

/** What signLogin returns is the body of `POST /api/auth/login`. */
export type { LoginRequest };

/** Every request the renderer may make, with its argument and result types. */
export interface BridgeContract {
  getAppInfo: { args: []; result: AppInfo };
  openFile: { args: [request: OpenFileRequest]; result: PickedFile | null };
  saveFile: { args: [request: SaveFileRequest]; result: { saved: boolean } };
  openExternal: { args: [url: string]; result: { opened: boolean } };
  listIdentities: { args: []; result: IdentitySummary[] };
  importIdentity: {
    args: [request: ImportIdentityRequest];
    result: BridgeResult<IdentitySummary>;
  };
  removeIdentity: { args: [id: string]; result: { removed: boolean } };
  signLogin: { args: [request: SignLoginRequest]; result: BridgeResult<LoginRequest> };
  signPdf: { args: [request: SignPdfRequest]; result: BridgeResult<Uint8Array> };
  /** The tokens of the configured PKCS#11 module and their certificates (token picker). */
  listTokenCertificates: { args: []; result: BridgeResult<TokenList> };
}

export type BridgeChannel = keyof BridgeContract;

/** The interface the renderer programs against: one async function per contract entry. */
export type Bridge = {
  [K in BridgeChannel]: (
    ...args: BridgeContract[K]['args']
  ) => Promise<BridgeContract[K]['result']>;
};

/** IPC channel names, derived from the contract so they cannot drift. */
export const bridgeChannels = [
  'getAppInfo',
  'openFile',
  'saveFile',
  'openExternal',
  'listIdentities',
  'importIdentity',
  'removeIdentity',
  'signLogin',
  'signPdf',
  'listTokenCertificates',
] as const satisfies readonly BridgeChannel[];

export const ipcChannelName = (channel: BridgeChannel): string => `dienhong:${channel}`;

/** Exhaustiveness: fails to compile if a contract entry is missing from bridgeChannels. */
type MissingChannels = Exclude<BridgeChannel, (typeof bridgeChannels)[number]>;
const _allChannelsListed: MissingChannels extends never ? true : never = true;
void _allChannelsListed;

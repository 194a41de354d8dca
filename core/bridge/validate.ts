import type {
  BridgeChannel,
  BridgeContract,
  ImportIdentityRequest,
  OpenFileRequest,
  SaveFileRequest,
  SignLoginRequest,
  SignPdfRequest,
  SigningKeySource,
} from './contract';
import { CodedError } from '../errors/coded-error';
import {
  checkAppearanceImage,
  type AppearanceImage,
  type SignatureImages,
} from '../signing/appearance-image';

/** A bridge argument that fails validation; the handler refuses the call and does nothing. */
export class BridgeArgumentError extends CodedError<'bridge-bad-argument'> {
  override readonly name = 'BridgeArgumentError';
  constructor(
    readonly channel: BridgeChannel,
    detail: string,
  ) {
    super('bridge-bad-argument', `${channel}: ${detail}`);
  }
}

const MAX_SAVE_BYTES = 512 * 1024 * 1024;
const EXTENSION = /^[a-z0-9]{1,10}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileName(channel: BridgeChannel, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    throw new BridgeArgumentError(channel, 'file name must be 1–255 characters');
  }
  if (/[/\\\0]/.test(value) || value === '.' || value === '..') {
    throw new BridgeArgumentError(channel, 'file name must not contain a path');
  }
  return value;
}

function openFileRequest(value: unknown): OpenFileRequest {
  if (!isRecord(value)) throw new BridgeArgumentError('openFile', 'expected an object');
  const { title, extensions } = value;
  if (typeof title !== 'string' || title.length > 200) {
    throw new BridgeArgumentError('openFile', 'title must be a string of at most 200 characters');
  }
  if (
    !Array.isArray(extensions) ||
    extensions.length === 0 ||
    extensions.length > 10 ||
    !extensions.every((e) => typeof e === 'string' && EXTENSION.test(e))
  ) {
    throw new BridgeArgumentError('openFile', 'extensions must be 1–10 lower-case extensions');
  }
  return { title, extensions: extensions as string[] };
}

function saveFileRequest(value: unknown): SaveFileRequest {
  if (!isRecord(value)) throw new BridgeArgumentError('saveFile', 'expected an object');
  const { suggestedName, bytes } = value;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength > MAX_SAVE_BYTES) {
    throw new BridgeArgumentError('saveFile', 'bytes must be a Uint8Array of at most 512 MiB');
  }
  return { suggestedName: fileName('saveFile', suggestedName), bytes };
}

function url(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) {
    throw new BridgeArgumentError(
      'openExternal',
      'url must be a string of at most 2048 characters',
    );
  }
  return value;
}

/** Above this no .p12 is real; the service answers p12-too-large for 1–16 MiB with a clear code. */
const MAX_IMPORT_ARGUMENT_BYTES = 16 * 1024 * 1024;
const MAX_PASSWORD_LENGTH = 1024;
const IDENTITY_ID = /^[0-9a-f]{64}$/;

function password(channel: BridgeChannel, value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_PASSWORD_LENGTH) {
    throw new BridgeArgumentError(channel, 'password must be a string of at most 1024 characters');
  }
  return value;
}

function identityId(channel: BridgeChannel, value: unknown): string {
  if (typeof value !== 'string' || !IDENTITY_ID.test(value)) {
    throw new BridgeArgumentError(channel, 'identity id must be 64 lower-case hex digits');
  }
  return value;
}

function importIdentityRequest(value: unknown): ImportIdentityRequest {
  if (!isRecord(value)) throw new BridgeArgumentError('importIdentity', 'expected an object');
  const { bytes } = value;
  if (!(bytes instanceof Uint8Array) || bytes.byteLength > MAX_IMPORT_ARGUMENT_BYTES) {
    throw new BridgeArgumentError('importIdentity', 'bytes must be a Uint8Array of at most 16 MiB');
  }
  return {
    fileName: fileName('importIdentity', value.fileName),
    bytes,
    password: password('importIdentity', value.password),
  };
}

function signLoginRequest(value: unknown): SignLoginRequest {
  if (!isRecord(value)) throw new BridgeArgumentError('signLogin', 'expected an object');
  const { nonce, origin } = value;
  // The nonce's exact form is checked by signChallenge (login-malformed); here only its size.
  if (typeof nonce !== 'string' || nonce.length > 128) {
    throw new BridgeArgumentError('signLogin', 'nonce must be a string of at most 128 characters');
  }
  if (typeof origin !== 'string' || origin.length > 2048 || !isOrigin(origin)) {
    throw new BridgeArgumentError('signLogin', 'origin must be an http(s) origin');
  }
  return {
    identityId: identityId('signLogin', value.identityId),
    password: password('signLogin', value.password),
    nonce,
    origin,
  };
}

const MAX_SIGN_PDF_BYTES = 200 * 1024 * 1024;

function shortText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) {
    throw new BridgeArgumentError('signPdf', `${field} must be a string of at most 500 characters`);
  }
  return value;
}

/** Either a stored identity with its password or a token key, never both. */
function signingKeySource(value: Record<string, unknown>): SigningKeySource {
  if (value.token === undefined)
    return {
      identityId: identityId('signPdf', value.identityId),
      password: password('signPdf', value.password),
    };
  const { token } = value;
  if (value.identityId !== undefined || value.password !== undefined || !isRecord(token))
    throw new BridgeArgumentError('signPdf', 'give either identityId and password or a token');
  const { keyId, tokenLabel, slot } = token;
  if (typeof keyId !== 'string' || !/^([0-9a-f]{2}){1,64}$/i.test(keyId))
    throw new BridgeArgumentError('signPdf', 'token.keyId must be the key id in hex');
  if (tokenLabel !== undefined && (typeof tokenLabel !== 'string' || tokenLabel.length > 32))
    throw new BridgeArgumentError('signPdf', 'token.tokenLabel must be at most 32 characters');
  // A CK_SLOT_ID is an unsigned long: at most 20 decimal digits.
  if (slot !== undefined && (typeof slot !== 'string' || !/^\d{1,20}$/.test(slot)))
    throw new BridgeArgumentError('signPdf', 'token.slot must be a decimal slot id');
  return {
    token: {
      keyId,
      ...(tokenLabel !== undefined ? { tokenLabel } : {}),
      ...(slot !== undefined ? { slot } : {}),
    },
  };
}

/** Decoded images for the appearance, checked as core/signing will draw them. */
function appearanceImages(value: unknown): SignatureImages | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new BridgeArgumentError('signPdf', 'images must be an object');
  const out: { signature?: AppearanceImage; seal?: AppearanceImage } = {};
  for (const key of ['signature', 'seal'] as const) {
    const image = value[key];
    if (image === undefined) continue;
    if (
      !isRecord(image) ||
      typeof image.width !== 'number' ||
      typeof image.height !== 'number' ||
      !(image.rgb instanceof Uint8Array) ||
      (image.alpha !== undefined && !(image.alpha instanceof Uint8Array))
    )
      throw new BridgeArgumentError(
        'signPdf',
        `images.${key} must be { width, height, rgb, alpha }`,
      );
    const checked: AppearanceImage = {
      width: image.width,
      height: image.height,
      rgb: image.rgb,
      ...(image.alpha instanceof Uint8Array ? { alpha: image.alpha } : {}),
    };
    try {
      checkAppearanceImage(checked, key);
    } catch (error) {
      throw new BridgeArgumentError('signPdf', (error as Error).message);
    }
    out[key] = checked;
  }
  return out;
}

function signPdfRequest(value: unknown): SignPdfRequest {
  if (!isRecord(value)) throw new BridgeArgumentError('signPdf', 'expected an object');
  const { pdf, fieldName } = value;
  if (!(pdf instanceof Uint8Array) || pdf.byteLength > MAX_SIGN_PDF_BYTES) {
    throw new BridgeArgumentError('signPdf', 'pdf must be a Uint8Array of at most 200 MiB');
  }
  if (fieldName !== 'secretary' && fieldName !== 'chair') {
    throw new BridgeArgumentError('signPdf', 'fieldName must be secretary or chair');
  }
  return {
    ...signingKeySource(value),
    pdf,
    fieldName,
    name: shortText('name', value.name),
    role: shortText('role', value.role),
    reason: shortText('reason', value.reason),
    location: shortText('location', value.location),
    ...(value.images !== undefined ? { images: appearanceImages(value.images) } : {}),
  };
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

type Validators = {
  [K in BridgeChannel]: (args: readonly unknown[]) => BridgeContract[K]['args'];
};

function arity(channel: BridgeChannel, args: readonly unknown[], n: number): void {
  if (args.length !== n) throw new BridgeArgumentError(channel, `expected ${n} argument(s)`);
}

/** Validators for every channel: untrusted IPC arguments in, typed arguments out. */
export const validateBridgeArgs: Validators = {
  getAppInfo: (args) => {
    arity('getAppInfo', args, 0);
    return [];
  },
  openFile: (args) => {
    arity('openFile', args, 1);
    return [openFileRequest(args[0])];
  },
  saveFile: (args) => {
    arity('saveFile', args, 1);
    return [saveFileRequest(args[0])];
  },
  openExternal: (args) => {
    arity('openExternal', args, 1);
    return [url(args[0])];
  },
  listIdentities: (args) => {
    arity('listIdentities', args, 0);
    return [];
  },
  importIdentity: (args) => {
    arity('importIdentity', args, 1);
    return [importIdentityRequest(args[0])];
  },
  removeIdentity: (args) => {
    arity('removeIdentity', args, 1);
    return [identityId('removeIdentity', args[0])];
  },
  signLogin: (args) => {
    arity('signLogin', args, 1);
    return [signLoginRequest(args[0])];
  },
  signPdf: (args) => {
    arity('signPdf', args, 1);
    return [signPdfRequest(args[0])];
  },
  listTokenCertificates: (args) => {
    arity('listTokenCertificates', args, 0);
    return [];
  },
};

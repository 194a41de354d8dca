import type { BridgeChannel, BridgeContract, OpenFileRequest, SaveFileRequest } from './contract';

/** A bridge argument that fails validation; the handler refuses the call and does nothing. */
export class BridgeArgumentError extends Error {
  readonly code = 'bridge-bad-argument';
  constructor(
    readonly channel: BridgeChannel,
    detail: string,
  ) {
    super(`${channel}: ${detail}`);
    this.name = 'BridgeArgumentError';
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
};

/**
 * Where a secret poll's private key waits between open and close: sealed (AES-256-GCM) under
 * the server's ballot key in `<dataDir>/poll-keys/<meetingId>/<pollId>.sealed`, durable before
 * the poll opens (so kill -9 loses nothing), and deleted once the poll is closed or cancelled
 * (so a later copy of the directory, even with the ballot key, opens no urn).
 *
 * The ballot key (32 random bytes, hex) is a file OUTSIDE the data directory: a copy of the
 * data directory alone never holds what opens a ballot. It is read when a secret poll opens or
 * closes and not kept in memory.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../node-shared/atomic-write';
import { newPollKeyPair, privateKeyFromRaw, sealPollKey, unsealPollKey } from './urn';
import { CodedError } from '../../core/errors/coded-error';

export class BallotKeyError extends CodedError<
  'ballot-key-unavailable' | 'ballot-key-invalid' | 'poll-key-missing'
> {
  override readonly name = 'BallotKeyError';
}

/** The default: beside the data directory, never in it (`.dienhong-data` → `.dienhong-data.ballot-key`). */
export const defaultBallotKeyFile = (dataDir: string): string =>
  `${path.resolve(dataDir)}.ballot-key`;

const HEX_KEY = /^[0-9a-f]{64}$/;

async function createBallotKey(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': two servers starting at once must not each write a different key.
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${randomBytes(32).toString('hex')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
}

async function readBallotKey(file: string, create: boolean): Promise<Buffer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    if (!create) {
      throw new BallotKeyError(
        'ballot-key-unavailable',
        `The ballot key ${file} is missing; the open secret polls need it to be counted.`,
      );
    }
    await createBallotKey(file);
    text = await readFile(file, 'utf8');
  }
  const hex = text.trim();
  if (!HEX_KEY.test(hex)) {
    throw new BallotKeyError('ballot-key-invalid', `${file} is not a ballot key (64 hex digits).`);
  }
  return Buffer.from(hex, 'hex');
}

export class PollKeys {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly ballotKeyFile: string,
    /** Under the data directory; each kind of urn (polls, election rounds) sweeps its own. */
    folder = 'poll-keys',
  ) {
    this.root = path.join(dataDir, folder);
    const inside = path.relative(path.resolve(dataDir), path.resolve(ballotKeyFile));
    if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
      throw new BallotKeyError(
        'ballot-key-invalid',
        `The ballot key ${ballotKeyFile} must lie outside the data directory ${dataDir}.`,
      );
    }
  }

  private file(meetingId: string, pollId: string): string {
    return path.join(this.root, meetingId, `${pollId}.sealed`);
  }

  /** Makes and durably stores the key pair of a poll about to open; returns its public key. */
  async create(meetingId: string, pollId: string): Promise<string> {
    const ballotKey = await readBallotKey(this.ballotKeyFile, true);
    const pair = newPollKeyPair();
    const sealed = sealPollKey(ballotKey, `${meetingId}/${pollId}`, pair.privateKey);
    await writeFileAtomic(this.file(meetingId, pollId), sealed, { mode: 0o600, createDirs: true });
    return pair.publicKey;
  }

  /** The poll's private key, for counting at close. */
  async unseal(meetingId: string, pollId: string): Promise<KeyObject> {
    const ballotKey = await readBallotKey(this.ballotKeyFile, false);
    let sealed: Buffer;
    try {
      sealed = await readFile(this.file(meetingId, pollId));
    } catch {
      throw new BallotKeyError('poll-key-missing', `The key of poll ${pollId} is missing.`);
    }
    return privateKeyFromRaw(unsealPollKey(ballotKey, `${meetingId}/${pollId}`, sealed));
  }

  /** Forgets a poll's key once its urn is counted or discarded. */
  async destroy(meetingId: string, pollId: string): Promise<void> {
    await rm(this.file(meetingId, pollId), { force: true });
  }

  /** Removes the keys of polls that are no longer open (a crash between counting and deleting). */
  async sweep(isOpen: (meetingId: string, pollId: string) => boolean): Promise<void> {
    let meetings: string[];
    try {
      meetings = await readdir(this.root);
    } catch {
      return;
    }
    for (const meetingId of meetings) {
      for (const name of await readdir(path.join(this.root, meetingId))) {
        const pollId = name.endsWith('.sealed') ? name.slice(0, -'.sealed'.length) : null;
        // A left-over temporary file (a crash mid-write) is no key of an open poll either.
        if (pollId === null || !isOpen(meetingId, pollId))
          await rm(path.join(this.root, meetingId, name), { force: true });
      }
    }
  }
}

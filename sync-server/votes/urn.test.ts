import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  dropInUrn,
  newPollKeyPair,
  openChoices,
  privateKeyFromRaw,
  sealChoice,
  sealPollKey,
  unsealPollKey,
  type SealedUrn,
} from './urn';

describe('sealed urn', () => {
  const pair = newPollKeyPair();
  const privateKey = privateKeyFromRaw(pair.privateKey);

  it('opens what it sealed; every seal differs and all have one length', () => {
    const ids = ['for', 'against', 'abstain', 'x'.repeat(64), 'ứng-viên'.normalize('NFC')];
    const sealed = ids.map((id) => sealChoice(pair.publicKey, id));
    expect(openChoices(privateKey, pair.publicKey, sealed)).toEqual(ids);
    const again = sealChoice(pair.publicKey, 'for');
    expect(again).not.toBe(sealed[0]);
    expect(new Set([...sealed, again].map((s) => s.length)).size).toBe(1);
  });

  it('drops each ballot at a random place and keeps every one', () => {
    let urn: SealedUrn = { publicKey: pair.publicKey, ballots: [] };
    const firstPlaces = new Set<number>();
    for (let round = 0; round < 30; round++) {
      urn = { publicKey: pair.publicKey, ballots: [] };
      for (const id of ['a', 'b', 'c', 'd']) urn = dropInUrn(urn, id);
      firstPlaces.add(openChoices(privateKey, pair.publicKey, urn.ballots).indexOf('a'));
    }
    expect(openChoices(privateKey, pair.publicKey, urn.ballots).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(firstPlaces.size).toBeGreaterThan(1);
  });

  it('refuses a tampered ballot and another poll key', () => {
    const sealed = Buffer.from(sealChoice(pair.publicKey, 'for'), 'base64');
    sealed[40] = (sealed[40] ?? 0) ^ 1;
    expect(() => openChoices(privateKey, pair.publicKey, [sealed.toString('base64')])).toThrow(
      expect.objectContaining({ code: 'urn-corrupt' }),
    );
    const other = privateKeyFromRaw(newPollKeyPair().privateKey);
    expect(() => openChoices(other, pair.publicKey, [sealChoice(pair.publicKey, 'for')])).toThrow(
      expect.objectContaining({ code: 'urn-corrupt' }),
    );
    expect(() => openChoices(privateKey, pair.publicKey, ['AAAA'])).toThrow(
      expect.objectContaining({ code: 'urn-corrupt' }),
    );
  });

  it('seals the poll key to the ballot key and to this poll only', () => {
    const ballotKey = randomBytes(32);
    const sealed = sealPollKey(ballotKey, 'hop-1/p1', pair.privateKey);
    expect(unsealPollKey(ballotKey, 'hop-1/p1', sealed)).toEqual(pair.privateKey);
    expect(() => unsealPollKey(randomBytes(32), 'hop-1/p1', sealed)).toThrow(
      expect.objectContaining({ code: 'ballot-key-mismatch' }),
    );
    expect(() => unsealPollKey(ballotKey, 'hop-1/p2', sealed)).toThrow(
      expect.objectContaining({ code: 'ballot-key-mismatch' }),
    );
  });
});

/**
 * The attacker of issue 10 §3: given copies of a data directory (every file, taken at several
 * moments), try to pair the voters of one secret poll with their choices. It knows the whole
 * design (Kerckhoffs) and the poll's options, and combines what it finds:
 *
 * - running counts: consecutive versions of the poll record, matching the voters added with
 *   the counts that went up (alone, or zipped in write order when several land together);
 * - write order: voters in the order of the audit log, the record versions and the control
 *   document's update log, zipped with any order of choices it found;
 * - adjacent records and timestamps: any JSON object anywhere (record, audit, Yjs content) that
 *   holds both a voter id and an option id, and ballots carrying a time;
 * - raw bytes: an option id within a few bytes of a voter id in any file.
 *
 * Where it finds nothing for a voter it guesses the winning option of the published tally: that
 * is chance, the accuracy anyone gets from the result alone.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { rollItemOrder } from './control-roll';
import { allEntries, type RawEntry } from './leveldb-raw';

export type Snapshot = Map<string, Uint8Array>;

/** Every file under `dir` (path relative to it → bytes), as a backup by copying would see it. */
export async function snapshotDirectory(dir: string): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    try {
      out.set(path.relative(dir, full), await readFile(full));
    } catch {
      // removed while copying (a compaction): a real backup would miss it too
    }
  }
  return out;
}

export interface AttackTarget {
  meetingId: string;
  pollId: string;
  voters: readonly string[];
  options: readonly string[];
}

export interface Attack {
  /** Voter → option the attacker found evidence for (not guesses). */
  paired: Map<string, string>;
  /** Voter → the attacker's final answer (evidence, else the tally's winner). */
  guesses: Map<string, string>;
  /** The voter order it reconstructed (harmless alone; reported for the record). */
  voterOrder: string[];
  how: Set<string>;
}

const json = (bytes: Uint8Array | null): unknown => {
  if (!bytes) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

type Counts = Record<string, number>;

function countsOf(value: unknown): Counts | null {
  const box = (value as { box?: { counts?: unknown } } | undefined)?.box;
  const counts = box?.counts;
  return typeof counts === 'object' && counts !== null ? (counts as Counts) : null;
}

function votersOf(value: unknown): string[] {
  const box = (value as { box?: { voters?: unknown; ballots?: unknown } } | undefined)?.box;
  if (Array.isArray(box?.voters)) return box.voters as string[];
  if (Array.isArray(box?.ballots))
    return (box.ballots as { memberId: string }[]).map((b) => b.memberId);
  return [];
}

function objectsWithBoth(value: unknown, target: AttackTarget, out: [string, string][]): void {
  if (Array.isArray(value)) return value.forEach((v) => objectsWithBoth(v, target, out));
  if (typeof value !== 'object' || value === null) return;
  const strings = Object.values(value).filter((v): v is string => typeof v === 'string');
  const voter = strings.find((s) => target.voters.includes(s));
  const option = strings.find((s) => target.options.includes(s));
  if (voter && option) out.push([voter, option]);
  for (const v of Object.values(value)) objectsWithBoth(v, target, out);
}

export function attack(snapshots: readonly Snapshot[], target: AttackTarget): Attack {
  const files: Snapshot = new Map();
  snapshots.forEach((s, i) => s.forEach((bytes, name) => files.set(`${i}/${name}`, bytes)));
  const entries = allEntries(files);
  const paired = new Map<string, string>();
  const how = new Set<string>();
  const pair = (voter: string, option: string, why: string) => {
    if (!paired.has(voter)) paired.set(voter, option);
    how.add(why);
  };

  // Running counts, version by version.
  const recordKey = `r\u0000poll/${target.meetingId}/${target.pollId}`;
  const versions = entries.filter((e) => e.key === recordKey && e.value).map((e) => json(e.value));
  const choiceOrder: string[] = [];
  const recordVoterOrder: string[] = [];
  for (let i = 1; i < versions.length; i++) {
    const [before, after] = [versions[i - 1], versions[i]];
    const added = votersOf(after).filter((v) => !votersOf(before).includes(v));
    const [cb, ca] = [countsOf(before) ?? {}, countsOf(after) ?? {}];
    const rose: string[] = [];
    for (const option of target.options)
      for (let k = cb[option] ?? 0; k < (ca[option] ?? 0); k++) rose.push(option);
    recordVoterOrder.push(...added);
    // Counts that rise with no voter added (all at once at close) carry no order.
    if (added.length > 0 && rose.length === added.length) choiceOrder.push(...rose);
    if (added.length === 1 && rose.length === 1)
      pair(added[0] as string, rose[0] as string, 'running counts');
    if (added.length > 1 && rose.length === added.length && new Set(rose).size === 1)
      for (const v of added) pair(v, rose[0] as string, 'running counts (same option)');
  }

  // Write order: the audit log, then the record versions, then the control document's log.
  const auditOrder: string[] = [];
  for (const e of entries.filter((x) => x.key.startsWith('a\u0000'))) {
    const value = json(e.value) as { pollId?: string; memberId?: string; action?: string };
    if (value?.pollId === target.pollId && value.action?.startsWith('ballot.') && value.memberId)
      auditOrder.push(value.memberId);
  }
  const docOrder = controlDocumentVoterOrder(entries, target);
  const voterOrder =
    [auditOrder, recordVoterOrder, docOrder].find((o) => o.length === target.voters.length) ?? [];
  if (choiceOrder.length === voterOrder.length)
    voterOrder.forEach((v, i) => pair(v, choiceOrder[i] as string, 'write order'));

  // Adjacent records and timestamps: any object naming a voter and an option.
  const both: [string, string][] = [];
  for (const e of entries) objectsWithBoth(json(e.value), target, both);
  for (const [v, o] of both) pair(v, o, 'object with voter and option');

  // Raw bytes: a ballot-shaped fragment (member and option fields side by side) in any file,
  // blobs and torn or compressed records included.
  for (const bytes of files.values()) {
    const text = Buffer.from(bytes).toString('latin1');
    for (const voter of target.voters) {
      const needle = `"memberId":"${voter}"`;
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
        const near = text.slice(Math.max(0, at - 60), at + needle.length + 60);
        const options = target.options.filter((o) => near.includes(`"optionId":"${o}"`));
        if (options.length === 1) pair(voter, options[0] as string, 'raw bytes');
      }
    }
  }

  const winner = tallyWinner(versions, target) ?? (target.options[0] as string);
  const guesses = new Map(target.voters.map((v) => [v, paired.get(v) ?? winner]));
  return { paired, guesses, voterOrder, how };
}

function tallyWinner(versions: unknown[], target: AttackTarget): string | null {
  const last = countsOf(versions.at(-1)) ?? {};
  let best: string | null = null;
  for (const o of target.options) if (best === null || (last[o] ?? 0) > (last[best] ?? 0)) best = o;
  return best;
}

/**
 * The control document's voter order: replays its stored log and snapshot and lists voters in
 * the order the poll's Yjs items were created (test/helpers/control-roll.ts), which survives
 * compaction. A roll written once, sorted, gives member-id order, which lines up with nothing.
 */
function controlDocumentVoterOrder(entries: RawEntry[], target: AttackTarget): string[] {
  return rollItemOrder(entries, target);
}

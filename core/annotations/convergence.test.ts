/**
 * Seeded randomized convergence test (after Yjs' tests/testHelper.js): several members, one with
 * two devices, annotate one PDF concurrently — create, move, recolour, edit, delete, switch
 * visibility — while devices go offline and their updates are held back, then delivered late
 * and out of order. Every replica must end with the same annotation set and no mark that nobody
 * deleted may be lost. A failure names its seed; rerun that seed alone to reproduce.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { privateAnnotations } from '../docs/private';
import { sharedAnnotations } from '../docs/shared';
import { ANNOTATION_COLOURS, type AnnotationShape, type Visibility } from './model';
import {
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  moveAnnotation,
  setVisibility,
  updateAnnotation,
  type AnnotationDocs,
} from './store';

const SHA = 'ef'.repeat(32);

/** mulberry32: small, fast, good enough to drive a simulation reproducibly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(list: readonly T[]): T {
      return list[Math.floor(next() * list.length)] as T;
    },
    shuffle<T>(list: T[]): T[] {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j] as T, list[i] as T];
      }
      return list;
    },
  };
}

interface Device {
  name: string;
  member: { memberId: string; name: string };
  docs: AnnotationDocs;
  online: boolean;
}
interface Message {
  to: Device;
  kind: 'shared' | 'private';
  update: Uint8Array;
}

const MEMBERS = [
  { memberId: 'dung', name: 'Lê Văn Dũng' },
  { memberId: 'hang', name: 'Phạm Thị Thu Hằng' },
  { memberId: 'viet', name: 'Đặng Quốc Việt' },
  { memberId: 'anh', name: 'Vũ Thị Ngọc Ánh' },
];

function simulate(seed: number, steps: number) {
  const rnd = prng(seed);
  const memberCount = 3 + rnd.int(2); // 3–4 members
  const members = MEMBERS.slice(0, memberCount);
  // The first member also uses a second device (laptop + tablet): edits of the same mark can
  // then truly race, including two visibility switches of one mark.
  const owners = [...members, members[0] as (typeof MEMBERS)[number]];
  const devices: Device[] = owners.map((member, i) => ({
    name: `${member.memberId}#${i}`,
    member,
    docs: { shared: new Y.Doc(), private: new Y.Doc() },
    online: true,
  }));
  const inflight: Message[] = [];
  for (const device of devices)
    for (const kind of ['shared', 'private'] as const)
      device.docs[kind].on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'network') return;
        for (const peer of devices) {
          if (peer === device) continue;
          if (kind === 'private' && peer.member.memberId !== device.member.memberId) continue;
          inflight.push({ to: peer, kind, update });
        }
      });
  // A message leaves only when both ends are online; here that is approximated by the receiver
  // being online and the sender's messages being queued in `inflight` until it is.
  const deliver = (all: boolean) => {
    rnd.shuffle(inflight);
    for (let i = inflight.length - 1; i >= 0; i--) {
      const m = inflight[i] as Message;
      if (!all && (!m.to.online || rnd.next() < 0.5)) continue;
      Y.applyUpdate(m.to.docs[m.kind], m.update, 'network');
      inflight.splice(i, 1);
    }
  };

  const created = new Set<string>();
  const deleted = new Set<string>();
  let counter = 0;
  let now = Date.UTC(2026, 11, 1, 2);
  const shapeFor = (): AnnotationShape => {
    const x = rnd.int(500);
    const y = rnd.int(700);
    switch (rnd.int(4)) {
      case 0:
        return {
          kind: 'highlight',
          quads: [[x, y + 12, x + 80, y + 12, x, y, x + 80, y]],
          text: 'Điều ' + x,
        };
      case 1:
        return { kind: 'ink', paths: [[x, y, x + 5, y + 7, x + 9, y + 3]], width: 2 };
      case 2:
        return { kind: 'note', at: [x, y], text: 'Ghi chú ' + y };
      default:
        return { kind: 'text', rect: [x, y, x + 120, y + 20], text: 'Ý kiến', fontSize: 11 };
    }
  };

  for (let step = 0; step < steps; step++) {
    const device = rnd.pick(devices);
    const ctx = {
      actor: device.member,
      now: new Date((now += 1000)).toISOString(),
      origin: device.name,
    };
    const mine = listAnnotations(device.docs, { documentSha256: SHA }).filter(
      (a) => a.author.memberId === device.member.memberId,
    );
    const target = mine.length > 0 ? rnd.pick(mine) : null;
    const roll = rnd.int(100);
    if (roll < 8) {
      device.online = !device.online;
    } else if (roll < 20) {
      deliver(false);
    } else if (roll < 45 || !target) {
      const id = `${device.name.replace('#', '-')}-${counter++}`;
      const visibility: Visibility = rnd.next() < 0.5 ? 'shared' : 'private';
      createAnnotation(
        device.docs,
        {
          id,
          documentSha256: SHA,
          pageIndex: rnd.int(3),
          color: rnd.pick(ANNOTATION_COLOURS),
          visibility,
          shape: shapeFor(),
        },
        ctx,
      );
      created.add(id);
    } else if (roll < 58) {
      moveAnnotation(device.docs, target.id, rnd.int(21) - 10, rnd.int(21) - 10, ctx);
    } else if (roll < 68) {
      updateAnnotation(device.docs, target.id, { color: rnd.pick(ANNOTATION_COLOURS) }, ctx);
    } else if (roll < 74 && target.kind !== 'ink') {
      updateAnnotation(device.docs, target.id, { text: `sửa ${step}` }, ctx);
    } else if (roll < 82) {
      deleteAnnotation(device.docs, target.id, ctx);
      deleted.add(target.id);
    } else {
      setVisibility(
        device.docs,
        target.id,
        target.visibility === 'shared' ? 'private' : 'shared',
        ctx,
      );
    }
  }
  // Everyone reconnects; held-back updates arrive in random order.
  for (const device of devices) device.online = true;
  deliver(true);
  return { devices, created, deleted };
}

const SEEDS = [1, 2, 3, 42, 1337, 20261201, Date.now() % 1_000_000];

describe('annotations converge', () => {
  it.each(SEEDS)('seed %i: every replica ends with the same marks, none lost', (seed) => {
    const { devices, created, deleted } = simulate(seed, 250);
    const why = `seed ${seed}`;
    const view = (d: Device) => JSON.stringify(listAnnotations(d.docs, { documentSha256: SHA }));
    const sharedView = (d: Device) =>
      JSON.stringify(listAnnotations({ shared: d.docs.shared }, { documentSha256: SHA }));
    const first = devices[0] as Device;
    for (const d of devices) {
      expect(sharedView(d), why).toBe(sharedView(first));
      // Devices of the same member also agree on what only that member sees.
      const twin = devices.find((o) => o.member.memberId === d.member.memberId) as Device;
      expect(view(d), why).toBe(view(twin));
      // Nothing half-merged: every stored entry is still a valid annotation.
      const own = listAnnotations(
        { shared: new Y.Doc(), private: d.docs.private },
        { documentSha256: SHA },
      );
      expect(own.length, why).toBe(privateAnnotations(d.docs.private).size);
      const shared = listAnnotations({ shared: d.docs.shared }, { documentSha256: SHA });
      expect(shared.length, why).toBe(sharedAnnotations(d.docs.shared).size);
      // A member's private marks never reach anyone else's replicas.
      for (const a of listAnnotations(d.docs, { documentSha256: SHA }))
        if (a.visibility === 'private') expect(a.author.memberId, why).toBe(d.member.memberId);
    }
    // No mark lost: every mark nobody deleted is visible to its author.
    for (const id of created) {
      if (deleted.has(id)) continue;
      const author = devices.find((d) => id.startsWith(d.name.replace('#', '-') + '-')) as Device;
      const visible = listAnnotations(author.docs, { documentSha256: SHA }).some(
        (a) => a.id === id,
      );
      expect(visible, `${why}: mark ${id} was lost`).toBe(true);
    }
    expect(created.size, why).toBeGreaterThan(20);
  });
});

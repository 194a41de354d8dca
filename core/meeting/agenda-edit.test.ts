import { describe, expect, it } from 'vitest';
import type { AgendaEditError } from './agenda-edit';
import { editAgenda, type AgendaEdit } from './agenda-edit';

const agenda = [
  { id: 'a', title: 'Khai mạc' },
  { id: 'b', title: 'Báo cáo' },
  { id: 'c', title: 'Biểu quyết' },
];
const ids = (items: { id: string }[]) => items.map((i) => i.id).join('');
const inUse = (id: string) => id === 'c';

describe('editing the agenda', () => {
  it.each<[string, AgendaEdit, string]>([
    ['moves an item to the front', { kind: 'move', itemId: 'c', index: 0 }, 'cab'],
    ['moves an item to the end', { kind: 'move', itemId: 'a', index: 2 }, 'bca'],
    ['clamps a move past the end', { kind: 'move', itemId: 'a', index: 99 }, 'bca'],
    ['clamps a negative move', { kind: 'move', itemId: 'b', index: -3 }, 'bac'],
    ['a move in place changes nothing', { kind: 'move', itemId: 'b', index: 1 }, 'abc'],
    ['removes an unused item', { kind: 'remove', itemId: 'b' }, 'ac'],
  ])('%s', (_label, edit, expected) => {
    expect(ids(editAgenda(agenda, edit, inUse))).toBe(expected);
    expect(ids(agenda)).toBe('abc');
  });

  it('renames, keeping the id and place', () => {
    const out = editAgenda(
      agenda,
      { kind: 'rename', itemId: 'b', title: 'Báo cáo tài chính' },
      inUse,
    );
    expect(out[1]).toEqual({ id: 'b', title: 'Báo cáo tài chính' });
    expect(agenda[1]?.title).toBe('Báo cáo');
  });

  it.each<[AgendaEdit, string]>([
    [{ kind: 'remove', itemId: 'c' }, 'agenda-item-in-use'],
    [{ kind: 'rename', itemId: 'x', title: 'T' }, 'agenda-item-not-found'],
    [{ kind: 'move', itemId: 'x', index: 0 }, 'agenda-item-not-found'],
  ])('refuses %j with %s', (edit, code) => {
    expect(() => editAgenda(agenda, edit, inUse)).toThrow(
      expect.objectContaining({ code }) as AgendaEditError,
    );
  });
});

import { useEffect, useState } from 'react';
import type { MeetingMemberView } from '../../../core/api/meetings';
import { membersApi } from './api';

// Names change rarely; the panels that need them share one request per meeting.
const cache = new Map<string, Promise<MeetingMemberView[]>>();

function load(meetingId: string): Promise<MeetingMemberView[]> {
  let pending = cache.get(meetingId);
  if (!pending) {
    pending = membersApi.list(meetingId);
    cache.set(meetingId, pending);
    pending.catch(() => cache.delete(meetingId));
  }
  return pending;
}

/** The meeting's members by id (empty until loaded); ids stand in for names meanwhile. */
export function useMembers(meetingId: string): ReadonlyMap<string, MeetingMemberView> {
  const [members, setMembers] = useState<ReadonlyMap<string, MeetingMemberView>>(new Map());
  useEffect(() => {
    let live = true;
    load(meetingId).then(
      (list) => {
        if (live) setMembers(new Map(list.map((m) => [m.id, m])));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [meetingId]);
  return members;
}

export function memberName(members: ReadonlyMap<string, MeetingMemberView>, id: string): string {
  return members.get(id)?.name ?? id;
}

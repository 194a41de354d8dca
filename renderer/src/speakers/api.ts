import type { FloorManageRequest, SpeechKind } from '../../../core/api/speakers';
import { call } from '../api/client';

/** The speakers-list routes (core/api/routes-speakers.ts). */
export const floorApi = {
  ask: (meetingId: string, itemId: string, kind: SpeechKind) =>
    call('askFloor', { params: { id: meetingId, itemId }, body: { kind } }),
  withdraw: (meetingId: string, itemId: string) =>
    call('withdrawFloor', { params: { id: meetingId, itemId } }),
  manage: (meetingId: string, itemId: string, body: FloorManageRequest) =>
    call('manageFloor', { params: { id: meetingId, itemId }, body }),
};

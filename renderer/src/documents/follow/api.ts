import type {
  AssignPresenterRequest,
  PresenterPositionRequest,
  PresenterView,
} from '../../../../core/api/presenter';
import { api } from '../../api/client';

const path = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/presenter`;

/** The follow-mode routes (core/api/presenter.ts). */
export const presenterApi = {
  setPosition: async (meetingId: string, position: PresenterPositionRequest) =>
    (await api.request(path(meetingId), { method: 'POST', body: position })) as PresenterView,
  stop: async (meetingId: string) =>
    (await api.request(`${path(meetingId)}/stop`, { method: 'POST' })) as PresenterView,
  assign: async (meetingId: string, request: AssignPresenterRequest) =>
    (await api.request(`${path(meetingId)}/assign`, {
      method: 'POST',
      body: request,
    })) as PresenterView,
};

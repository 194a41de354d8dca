import type {
  AssignPresenterRequest,
  PresenterPositionRequest,
} from '../../../../core/api/presenter';
import { call } from '../../api/client';

/** The follow-mode routes (core/api/routes.ts). */
export const presenterApi = {
  setPosition: (meetingId: string, position: PresenterPositionRequest) =>
    call('setPresenterPosition', { params: { id: meetingId }, body: position }),
  stop: (meetingId: string) => call('stopPresenting', { params: { id: meetingId } }),
  assign: (meetingId: string, request: AssignPresenterRequest) =>
    call('assignPresenter', { params: { id: meetingId }, body: request }),
};

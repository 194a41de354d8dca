import { appMessages } from './messages/app';
import { loginMessages } from './messages/login';
import { votesMessages } from './messages/votes';
import { resultsMessages } from './messages/results';
import { attendanceMessages } from './messages/attendance';
import { documentsMessages } from './messages/documents';
import { minutesMessages } from './messages/minutes';
import { annotationsMessages } from './messages/annotations';
import { followMessages } from './messages/follow';
import { connectionMessages } from './messages/connection';
import { meetingMessages } from './messages/meeting';
import { projectorMessages } from './messages/projector';
import { speakersMessages } from './messages/speakers';
import { agendaEditMessages } from './messages/agenda-edit';
import { tokenPickerMessages } from './messages/token-picker';
import { documentEditMessages } from './messages/document-edit';

/**
 * Every user-facing string, merged from each feature's messages.ts. Add a feature by adding
 * its messages here; key prefixes keep features apart.
 */
export const vi = {
  ...appMessages.vi,
  ...loginMessages.vi,
  ...votesMessages.vi,
  ...resultsMessages.vi,
  ...attendanceMessages.vi,
  ...documentsMessages.vi,
  ...annotationsMessages.vi,
  ...followMessages.vi,
  ...minutesMessages.vi,
  ...connectionMessages.vi,
  ...meetingMessages.vi,
  ...projectorMessages.vi,
  ...speakersMessages.vi,
  ...agendaEditMessages.vi,
  ...tokenPickerMessages.vi,
  ...documentEditMessages.vi,
};
export const en: Record<MessageKey, string> = {
  ...appMessages.en,
  ...loginMessages.en,
  ...votesMessages.en,
  ...resultsMessages.en,
  ...attendanceMessages.en,
  ...documentsMessages.en,
  ...annotationsMessages.en,
  ...followMessages.en,
  ...minutesMessages.en,
  ...connectionMessages.en,
  ...meetingMessages.en,
  ...projectorMessages.en,
  ...speakersMessages.en,
  ...agendaEditMessages.en,
  ...tokenPickerMessages.en,
  ...documentEditMessages.en,
};

export type MessageKey = keyof typeof vi;

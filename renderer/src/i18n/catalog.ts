import { appMessages } from '../app/messages';
import { loginMessages } from '../login/messages';
import { votesMessages } from '../votes/messages';
import { attendanceMessages } from '../attendance/messages';
import { documentsMessages } from '../documents/messages';
import { minutesMessages } from '../minutes/messages';
import { annotationsMessages } from '../documents/annotations/messages';
import { followMessages } from '../documents/follow/messages';
import { connectionMessages } from '../connection/messages';

/**
 * Every user-facing string, merged from each feature's messages.ts. Add a feature by adding
 * its messages here; key prefixes keep features apart.
 */
export const vi = {
  ...appMessages.vi,
  ...loginMessages.vi,
  ...votesMessages.vi,
  ...attendanceMessages.vi,
  ...documentsMessages.vi,
  ...annotationsMessages.vi,
  ...followMessages.vi,
  ...minutesMessages.vi,
  ...connectionMessages.vi,
};
export const en: Record<MessageKey, string> = {
  ...appMessages.en,
  ...loginMessages.en,
  ...votesMessages.en,
  ...attendanceMessages.en,
  ...documentsMessages.en,
  ...annotationsMessages.en,
  ...followMessages.en,
  ...minutesMessages.en,
  ...connectionMessages.en,
};

export type MessageKey = keyof typeof vi;

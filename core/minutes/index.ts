/** Public API of the minutes PDF: data model, validation and rendering. */
export { renderMinutesPdf } from './render';
export { parseMinutesData, parseRichText, VIETNAM_UTC_OFFSET_MINUTES } from './parse';
export { MINUTES_SIGNATURE_FIELDS, SIGNATURE_BOX } from './signatures';
export { MinutesError, type MinutesErrorCode } from './errors';
export {
  wrapRuns,
  type LaidLine,
  type LineSegment,
  type Measure,
  type FontStyle,
} from './text-layout';
export type {
  MinutesAgendaItem,
  MinutesSpeech,
  MinutesAttendee,
  MinutesData,
  MinutesFonts,
  MinutesPerson,
  MinutesTime,
  MinutesVote,
  MinutesVoteOption,
  RichBlock,
  RichRun,
  RichText,
} from './types';

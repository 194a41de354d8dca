/** Worker entry: renders one minutes PDF per task (see renderer.ts). */
import {
  MinutesError,
  renderMinutesPdf,
  type MinutesData,
  type MinutesFonts,
} from '../../core/minutes';
import { serveTasks } from '../workers/serve';
import { CodedError } from '../../core/errors/coded-error';

export interface RenderRequest {
  data: MinutesData;
  fonts: MinutesFonts;
}

/** Bad minutes data, carried across the thread boundary as a coded error. */
class InvalidMinutes extends CodedError<'minutes-draft-invalid'> {
  override readonly name = 'InvalidMinutes';
  constructor(message: string) {
    super('minutes-draft-invalid', message);
  }
}

serveTasks<RenderRequest, Uint8Array>(async ({ data, fonts }) => {
  try {
    const pdf = await renderMinutesPdf(data, fonts);
    return { result: pdf, transfer: [pdf.buffer as ArrayBuffer] };
  } catch (error) {
    if (error instanceof MinutesError) throw new InvalidMinutes(error.message);
    throw error;
  }
});

import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';

/** What the login screen shows: a catalogue key (a failure's, or a hint such as "choose one"). */
export interface LoginProblem {
  key: MessageKey;
}

/** A failure from the bridge (file, key) or the server, as `login.error.<code>` or unexpected. */
export function loginProblem(error: unknown): LoginProblem {
  return { key: errorMessageKey(error, 'login') };
}

import { appMessages } from '../app/messages';
import { loginMessages } from '../login/messages';

/**
 * Every user-facing string, merged from each feature's messages.ts. Add a feature by adding
 * its messages here; key prefixes keep features apart.
 */
export const vi = { ...appMessages.vi, ...loginMessages.vi };
export const en: Record<MessageKey, string> = { ...appMessages.en, ...loginMessages.en };

export type MessageKey = keyof typeof vi;

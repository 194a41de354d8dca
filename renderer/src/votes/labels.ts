import type { TFunction } from 'i18next';
import {
  FOR,
  type PollOption,
  type MajorityBase,
  type MajorityRule,
} from '../../../core/votes/poll';
import { vi, type MessageKey } from '../i18n/catalog';

/**
 * A key computed at run time (an error code, an option's labelKey). i18next's typed `t` takes
 * only literal keys, so the union is narrowed here once instead of at every call.
 */
export function message(t: TFunction, key: MessageKey): string {
  return t(key as 'votes.error.unexpected');
}

/** Catalogue keys exist for the default options; custom options show what the chair typed. */
export function optionLabel(t: TFunction, option: Pick<PollOption, 'label' | 'labelKey'>): string {
  const key = option.labelKey;
  return key !== undefined && Object.hasOwn(vi, key) ? message(t, key as MessageKey) : option.label;
}

type OptionLike = Pick<PollOption, 'id' | 'label' | 'labelKey'>;

/** The option counted as "for": 'for' when the poll has it, else the first (core/votes/tally). */
export function motionOf<T extends { id: string }>(options: readonly T[]): T | undefined {
  return options.find((o) => o.id === FOR) ?? options[0];
}

/**
 * "Passes when …". With the chair's own options the motion is their first one, so the
 * condition names it: "for" alone would not tell a member which option counts.
 */
export function conditionText(
  t: TFunction,
  rule: MajorityRule,
  base: MajorityBase,
  motion?: OptionLike,
): string {
  const condition = t(`votes.condition.${rule}.${base}`);
  if (motion === undefined || motion.id === FOR) return condition;
  return t('votes.condition.motion', { condition, option: optionLabel(t, motion) });
}

/** 66,67 % in Vietnamese, 66.67% in English. */
export function formatPercent(value: number, language: string): string {
  return new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(value / 100);
}

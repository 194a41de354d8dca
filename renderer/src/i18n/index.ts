import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, vi } from './catalog';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const STORAGE_KEY = 'dienhong.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'vi' || value === 'en';
}

/** The saved choice, else Vietnamese: the product speaks Vietnamese first. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  return isLanguage(saved) ? saved : 'vi';
}

export async function setupI18n(
  storage: Storage | undefined = globalThis.localStorage,
): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: initialLanguage(storage),
    fallbackLng: 'vi',
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const apply = (lng: string) => {
    document.documentElement.lang = lng;
    if (isLanguage(lng)) storage?.setItem(STORAGE_KEY, lng);
  };
  apply(i18next.language);
  i18next.on('languageChanged', apply);
  return i18next;
}

import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenCertificate, TokenList } from '../../../core/bridge/contract';
import { tokenChoices, type TokenChoiceProblem } from '../../../core/bridge/token-picker';
import { en, vi } from '../i18n/catalog';
import { TokenPicker, type TokenScan } from './TokenPicker';

// Every problem core can name must have words in both languages.
const PROBLEMS: Record<TokenChoiceProblem, true> = {
  expired: true,
  'not-yet-valid': true,
  'key-missing': true,
};

const now = new Date('2026-12-02T08:00:00Z');

const cert = (keyId: string, name: string, over: Partial<TokenCertificate> = {}) => ({
  keyId,
  label: '',
  subject: `CN=${name},O=Văn phòng`,
  subjectCommonName: name,
  issuer: 'CN=CA Máy,O=Diên Hồng',
  issuerCommonName: 'CA Máy',
  serialNumber: '0a1b',
  notBefore: '2026-01-01T00:00:00Z',
  notAfter: '2027-06-30T00:00:00Z',
  fingerprintSha256: keyId.padEnd(64, '0'),
  ...over,
});

const list: TokenList = {
  moduleConfigured: true,
  tokens: [
    {
      slot: '4',
      tokenLabel: 'Máy họp 1',
      manufacturer: 'SoftHSM project',
      model: 'SoftHSM v2',
      serialNumber: 'x',
      keyIds: ['11', '22'],
      certificates: [
        cert('22', 'Trần Thị Hồng Nhung', { notAfter: '2026-11-30T00:00:00Z' }),
        cert('11', 'Nguyễn Tiến Sỹ'),
        cert('33', 'Lê Văn Ba'),
      ],
    },
  ],
};

const render = (scan: TokenScan, chosen = ''): string =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18next}>
      <TokenPicker
        scan={scan}
        chosen={chosen}
        disabled={false}
        onChoose={() => {}}
        onRescan={() => {}}
      />
    </I18nextProvider>,
  );

/** The <li> of the certificate held by `name`. */
const item = (html: string, name: string): string =>
  html.split('<li').find((part) => part.includes(name)) ?? '';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: 'vi',
    keySeparator: false,
    nsSeparator: false,
  });
});

describe('token picker', () => {
  it('has Vietnamese and English words for every problem', () => {
    for (const problem of Object.keys(PROBLEMS)) {
      const key = `tokenPicker.problem.${problem}` as keyof typeof vi;
      expect(vi[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
    }
  });

  it('lists the certificates with holder, issuer, serial and validity; refused ones disabled', () => {
    const choices = tokenChoices(list, now);
    const html = render({ state: 'listed', tokens: 1, choices }, choices[0]!.id);
    const ok = item(html, 'Nguyễn Tiến Sỹ');
    expect(ok).toContain('checked=""');
    expect(ok).not.toContain('disabled=""');
    expect(ok).toContain('Nơi cấp: CA Máy');
    expect(ok).toContain('Số hiệu: 0A1B');
    expect(ok).toContain('Hiệu lực: 01/01/2026 – 30/06/2027');
    expect(ok).toContain('Thiết bị: Máy họp 1');
    const expired = item(html, 'Trần Thị Hồng Nhung');
    expect(expired).toContain('disabled=""');
    expect(expired).toContain('Hết hạn');
    const keyless = item(html, 'Lê Văn Ba');
    expect(keyless).toContain('disabled=""');
    expect(keyless).toContain('Không có khóa ký trên thiết bị');
    // The one that may sign comes first.
    expect(html.indexOf('Nguyễn Tiến Sỹ')).toBeLessThan(html.indexOf('Trần Thị Hồng Nhung'));
    expect(html).toContain('Thử lại');
  });

  it('says when no token is plugged in, with a rescan button', () => {
    const html = render({ state: 'listed', tokens: 0, choices: [] });
    expect(html).toContain('Không tìm thấy thiết bị ký số');
    expect(html).toMatch(/<button type="button"[^>]*>Thử lại<\/button>/);
    expect(html).not.toContain('type="radio"');
  });

  it('shows a listing failure as an alert, with a rescan button', () => {
    const html = render({ state: 'failed', message: 'Máy này chưa cài đặt phần mềm' });
    expect(html).toContain('role="alert"');
    expect(html).toContain('Máy này chưa cài đặt phần mềm');
    expect(html).toContain('Thử lại');
  });
});

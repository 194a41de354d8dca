import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, closeMeaning, retryDelayMs } from '../../../core/docs/close-codes';
import type { ConnectionProblem } from '../collab/connection-watch';
import type { MeetingDocKind } from '../collab/meeting-docs';
import { en, vi } from '../i18n/catalog';
import { ConnectionBanner } from './ConnectionBanner';

function problem(code: number): ConnectionProblem {
  const meaning = closeMeaning(code);
  if (!meaning) throw new Error(`no meaning for ${code}`);
  return {
    code,
    reason: meaning.reason,
    writesRefused: meaning.writesRefused,
    final: meaning.final,
    retryInMs: retryDelayMs(meaning.retry, 1),
  };
}

const render = (
  problems: { kind: MeetingDocKind; problem: ConnectionProblem }[],
  controlNewer = false,
  offline = false,
): string =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18next}>
      <ConnectionBanner problems={problems} controlNewer={controlNewer} offline={offline} />
    </I18nextProvider>,
  );

const lines = (html: string): string[] =>
  [...html.matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((m) => m[1] ?? '');

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: 'vi',
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
});

describe('connection banner', () => {
  it('shows nothing while every connection is healthy', () => {
    expect(render([])).toBe('');
  });

  it.each(['vi', 'en'])(
    'says something real for every close code the server sends (%s)',
    async (lng) => {
      await i18next.changeLanguage(lng);
      for (const code of new Set(Object.values(CloseCode))) {
        const [line] = lines(render([{ kind: 'shared', problem: problem(code) }]));
        expect(line, String(code)).toBeTruthy();
        expect(line).not.toMatch(/syncProblem\.|\{\{/);
      }
    },
  );

  it('names the document and the wait for a quota refusal, Vietnamese first', async () => {
    await i18next.changeLanguage('vi');
    const [line] = lines(render([{ kind: 'shared', problem: problem(4413) }]));
    expect(line).toMatch(/^Tài liệu chung đã đạt giới hạn dung lượng/);
    expect(line).toContain('vẫn được giữ trên máy này');
    expect(line).toMatch(/sau 60 giây\.$/);
    const [full] = lines(render([{ kind: 'shared', problem: problem(4507) }]));
    expect(full).toMatch(/^Máy chủ đã hết dung lượng lưu trữ/);
    expect(full).toMatch(/sau 30 giây\.$/);
    await i18next.changeLanguage('en');
    const [english] = lines(render([{ kind: 'private', problem: problem(4413) }]));
    expect(english).toMatch(/^The size limit of your private notes has been reached;/);
  });

  it('says one reason once, but a quota per document', async () => {
    await i18next.changeLanguage('vi');
    const slow = problem(4429);
    const restarting = render(
      (['control', 'shared', 'private'] as const).map((kind) => ({ kind, problem: slow })),
    );
    expect(lines(restarting)).toHaveLength(1);
    const quotas = render([
      { kind: 'shared', problem: problem(4413) },
      { kind: 'private', problem: problem(4413) },
    ]);
    expect(lines(quotas)).toHaveLength(2);
    expect(quotas).toContain('sync-banner--serious');
    expect(restarting).not.toContain('sync-banner--serious');
  });

  it('says plainly, in a banner, that the connection is lost, and nothing once it is back', async () => {
    await i18next.changeLanguage('vi');
    const html = render([], false, true);
    expect(html).toContain('sync-banner--serious');
    expect(lines(html)).toEqual([expect.stringMatching(/^Mất kết nối tới máy chủ\./)]);
    const withReason = render([{ kind: 'control', problem: problem(4429) }], false, true);
    expect(lines(withReason)).toHaveLength(2);
    expect(render([], false, false)).toBe('');
    await i18next.changeLanguage('en');
    expect(lines(render([], false, true))).toEqual([
      expect.stringMatching(/^The connection to the server is lost\./),
    ]);
  });

  it('says when the meeting is kept in a newer schema than this app reads', async () => {
    await i18next.changeLanguage('vi');
    expect(render([])).toBe('');
    const html = render([], true);
    expect(html).toContain('sync-banner--serious');
    expect(lines(html)).toEqual([expect.stringMatching(/phiên bản Diên Hồng mới hơn/)]);
    await i18next.changeLanguage('en');
    expect(lines(render([], true))).toEqual([expect.stringMatching(/Please update the app\.$/)]);
  });
});

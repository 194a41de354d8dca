import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemSummary } from '../../../core/api/meetings';
import { call } from '../api/client';
import { errorMessage } from '../i18n/error-message';
import { useRoom } from '../room-context/RoomContext';
import { AgendaItemDocuments } from './AgendaItemDocuments';

/**
 * The chair's and secretary's agenda editor (agenda.edit), on the room's overview: rename an
 * item in place, move it up or down, remove one that holds nothing yet, add one at the end.
 * The server decides (core/meeting/agenda-edit.ts) and every screen follows the control document.
 * Under each item, its documents (AgendaItemDocuments: rename, replace the file, remove).
 */
export function AgendaEditor({ agenda }: { agenda: readonly AgendaItemSummary[] }) {
  const { t } = useTranslation();
  const { meeting, may } = useRoom();
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);
  const [added, setAdded] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const params = (itemId: string) => ({ id: meeting.id, itemId });

  async function run(step: () => Promise<unknown>, after?: () => void) {
    setBusy(true);
    setError(null);
    try {
      await step();
      after?.();
    } catch (e) {
      setError(errorMessage(t, e, 'meeting'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="agenda-editor" aria-labelledby="agenda-editor-title">
      <h3 id="agenda-editor-title">{t('agendaEdit.title')}</h3>
      <ol className="agenda-editor__items">
        {agenda.map((item, i) => (
          <li key={item.id}>
            {editing?.id === item.id ? (
              <form
                className="agenda-editor__rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(
                    () =>
                      call('renameAgendaItem', {
                        params: params(item.id),
                        body: { title: editing.title },
                      }),
                    () => setEditing(null),
                  );
                }}
              >
                <input
                  aria-label={t('agendaEdit.titleLabel', { number: i + 1 })}
                  value={editing.title}
                  maxLength={500}
                  onChange={(e) => setEditing({ id: item.id, title: e.target.value })}
                />
                <button type="submit" className="primary" disabled={busy}>
                  {t('agendaEdit.save')}
                </button>
                <button type="button" className="secondary" onClick={() => setEditing(null)}>
                  {t('agendaEdit.cancel')}
                </button>
              </form>
            ) : (
              <>
                <span className="agenda-editor__title">{item.title}</span>
                <span className="agenda-editor__actions">
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => setEditing({ id: item.id, title: item.title })}
                  >
                    {t('agendaEdit.rename')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy || i === 0}
                    aria-label={t('agendaEdit.up', { title: item.title })}
                    onClick={() =>
                      void run(() =>
                        call('moveAgendaItem', { params: params(item.id), body: { index: i - 1 } }),
                      )
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy || i === agenda.length - 1}
                    aria-label={t('agendaEdit.down', { title: item.title })}
                    onClick={() =>
                      void run(() =>
                        call('moveAgendaItem', { params: params(item.id), body: { index: i + 1 } }),
                      )
                    }
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-label={t('agendaEdit.remove', { title: item.title })}
                    onClick={() => {
                      if (window.confirm(t('agendaEdit.confirmRemove', { title: item.title })))
                        void run(() => call('removeAgendaItem', { params: params(item.id) }));
                    }}
                  >
                    ✕
                  </button>
                </span>
              </>
            )}
            {may('document.edit') ? (
              <AgendaItemDocuments meetingId={meeting.id} itemId={item.id} itemTitle={item.title} />
            ) : null}
          </li>
        ))}
      </ol>
      <form
        className="agenda-editor__add"
        onSubmit={(e) => {
          e.preventDefault();
          if (added.trim() === '') return;
          void run(
            () => call('addAgendaItem', { params: { id: meeting.id }, body: { title: added } }),
            () => setAdded(''),
          );
        }}
      >
        <input
          aria-label={t('agendaEdit.newLabel')}
          placeholder={t('agendaEdit.newPlaceholder')}
          value={added}
          maxLength={500}
          onChange={(e) => setAdded(e.target.value)}
        />
        <button type="submit" className="secondary" disabled={busy || added.trim() === ''}>
          {t('agendaEdit.add')}
        </button>
      </form>
      {error ? (
        <p className="agenda-editor__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

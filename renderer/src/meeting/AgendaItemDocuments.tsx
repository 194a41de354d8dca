import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentIdOf, type AgendaDocument } from '../../../core/docs/control';
import { blobs } from '../api/blobs';
import { call } from '../api/client';
import { bridge } from '../bridge';
import { useControlPart } from '../collab/MeetingDocsContext';
import { cacheDocument } from '../documents/store/cache';
import { errorMessage } from '../i18n/error-message';

const NO_DOCUMENTS: AgendaDocument[] = [];

/**
 * One item's documents in the agenda editor (document.edit): rename in place, replace the file
 * (a new PDF, uploaded then named), remove after a confirmation. The server decides
 * (core/meeting/document-edit.ts) and keeps every version; screens follow the control document.
 */
export function AgendaItemDocuments({
  meetingId,
  itemId,
  itemTitle,
}: {
  meetingId: string;
  itemId: string;
  itemTitle: string;
}) {
  const { t } = useTranslation();
  const documents =
    useControlPart('agenda')?.find((item) => item.id === itemId)?.documents ?? NO_DOCUMENTS;
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (documents.length === 0) return null;
  const params = (documentId: string) => ({ id: meetingId, itemId, documentId });

  async function run(step: () => Promise<string | null>) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await step());
    } catch (e) {
      setError(errorMessage(t, e, 'docs'));
    } finally {
      setBusy(false);
    }
  }

  async function replace(d: AgendaDocument) {
    const picked = await bridge.openFile({
      title: t('docEdit.replaceDialog', { title: d.title }),
      extensions: ['pdf'],
    });
    if (!picked) return;
    await run(async () => {
      setStatus(t('docEdit.replacing', { name: picked.name }));
      const { sha256 } = await blobs.upload(meetingId, picked.bytes, 'application/pdf');
      await call('replaceDocument', { params: params(documentIdOf(d)), body: { sha256 } });
      void cacheDocument(sha256, picked.bytes); // already verified: the uploader's own copy
      return t('docEdit.replaced', { title: d.title });
    });
  }

  return (
    <div className="agenda-editor__docs">
      <ul aria-label={t('docEdit.documents', { title: itemTitle })}>
        {documents.map((d) => {
          const id = documentIdOf(d);
          return (
            <li key={id} className="agenda-editor__doc">
              {editing?.id === id ? (
                <form
                  className="agenda-editor__rename"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void run(async () => {
                      await call('renameDocument', {
                        params: params(id),
                        body: { title: editing.title },
                      });
                      setEditing(null);
                      return null;
                    });
                  }}
                >
                  <input
                    aria-label={t('docEdit.renameLabel', { title: d.title })}
                    value={editing.title}
                    maxLength={200}
                    onChange={(e) => setEditing({ id, title: e.target.value })}
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
                  <span className="agenda-editor__doc-title">
                    <span className="agenda-editor__doc-kind" aria-hidden="true">
                      PDF
                    </span>
                    {d.title}
                  </span>
                  <span className="agenda-editor__actions">
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={`${t('docEdit.rename')}: ${d.title}`}
                      onClick={() => setEditing({ id, title: d.title })}
                    >
                      {t('docEdit.rename')}
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={`${t('docEdit.replace')}: ${d.title}`}
                      onClick={() => void replace(d)}
                    >
                      {t('docEdit.replace')}
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={t('docEdit.removeLabel', { title: d.title })}
                      onClick={() => {
                        if (window.confirm(t('docEdit.confirmRemove', { title: d.title })))
                          void run(async () => {
                            await call('removeDocument', { params: params(id) });
                            return null;
                          });
                      }}
                    >
                      {t('docEdit.remove')}
                    </button>
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <div className="agenda-editor__doc-status" role="status" aria-live="polite">
        {status}
      </div>
      {error ? (
        <p className="agenda-editor__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import type { MessageKey } from '../i18n/catalog';
import { errorMessageKey } from '../i18n/error-message';
import { attachPdf } from './store/transfer';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; name: string }
  | { kind: 'done'; title: string }
  | { kind: 'failed'; name: string; key: MessageKey };

/** Attaching PDFs: a button (the Bridge's file dialog) or files dropped onto the zone. */
export function AttachControl({ meetingId, itemId }: { meetingId: string; itemId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  async function attach(files: { name: string; bytes: Uint8Array }[]) {
    for (const file of files) {
      setStatus({ kind: 'busy', name: file.name });
      try {
        const entry = await attachPdf(meetingId, itemId, file);
        setStatus({ kind: 'done', title: entry.title });
      } catch (error) {
        setStatus({ kind: 'failed', name: file.name, key: errorMessageKey(error, 'docs') });
        return;
      }
    }
  }

  async function choose() {
    const picked = await bridge.openFile({ title: t('docs.attachDialog'), extensions: ['pdf'] });
    if (picked) await attach([picked]);
  }

  async function drop(list: FileList) {
    const files = await Promise.all(
      [...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    await attach(files);
  }

  return (
    <div
      className={dragging ? 'docs__drop docs__drop--active' : 'docs__drop'}
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void drop(e.dataTransfer.files);
      }}
    >
      <button
        type="button"
        className="docs__attach"
        disabled={status.kind === 'busy'}
        onClick={() => void choose()}
      >
        {t('docs.attach')}
      </button>
      <span className="muted">{dragging ? t('docs.dropActive') : t('docs.dropHint')}</span>
      <div className="docs__status" role="status" aria-live="polite">
        {status.kind === 'busy' ? t('docs.uploading', { name: status.name }) : null}
        {status.kind === 'done' ? t('docs.attached', { title: status.title }) : null}
      </div>
      {status.kind === 'failed' ? (
        <p className="docs__error" role="alert">
          <strong>{status.name}: </strong>
          {t(status.key as 'docs.error.other')}
        </p>
      ) : null}
    </div>
  );
}

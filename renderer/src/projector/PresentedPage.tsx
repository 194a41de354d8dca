import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaDocument } from '../../../core/docs/control';
import { loadDocument } from '../documents/store/transfer';
import { PdfViewer } from '../documents/viewer/PdfViewer';

/**
 * The page the presenter shows, fitted to the big screen (downloaded and hash-checked as every
 * document is). The screen follows the presenter's page and shows the whole page whatever the
 * presenter's own zoom: the room reads a page, not a laptop's detail.
 */
export function PresentedPage({
  meetingId,
  document,
  page,
}: {
  meetingId: string;
  document: AgendaDocument;
  page: number;
}) {
  const { t } = useTranslation();
  const [data, setData] = useState<Uint8Array | null>(null);
  const [failed, setFailed] = useState(false);
  const { sha256, size } = document;
  useEffect(() => {
    const abort = new AbortController();
    loadDocument(meetingId, { sha256, size }, () => {}, abort.signal).then(
      ({ bytes }) => setData(bytes),
      () => {
        if (!abort.signal.aborted) setFailed(true);
      },
    );
    return () => abort.abort();
  }, [meetingId, sha256, size]);
  if (failed) return <p className="projector__muted">{t('projector.documentFailed')}</p>;
  if (!data) return <p className="projector__muted">{t('projector.documentLoading')}</p>;
  return (
    <figure className="projector__document" aria-label={document.title}>
      <PdfViewer data={data} page={page} zoom="page-fit" />
      <figcaption>
        {document.title} · {t('projector.page', { n: page + 1 })}
      </figcaption>
    </figure>
  );
}

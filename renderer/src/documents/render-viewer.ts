import type { ReactNode } from 'react';
import type { AgendaDocument } from '../../../core/docs/control';

/** What the reader shows once a document's bytes are verified; annotations wrap the viewer here. */
export type RenderDocumentViewer = (opened: {
  meetingId: string;
  document: AgendaDocument;
  data: Uint8Array;
}) => ReactNode;

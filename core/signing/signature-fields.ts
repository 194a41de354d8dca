/**
 * Adds empty signature fields to a PDF being written with pdf-lib (the minutes generator uses
 * this for the secretary's and chair's places). Signing later fills them incrementally.
 */
import { PDFHexString, PDFName, PDFNumber, type PDFDocument } from 'pdf-lib';

export interface EmptySignatureField {
  /** Field name, e.g. "secretary" or "chair". */
  readonly name: string;
  /** Zero-based page index. */
  readonly page: number;
  /** [x1, y1, x2, y2] in PDF user space. */
  readonly rect: readonly [number, number, number, number];
}

export function addEmptySignatureFields(
  doc: PDFDocument,
  fields: readonly EmptySignatureField[],
): void {
  const form = doc.getForm();
  for (const f of fields) {
    const page = doc.getPage(f.page);
    const widget = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      F: 4,
      Rect: [...f.rect],
      P: page.ref,
    });
    widget.set(PDFName.of('T'), PDFHexString.fromText(f.name));
    const ref = doc.context.register(widget);
    page.node.addAnnot(ref);
    form.acroForm.addField(ref);
  }
  form.acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
}

import dejavuSansUrl from '../../../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import { flattenAnnotations } from '../../../../core/annotations/flatten';
import type { Annotation } from '../../../../core/annotations/model';
import { bridge } from '../../bridge';

let font: Promise<Uint8Array> | null = null;
/** DejaVu Sans, fetched once: Vietnamese text needs an embedded Unicode font. */
function fontBytes(): Promise<Uint8Array> {
  font ??= fetch(dejavuSansUrl)
    .then((res) => {
      if (!res.ok) throw new Error(`font ${res.status}`);
      return res.arrayBuffer();
    })
    .then((buffer) => new Uint8Array(buffer))
    .catch((error: unknown) => {
      font = null;
      throw error;
    });
  return font;
}

/** "Tờ trình.pdf" → "Tờ trình (ghi chú).pdf". */
export function exportName(title: string, suffix: string): string {
  const base = (title.trim() || 'tai-lieu').replace(/\.pdf$/i, '').replace(/[\\/:*?"<>|]+/g, '-');
  return `${base} (${suffix}).pdf`;
}

/**
 * Saves a copy of the document with the member's own marks (and, if asked, others' shared
 * ones) drawn in. The original bytes and the meeting's copy are untouched.
 */
export async function exportAnnotatedPdf(options: {
  data: Uint8Array;
  title: string;
  suffix: string;
  annotations: readonly Annotation[];
  memberId: string;
  includeShared: boolean;
}): Promise<boolean> {
  const chosen = options.annotations.filter(
    (a) =>
      a.author.memberId === options.memberId ||
      (options.includeShared && a.visibility === 'shared'),
  );
  const bytes = await flattenAnnotations(options.data, chosen, {
    fontBytes: await fontBytes(),
    showAuthors: options.includeShared,
  });
  const { saved } = await bridge.saveFile({
    suggestedName: exportName(options.title, options.suffix),
    bytes,
  });
  return saved;
}

import type * as Y from 'yjs';
import type { RichBlock } from '../../core/minutes';
import { HttpError } from '../http/router';

/** How big a minutes draft may be when it is finalized. */
export interface DraftLimits {
  /** Top-level blocks (paragraphs, headings, lists) of the draft. */
  maxBlocks: number;
  /** UTF-8 bytes of the draft's text. */
  maxBytes: number;
}

export const DEFAULT_DRAFT_LIMITS: DraftLimits = { maxBlocks: 5_000, maxBytes: 1024 * 1024 };

const tooLarge = (what: string) =>
  new HttpError(413, 'minutes-draft-too-large', `The minutes draft is too long: ${what}.`);

/** Checked before the draft is converted: the block count costs nothing to read. */
export function checkDraftBlocks(fragment: Y.XmlFragment, limits: DraftLimits): void {
  if (fragment.length > limits.maxBlocks)
    throw tooLarge(`${fragment.length} blocks, at most ${limits.maxBlocks}`);
}

/** Checked on the converted draft, before anything is rendered. */
export function checkDraftText(blocks: readonly RichBlock[], limits: DraftLimits): void {
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const block of blocks) {
    const runs = block.type === 'list' ? block.items.flat() : block.runs;
    for (const run of runs) bytes += encoder.encode(run.text).byteLength;
    if (bytes > limits.maxBytes) throw tooLarge(`more than ${limits.maxBytes} bytes of text`);
  }
}

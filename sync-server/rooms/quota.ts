/**
 * How much a member may write into the Yjs documents: a cap per document (what is stored for
 * it, snapshot plus log) and per member (bytes written during this server run, all documents
 * together), so one delegate cannot fill the disk through shared-document writes. Writes are
 * also refused while the store is below its free-space watermark. A refused update closes the
 * writer's connection with a clear code and changes nothing.
 */
import { parseDocName } from '../../core/docs/names';
import { CloseCode, FrameError } from './protocol';

export interface QuotaLimits {
  /** Stored bytes of one shared document (annotations, minutes draft). */
  maxSharedDocumentBytes: number;
  /** Stored bytes of one member's private document. */
  maxPrivateDocumentBytes: number;
  /** Bytes one member may write in total during a server run. */
  maxMemberBytes: number;
}

export const DEFAULT_QUOTA_LIMITS: QuotaLimits = {
  maxSharedDocumentBytes: 64 * 1024 * 1024,
  maxPrivateDocumentBytes: 16 * 1024 * 1024,
  maxMemberBytes: 256 * 1024 * 1024,
};

export class WriteQuota {
  private readonly documents = new Map<string, number>();
  private readonly members = new Map<string, number>();

  constructor(
    private readonly limits: QuotaLimits,
    /** True while the store refuses writes for lack of disk space. */
    private readonly storageFull: () => boolean = () => false,
  ) {}

  /** What is stored for `docName` when it is loaded. */
  loaded(docName: string, bytes: number): void {
    this.documents.set(docName, bytes);
  }

  /** Counts an update of `bytes` from `memberId`, or throws FrameError if it may not be written. */
  admit(memberId: string, docName: string, bytes: number): void {
    if (this.storageFull())
      throw new FrameError(
        CloseCode.storageFull,
        'storage-full: the server is low on disk space',
        'storage-full',
      );
    const doc = (this.documents.get(docName) ?? 0) + bytes;
    const kind = parseDocName(docName)?.kind;
    const docLimit =
      kind === 'private' ? this.limits.maxPrivateDocumentBytes : this.limits.maxSharedDocumentBytes;
    if (doc > docLimit)
      throw new FrameError(
        CloseCode.quotaExceeded,
        `quota-exceeded: this document may hold at most ${docLimit} bytes`,
        'document-quota',
      );
    const member = (this.members.get(memberId) ?? 0) + bytes;
    if (member > this.limits.maxMemberBytes)
      throw new FrameError(
        CloseCode.quotaExceeded,
        `quota-exceeded: a member may write at most ${this.limits.maxMemberBytes} bytes`,
        'member-quota',
      );
    this.documents.set(docName, doc);
    this.members.set(memberId, member);
  }
}

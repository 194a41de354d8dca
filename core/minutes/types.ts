/**
 * What the minutes PDF is made from. Plain data (no Yjs types) so the collaborative editor's
 * document can be converted into it, and the server can validate it at the edge.
 */

/** A run of text with one style. Newlines inside `text` are hard line breaks. */
export interface RichRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** One block of rich text: what a ProseMirror/Tiptap document's top-level nodes map onto. */
export type RichBlock =
  | { readonly type: 'paragraph'; readonly runs: readonly RichRun[] }
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly runs: readonly RichRun[] }
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      /** Each item is one paragraph of runs. */
      readonly items: readonly (readonly RichRun[])[];
    };

export type RichText = readonly RichBlock[];

/** An instant with the zone it is shown in (minutes east of UTC; Vietnam is +420). */
export interface MinutesTime {
  /** ISO 8601 instant, e.g. "2026-11-28T01:30:00Z". */
  readonly iso: string;
  readonly utcOffsetMinutes: number;
}

/**
 * Thẩm quyền ký (Decree 30/2020, Phụ lục I): TM. on behalf of a collective body ("BAN CHẤP
 * HÀNH"), KT. a deputy signing for the head (the head's position: "CHỦ TỊCH"), TL. and TUQ. by
 * the head's leave or authorisation (the head's position: "GIÁM ĐỐC").
 */
export type SigningAuthorityKind = 'TM' | 'KT' | 'TL' | 'TUQ';

export interface SigningAuthority {
  readonly kind: SigningAuthorityKind;
  /** The body or the head's position signed for, as written ("Ban Chấp hành"). */
  readonly onBehalfOf: string;
}

export interface MinutesPerson {
  readonly name: string;
  /** Position (chức vụ) shown after the name, e.g. "Chủ tịch Công đoàn". */
  readonly role?: string;
  /** Absent: the plain block ("THƯ KÝ", "CHỦ TỌA") a biên bản usually has. */
  readonly authority?: SigningAuthority;
}

/** "Nơi nhận:" — who receives the minutes, and where the originals are filed ("Lưu: …"). */
export interface MinutesRecipients {
  /** One line each, printed "- Ban Thường vụ Công đoàn ngành;". */
  readonly to: readonly string[];
  /** Printed "- Lưu: VT, CĐ." as the last line, e.g. "VT, CĐ". */
  readonly archive?: string;
}

export interface MinutesAttendee {
  readonly name: string;
  readonly role: string;
  readonly present: boolean;
  /** In brackets after the name (attendance-note.ts), e.g. "vắng có lý do: đi công tác". */
  readonly note?: string;
}

export interface MinutesAgendaItem {
  readonly title: string;
  /** Who spoke on the item, in order, from the speakers list (what happened, not what was typed). */
  readonly speeches?: readonly MinutesSpeech[];
  readonly discussion: RichText;
  readonly decisions: RichText;
}

/** One turn on the floor (core/speakers): who, in what capacity, what kind, from when. */
export interface MinutesSpeech {
  readonly name: string;
  readonly position?: string;
  readonly kind: 'speech' | 'reply' | 'point-of-order';
  readonly at: MinutesTime;
}

/**
 * One row of a vote's table (core/votes/result-rows.ts): an option, or the eligible members who
 * cast nothing ('not-voted'), or, on the 'members' base, those absent ('absent').
 */
export type MinutesVoteRowKind = 'option' | 'not-voted' | 'absent';

export interface MinutesVoteOption {
  readonly label: string;
  readonly count: number;
  /** 0–100, already computed against the base; null for a row outside the base (printed "—"). */
  readonly percent: number | null;
  /** Absent: 'option'. */
  readonly kind?: MinutesVoteRowKind;
}

export interface MinutesVote {
  readonly agendaItemTitle: string;
  readonly title: string;
  readonly kind: 'named' | 'secret';
  readonly options: readonly MinutesVoteOption[];
  /** Members who cast a ballot, and members who could. */
  readonly cast: number;
  readonly eligible: number;
  /** What the percentages are of, in words, e.g. "tổng số thành viên có mặt". */
  readonly baseLabel: string;
  readonly quorumMet: boolean;
  readonly passed: boolean;
  /**
   * Set when the chair cancelled the poll (after it closed, a reason is required): printed as
   * "Đã hủy: <lý do>". A poll cancelled before its result was published has no rows.
   */
  readonly cancelledReason?: string;
}

export interface MinutesData {
  /** Issuing body, printed upper case top left. */
  readonly organisation: string;
  /** Body above it (cơ quan chủ quản), if any. */
  readonly parentOrganisation?: string;
  /** E.g. "12/BB-CĐ"; printed as "Số: 12/BB-CĐ". */
  readonly documentNumber?: string;
  readonly meetingTitle: string;
  /** Venue, e.g. "Phòng họp số 3, tầng 2, trụ sở Công đoàn". */
  readonly place: string;
  /** City for the date line ("Hà Nội, ngày …"); absent: the line starts with the date. */
  readonly locality?: string;
  /** When the meeting opened (the lifecycle's khai mạc), else its scheduled start. */
  readonly startsAt: MinutesTime;
  /** When the chair closed it (bế mạc); absent: the minutes say nothing about the end. */
  readonly endsAt?: MinutesTime;
  /** When the PDF was made: its CreationDate when no closing time is known. */
  readonly issuedAt?: MinutesTime;
  /** What the secretary wrote above the first agenda item, printed before section I. */
  readonly opening?: RichText;
  readonly chair: MinutesPerson;
  readonly secretary: MinutesPerson;
  readonly attendance: readonly MinutesAttendee[];
  readonly items: readonly MinutesAgendaItem[];
  readonly votes: readonly MinutesVote[];
  /** Absent (or nothing in it): no "Nơi nhận" block. */
  readonly recipients?: MinutesRecipients;
}

/** Font files (TrueType bytes) the caller reads; core/ never touches the file system. */
export interface MinutesFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly italic?: Uint8Array;
  readonly boldItalic?: Uint8Array;
}

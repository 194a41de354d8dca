/** Refusal codes shared by many routes of the map (routes.ts), listed once. */

/** What any route can meet at the edge: a bad path, a wrong method, a full or dead store. */
export const EDGE = [
  'bad-path',
  'method-not-allowed',
  'storage-full',
  'storage-unavailable',
] as const;
export const JSON_BODY = ['expected-json', 'malformed-json', 'body-too-large'] as const;
export const SESSION = [...EDGE, 'session-missing', 'session-invalid', 'session-expired'] as const;
export const MEETING = [...SESSION, 'meeting-not-found', 'forbidden'] as const;
export const VALIDATION = ['invalid-body', 'invalid-field', 'unknown-field'] as const;
export const POLL = [...MEETING, 'poll-not-found'] as const;
/** core/votes/poll.ts parsePollDraft's refusals. */
export const POLL_DRAFT = [
  'bad-draft',
  'unknown-field',
  'bad-title',
  'bad-agenda-item',
  'unknown-kind',
  'bad-options',
  'too-few-options',
  'too-many-options',
  'bad-option-id',
  'bad-option-label',
  'duplicate-option',
  'unknown-rule',
  'unknown-base',
  'bad-quorum',
  'bad-allow-change',
  'secret-change-not-allowed',
] as const;
export const POLL_STATE = [
  'poll-not-draft',
  'poll-not-open',
  'poll-not-closed',
  'poll-not-cancellable',
  'cancel-reason-required',
  'bad-cancel-reason',
];
export const SECRET_BALLOTS = [
  'ballot-key-unavailable',
  'ballot-key-invalid',
  'poll-key-missing',
  'urn-corrupt',
  'ballot-key-mismatch',
] as const;
export const PDF_REFUSALS = [
  'not-a-pdf',
  'pdf-truncated',
  'pdf-encrypted',
  'pdf-broken',
  'pdf-too-many-pages',
  'pdf-too-complex',
  'worker-crashed',
  'worker-out-of-memory',
  'worker-timeout',
] as const;
export const SIGNATURE_REFUSALS = [
  'minutes-earlier-bytes-changed',
  'minutes-revision-changes-content',
  'minutes-signature-invalid',
  'minutes-signature-unsupported-algorithm',
  'minutes-certificate-refused',
  'minutes-certificate-revoked',
  // PAdES B-T under --tsa-unreachable refuse: the signature is sound but got no timestamp.
  'minutes-timestamp-too-large',
  'tsa-unreachable',
  'tsa-refused',
  'tsa-wrong-imprint',
  'tsa-wrong-nonce',
  'tsa-bad-signature',
  'tsa-untrusted',
  'tsa-not-timestamping-cert',
] as const;
/** Why the meeting's state refuses an action right now (core/meeting/lifecycle.ts). */
export const MEETING_STATE = ['meeting-not-opened', 'meeting-paused', 'meeting-closed'] as const;

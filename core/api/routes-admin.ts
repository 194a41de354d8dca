/**
 * Administrator routes for first logins waiting for approval (issue #15; one part of the route
 * map, routes.ts). Approval enrols exactly the certificate that was presented.
 */
import type { EnrolmentAnswer } from '../identity/enrolment';
import {
  checkFingerprint,
  parsePendingApproval,
  type PendingApprovalRequest,
  type PendingCertificateView,
} from '../identity/pending-approval';
import { defineRoute, json, jsonBody, noBody } from './http';
import { JSON_BODY, SESSION } from './route-errors';

export const adminRoutes = {
  pendingCertificates: defineRoute({
    method: 'GET',
    path: '/api/admin/pending-certificates',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<{ pending: PendingCertificateView[] }>(),
    errors: [...SESSION, 'forbidden'],
  }),
  approvePendingCertificate: defineRoute({
    method: 'POST',
    path: '/api/admin/pending-certificates/:fingerprint/approve',
    auth: 'session',
    status: 201,
    params: { fingerprint: checkFingerprint },
    body: jsonBody<PendingApprovalRequest>(parsePendingApproval, 16 * 1024),
    answer: json<EnrolmentAnswer>(),
    errors: [
      ...SESSION,
      ...JSON_BODY,
      'forbidden',
      'fingerprint-invalid',
      'pending-invalid',
      'pending-not-found',
      'cert-malformed',
      'cert-unsupported',
      'cert-key-usage',
      'member-not-found',
      'member-invalid',
      'member-exists',
      'certificate-taken',
    ],
  }),
  rejectPendingCertificate: defineRoute({
    method: 'POST',
    path: '/api/admin/pending-certificates/:fingerprint/reject',
    auth: 'session',
    status: 200,
    params: { fingerprint: checkFingerprint },
    body: noBody,
    answer: json<{ rejected: string }>(),
    errors: [...SESSION, 'forbidden', 'fingerprint-invalid', 'pending-not-found'],
  }),
} as const;

/** Server, login, session and trust routes (one part of the route map, routes.ts). */
import type { LoginChallenge, LoginRequest } from '../identity/login';
import { parseLoginRequest } from '../identity/login';
import { parseSession, type MeAnswer, type Session, type SyncTicket } from './auth';
import { defineRoute, json, jsonBody, noBody, textAnswer } from './http';
import { type TrustResponse } from './minutes';
import {
  parseEnrolmentRequest,
  type EnrolmentAnswer,
  type EnrolmentRequest,
} from '../identity/enrolment';
import { EDGE, JSON_BODY, SESSION } from './route-errors';

/** `GET /healthz`: 200 while every check is ok or degraded, 503 (same shape) when one is down. */
export interface HealthAnswer {
  status: 'ok' | 'degraded' | 'down';
  version: string;
  uptimeSeconds: number;
  checks?: Record<string, { status: 'ok' | 'degraded' | 'down'; detail?: string }>;
}

export const identityRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/healthz',
    auth: 'public',
    status: 200,
    params: {},
    body: noBody,
    answer: json<HealthAnswer>(),
    errors: EDGE,
  }),
  metrics: defineRoute({
    method: 'GET',
    path: '/metrics',
    auth: 'public',
    status: 200,
    params: {},
    body: noBody,
    answer: textAnswer,
    errors: EDGE,
  }),

  // ------------------------------------------------------------ identity
  challenge: defineRoute({
    method: 'GET',
    path: '/api/auth/challenge',
    auth: 'public',
    status: 200,
    params: {},
    body: noBody,
    answer: json<LoginChallenge>(),
    errors: EDGE,
  }),
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    auth: 'public',
    status: 200,
    params: {},
    body: jsonBody<LoginRequest>(parseLoginRequest, 64 * 1024),
    // The client keeps this answer as its session: checked, not trusted.
    answer: json<Session>(parseSession),
    errors: [
      ...EDGE,
      ...JSON_BODY,
      'login-malformed',
      'rate-limited',
      'nonce-unknown',
      'login-bad-signature',
      'member-unknown',
      'certificate-pending-approval',
      'cert-malformed',
      'cert-expired',
      'cert-not-yet-valid',
      'cert-untrusted',
      'cert-unsupported',
      'cert-bad-signature',
      // trust lists, purposes and revocation (issue #15)
      'cert-key-usage',
      'cert-eku',
      'cert-policy',
      'cert-chain-incomplete',
      'cert-revoked',
      'cert-revocation-unknown',
      'cert-revocation-unreachable',
      'trust-invalid',
    ],
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<{ loggedOut: true }>(),
    errors: SESSION,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/me',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<MeAnswer>(),
    errors: SESSION,
  }),
  syncTicket: defineRoute({
    method: 'POST',
    path: '/api/sync-ticket',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<SyncTicket>(),
    errors: SESSION,
  }),
  trust: defineRoute({
    method: 'GET',
    path: '/api/trust',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: json<TrustResponse>(),
    errors: SESSION,
  }),
  /** An admin maps a member's existing certificate (bring your own certificate, issue #15). */
  enrolCertificate: defineRoute({
    method: 'POST',
    path: '/api/admin/members/:memberId/certificates',
    auth: 'session',
    status: 201,
    params: {},
    body: jsonBody<EnrolmentRequest>(parseEnrolmentRequest, 256 * 1024),
    answer: json<EnrolmentAnswer>(),
    errors: [
      ...SESSION,
      ...JSON_BODY,
      'forbidden',
      'cert-malformed',
      'cert-unsupported',
      'cert-key-usage',
      'member-not-found',
      'member-invalid',
      'member-exists',
      'certificate-taken',
    ],
  }),
} as const;

import type { IncomingMessage } from 'node:http';
import type { MemberProfile, Session } from '../../core/api/auth';
import { IdentityError, verifyLogin } from '../../core/identity';
import type { LoginRequest } from '../../core/identity/login';
import type { CryptoServices } from '../../core/crypto/types';
import type { ServerFeature } from '../feature';
import { HttpError, sessionOf, type CallerSession } from '../http/router';
import { route } from '../http/route';
import type { Logger } from '../log';
import type { AuditLog } from '../store/types';
import { ChallengeBook } from './challenges';
import type { MemberDirectory, MemberRecord } from './members';
import { recordPending } from './pending-certificates';
import { RateLimiter } from './rate-limit';
import type { SessionBook } from './sessions';
import { chainWithoutAnchor, type TrustService } from './trust-service';
import { base64Decode, EncodingError } from '../../core/crypto/encoding';

export interface AuthOptions {
  members: MemberDirectory;
  sessions: SessionBook;
  audit: AuditLog;
  crypto: CryptoServices;
  /** Re-read on every login, so a CA added to trust/ needs no restart. */
  trustedCas: () => Promise<string[]>;
  /**
   * Trust lists per purpose, the intermediate cache and revocation. When given, the chain is
   * checked here first (purpose login) and `trustedCas` is not used.
   */
  trust?: TrustService;
  /**
   * The origins members reach this server by (configured --public-origin, else the listening
   * origin); a login signature must be bound to one of them. Read at each login, since the
   * listening port is known only once the server listens.
   */
  publicOrigins: () => readonly string[];
  logger: Logger;
  /** Told to members by `GET /api/me`, so clients refuse larger files before uploading. */
  maxUploadBytes: number;
  now?: () => Date;
  /**
   * Where first logins of unenrolled certificates wait for approval (the data directory);
   * without it such a login is refused as member-unknown and nothing is recorded.
   */
  pendingDir?: string;
}

/** The member a request or websocket acts for, resolved from its bearer token. */
export type Authenticated = CallerSession;

export interface Auth {
  feature: ServerFeature;
  /** Resolves the caller or throws HttpError 401 with a code (session-missing/-invalid/-expired). */
  authenticate(req: IncomingMessage, url: URL): Promise<Authenticated>;
}

const STATUS_BY_CODE: Record<string, number> = { 'login-malformed': 400 };

/** Public profile of a member: what other members and the UI may see. */
export const memberProfile = (m: MemberRecord): MemberProfile => ({
  id: m.id,
  name: m.name,
  email: m.email,
  isAdmin: m.isAdmin,
});

/**
 * The session token from the Authorization header only: a token in a URL (`?token=`) ends up in
 * proxy logs and browser history, so HTTP routes ignore it. Websockets, which cannot set
 * headers from a browser, use one-time tickets instead (sync-ticket-feature.ts).
 */
function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return null;
}

/** Challenge–response login with X.509 certificates, and bearer-token sessions. */
export function createAuth(options: AuthOptions): Auth {
  const now = options.now ?? (() => new Date());
  const challenges = new ChallengeBook(options.crypto);
  const loginLimiter = new RateLimiter(20, 0.5);

  /**
   * Only the configured origins count, never the request's Host header: a page elsewhere that
   * relays our challenge gets a signature bound to its own origin, which is refused here.
   */
  async function verifyAgainstOrigins(body: LoginRequest) {
    if (!options.trust) return verifyLoginSignature(body, await options.trustedCas());
    let chainDer: Uint8Array[];
    try {
      chainDer = body.chainDer.map((c) => base64Decode(c));
    } catch (error) {
      if (error instanceof EncodingError)
        throw new IdentityError('login-malformed', 'A certificate is not Base64.');
      throw error;
    }
    const at = now();
    const trusted = await options.trust.check(chainDer, 'login', at);
    // The path as built (cached intermediates included), so the signature check sees it too.
    const certificate = await verifyLoginSignature(
      { ...body, chainDer: chainWithoutAnchor(trusted).slice(0, 8) },
      [trusted.anchor.certificatePem],
    );
    // Only after the signature: an anonymous caller cannot make us query responders.
    await options.trust.revocation(trusted, 'login', at, {
      fingerprint: certificate.fingerprintSha256Hex,
    });
    return certificate;
  }

  async function verifyLoginSignature(body: LoginRequest, trustedCaPem: string[]) {
    let lastError: unknown = new HttpError(
      500,
      'internal',
      'The server has no public origin to bind logins to.',
    );
    for (const origin of options.publicOrigins()) {
      try {
        return await verifyLogin(options.crypto, {
          request: body,
          trustedCaPem,
          now: now(),
          origin,
        });
      } catch (error) {
        lastError = error;
        // Only a signature mismatch can depend on the origin; anything else is final.
        if (!(error instanceof IdentityError && error.code === 'login-bad-signature')) break;
      }
    }
    throw lastError;
  }

  /** Runs before the body is read: a flood is refused without buffering what it sends. */
  function limitLogins(req: IncomingMessage): void {
    if (!loginLimiter.take(req.socket.remoteAddress ?? 'unknown')) {
      throw new HttpError(
        429,
        'rate-limited',
        'Too many login attempts; wait a minute and try again.',
      );
    }
  }

  async function login(body: LoginRequest): Promise<Session> {
    const consumed = challenges.consume(body.nonce, now());
    if (consumed !== 'ok') {
      throw new HttpError(
        401,
        'nonce-unknown',
        'The login challenge is unknown, used or expired; ask for a new one.',
      );
    }
    let certificate;
    try {
      certificate = await verifyAgainstOrigins(body);
    } catch (error) {
      if (error instanceof IdentityError) {
        await options.audit.appendAudit({
          at: now().toISOString(),
          action: 'login.refused',
          code: error.code,
        });
        throw new HttpError(STATUS_BY_CODE[error.code] ?? 401, error.code, error.message);
      }
      throw error;
    }
    const member = await options.members.byCertificate(certificate.fingerprintSha256Hex);
    if (!member && options.pendingDir !== undefined) {
      const recorded = await recordPending(
        options.pendingDir,
        certificate,
        body.chainDer.slice(1),
        now(),
      );
      await options.audit.appendAudit({
        at: now().toISOString(),
        action: 'login.pending-approval',
        fingerprint: certificate.fingerprintSha256Hex,
        recorded,
      });
      throw new HttpError(
        403,
        'certificate-pending-approval',
        recorded
          ? 'This certificate is trusted but not enrolled yet: an administrator must approve it first.'
          : 'This certificate is trusted but not enrolled, and the approval list is full; ask an administrator.',
      );
    }
    if (!member) {
      throw new HttpError(
        403,
        'member-unknown',
        'This certificate is valid but belongs to no member of this server.',
      );
    }
    const session = await options.sessions.create(member.id, now().getTime());
    await options.audit.appendAudit({
      at: now().toISOString(),
      action: 'login',
      memberId: member.id,
    });
    options.logger.log('info', 'auth.login', { memberId: member.id });
    return { token: session.token, expiresAt: session.expiresAt, member: memberProfile(member) };
  }

  async function authenticate(req: IncomingMessage, _url: URL): Promise<Authenticated> {
    const token = bearer(req);
    if (!token)
      throw new HttpError(
        401,
        'session-missing',
        'Log in first: this request carries no session token.',
      );
    const found = await options.sessions.lookup(token, now().getTime());
    if (!found.ok) {
      const message =
        found.code === 'session-expired'
          ? 'The session has expired; log in again.'
          : 'The session token is not valid.';
      throw new HttpError(401, found.code, message);
    }
    const member = await options.members.get(found.session.memberId);
    if (!member) throw new HttpError(401, 'session-invalid', 'The session belongs to no member.');
    return { member, token };
  }

  const feature: ServerFeature = {
    name: 'auth',
    authenticate,
    routes: [
      route('challenge', () => challenges.issue(now())),
      route('login', { guard: ({ req }) => limitLogins(req), handler: ({ body }) => login(body) }),
      route('logout', async (ctx) => {
        const { token, member } = sessionOf(ctx);
        await options.sessions.revoke(token);
        await options.audit.appendAudit({
          at: now().toISOString(),
          action: 'logout',
          memberId: member.id,
        });
        return { loggedOut: true };
      }),
      route('me', (ctx) => ({
        ...memberProfile(sessionOf(ctx).member),
        maxUploadBytes: options.maxUploadBytes,
      })),
    ],
  };
  return { feature, authenticate };
}

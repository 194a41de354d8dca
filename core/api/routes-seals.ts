/**
 * Images drawn in signature appearances (Decree 30/2020, electronic documents): each member's
 * signature image and the organisation's seal, uploaded as PNG (checked and decoded by the
 * server on upload) and fetched back as the PNG by whoever signs. One part of the route map.
 */
import { binaryAnswer, binaryBody, defineRoute, json, noBody } from './http';
import { SESSION } from './route-errors';

/** What the server kept of an uploaded image. */
export interface SignatureImageView {
  width: number;
  height: number;
  /** Size of the PNG file. */
  bytes: number;
}

/** An upload's refusals: not PNG, too large (bytes or pixels), unreadable. */
const IMAGE_UPLOAD = [
  ...SESSION,
  'forbidden',
  'body-too-large',
  'unsupported-type',
  'image-not-png',
  'image-too-large',
  'image-invalid',
] as const;

export const sealsRoutes = {
  /** A member's own signature image (the member or an administrator). */
  putSignatureImage: defineRoute({
    method: 'PUT',
    path: '/api/members/:memberId/signature-image',
    auth: 'session',
    status: 200,
    params: {},
    body: binaryBody,
    answer: json<SignatureImageView>(),
    errors: [...IMAGE_UPLOAD, 'member-not-found'],
  }),
  /** The PNG, for the member who signs with it (or an administrator). */
  signatureImage: defineRoute({
    method: 'GET',
    path: '/api/members/:memberId/signature-image',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: binaryAnswer,
    errors: [...SESSION, 'forbidden', 'member-not-found', 'image-not-found'],
  }),
  /** The organisation's seal (administrators). */
  putSeal: defineRoute({
    method: 'PUT',
    path: '/api/seal',
    auth: 'session',
    status: 200,
    params: {},
    body: binaryBody,
    answer: json<SignatureImageView>(),
    errors: IMAGE_UPLOAD,
  }),
  /** The seal's PNG, for any signed-in member (signers draw it). */
  seal: defineRoute({
    method: 'GET',
    path: '/api/seal',
    auth: 'session',
    status: 200,
    params: {},
    body: noBody,
    answer: binaryAnswer,
    errors: [...SESSION, 'image-not-found'],
  }),
} as const;

/** Members' identities: the organisation CA, certificates, .p12 files, chain checks and login. */
export { IdentityError, type IdentityErrorCode } from './errors';
export { forgeKeyPairGenerator, type KeyPairGenerator, type KeyPairPem } from './keys';
export {
  CLOCK_SKEW_ALLOWANCE_MS,
  createCa,
  issueMemberCertificate,
  issueServerCertificate,
  type CertificateWithKey,
  type CreateCaOptions,
  type IssueMemberOptions,
  type IssueServerOptions,
} from './ca';
export {
  certificateDerFromPem,
  certificatePemFromDer,
  parseCertificate,
  type CertificateInfo,
  type KeyUsageFlags,
} from './certificate';
export { buildP12, parseP12, type BuildP12Options, type ParsedP12 } from './p12';
export {
  MAX_CHAIN_LENGTH,
  verifyCertificateChain,
  type VerifiedChain,
  type VerifyChainOptions,
} from './verify-chain';
export {
  LOGIN_SIGNING_DOMAIN,
  NONCE_BYTES,
  challengeSigningInput,
  createChallenge,
  isChallengeExpired,
  parseLoginRequest,
  signChallenge,
  verifyLogin,
  type LoginChallenge,
  type LoginRequest,
  type VerifyLoginOptions,
} from './login';

import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ErrorCode, EtapisteError, Principal } from '@etapiste/shared';

export const JWT_ISSUER = 'etapiste';
export const JWT_AUDIENCE = 'etapiste-ws';
const ALGORITHM = 'HS256';

/** Issues and verifies the platform's JWTs with algorithm, issuer and audience pinned. */
export class TokenService {
  readonly #secret: Buffer;
  constructor(secret: Buffer) {
    this.#secret = secret;
  }

  issue(principal: Principal, ttlSeconds: number): { token: string; expiresAt: number } {
    const token = jwt.sign({ principal }, this.#secret, {
      algorithm: ALGORITHM,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      subject: principal.subjectId,
      expiresIn: ttlSeconds,
      jwtid: randomBytes(8).toString('hex'),
    });
    return { token, expiresAt: Date.now() + ttlSeconds * 1000 };
  }

  /** The principal of a valid token; UNAUTHENTICATED for missing, expired, forged or malformed ones. */
  verify(token: string | undefined | null): { principal: Principal; expiresAt: number } {
    if (!token) throw new EtapisteError(ErrorCode.Unauthenticated, 'missing token');
    let payload: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.#secret, { algorithms: [ALGORITHM], issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
      if (typeof decoded === 'string') throw new Error('unexpected payload');
      payload = decoded;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw new EtapisteError(ErrorCode.Unauthenticated, expired ? 'token expired' : 'invalid token');
    }
    const principal = Principal.safeParse(payload.principal);
    if (!principal.success || principal.data.subjectId !== payload.sub) {
      throw new EtapisteError(ErrorCode.Unauthenticated, 'invalid token');
    }
    return { principal: principal.data, expiresAt: (payload.exp ?? 0) * 1000 };
  }
}

/** Device tokens are stored only as their SHA-256. */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

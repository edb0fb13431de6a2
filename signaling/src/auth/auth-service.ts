import { ErrorCode, EtapisteError, type LoginResponse, type Principal } from '@etapiste/shared';
import type { CatalogueStore } from '../storage/repositories.ts';
import { LoginThrottle } from './login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { hashDeviceToken, type TokenService } from './tokens.ts';

/** Staff password login and booth device-token login, both ending in a short-lived JWT. */
export class AuthService {
  readonly #repository: Pick<CatalogueStore, 'findStaffByUsername' | 'findBoothByTokenHash'>;
  readonly #tokens: TokenService;
  readonly #ttl: { staff: number; booth: number };
  /** Per account: stops guessing one password. */
  readonly #accountThrottle = new LoginThrottle(10);
  /** Per client address: stops spraying many accounts, while a shared NAT (a library) still works. */
  readonly #addressThrottle = new LoginThrottle(100);

  constructor(repository: Pick<CatalogueStore, 'findStaffByUsername' | 'findBoothByTokenHash'>, tokens: TokenService, ttl: { staff: number; booth: number }) {
    this.#repository = repository;
    this.#tokens = tokens;
    this.#ttl = ttl;
  }

  async loginStaff(username: string, password: string, clientAddress: string): Promise<LoginResponse> {
    const account = username.toLowerCase();
    const wait = Math.max(this.#accountThrottle.retryAfterSeconds(account), this.#addressThrottle.retryAfterSeconds(clientAddress));
    if (wait > 0) throw new EtapisteError(ErrorCode.RateLimited, 'too many failed logins; try again later', { retryAfterSeconds: wait });
    const user = await this.#repository.findStaffByUsername(username);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? dummyPasswordHash);
    if (!user || !user.active || !passwordOk) {
      this.#accountThrottle.recordFailure(account);
      this.#addressThrottle.recordFailure(clientAddress);
      throw new EtapisteError(ErrorCode.Unauthenticated, 'wrong username or password');
    }
    this.#accountThrottle.recordSuccess(account);
    const principal: Principal = {
      role: user.role,
      subjectId: user.id,
      displayName: user.displayName,
      agencyId: user.agencyId,
      servicePointId: user.servicePointId,
    };
    return { ...this.#tokens.issue(principal, this.#ttl.staff), principal };
  }

  async loginBooth(deviceToken: string, clientAddress: string): Promise<LoginResponse> {
    const wait = this.#addressThrottle.retryAfterSeconds(clientAddress);
    if (wait > 0) throw new EtapisteError(ErrorCode.RateLimited, 'too many failed attempts', { retryAfterSeconds: wait });
    const booth = await this.#repository.findBoothByTokenHash(hashDeviceToken(deviceToken));
    if (!booth) {
      this.#addressThrottle.recordFailure(clientAddress);
      throw new EtapisteError(ErrorCode.Unauthenticated, 'unknown device token');
    }
    const principal: Principal = {
      role: 'booth',
      subjectId: booth.id,
      displayName: booth.label,
      agencyId: null,
      servicePointId: booth.servicePointId,
    };
    return { ...this.#tokens.issue(principal, this.#ttl.booth), principal };
  }

  /** A fresh token for a still-valid one (staff keep working past the short lifetime). */
  refresh(token: string | undefined): LoginResponse {
    const { principal } = this.#tokens.verify(token);
    const ttl = principal.role === 'booth' ? this.#ttl.booth : this.#ttl.staff;
    return { ...this.#tokens.issue(principal, ttl), principal };
  }
}

import { ErrorCode, EtapisteError, errorCodes, type ErrorCode as ErrorCodeType } from '../errors.ts';
import { LoginResponse } from '../protocol/rest.ts';

async function postLogin(path: string, body: unknown, headers: Record<string, string> = {}): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  } catch {
    throw new EtapisteError(ErrorCode.ConnectionClosed, 'server unreachable');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    const code = errorCodes.includes(error?.code as ErrorCodeType)
      ? (error?.code as ErrorCodeType)
      : response.status === 401
        ? ErrorCode.Unauthenticated
        : ErrorCode.Internal;
    throw new EtapisteError(code, error?.message ?? `HTTP ${response.status}`);
  }
  const parsed = LoginResponse.safeParse(json);
  if (!parsed.success) throw new EtapisteError(ErrorCode.Internal, 'unexpected login response');
  return parsed.data;
}

/** `POST /api/auth/login`: staff username and password → JWT. */
export function loginStaff(username: string, password: string): Promise<LoginResponse> {
  return postLogin('/api/auth/login', { username, password });
}

/** `POST /api/auth/booth`: a kiosk's device token → JWT. */
export function loginBooth(deviceToken: string): Promise<LoginResponse> {
  return postLogin('/api/auth/booth', { deviceToken });
}

/** `POST /api/auth/refresh`: a still-valid token → a fresh one (the session keeps going). */
export function refreshToken(token: string): Promise<LoginResponse> {
  return postLogin('/api/auth/refresh', {}, { authorization: `Bearer ${token}` });
}

import { ErrorCode, EtapisteError } from '@etapiste/shared';

/** Translates mediasoup's argument errors into our typed validation error. */
export async function mediasoupCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EtapisteError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TypeError || /invalid|unsupported|cannot|not found|already/i.test(message)) {
      throw new EtapisteError(ErrorCode.ValidationFailed, `${what}: ${message}`);
    }
    throw new EtapisteError(ErrorCode.MediaUnavailable, `${what} failed: ${message}`);
  }
}

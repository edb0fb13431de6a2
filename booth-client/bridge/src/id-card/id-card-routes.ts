import { IdCardSignRequest, type BridgeError, type IdCardSignResult } from '@etapiste/shared';
import type { BridgeReply, BridgeRequest, BridgeRoute } from '../bridge-server.ts';
import { IdCardError, type IdCardReader } from '../device-registry.ts';

/**
 * The bridge's ID-card routes, for the kiosk only (the bridge checks token and origin):
 * `GET /id-card/status` → `{ readerPresent, cardPresent }`;
 * `POST /id-card/sign` `{ challenge, pin }` → `{ certificate, signature }` (base64): reads the
 * authentication certificate, verifies the PIN and signs the server's challenge on the card.
 * The PIN is used for that one VERIFY and kept nowhere. Failures answer 409 with the
 * IdCardError's code (and `triesLeft` with a wrong PIN); one card operation at a time.
 */
export function idCardRoutes(reader: IdCardReader | null): BridgeRoute {
  let busy = false;
  return (request: BridgeRequest) => {
    if (!request.path.startsWith('/id-card/')) return null;
    if (!reader) return Promise.resolve(failure('readerUnavailable', 'this booth has no ID-card reader', null));
    if (request.method === 'GET' && request.path === '/id-card/status') return reader.status().then((json) => ({ json }));
    if (request.method === 'POST' && request.path === '/id-card/sign') {
      let body: IdCardSignRequest;
      try {
        body = IdCardSignRequest.parse(JSON.parse(request.body.toString('utf8')));
      } catch {
        return Promise.resolve({ status: 400, json: { error: 'invalidDocument', message: 'expected { challenge, pin (4–8 digits) }' } satisfies BridgeError });
      }
      if (busy) return Promise.resolve({ status: 409, json: { error: 'busy', message: 'the card reader is busy' } satisfies BridgeError });
      busy = true;
      return sign(reader, body).finally(() => (busy = false));
    }
    return null;
  };
}

async function sign(reader: IdCardReader, body: IdCardSignRequest): Promise<BridgeReply> {
  try {
    const certificate = await reader.readAuthenticationCertificate();
    const signature = await reader.signChallenge(Buffer.from(body.challenge, 'base64'), body.pin);
    return { json: { certificate: certificate.toString('base64'), signature: signature.toString('base64') } satisfies IdCardSignResult };
  } catch (error) {
    if (error instanceof IdCardError) return failure(error.code, error.message, error.triesLeft);
    throw error;
  }
}

function failure(code: IdCardError['code'], message: string, triesLeft: number | null): BridgeReply {
  return { status: 409, json: { error: code, message, triesLeft } satisfies BridgeError };
}

// The PC/SC reader against the real pcscd with vsmartcard's virtual reader and the project's
// card emulator, in a private mount namespace (see testing/pcsc-sandbox.ts).
import { runInPcscNamespace } from './testing/pcsc-sandbox.ts';

if (await runInPcscNamespace(import.meta.filename)) await import('./pcsc-id-card-reader.suite.ts');

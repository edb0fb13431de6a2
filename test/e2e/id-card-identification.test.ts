// ID-card identification end to end: real pcscd + vsmartcard's virtual reader + the project's
// card emulator, the device bridge, signalling, and two Chromiums. PC/SC needs a private
// mount namespace for its own pcscd (see booth-client/bridge/src/id-card/testing/pcsc-sandbox.ts).
import { runInPcscNamespace } from '../../booth-client/bridge/src/id-card/testing/pcsc-sandbox.ts';

if (await runInPcscNamespace(import.meta.filename)) await import('./id-card-identification.suite.ts');

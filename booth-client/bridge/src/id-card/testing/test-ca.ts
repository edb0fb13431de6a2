import { execFileSync } from 'node:child_process';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A test certificate authority and citizen cards it issued, made with Debian's openssl CLI
 * for each test run: nothing secret is kept in the repository. The card certificate follows
 * the Finnish citizen certificate profile where identification needs it: the holder's name in
 * GN/SN/CN and, for the tests of the agency policy, the personal identity code as an ETSI
 * EN 319 412-1 semantic identifier in the subject's serialNumber ("PNOFI-<code>").
 */
export interface TestCa {
  /** The CA certificate in PEM, what the server is configured to trust. */
  certificatePem: string;
  issueCard(holder: CardHolder): TestCard;
  /** Removes the working folder with the keys. */
  dispose(): void;
}

export interface CardHolder {
  givenName: string;
  surname: string;
  personalIdentityCode: string;
}

export interface TestCard {
  certificateDer: Buffer;
  certificatePem: string;
  privateKey: KeyObject;
}

let counter = 0;

export function createTestCa(name = 'Etapiste Test Citizen CA'): TestCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etapiste-test-ca-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(
    path.join(dir, 'ext.cnf'),
    [
      '[ca]',
      'basicConstraints = critical, CA:true, pathlen:0',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '[card]',
      'basicConstraints = critical, CA:false',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = clientAuth',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'ca.key');
  openssl('req', '-x509', '-new', '-key', 'ca.key', '-subj', `/C=FI/O=Etapiste Test/CN=${name}`, '-days', '3650', '-sha256', '-extensions', 'ca', '-config', 'ext.cnf', '-out', 'ca.pem');
  return {
    certificatePem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    issueCard(holder) {
      counter += 1;
      const base = `card${counter}`;
      openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${base}.key`);
      const subject = `/C=FI/serialNumber=PNOFI-${holder.personalIdentityCode}/GN=${holder.givenName}/SN=${holder.surname}/CN=${holder.surname} ${holder.givenName}`;
      openssl('req', '-new', '-key', `${base}.key`, '-subj', subject, '-out', `${base}.csr`);
      openssl('x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1825', '-sha256', '-extfile', 'ext.cnf', '-extensions', 'card', '-out', `${base}.pem`);
      const certificatePem = fs.readFileSync(path.join(dir, `${base}.pem`), 'utf8');
      const certificateDer = openssl('x509', '-in', `${base}.pem`, '-outform', 'DER');
      return { certificatePem, certificateDer, privateKey: createPrivateKey(fs.readFileSync(path.join(dir, `${base}.key`))) };
    },
    dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { constants, verify, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import type { IdentityProblem } from '@etapiste/shared';

/**
 * Checks of an ID card's authentication certificate and of its signature of a challenge:
 * the chain up to one of the configured trusted certificate authorities (issuer names,
 * signatures, CA flags, validity dates), then the signature with the certificate's key.
 * The person's name comes from the subject; the personal identity code only from an ETSI
 * EN 319 412-1 semantic identifier ("PNOFI-…") in the subject's serialNumber.
 */
export interface CertificateSubject {
  givenName: string;
  surname: string;
  commonName: string;
  /** From serialNumber "PNOFI-<code>"; null when the certificate does not carry one. */
  personalIdentityCode: string | null;
}

export type VerificationResult = { ok: true; subject: CertificateSubject } | { ok: false; problem: Extract<IdentityProblem, 'unknownCa' | 'certificateExpired' | 'badSignature' | 'cardError'> };

/** Splits a PEM bundle (one or more CERTIFICATE blocks) into certificates. */
export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

/** The trusted CAs from `ETAPISTE_ID_CARD_TRUSTED_CAS`: PEM files, separated by commas. */
export function trustedCasFromEnv(env: NodeJS.ProcessEnv): X509Certificate[] {
  const files = (env.ETAPISTE_ID_CARD_TRUSTED_CAS ?? '').split(',').map((file) => file.trim()).filter(Boolean);
  return files.flatMap((file) => parsePemBundle(fs.readFileSync(file, 'utf8')));
}

function withinValidity(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
}

/** Verifies the certificate (DER) chains to a trusted CA and is valid at `now`. */
export function verifyCertificate(der: Buffer, trusted: readonly X509Certificate[], now = Date.now()): VerificationResult {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(der);
  } catch {
    return { ok: false, problem: 'cardError' };
  }
  if (leaf.ca) return { ok: false, problem: 'unknownCa' };
  // The issuing CA must itself be configured (a root or the citizen-certificate intermediate).
  const issuer = trusted.find((candidate) => candidate.ca && leaf.checkIssued(candidate) && leaf.verify(candidate.publicKey));
  if (!issuer) return { ok: false, problem: 'unknownCa' };
  if (!withinValidity(issuer, now)) return { ok: false, problem: 'certificateExpired' };
  if (!withinValidity(leaf, now)) return { ok: false, problem: 'certificateExpired' };
  return { ok: true, subject: subjectOf(leaf) };
}

/** Verifies the card's signature of the challenge: RSA PKCS#1 v1.5 or ECDSA, SHA-256. */
export function verifyChallengeSignature(der: Buffer, challenge: Buffer, signature: Buffer): boolean {
  try {
    const key = new X509Certificate(der).publicKey;
    if (key.asymmetricKeyType === 'rsa') return verify('sha256', challenge, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    if (key.asymmetricKeyType === 'ec') {
      // Cards give ECDSA as r‖s; accept DER too.
      return verify('sha256', challenge, { key, dsaEncoding: 'ieee-p1363' }, signature) || verify('sha256', challenge, key, signature);
    }
    return false;
  } catch {
    return false;
  }
}

export function subjectOf(certificate: X509Certificate): CertificateSubject {
  const fields = new Map<string, string>();
  for (const line of certificate.subject.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const serial = fields.get('serialNumber') ?? '';
  const code = /^PNOFI-([0-9]{6}[-+A-FYXWVU][0-9]{3}[0-9A-Y])$/.exec(serial);
  return {
    givenName: fields.get('GN') ?? fields.get('givenName') ?? '',
    surname: fields.get('SN') ?? fields.get('surname') ?? '',
    commonName: fields.get('CN') ?? '',
    personalIdentityCode: code ? code[1]! : null,
  };
}

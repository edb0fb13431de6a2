import { createHash } from 'node:crypto';

/**
 * The file and key layout of a FINEID-style citizen card (the Finnish ID card's PKCS#15
 * application) as far as identification needs it: the application's AID, the authentication
 * certificate's elementary file, the basic PIN's reference and the authentication key's
 * reference. Shared by the PC/SC reader and the project's card emulator; the APDUs are
 * plain ISO/IEC 7816-4.
 */
export const FINEID = {
  /** PKCS#15 application identifier ("PKCS-15" under RID A000000063). */
  aid: Buffer.from('A000000063504B43532D3135', 'hex'),
  /** EF of the authentication certificate (X.509, DER). */
  authCertificateFileId: Buffer.from('4331', 'hex'),
  /** Reference of the basic PIN (PIN1) for VERIFY. */
  basicPinReference: 0x11,
  /** Reference of the authentication private key for MANAGE SECURITY ENVIRONMENT. */
  authKeyReference: 0x01,
  /** PIN length bounds of the basic PIN. */
  pinMinLength: 4,
  pinMaxLength: 8,
} as const;

/** Status words the reader branches on. */
export const SW = {
  ok: 0x9000,
  securityStatusNotSatisfied: 0x6982,
  authenticationMethodBlocked: 0x6983,
  fileNotFound: 0x6a82,
  wrongParameters: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
  wrongLength: 0x6700,
  conditionsNotSatisfied: 0x6985,
} as const;

/** 63 Cx: verification failed, x tries left. Returns x, or null for another status word. */
export function triesLeftOf(sw: number): number | null {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : null;
}

/** DigestInfo prefix of SHA-256 for an RSA PKCS#1 v1.5 signature (RFC 8017 §9.2 note 1). */
export const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export const apdu = {
  selectApplication: (aid: Buffer) => Buffer.concat([Buffer.from([0x00, 0xa4, 0x04, 0x0c, aid.length]), aid]),
  /** SELECT EF by file id, asking for the FCP (its size in tag 80). */
  selectFile: (fileId: Buffer) => Buffer.concat([Buffer.from([0x00, 0xa4, 0x02, 0x04, fileId.length]), fileId, Buffer.from([0x00])]),
  readBinary: (offset: number, length: number) => Buffer.from([0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, length & 0xff]),
  verifyPin: (reference: number, pin: string) => {
    const digits = Buffer.from(pin, 'ascii');
    return Buffer.concat([Buffer.from([0x00, 0x20, 0x00, reference, digits.length]), digits]);
  },
  /** VERIFY without data: asks for the number of tries left (63 Cx) without trying. */
  pinStatus: (reference: number) => Buffer.from([0x00, 0x20, 0x00, reference]),
  /** MSE:SET for digital signature: key reference, RSA PKCS#1 v1.5 over a DigestInfo. */
  setSignatureKey: (keyReference: number) => Buffer.from([0x00, 0x22, 0x41, 0xb6, 0x06, 0x80, 0x01, 0x02, 0x84, 0x01, keyReference]),
  /** PSO: COMPUTE DIGITAL SIGNATURE over a DigestInfo, whole signature expected (Le = 00). */
  computeSignature: (digestInfo: Buffer) => Buffer.concat([Buffer.from([0x00, 0x2a, 0x9e, 0x9a, digestInfo.length]), digestInfo, Buffer.from([0x00])]),
};

/** The FCP's file size (tag 80) from a SELECT response's data, or null. */
export function fileSizeOf(fcp: Buffer): number | null {
  // 62 L { 80 02 size … }
  if (fcp.length < 2 || fcp[0] !== 0x62) return null;
  let i = 2;
  while (i + 1 < fcp.length) {
    const tag = fcp[i]!;
    const len = fcp[i + 1]!;
    if (tag === 0x80 && len >= 1) return fcp.subarray(i + 2, i + 2 + len).readUIntBE(0, len);
    i += 2 + len;
  }
  return null;
}

/** SHA-256 DigestInfo of `data`: what the reader sends to PSO: COMPUTE DIGITAL SIGNATURE. */
export function sha256DigestInfo(data: Buffer): Buffer {
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(data).digest()]);
}

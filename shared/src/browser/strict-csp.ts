import { z } from 'zod';

/**
 * Imported first by every app entry (booth, board, agent, interpreter). The apps run under a
 * Content-Security-Policy without 'unsafe-eval' (signaling/src/security/security-headers.ts);
 * zod would otherwise probe `new Function` for its compiled parsers, which the browser reports
 * as a securitypolicyviolation even though zod catches the error. The server keeps zod's
 * compiled parsers.
 */
z.config({ jitless: true });

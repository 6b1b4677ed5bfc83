'use client';

import { z } from 'zod';

// Zod probes for eval (`new Function("")`) the first time it parses an object; under the
// Content-Security-Policy (no 'unsafe-eval', lib/http/security-headers.ts) the browser blocks
// the probe and reports a violation. Forms that validate in the browser (sign-in) run zod
// without its eval-compiled fast path instead. The server keeps it.
if (typeof window !== 'undefined') z.config({ jitless: true });

/** Rendered once by the root layout so that this module runs before any form validates. */
export function StrictCspZod() {
  return null;
}

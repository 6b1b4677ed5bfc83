import { z } from 'zod';

// Zod probes for eval (`new Function("")`) the first time it parses an object; under the
// Content-Security-Policy (no 'unsafe-eval', lib/http/security-headers.ts) the browser blocks
// the probe and reports a violation. Forms that validate in the browser (sign-in) import this
// module before their schema, so zod runs there without its eval-compiled fast path; the server
// keeps it. Imported by those forms only: zod is ~30 kB gzip that other pages need not download.
if (typeof window !== 'undefined') z.config({ jitless: true });

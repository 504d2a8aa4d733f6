// Zod compiles fast parsers with `new Function` when it may. Pages under a strict CSP (no eval) must
// turn that off before any schema runs, or every start reports a CSP violation. Import this first.
import { config } from 'zod';

config({ jitless: true });

// Runs in the browser before any page code (Next's client instrumentation hook). zod builds a
// fast object parser with `new Function`, and probes whether eval is allowed when its first object
// schema is made: under our Content-Security-Policy (no eval) the probe is blocked and the browser
// reports a violation, even though zod then falls back to its plain parser. `jitless` skips the
// probe and the compiler. The page parses a few messages a second, so the compiled parser's speed
// is not missed here; the server keeps it (this file never runs there).
import { z } from "zod";

z.config({ jitless: true });

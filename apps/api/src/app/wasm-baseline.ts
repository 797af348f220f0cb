import { setFlagsFromString } from 'node:v8';

/*
 * The only WebAssembly this process runs is llhttp, the HTTP parser of Node's own fetch (undici),
 * which the Hub client uses. V8 compiles it with Liftoff, its baseline compiler, and moments later,
 * once the first Hub answers have been parsed, recompiles the parser's one huge function with
 * TurboFan on a background thread: a register allocation that takes some 30 MB of zone memory in
 * 32 KB pieces from that thread's malloc arena. Most of it goes back, but in about half of the
 * starts a piece still in use pins some 9 MB of the arena for good: idle RSS was 112 or 121 MB
 * depending on the run. Liftoff code is all this process needs for parsing the Hub's answers
 * and the events of its open streams (a few a second for each watched Space), so the
 * optimizing tier is off for WebAssembly; JavaScript is unaffected.
 * --no-wasm-tier-up is not enough: with dynamic tiering (V8's default) it still tiers up.
 * Set here, before the first fetch compiles the module, rather than on the command line, so that
 * every way of starting the server (npm start, the Docker image, the tests) has it.
 */
setFlagsFromString('--liftoff-only');

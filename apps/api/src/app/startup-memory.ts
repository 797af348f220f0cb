import { setFlagsFromString } from 'node:v8';

/** V8's own factor (flag-definitions.h), restored once start-up is over. */
const DEFAULT_SEMI_SPACE_GROWTH_FACTOR = 2;

/*
 * Start-up makes some 30 MB of long-lived objects in one burst (every module, Nest's object
 * graph, the first inventory). V8 reads that as a busy young generation and doubles it to its
 * maximum (2 × 16 MB), and at idle nothing makes it shrink back: a third of the idle process
 * was an empty young generation. Its growth is held from here, the first module main.ts loads,
 * so before any other is; afterwards V8 grows it under load as it always does.
 */
setFlagsFromString('--semi-space-growth-factor=1');

/*
 * For the same span, V8 favours memory over speed (--optimize-for-size): the old generation's
 * limit stays tight, so start-up runs five full, compacting collections (some 20 ms in all)
 * instead of one early on, after which everything start-up threw away stayed in the heap until
 * long after: the process now leaves start-up with some 32 MB of old generation in use instead
 * of 39 (idle RSS 112 -> 105 MB). Only for that span: held for good, the same flag costs a lot
 * of CPU under heavy stream load. Its implied --max-semi-space-size=1 is read only when a heap
 * is created, so not by this one.
 */
setFlagsFromString('--optimize-for-size');

/** Ends the hold on the young generation's growth and V8's preference for memory over speed. */
export function startupOver(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH_FACTOR}`);
  setFlagsFromString('--no-optimize-for-size');
}

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

/** Ends the hold on the young generation's growth. */
export function startupOver(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH_FACTOR}`);
}

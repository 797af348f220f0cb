/** The part of negotiator 1's API the list route uses (the package ships no types; @types/negotiator lacks `preferred`). */
declare module 'negotiator' {
  import type { IncomingMessage } from 'node:http';

  class Negotiator {
    constructor(request: IncomingMessage);
    /** The encoding of `available` the client accepts most; on a tie, the first of `preferred`. */
    encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined;
  }

  export = Negotiator;
}

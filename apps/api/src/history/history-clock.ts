import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';

/**
 * The time history is stamped and measured with. The Hub's stream and list carry no time of
 * their own, so it is this server's clock; tests give the application the emulator's manual
 * clock instead, so that the Hub and this server agree to the millisecond.
 */
@Injectable()
export class HistoryClock {
  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source();
  }
}

/** Provides the one HistoryClock to every module (the application's, or a test's). */
@Global()
@Module({})
export class HistoryClockModule {
  static forRoot(now?: () => number): DynamicModule {
    return { module: HistoryClockModule, providers: [{ provide: HistoryClock, useValue: new HistoryClock(now) }], exports: [HistoryClock] };
  }
}

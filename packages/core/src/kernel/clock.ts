/** A source of the current time. The domain never reads the wall clock directly. */
export interface Clock {
  now(): Date;
}

/**
 * A clock that tests and the local runtime can move forward: another clock plus an offset.
 * @example const clock = new ManualClock(systemClock); clock.advance({ days: 3 });
 */
export class ManualClock implements Clock {
  #offsetMs = 0;
  constructor(private readonly base: Clock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.#offsetMs);
  }
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number }): void {
    this.#offsetMs += (by.days ?? 0) * 86_400_000 + (by.hours ?? 0) * 3_600_000 + (by.minutes ?? 0) * 60_000 + (by.seconds ?? 0) * 1000 + (by.ms ?? 0);
  }
}

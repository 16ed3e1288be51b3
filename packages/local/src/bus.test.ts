import { describe, expect, it } from 'vitest';
import { systemClock } from '@channelbase/platform';
import { LocalBus, PUBLISHED_KEPT } from './bus.ts';

describe('LocalBus.published', () => {
  it('keeps only the latest PUBLISHED_KEPT events', async () => {
    const bus = new LocalBus([], '/', systemClock);
    for (let i = 0; i < PUBLISHED_KEPT + 5; i++) await bus.publish({ Source: 'test', DetailType: 'Tick', Detail: JSON.stringify({ i }), Time: new Date() });
    expect(bus.published).toHaveLength(PUBLISHED_KEPT);
    expect(bus.published[0]?.detail).toEqual({ i: 5 });
    expect(bus.published.at(-1)?.detail).toEqual({ i: PUBLISHED_KEPT + 4 });
  });
});

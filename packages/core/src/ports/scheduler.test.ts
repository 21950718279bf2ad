import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.js';
import { timerScheduler } from './scheduler.js';

describe('timerScheduler', () => {
  it('calls back no earlier than the time asked for', async () => {
    const scheduler = timerScheduler();
    const at = Date.now() + 40;
    const firedAt = await new Promise<number>((resolve) => scheduler.at(at, () => resolve(Date.now())));
    expect(firedAt).toBeGreaterThanOrEqual(at);
    expect(firedAt - at).toBeLessThan(500);
  });

  it('calls back from a timer even when already due, never inside `at`', async () => {
    let ran = false;
    const fired = new Promise<void>((resolve) =>
      timerScheduler().at(0, () => {
        ran = true;
        resolve();
      }),
    );
    expect(ran).toBe(false);
    await fired;
    expect(ran).toBe(true);
  });

  it('does not call back once cancelled', async () => {
    let ran = false;
    const cancel = timerScheduler().at(Date.now() + 10, () => {
      ran = true;
    });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(ran).toBe(false);
  });

  it('waits again when its clock has not reached the time yet', async () => {
    const clock = new ManualClock(0);
    let ran = false;
    const cancel = timerScheduler(clock).at(20, () => {
      ran = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toBe(false);
    clock.advance(20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(ran).toBe(true);
    cancel();
  });
});

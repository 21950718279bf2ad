import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { ManualScheduler } from './manual-scheduler.js';

describe('ManualScheduler', () => {
  it('runs nothing until advanced, then runs due calls in time order with the clock at their time', async () => {
    const scheduler = new ManualScheduler(new ManualClock(1_000));
    const calls: Array<[string, number]> = [];
    scheduler.at(1_300, () => calls.push(['late', scheduler.now()]));
    scheduler.at(1_100, () => calls.push(['early', scheduler.now()]));
    scheduler.at(5_000, () => calls.push(['later still', scheduler.now()]));
    expect(calls).toEqual([]);
    await scheduler.advance(500);
    expect(calls).toEqual([
      ['early', 1_100],
      ['late', 1_300],
    ]);
    expect(scheduler.now()).toBe(1_500);
    expect(scheduler.pending).toBe(1);
  });

  it('runs calls scheduled by a call when they fall within the same advance', async () => {
    const scheduler = new ManualScheduler(new ManualClock(0));
    const calls: number[] = [];
    scheduler.at(100, () => {
      calls.push(scheduler.now());
      scheduler.at(250, () => calls.push(scheduler.now()));
    });
    await scheduler.advance(300);
    expect(calls).toEqual([100, 250]);
  });

  it('forgets cancelled calls', async () => {
    const scheduler = new ManualScheduler();
    let ran = false;
    const cancel = scheduler.at(10, () => {
      ran = true;
    });
    cancel();
    await scheduler.advance(100);
    expect(ran).toBe(false);
    expect(scheduler.pending).toBe(0);
  });

  it('runs calls made due by moving its clock directly', async () => {
    const clock = new ManualClock(0);
    const scheduler = new ManualScheduler(clock);
    let ran = false;
    scheduler.at(50, () => {
      ran = true;
    });
    clock.advance(60);
    await scheduler.runDue();
    expect(ran).toBe(true);
  });
});

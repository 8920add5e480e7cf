import type { RunOutcome } from './run-outcome-hooks';
import { RunOutcomeHooks } from './run-outcome-hooks';

const outcome = { run: { id: 'run-1' }, rule: { id: 'rule-1' } } as unknown as RunOutcome;

describe('RunOutcomeHooks', () => {
  it('calls every hook in order and can unregister', async () => {
    const hooks = new RunOutcomeHooks();
    const calls: string[] = [];
    hooks.register('a', () => {
      calls.push('a');
    });
    const off = hooks.register('b', async () => {
      calls.push('b');
    });
    await hooks.deliver(outcome);
    off();
    await hooks.deliver(outcome);
    expect(calls).toEqual(['a', 'b', 'a']);
    expect(hooks.size).toBe(1);
  });

  it('tries every hook, then fails naming the ones that threw', async () => {
    const hooks = new RunOutcomeHooks();
    const calls: string[] = [];
    hooks.register('broken', () => {
      throw new Error('db down');
    });
    hooks.register('fine', () => {
      calls.push('fine');
    });
    await expect(hooks.deliver(outcome)).rejects.toThrow('Run outcome hooks failed: broken: db down');
    expect(calls).toEqual(['fine']);
  });
});

import type { RunDetailDto, Severity } from '@dqw/shared-types';
import { Injectable, Logger } from '@nestjs/common';

/** A finished run (passed, failed or error), as handed to the hooks after its result is stored. */
export interface RunOutcome {
  run: RunDetailDto;
  rule: {
    id: string;
    name: string;
    datasetId: string;
    severity: Severity;
    /** The rule's creator: the default assignee of its incidents. */
    ownerId: string | null;
    /** True when the rule was deleted since (its runs still finish). */
    deleted: boolean;
  };
}

export type RunOutcomeHook = (outcome: RunOutcome) => Promise<void> | void;

/**
 * Where other modules (incidents, dashboard read models) learn that runs finished. A hook is called in
 * the process that stored the result, once per finished run, in the order the runs finished.
 *
 * Delivery is at-least-once: if a hook throws (or the process dies before every hook returned), the
 * job is retried and the hooks get the same run again, so a hook must be idempotent per `run.id`.
 * A run counts as handled once every hook returned for it.
 */
@Injectable()
export class RunOutcomeHooks {
  private readonly logger = new Logger(RunOutcomeHooks.name);
  private readonly hooks: { name: string; fn: RunOutcomeHook }[] = [];

  /** Registers a hook (call it from `onModuleInit`); returns a function that removes it. */
  register(name: string, fn: RunOutcomeHook): () => void {
    const entry = { name, fn };
    this.hooks.push(entry);
    return () => {
      const i = this.hooks.indexOf(entry);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  get size(): number {
    return this.hooks.length;
  }

  /** Runs every hook for the outcome; throws after trying all of them if any failed. */
  async deliver(outcome: RunOutcome): Promise<void> {
    const failures: string[] = [];
    for (const h of this.hooks) {
      try {
        await h.fn(outcome);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        this.logger.warn(`run outcome hook ${h.name} failed for run ${outcome.run.id}: ${msg}`);
        failures.push(`${h.name}: ${msg}`);
      }
    }
    if (failures.length) throw new Error(`Run outcome hooks failed: ${failures.join('; ')}`);
  }
}

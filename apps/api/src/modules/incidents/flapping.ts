/** DESIGN: a rule flaps when its last 10 pass/fail runs switch 3 or more times. */
export const FLAP_WINDOW = 10;
export const FLAP_MIN_CHANGES = 3;

/** Switches between consecutive verdicts, oldest first (ERROR runs are left out by the caller). */
export function verdictChanges(history: readonly ('passed' | 'failed')[]): number {
  let changes = 0;
  for (let i = 1; i < history.length; i++) if (history[i] !== history[i - 1]) changes += 1;
  return changes;
}

/** Whether the last FLAP_WINDOW verdicts (oldest first; longer input is cut to its tail) flap. */
export function isFlapping(history: readonly ('passed' | 'failed')[]): {
  flapping: boolean;
  changes: number;
} {
  const changes = verdictChanges(history.slice(-FLAP_WINDOW));
  return { flapping: changes >= FLAP_MIN_CHANGES, changes };
}

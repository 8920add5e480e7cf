const DAY_MS = 86_400_000;

/** A UTC day: `YYYY-MM-DD` and its window [from, to). */
export interface DayWindow {
  day: string;
  from: Date;
  to: Date;
}

/** The UTC day a moment falls in. */
export function dayWindow(at: Date): DayWindow {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return { day: from.toISOString().slice(0, 10), from, to: new Date(from.getTime() + DAY_MS) };
}

/** `YYYY-MM-DD` → its window, or null when it is not a real calendar day. */
export function parseDay(day: string): DayWindow | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const from = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== day) return null;
  return { day, from, to: new Date(from.getTime() + DAY_MS) };
}

/** The last `count` UTC days up to and including today, oldest first. */
export function lastDays(count: number, now: Date): DayWindow[] {
  const today = dayWindow(now).from.getTime();
  return Array.from({ length: count }, (_, i) => dayWindow(new Date(today - (count - 1 - i) * DAY_MS)));
}

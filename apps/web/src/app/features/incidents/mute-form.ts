import { INCIDENT_NOTE_MAX_LENGTH, ResolutionReason } from '@dqw/shared-types';

export type MuteChoice = '1h' | '4h' | '1d' | '1w' | 'custom' | 'indefinite';

const HOUR = 3600_000;
const PRESET_MS: Partial<Record<MuteChoice, number>> = {
  '1h': HOUR,
  '4h': 4 * HOUR,
  '1d': 24 * HOUR,
  '1w': 168 * HOUR,
};
/** The API refuses a mute end more than a year away (mute without an end instead). */
export const MAX_MUTE_MS = 366 * 24 * HOUR;

export const MUTE_CHOICES: readonly { value: MuteChoice; label: string }[] = [
  { value: '1h', label: 'For 1 hour' },
  { value: '4h', label: 'For 4 hours' },
  { value: '1d', label: 'For 1 day' },
  { value: '1w', label: 'For 1 week' },
  { value: 'custom', label: 'Until a date and time' },
  { value: 'indefinite', label: 'Until someone unmutes it' },
];

/**
 * When the mute ends, as the API wants it (ISO instant, null = until unmuted), or why the choice is
 * not valid. `custom` is a `datetime-local` value, read in the browser's time zone.
 */
export function muteUntil(
  choice: MuteChoice,
  custom: string,
  now: number,
): { until: string | null } | { error: string } {
  if (choice === 'indefinite') return { until: null };
  const preset = PRESET_MS[choice];
  if (preset !== undefined) return { until: new Date(now + preset).toISOString() };
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(custom)) {
    return { error: 'Enter the date and time the mute should end.' };
  }
  const at = new Date(custom).getTime();
  if (!Number.isFinite(at)) return { error: 'Enter the date and time the mute should end.' };
  if (at <= now) return { error: 'Choose a time in the future.' };
  if (at - now > MAX_MUTE_MS) {
    return { error: 'Choose a time within a year, or mute until someone unmutes it.' };
  }
  return { until: new Date(at).toISOString() };
}

/** A `datetime-local` value for an instant, in the browser's time zone (for defaults and `min`). */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What resolving needs (the API asks for both): a reason and a note saying what was done. */
export function resolveProblems(
  reason: ResolutionReason | '',
  note: string,
): { reason?: string; note?: string } {
  const problems: { reason?: string; note?: string } = {};
  if (!reason) problems.reason = 'Choose why the incident is resolved.';
  if (!note.trim()) problems.note = 'Say what was done, so others can learn from it.';
  else if (note.length > INCIDENT_NOTE_MAX_LENGTH) {
    problems.note = `Keep the note under ${INCIDENT_NOTE_MAX_LENGTH.toLocaleString()} characters.`;
  }
  return problems;
}

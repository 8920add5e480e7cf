import {
  CreateNotificationChannelRequest,
  EmailChannelSettingsInput,
  NOTIFICATION_EVENTS,
  NotificationChannelDto,
  NotificationChannelType,
  NotificationEvent,
  Severity,
  UpdateNotificationChannelRequest,
} from '@dqw/shared-types';
import { ApiProblem } from '../../core/http/api-problem';

/** Everything the channel dialog edits. Secrets are write-only: empty means "keep what is stored". */
export interface ChannelForm {
  name: string;
  type: NotificationChannelType;
  enabled: boolean;
  events: NotificationEvent[];
  minSeverity: Severity;
  /** webhook and Slack. For Slack the stored URL is never shown (it holds the credential). */
  url: string;
  /** webhook signing secret; empty on create = generate one. */
  secret: string;
  host: string;
  port: number | null;
  secure: boolean;
  username: string;
  password: string;
  /** Remove the stored SMTP password. */
  clearPassword: boolean;
  from: string;
  /** Recipients, separated by commas, semicolons or new lines. */
  to: string;
}

export type ChannelField =
  'name' | 'events' | 'url' | 'secret' | 'host' | 'port' | 'username' | 'password' | 'from' | 'to';

export const CHANNEL_FIELDS: readonly ChannelField[] = [
  'name',
  'events',
  'url',
  'secret',
  'host',
  'port',
  'username',
  'password',
  'from',
  'to',
];

export const CHANNEL_TYPE_OPTIONS: readonly {
  value: NotificationChannelType;
  label: string;
  hint: string;
}[] = [
  { value: 'webhook', label: 'Webhook', hint: 'JSON to your URL, signed with HMAC-SHA256' },
  { value: 'slack', label: 'Slack', hint: 'a Slack (or compatible) incoming webhook' },
  { value: 'email', label: 'Email', hint: 'through your SMTP server' },
];

export const EVENT_OPTIONS: readonly { value: NotificationEvent; label: string; short: string }[] = [
  { value: 'opened', label: 'An incident opens', short: 'opened' },
  { value: 'reopened', label: 'An incident reopens', short: 'reopened' },
  { value: 'severity_raised', label: 'Its severity is raised', short: 'severity raised' },
  { value: 'breached', label: 'An SLA target is missed', short: 'SLA missed' },
  { value: 'resolved', label: 'An incident is resolved', short: 'resolved' },
];

/** "Every event", or the chosen ones in a few words: "Opened, SLA missed". */
export function eventsSummary(events: readonly NotificationEvent[]): string {
  if (EVENT_OPTIONS.every((o) => events.includes(o.value))) return 'Every event';
  const text = EVENT_OPTIONS.filter((o) => events.includes(o.value))
    .map((o) => o.short)
    .join(', ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'No events';
}

export function channelTypeLabel(type: NotificationChannelType): string {
  return CHANNEL_TYPE_OPTIONS.find((o) => o.value === type)?.label ?? type;
}

export function eventLabel(event: NotificationEvent | 'test'): string {
  if (event === 'test') return 'Test message';
  return EVENT_OPTIONS.find((o) => o.value === event)?.label ?? event;
}

export function emptyChannelForm(type: NotificationChannelType = 'webhook'): ChannelForm {
  return {
    name: '',
    type,
    enabled: true,
    events: [...NOTIFICATION_EVENTS],
    minSeverity: 'LOW',
    url: '',
    secret: '',
    host: '',
    port: 587,
    secure: false,
    username: '',
    password: '',
    clearPassword: false,
    from: '',
    to: '',
  };
}

export function formFromChannel(c: NotificationChannelDto): ChannelForm {
  return {
    ...emptyChannelForm(c.type),
    name: c.name,
    enabled: c.enabled,
    events: [...c.events],
    minSeverity: c.minSeverity,
    // A Slack URL is its credential: the API masks it, so the field starts empty ("replace").
    url: c.type === 'webhook' ? (c.url ?? '') : '',
    host: c.email?.host ?? '',
    port: c.email?.port ?? 587,
    secure: c.email?.secure ?? false,
    username: c.email?.username ?? '',
    from: c.email?.from ?? '',
    to: (c.email?.to ?? []).join(', '),
  };
}

export function recipients(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const EMAIL = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;
const SENDER = /^(?:[^<>]*<\s*([^<>\s]+)\s*>|([^<>\s]+))$/;
const HOST = /^[A-Za-z0-9.:[\]_-]+$/;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * What to fix before saving, by field (the API checks again, and also refuses private targets).
 * `editing` is the stored channel when editing: then secrets and a Slack URL may stay empty.
 */
export function channelProblems(
  f: ChannelForm,
  editing: NotificationChannelDto | null = null,
): Partial<Record<ChannelField, string>> {
  const p: Partial<Record<ChannelField, string>> = {};
  if (!f.name.trim()) p.name = 'Give the channel a name.';
  else if (f.name.length > 200) p.name = 'Use at most 200 characters.';
  if (f.events.length === 0) p.events = 'Choose at least one event.';
  if (f.type === 'webhook' || f.type === 'slack') {
    const keepStored = editing !== null && f.type === 'slack' && !f.url.trim();
    if (!keepStored) {
      if (!f.url.trim()) p.url = 'Enter the URL to send to.';
      else if (!isHttpUrl(f.url.trim())) p.url = 'Enter a full http:// or https:// URL.';
      else if (f.url.length > 2000) p.url = 'Use at most 2,000 characters.';
    }
  }
  if (f.type === 'webhook' && f.secret !== '' && (f.secret.length < 16 || f.secret.length > 256)) {
    p.secret = 'A signing secret has 16 to 256 characters (or leave it empty).';
  }
  if (f.type === 'email') {
    if (!f.host.trim()) p.host = 'Enter the SMTP server.';
    else if (!HOST.test(f.host.trim())) p.host = 'Enter a host name or IP address, without a scheme or path.';
    if (f.port === null || !Number.isInteger(f.port) || f.port < 1 || f.port > 65535) {
      p.port = 'A port is a whole number from 1 to 65535 (587 or 465 usually).';
    }
    const sender = SENDER.exec(f.from.trim());
    if (!f.from.trim()) p.from = 'Enter the sender address.';
    else if (!sender || !EMAIL.test(sender[1] ?? sender[2] ?? '')) {
      p.from = 'Enter an address such as watchtower@example.com or Watchtower <watchtower@example.com>.';
    }
    const to = recipients(f.to);
    const bad = to.filter((a) => !EMAIL.test(a));
    if (to.length === 0) p.to = 'Enter at least one recipient.';
    else if (bad.length) p.to = `Not an email address: ${bad.slice(0, 3).join(', ')}.`;
    else if (to.length > 50) p.to = 'At most 50 recipients.';
  }
  return p;
}

function emailInput(f: ChannelForm): EmailChannelSettingsInput {
  const email: EmailChannelSettingsInput = {
    host: f.host.trim(),
    port: f.port ?? 587,
    secure: f.secure,
    username: f.username.trim() || null,
    from: f.from.trim(),
    to: recipients(f.to),
  };
  if (f.clearPassword) email.password = null;
  else if (f.password) email.password = f.password;
  return email;
}

export function createRequest(f: ChannelForm): CreateNotificationChannelRequest {
  const body: CreateNotificationChannelRequest = {
    name: f.name.trim(),
    type: f.type,
    enabled: f.enabled,
    events: [...f.events],
    minSeverity: f.minSeverity,
  };
  if (f.type === 'email') body.email = emailInput(f);
  else body.url = f.url.trim();
  if (f.type === 'webhook' && f.secret) body.secret = f.secret;
  return body;
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Only what changed; an empty secret or password keeps the stored one. */
export function updateRequest(f: ChannelForm, c: NotificationChannelDto): UpdateNotificationChannelRequest {
  const body: UpdateNotificationChannelRequest = {};
  const before = formFromChannel(c);
  if (f.name.trim() !== c.name) body.name = f.name.trim();
  if (f.enabled !== c.enabled) body.enabled = f.enabled;
  if (!sameSet(f.events, c.events)) body.events = [...f.events];
  if (f.minSeverity !== c.minSeverity) body.minSeverity = f.minSeverity;
  if (c.type !== 'email') {
    if (f.url.trim() && f.url.trim() !== before.url) body.url = f.url.trim();
    if (c.type === 'webhook' && f.secret) body.secret = f.secret;
  } else {
    const changed =
      f.host.trim() !== before.host ||
      f.port !== before.port ||
      f.secure !== before.secure ||
      f.username.trim() !== before.username ||
      f.from.trim() !== before.from ||
      !sameSet(recipients(f.to), recipients(before.to)) ||
      f.password !== '' ||
      (f.clearPassword && c.hasSecret);
    // The API takes the SMTP settings whole.
    if (changed) body.email = emailInput(f);
  }
  return body;
}

/** Server errors by form field: `details` (`email.host` …) and messages like "url: Refused to contact …". */
export function channelServerErrors(problem: ApiProblem): {
  fields: Partial<Record<ChannelField, string>>;
  rest: string | null;
} {
  const fields: Partial<Record<ChannelField, string>> = {};
  const other: string[] = [];
  const place = (path: string, message: string) => {
    const field = path.replace(/^email\./, '') as ChannelField;
    if (CHANNEL_FIELDS.includes(field)) fields[field] ??= message;
    else other.push(message);
  };
  for (const [path, message] of Object.entries(problem.fieldErrors)) place(path, message);
  const prefixed = /^(url|secret|name|email\.host|email\.from|email\.to): (.+)$/s.exec(problem.message);
  if (prefixed && Object.keys(problem.fieldErrors).length === 0) {
    place(prefixed[1], prefixed[2]);
    return { fields, rest: null };
  }
  const rest = Object.keys(problem.fieldErrors).length
    ? other.length
      ? other.join(' ')
      : null
    : problem.message;
  return { fields, rest };
}

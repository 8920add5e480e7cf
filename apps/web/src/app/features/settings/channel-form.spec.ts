import { ApiProblem } from '../../core/http/api-problem';
import {
  channelProblems,
  channelServerErrors,
  createRequest,
  emptyChannelForm,
  eventsSummary,
  formFromChannel,
  recipients,
  updateRequest,
} from './channel-form';
import { channelFixture, emailChannelFixture } from './testing/settings-fixtures';

describe('channel form', () => {
  it('creates a webhook without a secret (the API generates one) and a Slack hook without one at all', () => {
    const form = {
      ...emptyChannelForm('webhook'),
      name: ' Ops ',
      url: ' https://hooks.example.com/x ',
      events: ['opened' as const],
    };
    expect(createRequest(form)).toEqual({
      name: 'Ops',
      type: 'webhook',
      enabled: true,
      events: ['opened'],
      minSeverity: 'LOW',
      url: 'https://hooks.example.com/x',
    });
    expect(createRequest({ ...form, secret: 'a-long-enough-secret' }).secret).toBe('a-long-enough-secret');
    expect(createRequest({ ...form, type: 'slack', secret: 'ignored-secret-value' })).not.toHaveProperty(
      'secret',
    );
  });

  it('checks names, URLs, secrets and SMTP settings before saving', () => {
    expect(channelProblems({ ...emptyChannelForm('webhook'), url: 'ftp://x' })).toEqual({
      name: 'Give the channel a name.',
      url: 'Enter a full http:// or https:// URL.',
    });
    expect(
      channelProblems({
        ...emptyChannelForm('webhook'),
        name: 'x',
        url: 'https://x.example',
        secret: 'short',
      }).secret,
    ).toContain('16 to 256');
    const email = {
      ...emptyChannelForm('email'),
      name: 'Mail',
      host: 'smtp://x',
      port: 70000,
      from: 'nobody',
      to: 'a@example.com, nope',
    };
    expect(channelProblems(email)).toMatchObject({
      host: expect.stringContaining('without a scheme'),
      port: expect.stringContaining('1 to 65535'),
      from: expect.stringContaining('watchtower@example.com'),
      to: 'Not an email address: nope.',
    });
    expect(
      channelProblems({
        ...email,
        host: 'smtp.example.com',
        port: 587,
        from: 'Watchtower <wt@example.com>',
        to: 'a@example.com',
      }),
    ).toEqual({});
    expect(
      channelProblems({ ...emptyChannelForm(), name: 'x', url: 'https://x.example', events: [] }).events,
    ).toBeDefined();
  });

  it('keeps write-only secrets: an empty field keeps the stored one, a Slack URL may stay empty', () => {
    const hook = channelFixture();
    const form = formFromChannel(hook);
    expect(form.secret).toBe('');
    expect(updateRequest(form, hook)).toEqual({});
    expect(updateRequest({ ...form, secret: 'a-brand-new-secret!' }, hook)).toEqual({
      secret: 'a-brand-new-secret!',
    });

    const slack = channelFixture({ type: 'slack', url: 'https://hooks.slack.com/…', hasSecret: false });
    const slackForm = formFromChannel(slack);
    expect(slackForm.url).toBe('');
    expect(channelProblems(slackForm, slack)).toEqual({});
    expect(updateRequest({ ...slackForm, minSeverity: 'HIGH' }, slack)).toEqual({ minSeverity: 'HIGH' });
  });

  it('sends SMTP settings whole when one changes, with the password only when set or cleared', () => {
    const mail = emailChannelFixture();
    const form = formFromChannel(mail);
    expect(updateRequest(form, mail)).toEqual({});
    expect(updateRequest({ ...form, port: 465, secure: true }, mail)).toEqual({
      email: { ...mail.email, port: 465, secure: true },
    });
    expect(updateRequest({ ...form, password: 'new-pass' }, mail).email?.password).toBe('new-pass');
    expect(updateRequest({ ...form, clearPassword: true }, mail).email?.password).toBeNull();
    expect(recipients('a@x.io; b@x.io\n c@x.io,')).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
  });

  it('places server errors next to their fields', () => {
    const refused = new ApiProblem(
      'validation',
      400,
      'url: Refused to contact 10.0.0.1: 10.0.0.1 is a private address (an Admin can allow it with NOTIFY_ALLOWED_HOSTS)',
    );
    expect(channelServerErrors(refused)).toEqual({
      fields: {
        url: 'Refused to contact 10.0.0.1: 10.0.0.1 is a private address (an Admin can allow it with NOTIFY_ALLOWED_HOSTS)',
      },
      rest: null,
    });
    const detailed = new ApiProblem('validation', 400, 'Some fields need attention', {
      'email.from': 'from must be an email',
      other: 'something else',
    });
    expect(channelServerErrors(detailed)).toEqual({
      fields: { from: 'from must be an email' },
      rest: 'something else',
    });
  });

  it('sums up the events in a few words', () => {
    expect(eventsSummary(['opened', 'reopened', 'breached', 'resolved', 'severity_raised'])).toBe(
      'Every event',
    );
    expect(eventsSummary(['resolved', 'breached'])).toBe('SLA missed, resolved');
  });
});

import type { DatasetDetailDto, MeResponse, UploadResultDto } from '@dqw/shared-types';

/** A signed-in API session for test setup: the session cookie and the CSRF token, as the SPA uses them. */
export interface ApiSession {
  cookie: string;
  csrf: string;
}

export async function apiSignIn(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  const me = (await res.json()) as MeResponse;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!me.csrfToken) throw new Error('sign-in answered without a CSRF token');
  return { cookie, csrf: me.csrfToken };
}

/** Uploads a CSV as a new dataset (multipart, as the upload page sends it) and waits until it is profiled. */
export async function uploadCsv(
  baseUrl: string,
  session: ApiSession,
  name: string,
  csv: string,
): Promise<DatasetDetailDto> {
  const form = new FormData();
  form.set('name', name);
  form.set('file', new Blob([csv], { type: 'text/csv' }), `${name}.csv`);
  const res = await fetch(`${baseUrl}/api/datasets`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload failed: HTTP ${res.status} ${await res.text()}`);
  const { dataset } = (await res.json()) as UploadResultDto;
  // Profiling infers the column types the editor checks rules against; wait for it.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const detail = (await (
      await fetch(`${baseUrl}/api/datasets/${dataset.id}`, { headers: { cookie: session.cookie } })
    ).json()) as DatasetDetailDto;
    if (detail.currentVersion?.status === 'ready') return detail;
    if (detail.currentVersion?.status === 'error') {
      throw new Error(`profiling failed: ${detail.currentVersion.error ?? 'no message'}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`dataset ${name} was not profiled within 60 s`);
}

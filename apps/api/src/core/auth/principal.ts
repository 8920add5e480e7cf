import { Role } from '@dqw/shared-types';

/** Who is calling: resolved by the AuthGuard from the session cookie or the Bearer token. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  method: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  /** Only for cookie sessions: the value X-CSRF-Token must carry on unsafe methods. */
  csrfToken: string | null;
}

/**
 * Speaking to a real registry as the console does: sign in with e-mail and password, keep the
 * `penghubung_session` cookie, and send `x-csrf-token` on requests that change something.
 */
export interface ConsoleSession {
  /** `penghubung_session=<secret>`, as a browser sends it back. */
  cookie: string;
  csrfToken: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  user: any;
}

export interface SignInAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The Set-Cookie header of the answer, if any. */
  setCookie: string | null;
  session: ConsoleSession | null;
}

export async function signInOver(
  url: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<SignInAnswer> {
  const response = await fetch(`${url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const text = await response.text();
  const body = text === '' ? null : JSON.parse(text);
  const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('penghubung_session=')) ?? null;
  const session =
    response.status === 200 && setCookie !== null
      ? { cookie: setCookie.split(';')[0]!, csrfToken: body.csrfToken as string, user: body.user }
      : null;
  return { status: response.status, headers: response.headers, body, setCookie, session };
}

/** Signs in or throws. */
export async function mustSignIn(url: string, email: string, password: string, headers: Record<string, string> = {}): Promise<ConsoleSession> {
  const answer = await signInOver(url, email, password, headers);
  if (!answer.session) throw new Error(`sign-in of ${email}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.session;
}

export interface SessionCallOptions {
  /** Send the session's CSRF token (default: on every method but GET/HEAD). */
  csrf?: boolean | string;
  headers?: Record<string, string>;
}

export async function sessionCall(
  url: string,
  session: Pick<ConsoleSession, 'cookie' | 'csrfToken'> | null,
  method: string,
  path: string,
  body?: unknown,
  options: SessionCallOptions = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; headers: Headers; body: any }> {
  const unsafe = !['GET', 'HEAD'].includes(method);
  const csrf = options.csrf === undefined ? unsafe : options.csrf;
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(session ? { cookie: session.cookie } : {}),
      ...(session && csrf !== false ? { 'x-csrf-token': typeof csrf === 'string' ? csrf : session.csrfToken } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('application/json') && text !== '';
  return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
}

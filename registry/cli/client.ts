/** A small HTTP client for the registry API, for the CLI (global fetch, no server code imported). */

export interface RegistryErrorBody {
  code: string;
  message: string;
  messageEn: string;
  details: unknown;
}

export class RegistryRequestError extends Error {
  override readonly name = 'RegistryRequestError';
  constructor(
    readonly status: number,
    readonly body: RegistryErrorBody,
  ) {
    super(body.messageEn);
  }
}

/** The registry could not be reached, or answered with something that is not the registry's JSON. */
export class RegistryUnreachableError extends Error {
  override readonly name = 'RegistryUnreachableError';
}

export interface RegistryResponse<T> {
  status: number;
  body: T;
}

export class RegistryClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 120_000,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<RegistryResponse<T>> {
    const url = new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    const headers: Record<string, string> = { accept: 'application/json, text/plain' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : String(error);
      throw new RegistryUnreachableError(`${url.origin}: ${cause}`);
    }
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    let parsed: unknown = text;
    if (isJson) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        throw new RegistryUnreachableError(`${url.origin}: invalid JSON response (HTTP ${response.status})`);
      }
    }
    if (!response.ok) {
      if (isJson && parsed && typeof parsed === 'object' && 'code' in parsed) {
        throw new RegistryRequestError(response.status, parsed as RegistryErrorBody);
      }
      throw new RegistryUnreachableError(`${url.origin}: HTTP ${response.status} ${text.slice(0, 200)}`);
    }
    return { status: response.status, body: parsed as T };
  }
}

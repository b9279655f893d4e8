/** An error the API answered: its code, message and the fields it names. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }

  /** Field problems as JSON Pointers into the request body, with the problem's code when the server gives one. */
  get details(): Array<{ path: string; message: string; code?: string }> {
    return (this.body['details'] as Array<{ path: string; message: string; code?: string }> | undefined) ?? [];
  }
}

/** Talks to the server's API with the signed-in token, in the UI's language. */
export class ApiClient {
  /** Called when the server no longer accepts the sign-in (it expired): the app shows the sign-in page. */
  onSignedOut: (() => void) | undefined;

  constructor(
    private token: string | null,
    private language: () => 'zh' | 'en',
    /** Where the server is, when the page is not served by it (an embedding host's page). */
    private readonly baseUrl = '',
  ) {}

  signedIn(): boolean {
    return this.token !== null;
  }

  async login(username: string, password: string): Promise<void> {
    const answer = await this.call<{ token: string }>('POST', '/api/auth/login', { username, password });
    this.token = answer.token;
    sessionStorage.setItem('crm-policy-token', answer.token);
  }

  /** Signs out on the server, which ends every token of the user, then forgets the token here (also when the server cannot be reached). */
  async signOut(): Promise<void> {
    if (this.token !== null) await this.call('POST', '/api/auth/logout').catch(() => undefined);
    this.logout();
  }

  /** Forgets the token in this browser only. */
  logout(): void {
    this.token = null;
    sessionStorage.removeItem('crm-policy-token');
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'accept-language': this.language() === 'zh' ? 'zh-CN' : 'en',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (response.status === 401 && this.token !== null && path !== '/api/auth/login') {
      this.logout();
      this.onSignedOut?.();
    }
    if (!response.ok) {
      const error = (parsed['error'] as Record<string, unknown> | undefined) ?? {};
      throw new ApiProblem(response.status, String(error['code'] ?? 'error'), String(error['message'] ?? response.statusText), error);
    }
    return parsed as T;
  }
}

/** An HTTP refusal with a stable code; the reason never echoes request content. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${reason}`);
  }
}

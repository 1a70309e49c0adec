/**
 * Waiting between attempts: exponential backoff with full jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter") so the schools a district run retries do not come back in
 * step, and the server's own `Retry-After` when it gives one.
 */

export interface BackoffPolicy {
  /** First retry waits up to this long (default 500 ms). */
  baseMs: number;
  /** No wait is longer than this (default 8 s). */
  capMs: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = { baseMs: 500, capMs: 8_000 };

/** Wait before retry number `attempt` (0 for the first retry): uniform in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt));
}

/** `Retry-After` in ms from `now`: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/^[a-z]/i.test(v)) return undefined; // HTTP dates start with the day's name ("-5" would parse as a year)
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

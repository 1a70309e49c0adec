/**
 * Politeness: one global limit on requests in flight (shared by every school of a run) and a
 * smaller limit per site, so a district run never hammers one school's small server.
 * A request first waits for its site's slot, then for a global one: slots are never held in a
 * cycle, so no deadlock, and a busy site cannot fill the global queue with requests it may not send.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { siteKey } from './url.js';

export interface RequestLimiter {
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
}

export function createRequestLimiter(concurrency: number, perSite: number, _perSiteDelayMs = 0): RequestLimiter {
  const global = pLimit(Math.max(1, concurrency));
  const sites = new Map<string, LimitFunction>();
  return {
    run(url, task) {
      const key = siteKey(url);
      let site = sites.get(key);
      if (!site) {
        site = pLimit(Math.max(1, perSite));
        sites.set(key, site);
      }
      const limited = site(() => global(task));
      // forget idle sites: a district run meets thousands of hosts (schools and file servers)
      void limited.then(forget, forget);
      function forget(): void {
        const s = sites.get(key);
        if (s && s.activeCount === 0 && s.pendingCount === 0) sites.delete(key);
      }
      return limited;
    },
  };
}

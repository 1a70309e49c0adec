/**
 * Where Chromium is. Browsers are never downloaded: portal-audit drives the system's Chromium
 * (Debian's `chromium` package) through playwright-core, so the binary has to be found on disk.
 */
import { accessSync, constants, statSync } from 'node:fs';

export type ChromiumLookup = { path: string } | { missing: string /* one bilingual line with the install hint */ };

/**
 * Debian's real binary first: `/usr/bin/chromium` is a wrapper script that prints a /dev/shm warning
 * and adds flags from /etc/chromium.d.
 */
export const CHROMIUM_PATHS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const HINT_VI =
  'cài bằng `sudo apt-get install -y chromium` hoặc chỉ đường dẫn bằng --chromium PATH / PORTAL_AUDIT_CHROMIUM; tiếp tục không dựng trang bằng trình duyệt';
const HINT_EN =
  'install it with `sudo apt-get install -y chromium` or give --chromium PATH / PORTAL_AUDIT_CHROMIUM; going on without rendering';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Order: explicit (CLI --chromium), env PORTAL_AUDIT_CHROMIUM, then `candidates` (the usual install
 * paths). A path the user named is not silently replaced by another: when it is not an executable
 * file, the answer names it.
 */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CHROMIUM_PATHS): ChromiumLookup {
  const named = explicit?.trim()
    ? { path: explicit.trim(), via: '--chromium' }
    : env.PORTAL_AUDIT_CHROMIUM?.trim()
      ? { path: env.PORTAL_AUDIT_CHROMIUM.trim(), via: 'PORTAL_AUDIT_CHROMIUM' }
      : undefined;
  if (named) {
    if (isExecutableFile(named.path)) return { path: named.path };
    return {
      missing:
        `Không tìm thấy Chromium chạy được tại ${named.path} (${named.via}): ${HINT_VI} / ` +
        `Chromium not found or not executable at ${named.path} (${named.via}): ${HINT_EN}`,
    };
  }
  for (const path of candidates) if (isExecutableFile(path)) return { path };
  return { missing: `Không tìm thấy Chromium: ${HINT_VI} / Chromium not found: ${HINT_EN}` };
}

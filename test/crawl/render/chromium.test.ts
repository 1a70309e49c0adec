/** Finding the system's Chromium: an explicit path, the environment, then the usual install paths. */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../src/crawl/render/chromium.js';

const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

const INSTALL_HINT_VI = 'cài bằng `sudo apt-get install -y chromium`';
const INSTALL_HINT_EN = 'install it with `sudo apt-get install -y chromium`';

describe('findChromium', () => {
  it('names a missing explicit path, in Vietnamese and English, with the install hint', () => {
    const missing = join(dir, 'khong-co', 'chromium');
    const found = findChromium(missing, {});
    expect(found).toEqual({ missing: expect.stringContaining(`Không tìm thấy Chromium chạy được tại ${missing} (--chromium)`) });
    const line = (found as { missing: string }).missing;
    expect(line).toContain(`Chromium not found or not executable at ${missing} (--chromium)`);
    expect(line).toContain(INSTALL_HINT_VI);
    expect(line).toContain(INSTALL_HINT_EN);
    expect(line).toContain('going on without rendering');
    expect(line).not.toContain('\n');
  });

  it('does not fall back to another browser when the named one is not executable', () => {
    const plain = file('not-executable', 0o644);
    const found = findChromium(undefined, { PORTAL_AUDIT_CHROMIUM: plain }, [file('other', 0o755)]);
    expect(found).toEqual({ missing: expect.stringContaining(`${plain} (PORTAL_AUDIT_CHROMIUM)`) });
  });

  it('takes PORTAL_AUDIT_CHROMIUM from the environment, and the explicit path before it', () => {
    const fromEnv = file('from-env', 0o755);
    const explicit = file('explicit', 0o755);
    expect(findChromium(undefined, { PORTAL_AUDIT_CHROMIUM: fromEnv })).toEqual({ path: fromEnv });
    expect(findChromium(explicit, { PORTAL_AUDIT_CHROMIUM: fromEnv })).toEqual({ path: explicit });
  });

  it('tries the usual paths in order, skipping missing and non-executable ones', () => {
    const second = file('second', 0o755);
    const third = file('third', 0o755);
    expect(findChromium(undefined, {}, [join(dir, 'none'), file('plain', 0o600), second, third])).toEqual({ path: second });
  });

  it('says how to install Chromium when none of the usual paths has it', () => {
    expect(findChromium(undefined, {}, [join(dir, 'none')])).toEqual({
      missing:
        'Không tìm thấy Chromium: cài bằng `sudo apt-get install -y chromium` hoặc chỉ đường dẫn bằng --chromium PATH / PORTAL_AUDIT_CHROMIUM; ' +
        'tiếp tục không dựng trang bằng trình duyệt / Chromium not found: install it with `sudo apt-get install -y chromium` or give ' +
        '--chromium PATH / PORTAL_AUDIT_CHROMIUM; going on without rendering',
    });
  });

  it.skipIf(!existsSync('/usr/lib/chromium/chromium'))("prefers Debian's real binary to the /usr/bin/chromium wrapper", () => {
    expect(findChromium(undefined, {})).toEqual({ path: '/usr/lib/chromium/chromium' });
  });
});

/** Serving the HTTrack copy of TH Đình Bảng 2 (test/data/real-sites/thdinhbang2) like a static file server. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reply } from '../crawl/helpers/portal-server.js';

export const MIRROR = fileURLToPath(new URL('../data/real-sites/thdinhbang2', import.meta.url));

/** Like `python3 -m http.server`: the query is ignored, unknown files are 404. */
export function serveMirror(req: { url?: string }): Reply | undefined {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
  const file = normalize(join(MIRROR, path));
  if (!file.startsWith(MIRROR + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  // no charset in the header: the pages name it in their <meta>, as the real server's copy does
  return { headers: { 'content-type': file.endsWith('.html') ? 'text/html' : 'application/octet-stream' }, body: readFileSync(file) };
}

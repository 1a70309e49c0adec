/** What the renderer tells the user when a page could not be rendered: one line, "vi / en". */

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

/** The first line of a Playwright error without the call name ("page.goto: "), e.g. "net::ERR_CONNECTION_REFUSED". */
export function errorReason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const first = text.split('\n').find((l) => l.trim()) ?? '';
  const net = /net::ERR_[A-Z_]+/.exec(first);
  if (net) return net[0];
  return first.replace(/^[a-zA-Z]+\.[a-zA-Z]+:\s*/, '').trim().slice(0, 200) || 'unknown error';
}

export const renderMessages = {
  timeout: (ms: number) =>
    `Quá thời gian chờ dựng trang (${seconds(ms)} giây) / timed out rendering the page after ${seconds(ms)} s`,
  crashed: () => 'Trang bị sập khi dựng bằng trình duyệt / page crashed in the browser',
  browserDied: () => 'Trình duyệt Chromium bị tắt giữa chừng / the Chromium browser process died while rendering',
  unavailable: (restarts: number, why?: string) =>
    `Trình duyệt không còn dùng được sau ${restarts} lần khởi động lại / the browser is unavailable after ${restarts} restarts` +
    (why ? ` (${why})` : ''),
  closed: () => 'Bộ dựng trang đã đóng / the renderer has been closed',
  loadFailed: (e: unknown) =>
    `Không tải được trang trong trình duyệt (${errorReason(e)}) / the page could not be loaded in the browser (${errorReason(e)})`,
  notSameSite: (url: string) =>
    `Địa chỉ không thuộc trang của trường, không dựng (${url}) / the address is not on the school's site; not rendered (${url})`,
  redirectedAway: (url: string) =>
    `Trang chuyển hướng sang trang khác (${url}), không dựng / the page redirects to another site (${url}); not rendered`,
  screenshotFailed: (e: unknown) => `Không lưu được ảnh chụp màn hình (${errorReason(e)}) / the screenshot could not be saved (${errorReason(e)})`,
  launchFailed: (path: string, e: unknown) =>
    `Không khởi động được Chromium (${path}): ${errorReason(e)} / Chromium could not be started (${path}): ${errorReason(e)}`,
};

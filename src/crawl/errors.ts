/**
 * Why a URL could not be read, as one readable bilingual line:
 * "Không kết nối được tới máy chủ / Connection refused (ECONNREFUSED) — http://127.0.0.1:9/".
 * These strings end up in reports read by school staff, so they name the cause, not a stack.
 */
import type { Bilingual } from '../types.js';

export type FetchFailure =
  | 'refused'
  | 'dns'
  | 'timeout'
  | 'reset'
  | 'tls'
  | 'network'
  | 'aborted'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'redirect-offsite'
  | 'bad-url'
  | 'private-address';

const MESSAGES: Record<FetchFailure, Bilingual> = {
  refused: { vi: 'Không kết nối được tới máy chủ', en: 'Connection refused' },
  dns: { vi: 'Không tìm thấy tên miền', en: 'Domain name not found' },
  timeout: { vi: 'Máy chủ không trả lời kịp thời', en: 'No answer in time' },
  reset: { vi: 'Máy chủ ngắt kết nối giữa chừng', en: 'Connection closed by the server' },
  tls: { vi: 'Chứng chỉ không hợp lệ (HTTPS)', en: 'Invalid HTTPS certificate' },
  network: { vi: 'Lỗi mạng', en: 'Network error' },
  aborted: { vi: 'Đã dừng theo yêu cầu', en: 'Stopped on request' },
  'redirect-loop': { vi: 'Chuyển hướng vòng lặp', en: 'Redirect loop' },
  'too-many-redirects': { vi: 'Chuyển hướng quá nhiều lần', en: 'Too many redirects' },
  'redirect-offsite': { vi: 'Chuyển hướng sang trang web khác (không theo)', en: 'Redirect to another site (not followed)' },
  'bad-url': { vi: 'Địa chỉ không hợp lệ', en: 'Invalid URL' },
  'private-address': { vi: 'Địa chỉ nội bộ, không truy cập', en: 'Private or loopback address, not followed' },
};

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TLS_CODE = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;
/** TLS failures a client that skips verification gets past (not protocol or cipher mismatches). */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** The most specific error code on the error or its `cause` chain. */
export function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  let code: string | undefined;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string' && c) code = c;
    e = (e as { cause?: unknown }).cause;
  }
  return code;
}

export function classifyError(err: unknown): FetchFailure {
  const code = errorCode(err) ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ERR_PRIVATE_ADDRESS') return 'private-address';
  if (DNS_CODES.has(code)) return 'dns';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (RESET_CODES.has(code)) return 'reset';
  if (TLS_CODE.test(code)) return 'tls';
  if (code === 'ERR_INVALID_URL' || code === 'UND_ERR_INVALID_ARG') return 'bad-url';
  return 'network';
}

/** What the message names in brackets: the refused address, else the error code. */
export function errorDetail(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; i < 5 && e && typeof e === 'object'; i++, e = (e as { cause?: unknown }).cause) {
    const address = (e as { code?: unknown; address?: unknown }).address;
    if ((e as { code?: unknown }).code === 'ERR_PRIVATE_ADDRESS' && typeof address === 'string') return address;
  }
  return errorCode(err);
}

/** The certificate could not be verified (expired, self-signed, another host's, unknown issuer). */
export function isCertificateCode(code: string | undefined): boolean {
  return CERTIFICATE_CODE.test(code ?? '');
}

/** Worth another attempt: the server or the path to it may do better in a moment. */
export function isTransient(kind: FetchFailure): boolean {
  // refused is a dead server far more often than a restarting one: no retry (a district meets many)
  return kind === 'timeout' || kind === 'reset';
}

export function failureMessage(kind: FetchFailure, url: string, detail?: string): string {
  const m = MESSAGES[kind];
  return `${m.vi} / ${m.en}${detail ? ` (${detail})` : ''} — ${url}`;
}

const WHAT: Record<'page' | 'home' | 'file', Bilingual> = {
  page: { vi: 'Trang', en: 'Page' },
  home: { vi: 'Trang chủ', en: 'Home page' },
  file: { vi: 'Tệp đính kèm', en: 'Attachment' },
};

export function httpStatusMessage(status: number, url: string, what: 'page' | 'home' | 'file' = 'page'): string {
  return `${WHAT[what].vi} trả về lỗi HTTP ${status} / ${WHAT[what].en} answered HTTP ${status} — ${url}`;
}

export function htmlInsteadOfFileMessage(url: string): string {
  return `Địa chỉ tệp trả về một trang HTML, không phải tệp / The attachment URL answers with an HTML page, not a file — ${url}`;
}

export function notHtmlMessage(contentType: string, url: string): string {
  const ct = contentType || 'không rõ / unknown';
  return `Trang chủ không phải trang HTML / Home page is not an HTML page (${ct}) — ${url}`;
}

export function parseFailedMessage(url: string, detail: string): string {
  return `Không phân tích được trang / Could not parse the page (${detail}) — ${url}`;
}

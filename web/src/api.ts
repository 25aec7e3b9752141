/** Thin client for /api/v1: JSON in and out, CSRF token on writes, Chinese error messages. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server added to the error, e.g. the captcha to answer after failed sign-ins. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (data as ApiErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_' + res.status, err?.message ?? `请求失败（${res.status}）`, err?.details);
  }
  return data as T;
}

// Accounts, agencies, roles, scopes and their Chinese labels come from the capabilities' contracts, not a copy of them.
export { ONE_TIME_PASSWORD_HOURS, roleLabels, scopeLabels, userStateLabels, type PublicUser as User, type Role, type RoleScope } from '../../src/capabilities/users/contract.ts';
export { agencyLevels, agencyStateLabels, type AgencyLevel, type PublicAgency as Agency, type SessionAgency } from '../../src/capabilities/agencies/contract.ts';
import type { PublicUser } from '../../src/capabilities/users/contract.ts';
import type { SessionAgency } from '../../src/capabilities/agencies/contract.ts';

export interface Session {
  user: PublicUser;
  agencies: SessionAgency[];
  csrfToken: string;
  expiresAt: string;
  serverTime: string;
}

/** Uploads a file as the raw request body (the server decides its type by content). */
export async function apiUpload<T>(path: string, file: Blob): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    credentials: 'same-origin',
    body: file,
  });
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (data as ApiErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_' + res.status, err?.message ?? `上传失败（${res.status}）`);
  }
  return data as T;
}

/**
 * A write whose answer may be a file: JSON or a FormData (multipart) body, the raw response
 * back, errors as ApiError with the server's Chinese message.
 */
export async function apiPostRaw(path: string, body: FormData | unknown): Promise<Response> {
  const form = body instanceof FormData;
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { ...(form ? {} : { 'content-type': 'application/json' }), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    credentials: 'same-origin',
    body: form ? body : JSON.stringify(body),
  });
  if (!res.ok) {
    const err = ((await res.json().catch(() => null)) as ApiErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_' + res.status, err?.message ?? `请求失败（${res.status}）`);
  }
  return res;
}

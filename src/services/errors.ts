/**
 * A failure the caller can act on. `code` is stable (API clients switch on it); `message` is
 * Chinese, for people. HTTP maps `status` directly.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在`, 404);
export const forbidden = (message = '没有权限执行此操作'): AppError =>
  new AppError('FORBIDDEN', message, 403);

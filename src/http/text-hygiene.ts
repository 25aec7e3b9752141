import type { FastifyInstance } from 'fastify';
import { stripBidiDeep } from '../domain/text.ts';

/** Passwords are compared exactly, so they keep every character they were typed with. */
const keepAsTyped = (key: string): boolean => /password/i.test(key);

/**
 * Every request's body, query and path parameters lose bidi controls before validation, so
 * length checks, duplicate checks, the leak scan and storage all see the text as it displays.
 * This is the one place HTTP input is cleaned; the CLI's free-text inputs use the same function.
 */
export function registerTextHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', (req, _reply, done) => {
    req.body = stripBidiDeep(req.body, keepAsTyped);
    req.query = stripBidiDeep(req.query, keepAsTyped);
    req.params = stripBidiDeep(req.params, keepAsTyped);
    done();
  });
}

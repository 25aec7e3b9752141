/**
 * Bidi embedding and override (U+202A–U+202E) and isolate (U+2066–U+2069) controls make text
 * display in another order than it is stored: a request's text shown reversed to the clerk, a
 * file name "txt.exe" shown as "exe.txt", an ID number split so the leak scan misses it. No
 * Chinese government text needs them, so free text loses them where it enters the system.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

export function stripBidiControls(text: string): string {
  return HAS_BIDI_CONTROL.test(text) ? text.replace(BIDI_CONTROLS, '') : text;
}

/**
 * The value with every string in it (object values and array items, at any depth) stripped of
 * bidi controls; the same value when it has none. Strings under a key that `keep` accepts (such
 * as passwords, which are compared exactly) are left as they are.
 */
export function stripBidiDeep<T>(value: T, keep: (key: string) => boolean = () => false): T {
  return strip(value, keep) as T;
}

function strip(value: unknown, keep: (key: string) => boolean): unknown {
  if (typeof value === 'string') return stripBidiControls(value);
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((item, i) => {
      const cleaned = strip(item, keep);
      if (cleaned !== item) (out ??= [...value])[i] = cleaned;
    });
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    if (keep(key)) continue;
    const cleaned = strip(item, keep);
    if (cleaned !== item) (out ??= { ...value })[key] = cleaned;
  }
  return out ?? value;
}

/** Parsed JSON, form and query objects (some parsers give them a bare prototype); not Buffers or Dates. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]';
}

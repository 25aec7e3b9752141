/**
 * A small JSON parser that remembers the line each object or array starts on, so import errors
 * can name a line (JSON.parse cannot). Internal to the calendar module.
 */

export type LocatedJson =
  | {
      readonly ok: true;
      readonly value: unknown;
      readonly lineOf: (node: object) => number | undefined;
    }
  | { readonly ok: false; readonly line: number; readonly message: string };

class JsonSyntaxError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Parses `text` as JSON; on failure reports the 1-based line and a Chinese message. */
export function parseJsonWithLines(text: string): LocatedJson {
  const lines = new WeakMap<object, number>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(i, message);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const expect = (ch: string): void => {
    if (text[i] !== ch) fail(`此处应为“${ch}”`);
    i++;
  };

  const str = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('字符串未结束');
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\n') fail('字符串中不能直接换行');
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('无效的\\u转义');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const r = ESCAPES[e];
          if (r === undefined) fail(`无效的转义“\\${e}”`);
          out += r;
          i += 2;
        }
        continue;
      }
      out += c;
      i++;
    }
  };

  const value = (depth = 0): unknown => {
    if (depth > 64) fail('嵌套层次过深');
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      lines.set(obj, lineAt(start));
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        expect(':');
        // defineProperty: a "__proto__" key must stay a plain property.
        Object.defineProperty(obj, key, {
          value: value(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail('此处应为“,”或“}”');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      lines.set(arr, lineAt(start));
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('此处应为“,”或“]”');
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail(c === undefined ? '内容不完整' : `无法识别的内容“${c}”`);
  };

  try {
    const v = value();
    ws();
    if (i < text.length) fail('JSON结束后还有多余内容');
    return { ok: true, value: v, lineOf: (node) => lines.get(node) };
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      return { ok: false, line: lineAt(Math.min(e.pos, text.length)), message: e.message };
    }
    throw e;
  }
}

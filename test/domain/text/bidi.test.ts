import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripBidiControls, stripBidiDeep } from '../../../src/domain/text.ts';

describe('bidi controls', () => {
  it('strips every embedding, override and isolate control and nothing else', () => {
    const controls = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    assert.equal(stripBidiControls(`低${controls.join('')}保`), '低保');
    // neighbours that are not bidi controls stay: zero-width joiner, LRM/RLM marks, line separator
    assert.equal(stripBidiControls('a\u200db\u200ec\u200fd\u2028e\u2065f\u206ag'), 'a\u200db\u200ec\u200fd\u2028e\u2065f\u206ag');
  });

  it('cleans strings at any depth, keeps what it may not touch, and returns unchanged values as they were', () => {
    const data = Buffer.from('\u202e');
    const input = { name: '张\u202e三', list: ['\u2066a\u2069', 1, null], nested: { newPassword: 'pw\u202e', note: 'x\u202ey' }, data };
    const out = stripBidiDeep(input, (k) => /password/i.test(k));
    assert.deepEqual(out, { name: '张三', list: ['a', 1, null], nested: { newPassword: 'pw\u202e', note: 'xy' }, data });
    assert.equal(out.data, data, 'a Buffer is not walked');
    assert.equal(input.name, '张\u202e三', 'the input is not changed');
    const clean = { a: ['b'], c: { d: 'e' } };
    assert.equal(stripBidiDeep(clean), clean);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretationAloneRefusal, interpretationGaps, interpretationGate, mediaUrlProblem, needsInterpretation, revisionIndexNo } from '../../src/domain/documents/interpretation.ts';

const long = '这是一段足够长的文字说明，说明图解中每一部分的内容和数字。';

describe('三同步 gate', () => {
  it('applies to 规章 and 行政规范性文件 only', () => {
    assert.deepEqual(['rule', 'normative', null, 'other'].map(needsInterpretation), [true, true, false, false]);
    assert.deepEqual(interpretationGate({ docKind: null, exempted: false }, []), { ok: true, publishWith: [] });
  });
  it('refuses a policy without a live 解读, or whose 解读 are not approved', () => {
    const none = interpretationGate({ docKind: 'normative', exempted: false }, [{ id: 1, title: '旧解读', status: 'withdrawn' }]);
    assert.equal(none.ok === false && none.code, 'INTERPRETATION_REQUIRED');
    const draft = interpretationGate({ docKind: 'rule', exempted: false }, [{ id: 2, title: '解读一', status: 'submitted' }]);
    assert.equal(draft.ok === false && draft.code, 'INTERPRETATION_NOT_READY');
    assert.match(draft.ok === false ? draft.message : '', /《解读一》/);
  });
  it('publishes the approved and scheduled 解读 with the policy, and lets an exemption through', () => {
    const linked = [
      { id: 3, title: 'a', status: 'approved' as const },
      { id: 4, title: 'b', status: 'draft' as const },
      { id: 5, title: 'c', status: 'scheduled' as const },
      { id: 6, title: 'd', status: 'published' as const },
    ];
    assert.deepEqual(interpretationGate({ docKind: 'normative', exempted: false }, linked), { ok: true, publishWith: [3, 5] });
    assert.deepEqual(interpretationGate({ docKind: 'normative', exempted: true }, []), { ok: true, publishWith: [] });
  });
  it('makes a 解读 wait for its policy', () => {
    assert.equal(interpretationAloneRefusal('published'), null);
    assert.match(interpretationAloneRefusal('approved') ?? '', /同步发布/);
    assert.match(interpretationAloneRefusal('withdrawn') ?? '', /已撤回/);
  });
});

describe('a 解读 form', () => {
  it('needs a picture and a text alternative for a 图解, an address and captions for a video', () => {
    assert.deepEqual(interpretationGaps({ form: 'text', text: null, mediaUrl: null, hasImage: false }), []);
    assert.equal(interpretationGaps({ form: 'graphic', text: '短', mediaUrl: null, hasImage: false }).length, 2);
    assert.deepEqual(interpretationGaps({ form: 'graphic', text: long, mediaUrl: null, hasImage: true }), []);
    assert.match(interpretationGaps({ form: 'video', text: long, mediaUrl: null, hasImage: false }).join(), /视频地址/);
    assert.match(interpretationGaps({ form: 'video', text: '', mediaUrl: 'https://v.example.cn/1', hasImage: false }).join(), /字幕或文字稿/);
  });
  it('takes only https video addresses', () => {
    assert.equal(mediaUrlProblem('https://v.example.cn/1'), null);
    assert.match(mediaUrlProblem('http://v.example.cn/1') ?? '', /https/);
    assert.match(mediaUrlProblem('javascript:alert(1)') ?? '', /https/);
    assert.match(mediaUrlProblem('不是网址') ?? '', /有效/);
  });
});

describe('a revision 索引号', () => {
  it('keeps the first version’s number with -vN', () => {
    assert.equal(revisionIndexNo({ indexNo: 'changping/2026-00012', version: 1 }), 'changping/2026-00012-v2');
    assert.equal(revisionIndexNo({ indexNo: 'changping/2026-00012-v2', version: 2 }), 'changping/2026-00012-v3');
  });
});

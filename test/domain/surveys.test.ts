/**
 * The pure survey rules: a definition's checks, an answer sheet's checks per question type, the
 * aggregates (checked against counts made here with plain loops), and the survey's workflow on
 * the one engine (草稿 → 进行中 → 已结束 → 结果已公布).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptsAnswers, aggregate, answerProblems, answerRefusal, definitionProblems, normaliseAnswers, surveyKind, textAnswers, type SurveyAnswer, type SurveyQuestion } from '../../src/domain/surveys/index.ts';
import { possibleEvents, replay } from '../../src/domain/workflow/engine.ts';

const questions: SurveyQuestion[] = [
  { key: 'q1', kind: 'single', title: '您主要通过什么渠道了解政务信息？', required: true, options: ['政府网站', '微信公众号', '村务公开栏'] },
  { key: 'q2', kind: 'multiple', title: '您最希望公开哪些信息？', required: true, options: ['惠农补贴', '低保救助', '项目建设', '财务收支'] },
  { key: 'q3', kind: 'rating', title: '您对目前的公开工作打几分？', required: false, options: [] },
  { key: 'q4', kind: 'text', title: '其他意见建议', required: false, options: [] },
];
const fields = (answers: SurveyAnswer[]) => answerProblems(questions, answers).map((p) => `${p.field}:${p.code}`);

describe('survey definitions', () => {
  test('names every problem on its field, and opening needs a question', () => {
    const bad = definitionProblems({
      title: '',
      description: '',
      startDate: '2026-12-10',
      endDate: '2026-12-01',
      questions: [
        { key: 'a', kind: 'single', title: '只有一个选项', required: true, options: ['是'] },
        { key: 'a', kind: 'multiple', title: '', required: false, options: ['甲', '甲'] },
        { key: 'b', kind: 'rating', title: '评分', required: false, options: ['不该有'] },
      ],
    });
    assert.deepEqual(
      bad.map((p) => `${p.field}:${p.code}`),
      ['title:INVALID_TITLE', 'endDate:INVALID_PERIOD', 'questions.0.options:INVALID_OPTIONS', 'questions.1.key:DUPLICATE_KEY', 'questions.1.title:INVALID_QUESTION', 'questions.1.options:DUPLICATE_OPTION', 'questions.2.options:UNEXPECTED_OPTIONS'],
    );
    const empty = { title: '调研', description: '', startDate: '2026-12-01', endDate: '2026-12-31', questions: [] };
    assert.deepEqual(definitionProblems(empty), []);
    assert.deepEqual(definitionProblems(empty, true).map((p) => p.code), ['NO_QUESTIONS']);
    assert.deepEqual(definitionProblems({ ...empty, questions }, true), []);
  });
});

describe('answer sheets, per question type', () => {
  test('a complete sheet passes and is stored in question order, trimmed', () => {
    const sheet: SurveyAnswer[] = [{ question: 'q4', text: '  多公开项目进度  ' }, { question: 'q2', choices: [3, 0] }, { question: 'q1', choice: 2 }, { question: 'q3', rating: 4 }];
    assert.deepEqual(fields(sheet), []);
    assert.deepEqual(normaliseAnswers(questions, sheet), [{ question: 'q1', choice: 2 }, { question: 'q2', choices: [0, 3] }, { question: 'q3', rating: 4 }, { question: 'q4', text: '多公开项目进度' }]);
  });
  test('required questions must be answered; optional ones may be left out', () => {
    assert.deepEqual(fields([]), ['q1:ANSWER_REQUIRED', 'q2:ANSWER_REQUIRED']);
    assert.deepEqual(fields([{ question: 'q1', choice: 0 }, { question: 'q2', choices: [] }]), ['q2:ANSWER_REQUIRED'], 'no box ticked is no answer');
    assert.deepEqual(fields([{ question: 'q1', choice: 0 }, { question: 'q2', choices: [1] }, { question: 'q4', text: '   ' }]), [], 'blank text is no answer');
  });
  test('single choice: one existing option only', () => {
    const rest: SurveyAnswer[] = [{ question: 'q2', choices: [1] }];
    assert.deepEqual(fields([{ question: 'q1', choice: 3 }, ...rest]), ['q1:INVALID_CHOICE']);
    assert.deepEqual(fields([{ question: 'q1', choice: -1 }, ...rest]), ['q1:INVALID_CHOICE']);
    assert.deepEqual(fields([{ question: 'q1', choices: [0, 1] }, ...rest]), ['q1:INVALID_CHOICE'], 'two choices on a single-choice question');
    assert.deepEqual(fields([{ question: 'q1', text: '政府网站' }, ...rest]), ['q1:INVALID_CHOICE']);
  });
  test('multiple choice: existing options, each once', () => {
    const rest: SurveyAnswer[] = [{ question: 'q1', choice: 0 }];
    assert.deepEqual(fields([{ question: 'q2', choices: [0, 4] }, ...rest]), ['q2:INVALID_CHOICE']);
    assert.deepEqual(fields([{ question: 'q2', choices: [1, 1] }, ...rest]), ['q2:DUPLICATE_CHOICE']);
    assert.deepEqual(fields([{ question: 'q2', choices: [0, 1, 2, 3] }, ...rest]), []);
  });
  test('rating: a whole number from 1 to 5', () => {
    const rest: SurveyAnswer[] = [{ question: 'q1', choice: 0 }, { question: 'q2', choices: [0] }];
    for (const bad of [0, 6, 2.5, Number.NaN]) assert.deepEqual(fields([...rest, { question: 'q3', rating: bad }]), ['q3:INVALID_RATING'], String(bad));
    for (const good of [1, 5]) assert.deepEqual(fields([...rest, { question: 'q3', rating: good }]), []);
    assert.deepEqual(fields([...rest, { question: 'q3', choice: 1 }]), ['q3:INVALID_RATING']);
  });
  test('free text: at most 1,000 characters', () => {
    const rest: SurveyAnswer[] = [{ question: 'q1', choice: 0 }, { question: 'q2', choices: [0] }];
    assert.deepEqual(fields([...rest, { question: 'q4', text: '意'.repeat(1000) }]), []);
    assert.deepEqual(fields([...rest, { question: 'q4', text: '意'.repeat(1001) }]), ['q4:TEXT_TOO_LONG']);
    assert.deepEqual(fields([...rest, { question: 'q4', rating: 3 }]), ['q4:INVALID_TEXT']);
  });
  test('an answer to no question, or two answers to one, is refused', () => {
    const rest: SurveyAnswer[] = [{ question: 'q1', choice: 0 }, { question: 'q2', choices: [0] }];
    assert.deepEqual(fields([...rest, { question: 'q9', choice: 0 }]), ['q9:UNKNOWN_QUESTION']);
    assert.deepEqual(fields([...rest, { question: 'q1', choice: 1 }]), ['q1:DUPLICATE_ANSWER']);
  });
});

describe('aggregates', () => {
  test('equal plain counts over the sheets, with text counted but not shown', () => {
    const sheets: SurveyAnswer[][] = [];
    for (let i = 0; i < 37; i++) {
      const sheet: SurveyAnswer[] = [{ question: 'q1', choice: i % 3 }, { question: 'q2', choices: [0, 1, 2, 3].filter((k) => (i + k) % 3 !== 0) }];
      if (i % 4 !== 0) sheet.push({ question: 'q3', rating: (i % 5) + 1 });
      if (i % 6 === 0) sheet.push({ question: 'q4', text: `答卷文字${i}` });
      sheets.push(normaliseAnswers(questions, sheet));
    }
    const r = aggregate(questions, sheets);
    assert.equal(r.responses, 37);
    const count = (q: string, pick: (a: SurveyAnswer) => number[]) => {
      const out = new Map<number, number>();
      for (const s of sheets) for (const a of s) if (a.question === q) for (const v of pick(a)) out.set(v, (out.get(v) ?? 0) + 1);
      return out;
    };
    const single = count('q1', (a) => [a.choice!]);
    assert.deepEqual(r.questions[0]!.counts, [0, 1, 2].map((k) => single.get(k) ?? 0));
    const multi = count('q2', (a) => a.choices!);
    assert.deepEqual(r.questions[1]!.counts, [0, 1, 2, 3].map((k) => multi.get(k) ?? 0));
    const ratings = sheets.flatMap((s) => s.filter((a) => a.question === 'q3').map((a) => a.rating!));
    assert.deepEqual(r.questions[2]!.counts, [1, 2, 3, 4, 5].map((p) => ratings.filter((x) => x === p).length));
    assert.equal(r.questions[2]!.answered, ratings.length);
    assert.equal(r.questions[2]!.average, Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10);
    assert.deepEqual([r.questions[3]!.answered, r.questions[3]!.counts, r.questions[3]!.labels], [7, [], []]);
    assert.ok(!JSON.stringify(r).includes('答卷文字'), 'no free text in the aggregates');
    assert.deepEqual(textAnswers('q4', sheets), [0, 6, 12, 18, 24, 30, 36].map((i) => `答卷文字${i}`));
  });
});

describe('the survey workflow on the engine', () => {
  test('draft → open → closed → published, edits only as a draft, publishing by head or admin', () => {
    const created = { type: 'created' as const, date: '2026-11-01' };
    const draft = replay(surveyKind, [created]);
    assert.ok(draft.ok);
    assert.deepEqual(possibleEvents(surveyKind, draft.value, ['clerk'], '2026-11-02').map((e) => e.type), ['edited', 'opened']);
    assert.equal(replay(surveyKind, [created, { type: 'opened', date: '2026-11-02', questionCount: 0 }]).ok, false, 'no questions, no opening');
    const open = replay(surveyKind, [created, { type: 'opened', date: '2026-11-02', questionCount: 4 }]);
    assert.ok(open.ok && open.value.status === 'open');
    assert.equal(replay(surveyKind, [created, { type: 'opened', date: '2026-11-02', questionCount: 4 }, { type: 'edited', date: '2026-11-03' }]).ok, false, 'no edits once open');
    assert.equal(replay(surveyKind, [created, { type: 'opened', date: '2026-11-02', questionCount: 4 }, { type: 'resultsPublished', date: '2026-11-03' }]).ok, false, 'results only after closing');
    const closed = replay(surveyKind, [created, { type: 'opened', date: '2026-11-02', questionCount: 4 }, { type: 'closed', date: '2026-11-30' }]);
    assert.ok(closed.ok);
    assert.deepEqual(possibleEvents(surveyKind, closed.value, ['clerk'], '2026-12-01'), [{ type: 'resultsPublished', allowed: false, reason: '您的角色不能执行此操作' }]);
    assert.deepEqual(possibleEvents(surveyKind, closed.value, ['head'], '2026-12-01'), [{ type: 'resultsPublished', allowed: true }]);
  });
  test('answers are taken only while open and within the period', () => {
    const period = { startDate: '2026-11-10', endDate: '2026-11-20' };
    assert.deepEqual(['2026-11-09', '2026-11-10', '2026-11-20', '2026-11-21'].map((d) => acceptsAnswers('open', period, d)), [false, true, true, false]);
    assert.equal(acceptsAnswers('closed', period, '2026-11-15'), false);
    assert.equal(answerRefusal('draft', period, '2026-11-15'), '该问卷尚未开始');
    assert.match(answerRefusal('open', period, '2026-11-09')!, /自 2026-11-10 起/);
    assert.match(answerRefusal('closed', period, '2026-11-15')!, /已截止/);
  });
});

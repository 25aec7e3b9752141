import { test } from 'node:test';
import assert from 'node:assert/strict';

import { passesLuhn, scanText } from '../../../src/domain/scan/index.ts';
import { kinds, scan } from './helpers.ts';
import {
  groups,
  makeCard,
  makeId,
  makeIdWhere,
  toFullWidth,
  withWrongCheck,
  withWrongLuhn,
} from './fixtures.ts';

const ID_A = makeId('110105', '19800101', '123');
const ID_X = makeIdWhere('440305', '19950720', (id) => id.endsWith('X'));
const ID_LEAP = makeId('320102', '20000229', '045');

// ---- ID numbers -------------------------------------------------------------------------------

test('valid ID numbers are found with exact offsets and message', () => {
  const text = `申请人王某，公民身份号码${ID_A}，住址北京市朝阳区。`;
  const hits = scan(text);
  assert.deepEqual(kinds(hits), [`id_number:${ID_A}`]);
  const hit = hits[0]!;
  assert.equal(hit.start, text.indexOf(ID_A));
  assert.equal(hit.end, hit.start + 18);
  assert.equal(hit.message, '疑似公民身份号码');
});

test('X and x check characters, leap-day birth dates', () => {
  const lower = ID_X.slice(0, 17) + 'x';
  assert.deepEqual(kinds(scan(`${ID_X} ${lower} ${ID_LEAP}`)), [
    `id_number:${ID_X}`,
    `id_number:${lower}`,
    `id_number:${ID_LEAP}`,
  ]);
});

test('numbers with a wrong check character are not flagged', () => {
  for (const id of [ID_A, ID_X, ID_LEAP, '11010519491231002X']) {
    const bad = withWrongCheck(id);
    const hits = scan(`身份证号：${bad}。`);
    assert.equal(
      hits.some((h) => h.kind === 'id_number'),
      false,
      bad,
    );
  }
  // Area codes starting 1–3 cannot look like cards either: nothing at all is reported.
  assert.deepEqual(scan(`号码${withWrongCheck(ID_A)}`), []);
});

test('invalid dates and area codes are not flagged although the check character fits', () => {
  for (const id of [
    makeId('110105', '19800230', '123'),
    makeId('110105', '19801301', '123'),
    makeId('110105', '18991231', '123'),
    makeId('110105', '21000101', '123'),
    makeId('710105', '19800101', '123'),
    makeId('010105', '19800101', '123'),
  ]) {
    assert.equal(
      scan(id).some((h) => h.kind === 'id_number'),
      false,
      id,
    );
  }
});

test('an ID number inside a longer digit run is not flagged', () => {
  assert.deepEqual(scan(`1${ID_A}`), []);
  assert.deepEqual(scan(`${ID_A}7`), []);
  assert.deepEqual(scan(`流水号2${ID_A}9`), []);
  // 18 digits followed by X: a 19-character token, not an ID number.
  const digitsOnly = makeIdWhere('110105', '19800101', (id) => !id.endsWith('X'));
  assert.deepEqual(scan(`${digitsOnly}X`), []);
  // Letters and punctuation are boundaries.
  assert.deepEqual(kinds(scan(`ID:${ID_A}abc`)), [`id_number:${ID_A}`]);
});

test('full-width ID numbers are found and quoted as written', () => {
  const wide = toFullWidth(ID_X);
  const text = `身份证号码：${wide}。`;
  const hits = scan(text);
  assert.deepEqual(kinds(hits), [`id_number:${wide}`]);
  assert.equal(hits[0]!.start, 6);
  // Mixed widths are folded the same way.
  const mixed = toFullWidth(ID_A.slice(0, 9)) + ID_A.slice(9);
  assert.deepEqual(kinds(scan(mixed)), [`id_number:${mixed}`]);
});

test('an ID number is never also reported as a mobile number or card', () => {
  // 130102… starts "1301021…": the first 11 digits have the shape of a mobile number.
  const id = makeId('130102', '19900101', '234');
  assert.deepEqual(kinds(scan(`联系方式${id}`)), [`id_number:${id}`]);
  // Its wrong-check twin is nothing at all: the mobile shape is inside a longer digit run.
  assert.deepEqual(scan(`联系方式${withWrongCheck(id)}`), []);
  // An ID number that happens to pass Luhn with a card-like prefix is an ID number only.
  const luhnId = makeIdWhere('440305', '19850312', (s) => !s.endsWith('X') && passesLuhn(s));
  assert.deepEqual(kinds(scan(luhnId)), [`id_number:${luhnId}`]);
});

// ---- mobile numbers ---------------------------------------------------------------------------

test('mobile numbers in the common written forms', () => {
  for (const written of [
    '13812345678',
    '19912345678',
    '+8613812345678',
    '8613812345678',
    '008613812345678',
    '+86 13812345678',
    '+86-138-1234-5678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    toFullWidth('15912345678'),
    toFullWidth('+86 159-1234-5678'),
    '１５９　１２３４　５６７８', // ideographic spaces
  ]) {
    const text = `联系电话：${written}。`;
    const hits = scan(text);
    assert.deepEqual(kinds(hits), [`mobile:${written}`], written);
    assert.equal(hits[0]!.message, '疑似手机号码');
  }
});

test('things that are not mobile numbers', () => {
  for (const text of [
    '12812345678', // second digit 2
    '10012345678',
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '013812345678', // inside a longer run
    '138-1234 5678', // mixed separators
    '138 12345 678', // not 3-4-4
    '138  1234  5678', // double spaces
    '010-12345678', // landline
    '0755-88886666',
    '12345678901',
  ]) {
    assert.deepEqual(scan(`电话${text}`), [], text);
  }
});

// ---- bank cards -------------------------------------------------------------------------------

test('bank card numbers: plain and grouped, 16 to 19 digits, common prefixes', () => {
  const cards = [
    makeCard('622202', 19, 1),
    makeCard('622848', 19, 2),
    makeCard('621700', 19, 3),
    makeCard('6222', 16, 4),
    makeCard('4367', 16, 5), // Visa (CCB 龙卡)
    makeCard('5187', 16, 6), // Mastercard (CMB)
    makeCard('356889', 16, 7), // JCB
    makeCard('9558', 19, 8), // legacy ICBC
    makeCard('601382', 17, 9),
    makeCard('622588', 18, 10),
  ];
  for (const card of cards) {
    assert.equal(passesLuhn(card), true, card);
    for (const written of [card, groups(card, ' '), groups(card, '-'), toFullWidth(card)]) {
      const hits = scan(`开户行：中国工商银行，账号${written}，户名张三`);
      assert.deepEqual(kinds(hits), [`bank_card:${written}`], written);
      assert.equal(hits[0]!.message, '疑似银行卡号');
    }
  }
});

test('not bank cards: failed Luhn, implausible prefix, wrong length or grouping', () => {
  const card = makeCard('622202', 19, 1);
  const card16 = makeCard('6222', 16, 4);
  for (const text of [
    withWrongLuhn(card),
    groups(withWrongLuhn(card16), ' '),
    makeCard('1234', 16, 1),
    makeCard('3012', 16, 2), // 30 (Diners) is not a card seen in Chinese documents
    makeCard('7001', 19, 3),
    makeCard('6222', 15, 3), // too short
    makeCard('6222', 20, 3), // too long
    `${card16.slice(0, 4)} ${card16.slice(4, 8)}-${card16.slice(8, 12)} ${card16.slice(12)}`,
    `${groups(card16, ' ')} 1234`, // a longer grouped run
    `1 ${groups(card16, ' ')}`,
    `9${card}`,
  ]) {
    assert.equal(
      scan(`编号${text}`).some((h) => h.kind === 'bank_card'),
      false,
      text,
    );
  }
});

// ---- classification markings -----------------------------------------------------------------

test('classification markings are found', () => {
  const cases: Array<[string, string]> = [
    ['绝密★', '绝密★'],
    ['机密★一年', '机密★一年'],
    ['秘密 ★ 5年', '秘密 ★ 5年'],
    ['秘密★10年', '秘密★10年'],
    ['机密★ 长期', '机密★ 长期'],
    ['秘密★6个月', '秘密★6个月'],
    ['绝密★启用前', '绝密★'],
    ['秘密　★　５年', '秘密　★　５年'],
    ['密级：机密', '密级：机密'],
    ['密级: 秘密', '密级: 秘密'],
    ['密级：机密★1年', '密级：机密★1年'],
    ['密级为绝密', '密级为绝密'],
    ['密级：“机密”', '密级：“机密'],
    ['★机密', '★机密'],
    ['【机密】', '【机密】'],
    ['［秘密］', '［秘密］'],
    ['商业秘密★', '秘密★'],
  ];
  for (const [text, match] of cases) {
    const hits = scan(`${text}\n关于印发某某工作方案的通知`);
    assert.deepEqual(kinds(hits), [`classified_marking:${match}`], text);
  }
});

test('a level word alone on its line is a marking', () => {
  for (const line of [
    '绝密',
    '  机密  ',
    '（秘密）',
    '(机密)',
    '秘密 一年',
    '机密 10年',
    '【绝密】',
  ]) {
    const text = `××市人民政府文件\n${line}\n关于……的通知`;
    const hits = scan(text);
    assert.deepEqual(kinds(hits), [`classified_marking:${line.trim()}`], line);
  }
  assert.equal(scan('机密')[0]?.match, '机密');
  assert.equal(scan('正文\r\n绝密\r\n正文')[0]?.match, '绝密');
});

test('message names the level', () => {
  assert.equal(scan('绝密★')[0]?.message, '疑似密级标志（绝密）');
  assert.equal(scan('密级：秘密')[0]?.message, '疑似密级标志（秘密）');
});

test('ordinary uses of 秘密/机密/绝密 are not markings', () => {
  for (const text of [
    '根据《中华人民共和国保守国家秘密法》第九条的规定',
    '保守国家秘密法实施条例',
    '涉及商业秘密、个人隐私的政府信息，行政机关不得公开。',
    '第三方认为公开会损害其商业秘密的',
    '选举采用无记名投票方式，实行秘密投票。',
    '秘密投票',
    '国家秘密的密级分为绝密、机密、秘密三级。',
    '国家秘密的密级分为“绝密”“机密”“秘密”三个等级',
    '密级：绝密、机密、秘密',
    '密级：机密或秘密',
    '密级：秘密/机密/绝密（请勾选）',
    '密级：公开',
    '密级：内部',
    '密级：非密',
    '加强机密文件管理',
    '绝密档案的保管',
    '数据的机密性、完整性和可用性',
    '秘密地进行调查',
    '严守工作秘密',
    '★秘密投票原则',
    '商业秘密 ★秘密投票',
    '★ 重点任务：做好保守秘密工作',
    '机密*一年',
    '☆机密文件',
    '秘密。',
    '秘密事项',
    '机密文件\n绝密档案',
    '工作秘密 一年内',
  ]) {
    assert.deepEqual(scan(text), [], text);
  }
});

// ---- context and ordering ---------------------------------------------------------------------

test('context shows about 20 characters either side with the match marked', () => {
  const before = '根据《中华人民共和国政府信息公开条例》第三十条规定，';
  const after = '，请于收到本告知书之日起十五个工作日内补正申请内容。';
  const text = `${before}申请人手机13912345678${after}`;
  const hit = scan(text)[0]!;
  assert.equal(
    hit.context,
    `…${text.slice(hit.start - 20, hit.start)}【13912345678】${text.slice(hit.end, hit.end + 20)}…`,
  );
  assert.equal(scan('13912345678')[0]!.context, '【13912345678】');
});

test('context collapses line breaks and never splits a surrogate pair', () => {
  const hit = scan('第一行\n\n手机 13912345678\n第三行')[0]!;
  assert.equal(hit.context, '第一行 手机 【13912345678】 第三行');
  // 𠮷 (U+20BB7) is two UTF-16 units; put its low half exactly 20 units before the match.
  const text = `𠮷${'啊'.repeat(19)}13912345678`;
  const ctx = scan(text)[0]!.context;
  assert.equal(ctx.startsWith('𠮷'), true);
});

test('a realistic legacy document: all hits, in order, nothing else', () => {
  const card = makeCard('622848', 19, 42);
  const id = makeId('420106', '19780512', '031');
  const doc = [
    '机密★1年',
    '',
    '××县民政局',
    '关于张某某申请临时救助的审批意见',
    '',
    `申请人张某某，男，公民身份号码${id}，联系电话139 0123 4567，`,
    `户籍所在地××县××镇。救助金拟发放至其中国农业银行账户${groups(card, ' ')}。`,
    '依据《社会救助暂行办法》和《保守国家秘密法》有关规定，经审核，同意给予临时救助。',
    '发文字号：×民〔2019〕12号　联系人：李某　电话：0712-2345678',
  ].join('\n');
  assert.deepEqual(kinds(scan(doc)), [
    'classified_marking:机密★1年',
    `id_number:${id}`,
    'mobile:139 0123 4567',
    `bank_card:${groups(card, ' ')}`,
  ]);
});

test('empty and hit-free input', () => {
  assert.deepEqual(scanText(''), []);
  assert.deepEqual(scanText('本机关经检索，未发现与申请内容相关的政府信息。'), []);
});

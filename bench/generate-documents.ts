/**
 * Deterministic synthetic Chinese government documents for search tests and benchmarks, and a
 * bulk loader into the search index.
 *
 * Document `id` is a pure function of (id, total, seed): any document can be regenerated from
 * its id, so a benchmark can check results without keeping the corpus in memory. Titles and
 * bodies are built from sentence templates filled with real government vocabulary; topics follow
 * a Zipf distribution, so some terms (工作, 通知, 低保) are frequent and others (文物保护单位,
 * 非物质文化遗产) rare. Publication dates rise with the id from 2012 to 2025, except for
 * about 6 % legacy imports of documents from 1998–2011 indexed among the new ones, and some
 * date-only documents published at midnight (ties on the timestamp).
 *
 *   node --import tsx bench/generate-documents.ts 100000 [sqlite-file | postgres://url]
 * loads N documents into the search index of that (migrated) database; without a target it
 * prints a few documents.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../src/storage/dialect.ts';
import { indexDocuments, type SearchDocument } from '../src/storage/search-index.ts';

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(seed: number, id: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * Topics, roughly from the most to the least frequent; weight of rank k is 1/(k+1)
 * (Zipf). All are terms that appear in real Chinese government notices.
 */
export const TOPICS: readonly string[] = [
  '政府信息公开', '安全生产', '乡村振兴', '疫情防控', '营商环境', '低保', '行政许可', '扶贫',
  '行政处罚', '财政预算', '就业创业', '医疗救助', '养老服务', '人居环境整治', '环境保护',
  '政府采购', '防汛抗旱', '社会救助', '义务教育', '食品安全', '城乡居民医保', '专项资金',
  '最低生活保障', '特困人员', '临时救助', '残疾人两项补贴', '退役军人', '住房保障', '公租房',
  '老旧小区改造', '森林防火', '大气污染防治', '河长制', '垃圾分类', '耕地保护', '高标准农田',
  '土地征收', '不动产登记', '减税降费', '招商引资', '稳岗补贴', '职业技能培训', '农民工工资',
  '药品监管', '疫苗接种', '爱国卫生运动', '决算', '三公经费', '招标投标', '审计', '统计调查',
  '人口普查', '双随机一公开', '放管服改革', '一网通办', '政务服务', '依申请公开', '人大代表建议',
  '政协提案', '信访', '扫黑除恶', '平安建设', '禁毒', '交通运输', '农村公路', '农村危房改造',
  '农村饮水安全', '易地扶贫搬迁', '脱贫攻坚', '防止返贫监测', '生态补偿', '自然资源', '林长制',
  '文物保护', '全民健身', '乡村旅游', '厕所革命', '村集体经济', '农村承包地', '宅基地',
  '粮食安全', '生猪生产', '动物防疫', '气象灾害', '地质灾害', '应急管理', '工伤保险', '养老保险',
  '住房公积金', '价格监测', '市场监管', '知识产权', '科技创新', '高新技术企业', '数字经济',
  '优化营商环境', '行政审批', '权责清单', '规范性文件', '政务公开', '预算执行', '国有资产',
  '城市管理', '违法建设', '物业管理', '燃气安全', '消防安全', '道路交通安全', '校园安全',
  '学前教育', '职业教育', '家庭医生签约', '基本公共卫生服务', '传染病防治', '精神卫生',
  '计划生育', '优抚对象', '孤儿基本生活费', '困境儿童', '留守儿童', '高龄津贴', '殡葬改革',
  '婚姻登记', '社会组织', '慈善捐赠', '志愿服务', '村务公开', '基层治理', '网格化管理',
  '矛盾纠纷排查', '法律援助', '普法宣传', '行政复议', '行政诉讼', '公共法律服务', '营业执照',
  '特种设备', '计量检定', '标准化', '产品质量', '网络安全', '档案管理', '保密工作', '机构改革',
  '编制管理', '公务员招录', '事业单位公开招聘', '人才引进', '科技特派员', '农业保险',
  '农机购置补贴', '耕地地力保护补贴', '种粮大户', '家庭农场', '农民专业合作社', '冷链物流',
  '电子商务进农村', '水土保持', '地下水超采', '污水处理', '黑臭水体', '土壤污染防治',
  '固体废物', '危险废物', '碳达峰', '节能减排', '清洁取暖', '文物保护单位', '非物质文化遗产',
  '历史文化名村', '古树名木', '野生动物保护', '湿地保护', '外来入侵物种',
];

const TOPIC_CUMULATIVE = (() => {
  let sum = 0;
  return TOPICS.map((_, k) => (sum += 1 / (k + 1)));
})();

const PLACES = [
  '昌平', '海淀', '朝阳', '丰台', '通州', '顺义', '大兴', '房山', '怀柔', '密云', '延庆', '门头沟',
  '天河', '越秀', '海珠', '番禺', '花都', '增城', '武侯', '锦江', '青羊', '金牛', '成华', '郫都',
  '西湖', '拱墅', '滨江', '萧山', '余杭', '临平', '钱塘', '富阳', '临安', '桐庐', '淳安', '建德',
];
const DEPARTMENTS = [
  '人民政府', '人民政府办公室', '民政局', '人力资源和社会保障局', '财政局', '发展和改革委员会',
  '教育局', '卫生健康委员会', '自然资源和规划局', '生态环境局', '住房和城乡建设委员会',
  '农业农村局', '应急管理局', '市场监督管理局', '司法局', '审计局', '统计局', '退役军人事务局',
  '医疗保障局', '交通局', '水务局', '文化和旅游局', '城市管理委员会', '乡村振兴局',
];
const TOWNS = ['城关镇', '北七家镇', '小汤山镇', '回龙观街道', '天通苑北街道', '沙河镇', '南口镇', '十三陵镇', '流村镇', '兴寿镇'];
const CATEGORIES: readonly (string | null)[] = [
  '通知公告', '通知公告', '通知公告', '政策文件', '政策文件', '工作动态', '工作动态', '工作动态',
  '财政资金', '规划计划', '人事信息', '建议提案办理', '政府信息公开年报', '行政执法', '统计信息', null,
];
const NORMATIVE = new Set(['政策文件']);
const VALIDITIES = ['有效', '有效', '有效', '失效', '废止'];

const VERBS = ['做好', '开展', '加强', '进一步做好', '深入推进', '切实做好', '全面落实', '扎实推进'];
const KINDS = ['通知', '通知', '通知', '实施方案', '意见', '公告', '通报', '工作方案', '批复', '公示'];
// Village names: each in roughly 0.1 % of documents.
const VILLAGES = ['杨', '李', '王', '张', '刘', '陈', '赵', '孙', '周', '吴', '郑', '冯', '褚', '卫', '蒋', '沈', '韩', '朱', '秦', '许']
  .flatMap((s) => ['家庄村', '家沟村', '家坪村', '家湾村', '家店村', '家营村', '家屯村', '家峪村'].map((v) => s + v));
// Rarely mentioned programmes: about 1 in 2,000 and 1 in 20,000 documents.
const RARE = [
  { p: 1 / 2000, text: '稳步推进数字人民币试点应用场景建设。' },
  { p: 1 / 20000, text: '支持量子通信骨干网建设项目落地。' },
];
const LATIN = ['PM2.5', 'GDP', 'COVID-19', 'App', 'CPI', '5G', 'ETC', 'ISO9001', 'QQ', 'PPP'];

const TITLES = [
  '关于{V}{Y}年{T}工作的{K}',
  '关于{V}{T}工作的{K}',
  '{A}关于{T}的{K}',
  '{A}{Y}年{T}工作总结',
  '{A}{Y}年{T}资金分配情况公示',
  '{P}区{T}实施细则',
  '关于印发《{P}区{T}管理办法》的{K}',
  '{A}{Y}年政府信息公开工作年度报告',
  '关于{T}有关事项的{K}',
  '{TOWN}{Y}年{T}情况公示',
  '{A}关于公布{Y}年度{T}名单的公告',
  '关于{T}和{T2}工作的{K}',
];

const SENTENCES = [
  '为深入贯彻落实党中央、国务院关于{T}的决策部署，进一步{V}{T}工作，结合我{P}实际，制定本方案。',
  '各{P}各部门要高度重视{T}工作，切实加强组织领导，明确工作责任，确保各项任务落到实处。',
  '根据《中华人民共和国政府信息公开条例》和上级有关要求，现将{Y}年{T}有关情况公布如下。',
  '{Y}年，全{P}共发放{T}资金{M}万元，惠及群众{N}人次。',
  '截至{Y}年{MO}月底，累计完成{T}项目{N}个，完成年度目标任务的{PCT}%。',
  '{A}按照“{T}”的工作要求，坚持问题导向，聚焦重点领域，推动{T2}工作取得实效。',
  '对符合条件的{T}对象，要做到应保尽保、应救尽救，不得擅自提高或降低标准。',
  '申请人对本决定不服的，可以在收到本决定书之日起六十日内向{P}区人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
  '联系电话：{TEL}，监督电话：12345。',
  '本通知自印发之日起施行，有效期{N}年，原{DOC}同时废止。',
  '各单位要加强{T}与{T2}的衔接，建立健全长效机制，形成工作合力。',
  '请各{TOWN}于{Y}年{MO}月{DAY}日前将{T}工作开展情况报送{A}，逾期未报的予以通报。',
  '{A}将会同有关部门对{T}落实情况开展专项督查，对工作不力的依规依纪严肃问责。',
  '经研究，同意将{N}户家庭纳入{T}保障范围，现予以公示，公示期为{N2}个工作日。',
  '公示期间如有异议，请以书面形式向{A}反映，并提供真实姓名和联系方式。',
  '附件：1.{Y}年{T}资金分配表 2.{T2}项目明细表',
  '要严格落实{T}主体责任，加大监督检查力度，及时发现和消除各类隐患。',
  '各级财政部门要按照{DOC}规定，加快{T}资金拨付进度，提高资金使用效益。',
  '{Y}年主动公开政府信息{N}条，其中规范性文件{N2}件，收到政府信息公开申请{N3}件。',
  '坚持以人民为中心的发展思想，统筹推进{T}、{T2}和{T3}等重点工作。',
  '对{T}工作中涌现出的先进集体和个人予以通报表扬。',
  '本办法由{A}负责解释。',
  '全年共受理{T}事项{N}件，办结率{PCT}%，群众满意度{PCT}%。',
  '空气质量优良天数{N}天，PM2.5平均浓度同比下降{PCT}%。',
  '依托“一网通办”平台和政务服务App，推行{T}事项网上办理，实现“最多跑一次”。',
  '经济运行总体平稳，地区生产总值（GDP）同比增长{PCT}%，居民消费价格指数（CPI）上涨{PCT2}%。',
  '严格按照COVID-19疫情防控要求，落实常态化防控措施。',
  '{T}工作存在的主要问题：一是宣传不够深入，二是基层力量薄弱，三是资金保障不足。',
  '下一步，我们将继续{V}{T}工作，不断提升人民群众的获得感、幸福感、安全感。',
  '发文机关：{A}  发文字号：{DOC}  成文日期：{Y}年{MO}月{DAY}日',
  '{TOWN}{VIL}{T}工作经验做法在全{P}推广。',
];

/** Mostly ASCII digits, sometimes full-width (real documents mix both). */
function digits(next: () => number, n: number): string {
  const s = String(n);
  return next() < 0.05 ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))) : s;
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function topic(next: () => number): string {
  const total = TOPIC_CUMULATIVE[TOPIC_CUMULATIVE.length - 1]!;
  const x = next() * total;
  let lo = 0;
  let hi = TOPIC_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (TOPIC_CUMULATIVE[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return TOPICS[lo]!;
}

export const AGENCY_COUNT = 300;

/** Agency names for ids 1..AGENCY_COUNT. */
export function agencyName(id: number): string {
  return `${PLACES[id % PLACES.length]}区${DEPARTMENTS[Math.floor(id / PLACES.length) % DEPARTMENTS.length]}`;
}

function agencyOf(next: () => number): number {
  // Larger agencies publish more: a skewed pick over 1..AGENCY_COUNT.
  return 1 + Math.floor(AGENCY_COUNT * next() ** 2);
}

const DAY_MS = 86_400_000;
const NEW_FROM = Date.UTC(2012, 0, 1);
const NEW_TO = Date.UTC(2025, 11, 31);
const OLD_FROM = Date.UTC(1998, 0, 1);
const OLD_TO = Date.UTC(2011, 11, 31);

function publishedAt(next: () => number, id: number, total: number): string {
  let day: number;
  if (next() < 0.06) {
    // A legacy import: an old document indexed among new ones.
    day = OLD_FROM + Math.floor(next() * ((OLD_TO - OLD_FROM) / DAY_MS)) * DAY_MS;
  } else {
    const t = NEW_FROM + ((NEW_TO - NEW_FROM) * id) / Math.max(1, total);
    day = Math.floor(t / DAY_MS) * DAY_MS + Math.floor((next() - 0.5) * 6) * DAY_MS;
  }
  // Midnight China time for date-only records (ties), else office hours.
  const seconds = next() < 0.15 ? -8 * 3600 : Math.floor((next() * 10 + 0) * 3600) ;
  return new Date(day + seconds * 1000).toISOString();
}

function fill(template: string, next: () => number, ctx: { T: string; A: string; Y: number }): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'T':
        return ctx.T;
      case 'T2':
      case 'T3':
        return topic(next);
      case 'A':
        return ctx.A;
      case 'Y':
        return digits(next, ctx.Y);
      case 'V':
        return pick(next, VERBS);
      case 'K':
        return pick(next, KINDS);
      case 'P':
        return pick(next, PLACES);
      case 'TOWN':
        return pick(next, TOWNS);
      case 'VIL':
        return pick(next, VILLAGES);
      case 'M':
        return `${digits(next, Math.floor(next() * 9000) + 10)}.${Math.floor(next() * 100)}`;
      case 'N':
      case 'N2':
      case 'N3':
        return digits(next, Math.floor(next() * 2000) + 1);
      case 'PCT':
      case 'PCT2':
        return `${Math.floor(next() * 100)}.${Math.floor(next() * 10)}`;
      case 'MO':
        return String(1 + Math.floor(next() * 12));
      case 'DAY':
        return String(1 + Math.floor(next() * 28));
      case 'TEL':
        return `010-${60000000 + Math.floor(next() * 9999999)}`;
      case 'DOC':
        return `${pick(next, PLACES)}政发〔${ctx.Y - 1}〕${1 + Math.floor(next() * 60)}号`;
      default:
        return slot;
    }
  });
}

export interface GenerateOptions {
  /** Corpus size: dates rise from 2012 to 2025 over ids 1..total. */
  total: number;
  seed?: number;
  /** Mean body length in sentences (each ~40 characters). Default 14. */
  sentences?: number;
}

/** Document `id` (1-based) of a corpus of `total`. */
export function generateDocument(id: number, options: GenerateOptions): SearchDocument {
  const next = rng(hashSeed(options.seed ?? 1, id));
  const published = publishedAt(next, id, options.total);
  const ctx = {
    T: topic(next),
    A: '',
    Y: new Date(Date.parse(published) + 8 * 3600_000).getUTCFullYear(),
  };
  const agencyId = agencyOf(next);
  ctx.A = agencyName(agencyId);
  const title = fill(pick(next, TITLES), next, ctx);
  const mean = options.sentences ?? 14;
  const count = 2 + Math.floor(next() * next() * 2 * (mean - 2) * 1.5);
  const body: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = fill(pick(next, SENTENCES), next, ctx);
    if (next() < 0.03) s += `（${pick(next, LATIN)}）`;
    body.push(s);
    for (const r of RARE) if (next() < r.p / mean) body.push(r.text);
    if (next() < 0.25) body.push('\n');
  }
  const category = pick(next, CATEGORIES);
  return {
    docId: id,
    agencyId,
    title,
    bodyText: body.join(''),
    publishedAt: published,
    category,
    validity: category !== null && NORMATIVE.has(category) ? pick(next, VALIDITIES) : null,
  };
}

/** Documents from..to (inclusive) in id order. */
export function* generateDocuments(from: number, to: number, options: GenerateOptions): Generator<SearchDocument> {
  for (let id = from; id <= to; id++) yield generateDocument(id, options);
}

export interface LoadOptions extends GenerateOptions {
  /** Documents per transaction. Default 2000. */
  batchSize?: number;
  /** Called with each batch before it is indexed (e.g. to compute expected results). */
  onBatch?: (docs: readonly SearchDocument[]) => void;
  onProgress?: (loaded: number) => void;
}

/** Indexes documents 1..total in batches, one transaction each. */
export async function loadDocuments(db: Kysely<any>, dialect: DialectName, options: LoadOptions): Promise<void> {
  const batchSize = options.batchSize ?? 2000;
  for (let from = 1; from <= options.total; from += batchSize) {
    const docs = [...generateDocuments(from, Math.min(options.total, from + batchSize - 1), options)];
    options.onBatch?.(docs);
    await indexDocuments(db, dialect, docs);
    options.onProgress?.(from + docs.length - 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const total = Number(process.argv[2] ?? 5);
  const target = process.argv[3];
  if (!target) {
    for (const d of generateDocuments(1, total, { total })) console.log(JSON.stringify(d, null, 1));
  } else {
    const { openDatabase } = await import('../src/storage/dialect.ts');
    const { migrateToLatest } = await import('../src/storage/migrate.ts');
    const { up } = await import('../src/storage/migrations/0004_search.ts');
    const handle = target.startsWith('postgres')
      ? openDatabase({ databaseUrl: target })
      : openDatabase({ sqlitePath: target });
    try {
      await migrateToLatest(handle.db);
      const tables = await handle.db.introspection.getTables();
      if (!tables.some((t) => t.name === 'search_entries')) await up(handle.db);
      const started = Date.now();
      await loadDocuments(handle.db, handle.dialect, {
        total,
        onProgress: (n) => process.stderr.write(`\r${n} documents`),
      });
      console.error(`\nloaded ${total} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await handle.close();
    }
  }
}

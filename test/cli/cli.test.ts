import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PG_URL } from '../helpers/db.ts';
import { passwordFrom, removeDir, repoRoot, runCli, startServer, tempDataDir } from '../helpers/server.ts';

async function login(url: string, username: string, password: string) {
  return fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('gongkai CLI', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach(removeDir));
  const newDir = () => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };

  it('prints help for every command', () => {
    for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['seed', '--help'], ['user', 'create', '--help'], ['user', 'reset-password', '--help'], ['user', 'operator', '--help'], ['agency', 'create', '--help'], ['agency', 'list', '--help'], ['agency', 'import', '--help'], ['search', 'reindex', '--help']]) {
      const res = runCli(args, {});
      assert.equal(res.status, 0, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stdout, /Usage: gongkai/);
    }
  });

  it('first start seeds and prints the one-time password once; a second start reuses the data', async (t) => {
    const dataDir = newDir();
    const first = await startServer({ GONGKAI_DATA_DIR: dataDir });
    const password = passwordFrom(first.output);
    try {
      assert.ok(password, `password printed:\n${first.output}`);
      const health = (await (await fetch(`${first.url}/healthz`)).json()) as { database: string };
      assert.equal(health.database, 'sqlite');
      assert.equal((await login(first.url, 'admin', password!)).status, 200);
      // A useful portal from the first start (issue 18 item 10): documents in several columns, a guide and rules.
      const page = async (path: string) => (await fetch(`${first.url}${path}`)).text();
      const catalogue = await page('/org/changping/open/catalogue');
      for (const title of ['常平乡关于调整2026年城乡居民最低生活保障标准的公告', '常平乡召开2026年政务公开工作推进会', '常平乡防汛抗旱应急预案（2026年修订）']) assert.ok(catalogue.includes(title), title);
      assert.match(await page('/org/changping/open/catalogue?category=news'), /常平乡开展春季森林防火宣传活动/);
      assert.match(await page('/org/changping/open/catalogue?category=notices'), /常平乡关于公开招聘村级后备干部的公告/);
      assert.match(await page('/org/changping/open/guide'), /受理机构：常平乡人民政府党政综合办公室/);
      assert.match(await page('/org/changping/open/rules'), /保密审查/);
      assert.match(await page(`/org/changping/search?q=${encodeURIComponent('8号')}`), /最低生活保障标准/);
    } finally {
      await first.stop();
    }
    const second = await startServer({ GONGKAI_DATA_DIR: dataDir });
    try {
      t.diagnostic(`second start answered /healthz after ${second.startMs} ms`);
      assert.equal(passwordFrom(second.output), null, 'nothing seeded twice');
      const res = await login(second.url, 'admin', password!);
      assert.equal(res.status, 200);
      const session = (await res.json()) as { agencies: { name: string }[] };
      assert.deepEqual(session.agencies.map((a) => a.name), ['常平乡', '平安县', '平安县民政局', '青石镇', '柳河乡']);
    } finally {
      await second.stop();
    }
  });

  it('seed is idempotent; user create and reset-password print one-time passwords', () => {
    const env = { GONGKAI_DATA_DIR: newDir() };
    const first = runCli(['seed'], env);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /已创建机构：常平乡、平安县、平安县民政局、青石镇、柳河乡/);
    assert.ok(passwordFrom(first.stdout));
    const second = runCli(['seed'], env);
    assert.equal(second.status, 0);
    assert.match(second.stdout, /演示机构已存在，未作改动/);
    assert.equal(passwordFrom(second.stdout), null);

    const created = runCli(['user', 'create', '--username', 'zhang.san', '--agency', '常平乡', '--name', '张三', '--role', 'clerk,reviewer'], env);
    assert.equal(created.status, 0, created.stderr);
    assert.ok(passwordFrom(created.stdout));
    const dup = runCli(['user', 'create', '--username', 'zhang.san', '--agency', 'changping'], env);
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /已被使用/);
    const badRole = runCli(['user', 'create', '--username', 'x.y', '--agency', 'changping', '--role', 'boss'], env);
    assert.equal(badRole.status, 1);
    assert.match(badRole.stderr, /未知角色/);
    const reset = runCli(['user', 'reset-password', '--username', 'zhang.san'], env);
    assert.equal(reset.status, 0, reset.stderr);
    assert.ok(passwordFrom(reset.stdout));
    const missing = runCli(['user', 'reset-password', '--username', 'nobody'], env);
    assert.equal(missing.status, 1);

    // Only the CLI grants the platform-operator permission (the shared calendar, every account).
    const grant = runCli(['user', 'operator', '--username', 'zhang.san'], env);
    assert.equal(grant.status, 0, grant.stderr);
    assert.match(grant.stdout, /已授予 zhang\.san 平台运维权限/);
    const revoke = runCli(['user', 'operator', '--username', 'zhang.san', '--revoke'], env);
    assert.equal(revoke.status, 0, revoke.stderr);
    assert.match(revoke.stdout, /已撤销/);
    assert.equal(runCli(['user', 'operator', '--username', 'nobody'], env).status, 1);
  });

  it('creates, lists and imports agencies, refusing invalid trees and importing all or nothing', () => {
    const env = { GONGKAI_DATA_DIR: newDir() };
    assert.equal(runCli(['seed'], env).status, 0);
    const list = runCli(['agency', 'list'], env);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^平安县人民政府（平安县）\tpingan\t县（区）\n {2}常平乡人民政府（常平乡）\tchangping/);
    const bad = runCli(['agency', 'create', '--code', 'bad', '--name', '某县人民政府', '--short-name', '某县', '--level', 'county', '--parent', 'changping'], env);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /县（区）不能隶属于乡镇（街道）“常平乡”/);
    const ok = runCli(['agency', 'create', '--code', 'pingan-czj', '--name', '平安县财政局', '--short-name', '平安县财政局', '--level', 'department', '--parent', 'pingan'], env);
    assert.equal(ok.status, 0, ok.stderr);
    const dir = env.GONGKAI_DATA_DIR;
    const csv = (rows: string) => {
      const file = path.join(dir, `agencies-${Math.random().toString(36).slice(2)}.csv`);
      writeFileSync(file, `code,name,short_name,level,parent_code,credit_code\n${rows}`);
      return file;
    };
    const mixed = runCli(['agency', 'import', csv('ah,安徽省人民政府,安徽省,province,,\nxc,宣城市人民政府,宣城市,city,ah,\nbad-town,某乡人民政府,某乡,township,ah,\nx,,,,nowhere,123\n')], env);
    assert.equal(mixed.status, 1);
    assert.match(mixed.stderr, /第 4 行：乡镇（街道）须隶属于县（区）/);
    assert.match(mixed.stderr, /第 5 行：.*上级机构代码 nowhere 不存在/s);
    assert.doesNotMatch(runCli(['agency', 'list'], env).stdout, /安徽省/, 'nothing was imported');
    const good = runCli(['agency', 'import', csv('ah,安徽省人民政府,安徽省,province,,\nxc,宣城市人民政府,宣城市,city,ah,\nxz,宣州区人民政府,宣州区,county,xc,11341100MB1234567Y\n')], env);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /已导入 3 个机构/);
    const json = JSON.parse(runCli(['agency', 'list', '--json'], env).stdout) as { code: string; creditCode: string | null }[];
    assert.equal(json.find((a) => a.code === 'xz')?.creditCode, '11341100MB1234567Y');
  });

  it('migrate exits non-zero when the database cannot be reached', () => {
    const res = runCli(['migrate'], { GONGKAI_DATA_DIR: newDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    assert.notEqual(res.status, 0);
    assert.match(res.stderr, /错误/);
    const bad = runCli(['migrate'], { GONGKAI_DATA_DIR: newDir(), DATABASE_URL: 'mysql://x' });
    assert.notEqual(bad.status, 0);
  });

  it('serves from PostgreSQL when DATABASE_URL is set', async () => {
    const name = `gk_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    try {
      const env = { GONGKAI_DATA_DIR: newDir(), DATABASE_URL: url.toString() };
      assert.equal(runCli(['migrate'], env).status, 0);
      const server = await startServer(env);
      try {
        const health = (await (await fetch(`${server.url}/healthz`)).json()) as { database: string };
        assert.equal(health.database, 'postgres');
        const password = passwordFrom(server.output);
        assert.ok(password);
        assert.equal((await login(server.url, 'admin', password!)).status, 200);
      } finally {
        await server.stop();
      }
      const again = runCli(['seed'], env);
      assert.match(again.stdout, /演示机构已存在/);
    } finally {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});

describe('gongkai documents import', () => {
  it('imports good lines, flags leaks unpublished, reports bad lines by number, and loses nothing else', async () => {
    const { writeFileSync } = await import('node:fs');
    const { idNumberCheckChar } = await import('../../src/domain/scan/index.ts');
    const dataDir = tempDataDir();
    try {
      const env = { GONGKAI_DATA_DIR: dataDir };
      assert.equal(runCli(['seed'], env).status, 0);
      const id = '51010219850612301' + idNumberCheckChar('51010219850612301');
      const file = `${dataDir}/legacy.jsonl`;
      writeFileSync(
        file,
        [
          JSON.stringify({ title: '关于2019年防汛工作的通知', bodyText: '各村：\n做好防汛准备。', publishedAt: '2019-05-10', docNo: '常政〔2019〕5号', category: 'art20-12' }),
          JSON.stringify({ title: '2020年低保名单', bodyText: `李某 身份证 ${id}`, publishedAt: '2020-01-02' }),
          'not json',
          JSON.stringify({ title: '缺日期', bodyText: 'x' }),
          '',
          JSON.stringify({ title: '2021年预算公开', bodyHtml: '<p>预算</p>', publishedAt: '2021-02-01T10:00:00+08:00', validity: '失效' }),
        ].join('\n'),
      );
      const res = runCli(['documents', 'import', file, '--agency', 'changping'], env);
      assert.equal(res.status, 1, 'bad lines make the exit status non-zero');
      assert.match(res.stdout, /导入 3 件（已发布 2 件，待复核 1 件），错误 2 行/);
      assert.match(res.stdout, /第 2 行《2020年低保名单》：疑似公民身份号码/);
      assert.match(res.stdout, /第 3 行：不是合法的 JSON 对象/);
      assert.match(res.stdout, /第 4 行：publishedAt/);
      assert.ok(!res.stdout.includes(id), 'the ID number is not echoed');
      assert.match(res.stderr, /已处理 6 行/);
      const missing = runCli(['documents', 'import', `${dataDir}/nope.jsonl`, '--agency', 'changping'], env);
      assert.equal(missing.status, 1);
      const reindex = runCli(['search', 'reindex'], env);
      assert.equal(reindex.status, 0, reindex.stderr);
      assert.match(reindex.stdout, /检索索引已重建 \/ search index rebuilt: \d+ 件已发布文件/);
      assert.match(reindex.stderr, /已索引 (\d+) \/ \1 件/);
    } finally {
      removeDir(dataDir);
    }
  });

  it('takes a category by code or by name, and creates missing columns only with --create-categories', async () => {
    const { writeFileSync } = await import('node:fs');
    const dataDir = tempDataDir();
    try {
      const env = { GONGKAI_DATA_DIR: dataDir };
      assert.equal(runCli(['seed'], env).status, 0);
      const file = `${dataDir}/columns.jsonl`;
      const line = (title: string, category: string) => JSON.stringify({ title, bodyText: '正文。', publishedAt: '2020-03-01', category });
      writeFileSync(file, [line('按代码', 'art20-12'), line('按名称', '突发公共事件应急预案、预警信息及应对情况'), line('新栏目一', '工作动态'), line('新栏目二', '工作动态')].join('\n'));
      const refused = runCli(['documents', 'import', file, '--agency', 'changping'], env);
      assert.equal(refused.status, 1);
      assert.match(refused.stdout, /导入 2 件/);
      assert.match(refused.stdout, /第 3 行：栏目“工作动态”不存在（可按代码或名称填写；加 --create-categories 可自动新建）/);
      writeFileSync(file, [line('新栏目一', '工作动态'), line('新栏目二', '工作动态')].join('\n'));
      const created = runCli(['documents', 'import', file, '--agency', 'changping', '--create-categories'], env);
      assert.equal(created.status, 0, created.stdout + created.stderr);
      assert.match(created.stdout, /已新建栏目 \/ column created: 工作动态（col-\d+）/);
      assert.equal(created.stdout.match(/已新建栏目/g)?.length, 1, 'one column for both lines');
      assert.match(created.stdout, /导入 2 件（已发布 2 件/);
    } finally {
      removeDir(dataDir);
    }
  });
});

describe('gongkai report', () => {
  it('checks the seed text (warnings only), excerpts (errors) and unreadable files (exit 2)', () => {
    const seedFile = `${repoRoot}test/fixtures/reports/changping-township-2025-annual-report.txt`;
    const seed = runCli(['report', 'check', seedFile, '--json'], {});
    assert.equal(seed.status, 0, seed.stderr);
    const json = JSON.parse(seed.stdout);
    for (const key of ['agency', 'year', 'template', 'sections', 'tables', 'findings']) assert.ok(key in json, key);
    assert.equal(json.agency, '常平乡');
    assert.deepEqual(json.findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`).sort(), ['template.header:warning', 'template.missing-column:warning']);
    const excerpt = runCli(['report', 'check', `${repoRoot}test/fixtures/reports/13_duifangxiang_ningdu_2023.txt`], {});
    assert.equal(excerpt.status, 1);
    assert.match(excerpt.stdout, /structure\.truncated/);
    assert.equal(runCli(['report', 'check', `${repoRoot}package.json`], {}).status, 2);
    assert.equal(runCli(['report', 'check', `${repoRoot}no-such-file.txt`], {}).status, 2);
  });

  it('builds reports from the records in every format, and checks its own HTML and DOCX clean', () => {
    const dataDir = tempDataDir();
    try {
      const env = { GONGKAI_DATA_DIR: dataDir };
      assert.equal(runCli(['seed'], env).status, 0);
      for (const agency of ['常平乡', 'pingan-mzj']) {
        for (const format of ['html', 'docx', 'xlsx', 'json']) {
          const out = `${dataDir}/r-${agency}.${format}`;
          const built = runCli(['report', 'build', '--agency', agency, '--year', '2025', '--format', format, '--out', out], env);
          assert.equal(built.status, 0, built.stderr + built.stdout);
          if (format === 'html' || format === 'docx') {
            const checked = runCli(['report', 'check', out, '--json'], env);
            assert.equal(checked.status, 0, checked.stdout);
            assert.deepEqual(JSON.parse(checked.stdout).findings, [], `${agency} ${format}`);
          }
        }
      }
      const bad = runCli(['report', 'build', '--agency', '常平乡', '--year', '2025', '--format', 'pdf', '--out', `${dataDir}/x`], env);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /格式/);
    } finally {
      removeDir(dataDir);
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('reads the proxy, log level and public URL settings', () => {
    const base = loadConfig({});
    assert.equal(base.trustProxy, false);
    assert.equal(base.logLevel, 'warn', 'failures are logged by default');
    assert.equal(base.publicUrl, undefined);
    for (const v of ['true', '1']) assert.equal(loadConfig({ GONGKAI_TRUST_PROXY: v }).trustProxy, true);
    for (const v of ['false', '0', '']) assert.equal(loadConfig({ GONGKAI_TRUST_PROXY: v }).trustProxy, false);
    assert.deepEqual(loadConfig({ GONGKAI_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback,192.168.0.0/255.255.0.0' }).trustProxy, [
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
      '192.168.0.0/255.255.0.0',
    ]);
    assert.equal(loadConfig({ GONGKAI_LOG_LEVEL: 'ERROR' }).logLevel, 'error');
    assert.equal(loadConfig({ GONGKAI_PUBLIC_URL: 'https://gk.example.gov.cn/' }).publicUrl, 'https://gk.example.gov.cn');
    assert.deepEqual(base.allowedHosts, []);
    assert.deepEqual(loadConfig({ GONGKAI_ALLOWED_HOSTS: 'GK.example.gov.cn, gk.example.gov.cn:8080,[::1]:3000' }).allowedHosts, ['gk.example.gov.cn', 'gk.example.gov.cn:8080', '[::1]:3000']);
  });

  it('refuses bad values with a Chinese message naming the setting', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ GONGKAI_TRUST_PROXY: '2' }, /GONGKAI_TRUST_PROXY 不支持代理层数/],
      [{ GONGKAI_TRUST_PROXY: 'nginx' }, /GONGKAI_TRUST_PROXY 配置无效/],
      [{ GONGKAI_TRUST_PROXY: '10.0.0.0/33' }, /GONGKAI_TRUST_PROXY 配置无效/],
      [{ GONGKAI_LOG_LEVEL: 'verbose' }, /GONGKAI_LOG_LEVEL 配置无效/],
      [{ GONGKAI_PUBLIC_URL: 'gk.example.gov.cn' }, /GONGKAI_PUBLIC_URL 配置无效/],
      [{ GONGKAI_PUBLIC_URL: 'ftp://gk.example.gov.cn' }, /GONGKAI_PUBLIC_URL 配置无效/],
      [{ GONGKAI_ALLOWED_HOSTS: 'https://gk.example.gov.cn' }, /GONGKAI_ALLOWED_HOSTS 配置无效/],
      [{ GONGKAI_ALLOWED_HOSTS: 'gk.example.gov.cn/path' }, /GONGKAI_ALLOWED_HOSTS 配置无效/],
    ];
    for (const [env, message] of cases) assert.throws(() => loadConfig(env), message, JSON.stringify(env));
  });
});

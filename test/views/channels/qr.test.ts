import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { qrPngDataUrl, qrSvg } from '../../../src/views/channels/qr.ts';

/** Dark/light per pixel of an 8-bit RGBA PNG (as the qrcode package writes them), unfiltered. */
function decodeRgbaPng(buf: Buffer): { size: number; dark: (x: number, y: number) => boolean } {
  const w = buf.readUInt32BE(16);
  assert.equal(buf[24], 8);
  assert.equal(buf[25], 6);
  const idat: Buffer[] = [];
  for (let p = 8; p < buf.length;) {
    const len = buf.readUInt32BE(p);
    if (buf.toString('latin1', p + 4, p + 8) === 'IDAT')
      idat.push(buf.subarray(p + 8, p + 8 + len));
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = 4;
  const rowLen = w * bpp;
  const out = Buffer.alloc(w * rowLen);
  for (let y = 0; y < w; y++) {
    const filter = raw[y * (rowLen + 1)]!;
    for (let i = 0; i < rowLen; i++) {
      const x = raw[y * (rowLen + 1) + 1 + i]!;
      const a = i >= bpp ? out[y * rowLen + i - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * rowLen + i]! : 0;
      const c = i >= bpp && y > 0 ? out[(y - 1) * rowLen + i - bpp]! : 0;
      let v = x;
      if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      out[y * rowLen + i] = v & 255;
    }
  }
  return { size: w, dark: (x, y) => out[y * rowLen + x * bpp]! < 128 };
}

describe('QR codes', () => {
  const url = 'https://gk.example.gov.cn/org/changping/documents/17?from=notice&x=1';

  it('the print SVG has exactly the modules of the qrcode package’s own raster, quiet zone included', async () => {
    const reference = decodeRgbaPng(
      await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 4, scale: 1 }),
    );
    const svg = qrSvg(url, '32mm', '原文二维码');
    assert.match(svg, new RegExp(`viewBox="0 0 ${reference.size} ${reference.size}"`));
    const dark = new Set([...svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
    for (let y = 0; y < reference.size; y++) {
      for (let x = 0; x < reference.size; x++) {
        assert.equal(dark.has(`${x},${y}`), reference.dark(x, y), `module ${x},${y}`);
      }
    }
  });

  it('escapes the SVG label', () => {
    assert.match(qrSvg(url, '1cm', 'a"<b>'), /aria-label="a&#34;&#60;b&#62;"/);
  });

  it('the WeChat PNG is the same code at 8 pixels per module', async () => {
    const png = decodeRgbaPng(Buffer.from((await qrPngDataUrl(url)).split(',')[1]!, 'base64'));
    const reference = decodeRgbaPng(
      await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 4, scale: 1 }),
    );
    assert.equal(png.size, reference.size * 8);
    for (let y = 0; y < reference.size; y++) {
      for (let x = 0; x < reference.size; x++) {
        assert.equal(png.dark(x * 8 + 4, y * 8 + 4), reference.dark(x, y));
      }
    }
  });
});

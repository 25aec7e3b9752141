/**
 * QR codes pointing at a document's portal page: PNG data URLs for WeChat (its editor takes no
 * SVG) and inline SVG for print (sharp at any printer resolution, and computed synchronously).
 */
import QRCode from 'qrcode';

/** 'M' recovers ~15% damage: enough for a printed sheet behind glass, and keeps the code small. */
const LEVEL = 'M' as const;

export async function qrPngDataUrl(text: string, pixelsPerModule = 8): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: LEVEL, margin: 4, scale: pixelsPerModule });
}

/** An <svg> of the QR code with the 4-module quiet zone the standard asks for; `size` in CSS units. */
export function qrSvg(text: string, size: string, label: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: LEVEL });
  const n = qr.modules.size;
  const quiet = 4;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (qr.modules.get(y, x)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  const total = n + 2 * quiet;
  // This returns markup, so the label is escaped here; `size` comes from code, not data.
  const title = label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" width="${size}" height="${size}" ` +
    `role="img" aria-label="${title}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

// npm run bench:print — a received slip on 80 mm paper: render + dither + encode (target median
// ≤ 50 ms), and from print() to the whole job at a virtual TCP 9100 printer on loopback, status
// queries included (target median ≤ 300 ms). Real printers add their own network and print time.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReceiptPrinter } from '../../electron/core/printing/receipt-printer';
import { SlipRenderer } from '../../electron/core/printing/slip-renderer';
import { Tcp9100Transport } from '../../electron/core/printing/transports/tcp-9100';
import { receivedSlip } from '../../shared/printing/slip-layout';
import { dossier, site } from '../../tests/helpers/form-fixtures';
import { EscPosTcpPeer } from '../../tests/peers/escpos-tcp-peer';
import { ms, summarize } from './stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rounds = 40;
const slip = dossier({
  procedure: { ...dossier().procedure, name: 'Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi' },
  submitter: { ...dossier().owner, fullName: 'Trần Văn Đức' },
});
const blocks = receivedSlip(site, slip, '80mm');

const peer = new EscPosTcpPeer();
const port = await peer.start();
const renderer = new SlipRenderer(path.join(root, 'build', 'fonts'));
const results: Record<string, { prepare: number[]; delivered: number[]; bytes: number }> = {};

for (const qr of ['native', 'raster'] as const) {
  const printer = new ReceiptPrinter(renderer, new Tcp9100Transport({ host: '127.0.0.1', port }), { paper: '80mm', qr });
  for (let i = 0; i < 5; i++) printer.prepare(blocks); // warm-up: JIT and Skia's glyph cache, not the measurement
  const prepare: number[] = [];
  const delivered: number[] = [];
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    bytes = printer.prepare(blocks).bytes.length;
    prepare.push(performance.now() - t0);

    const arrived = peer.nextJob();
    const t1 = performance.now();
    const printing = printer.print(blocks);
    await arrived;
    delivered.push(performance.now() - t1);
    await printing;
  }
  results[qr] = { prepare, delivered, bytes };
}
await peer.close();

console.log(`bench:print — received slip, 80 mm (576 dots), ${rounds} rounds per QR mode`);
for (const [qr, r] of Object.entries(results)) {
  const p = summarize(r.prepare);
  const d = summarize(r.delivered);
  console.log(`${qr} QR, ${(r.bytes / 1024).toFixed(1)} KB job`);
  console.log(`  render+encode: median ${ms(p.p50)}  p95 ${ms(p.p95)}  max ${ms(p.max)}`);
  console.log(`  print() → whole job at the TCP peer: median ${ms(d.p50)}  p95 ${ms(d.p95)}  max ${ms(d.max)}`);
}
const worstPrepare = Math.max(...Object.values(results).map((r) => summarize(r.prepare).p50));
const worstDelivered = Math.max(...Object.values(results).map((r) => summarize(r.delivered).p50));
console.log(`target render+encode median ≤ 50 ms: ${worstPrepare <= 50 ? 'met' : 'NOT met'} (${ms(worstPrepare)})`);
console.log(`target delivery median ≤ 300 ms: ${worstDelivered <= 300 ? 'met' : 'NOT met'} (${ms(worstDelivered)})`);

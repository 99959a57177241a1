import { foldVietnamese } from '../../domain/text';
import { AppError } from '../../ipc/result';
import type { DossierComponentView, DossierView, FeeRecord } from '../../reception/dossier-view';
import { formatDue, formatDuration, formatMoney, formatNumber, formatPlaceDate, formatTimeAndDate } from '../format';
import { fill, html, trustedSvg, type SafeHtml } from '../html';
import { heading, line, partyLines, signatures, title, topLine } from '../layout';
import { lookupUrl } from '../lookup-url';
import type { ReceiptWording } from '../wording';
import type { Template } from './context';

const CSS = `
.code-block { text-align: center; margin: 0 0 1mm; }
.code-block .barcode svg { display: block; width: 62mm; height: 8mm; margin: 0 auto 0.5mm; }
.qr-box { float: right; width: 24mm; margin: 0 0 1mm 2mm; text-align: center; font-size: 7pt; line-height: 1.1; }
.qr-box svg { display: block; width: 24mm; height: 24mm; }
.footnote { font-size: 7.5pt; line-height: 1.2; margin-top: 1.5mm; }
table.components { table-layout: fixed; }
table.components td, table.components th { overflow-wrap: anywhere; }
table.components col.no { width: 6mm; }
table.components col.count { width: 9.5mm; }
table.components col.note { width: 19mm; }
.receipt.compact { font-size: 8.5pt; line-height: 1.12; }
.receipt.compact .head { font-size: 8pt; }
.receipt.compact h1 { font-size: 10pt; margin: 1mm 0 0.5mm; }
.receipt.compact .place-date { margin: 0.5mm 0 0; }
.receipt.compact .code-block .barcode svg { height: 6mm; }
.receipt.compact .qr-box { width: 20mm; }
.receipt.compact .qr-box svg { width: 20mm; height: 20mm; }
.receipt.compact p { margin: 0.3mm 0; }
.receipt.compact ol.items li { margin: 0.2mm 0; }
.receipt.compact table.grid { font-size: 7.5pt; line-height: 1.08; }
.receipt.compact table.grid th, .receipt.compact table.grid td { padding: 0.2mm 0.8mm; }
.receipt.compact .signs { margin-top: 1mm; }
.receipt.compact .sign .space { height: 10mm; }
.receipt.dense { font-size: 8pt; line-height: 1.08; }
.receipt.dense .head { font-size: 7.5pt; }
.receipt.dense .top-line { font-size: 7.5pt; }
.receipt.dense h1 { font-size: 9.5pt; margin: 0.5mm 0 0.3mm; }
.receipt.dense .code-block { margin: 0; }
.receipt.dense .code-block .barcode svg { height: 5mm; }
.receipt.dense .qr-box { width: 18mm; font-size: 6pt; }
.receipt.dense .qr-box svg { width: 18mm; height: 18mm; }
.receipt.dense p { margin: 0.1mm 0; }
.receipt.dense ol.items { margin: 0.3mm 0; }
.receipt.dense ol.items li { margin: 0; }
.receipt.dense table.grid { font-size: 6.8pt; line-height: 1.04; margin: 0.3mm 0; }
.receipt.dense table.grid th, .receipt.dense table.grid td { padding: 0.1mm 0.6mm; }
.receipt.dense .signs { margin-top: 0.5mm; }
.receipt.dense .sign .hint { font-size: 7pt; }
.receipt.dense .sign .space { height: 8mm; }
.receipt.dense .qr-box { line-height: 1; }
.receipt.dense .place-date { margin: 0; }
/*
 * The fees and the signatures go to a second page together or not at all, and the room above them
 * keeps the marks over their first line's letters (ễ, Ộ) from being painted at the foot of the page before.
 */
.closing { break-inside: avoid; padding-top: 1mm; }
`;

/**
 * Lines of variable length the receipt holds, roughly: the component table (its name column of about
 * 84 mm holds some 55 letters at the normal size) and the names, address and fees that may wrap
 * (about 85 letters a line). The more there are, the smaller the type and the tighter the rows of the
 * whole receipt, so that up to ten components still leave each copy on one A5 sheet; only beyond that
 * does a copy take a second page, where the table header repeats (issue 13 point 1).
 */
const DENSITY_ABOVE_LINES: readonly (readonly [number, string])[] = [
  [16, 'receipt dense'],
  [6, 'receipt compact'],
];

function wrappedLines(text: string | null | undefined, perLine: number): number {
  return Math.max(1, Math.ceil((text ?? '').length / perLine));
}

function density(dossier: DossierView): string {
  const table = dossier.components.reduce((sum, component) => sum + wrappedLines(component.name, 55), 0);
  const feeText = dossier.fees.map((fee) => `${fee.name} ${fee.amount}`).join('; ');
  const wrapping = [dossier.owner.fullName, dossier.owner.address, dossier.submitter?.fullName, dossier.procedure.name, feeText]
    .map((text) => wrappedLines(text, 85) - 1)
    .reduce((sum, extra) => sum + extra, 0);
  return DENSITY_ABOVE_LINES.find(([above]) => table + wrapping > above)?.[1] ?? 'receipt';
}

/** Only paper actually handed over is counted; a reused or waived paper shows a dash, not "1 original". */
function countCell(component: DossierComponentView, count: number): string {
  return component.state === 'attached' ? formatNumber(count) : '—';
}

function componentNote(wording: ReceiptWording, component: DossierComponentView): SafeHtml {
  if (component.state === 'waived' && component.waiveReason) {
    return fill(wording.waivedBecause, { reason: component.waiveReason });
  }
  return fill(wording.componentNotes[component.state]);
}

function componentsTable(wording: ReceiptWording, components: readonly DossierComponentView[]): SafeHtml {
  if (components.length === 0) return html`<p>${wording.noComponents}</p>`;
  const { columns } = wording;
  return html`<table class="grid components">
<colgroup><col class="no"><col class="name"><col class="count"><col class="count"><col class="note"></colgroup>
<thead><tr><th>${columns.no}</th><th>${columns.name}</th><th>${columns.originals}</th><th>${columns.copies}</th><th>${columns.note}</th></tr></thead>
<tbody>${components.map(
    (component, i) =>
      html`<tr><td class="num">${i + 1}</td><td class="name">${component.name}</td><td class="num">${countCell(
        component,
        component.originals,
      )}</td><td class="num">${countCell(component, component.copies)}</td><td>${componentNote(wording, component)}</td></tr>`,
  )}</tbody>
</table>`;
}

function feeText(wording: ReceiptWording, fee: FeeRecord): SafeHtml {
  const details: SafeHtml[] = [html`${wording.feeStatus[fee.status]}`];
  if (fee.method) details.push(html`${wording.feeMethod[fee.method]}`);
  if (fee.receiptNumber) details.push(fill(wording.feeReceipt, { number: fee.receiptNumber }));
  return html`${feeLabel(wording.feeKinds[fee.kind], fee.name)}: ${formatMoney(fee.amount)} (${details.map((d, i) => (i ? html`, ${d}` : d))})`;
}

/**
 * The catalogue usually names a fee with its kind already ("Lệ phí đăng ký khai sinh"), so the kind is
 * only put in front of a name that does not start with "phí" or "lệ phí" of its own.
 */
export function feeLabel(kindLabel: string, name: string): string {
  const folded = foldVietnamese(name);
  return folded.startsWith('phi ') || folded.startsWith('le phi ') ? name : `${kindLabel} ${name}`;
}

/** One running line, not a list: the fees must not push the signatures off the A5 page. */
function feesBlock(wording: ReceiptWording, fees: readonly FeeRecord[]): SafeHtml {
  if (fees.length === 0) return html`<p>${wording.fees} ${wording.feesNone}</p>`;
  const total = fees.filter((fee) => fee.status !== 'exempt').reduce((sum, fee) => sum + fee.amount, 0);
  return html`<p>${wording.fees} ${fees.map((fee, i) => html`${i ? '; ' : null}${feeText(wording, fee)}`)}.${
    fees.length > 1 ? html` ${fill(wording.feesTotal, { amount: formatMoney(total) })}.` : null
  }</p>`;
}

function returnPlace(wording: ReceiptWording, dossier: DossierView, unit: string, agency: string): SafeHtml {
  if (dossier.returnMethod === 'post') return fill(wording.returnByPost, { address: dossier.returnAddress ?? '' });
  return fill(wording.returnAtCounter, { unit, agency });
}

/** Mẫu 01: one sheet per copy (liên), each complete, so either can be filed or handed over alone. */
export const receiptTemplate: Template<'receipt'> = ({ common, wording }, input) => {
  const { site, dossier } = input;
  const labels = input.copyLabels ?? wording.copyLabels;
  if (labels.length === 0) throw new AppError('FORM_COPIES_EMPTY');
  const url = lookupUrl(site, dossier.code);
  // The QR only ever carries the lookup address, so without a lookup portal there is none to print.
  const qr = url !== null && input.qrSvg !== null ? trustedSvg(input.qrSvg) : null;
  const barcode = trustedSvg(input.barcodeSvg);
  const hotline = site.hotline.trim() ? fill(wording.hotline, { hotline: site.hotline }) : null;
  const filer = dossier.submitter ?? dossier.owner;

  const body = html`
${heading(common, site, formatPlaceDate(site.place, dossier.receivedLocal))}
${title(wording.title)}
<div class="code-block"><div class="barcode">${barcode}</div>${common.dossierCode} <span class="strong">${dossier.code}</span></div>
${qr ? html`<div class="qr-box">${qr}${wording.qrCaption}${hotline ? html`<br>${hotline}` : null}</div>` : null}
<p>${fill(wording.receivingUnit, { unit: site.unitName, agency: site.agencyName })}</p>
${partyLines(common, dossier.owner, wording.owner)}
${
  dossier.submitter
    ? html`${line(wording.submitter, dossier.submitter.fullName, true)}${
        dossier.submitter.idNumber ? line(common.idNumber, dossier.submitter.idNumber) : null
      }`
    : null
}
${line(common.request, dossier.procedure.name, true)}
${dossier.channel === 'post' ? html`<p>${wording.byPost}</p>` : null}
<ol class="items">
<li>${wording.item1}${componentsTable(wording, dossier.components)}</li>
<li>${fill(wording.item2, { count: formatNumber(dossier.setsCount) })}</li>
<li>${fill(wording.item3, { duration: formatDuration(dossier.procedure.duration) })}</li>
<li>${fill(wording.item4, { time: formatTimeAndDate(dossier.receivedLocal) })}</li>
<li>${fill(wording.item5, { time: html`<span class="strong">${formatDue(dossier.dueLocal)}</span>` })}</li>
<li>${fill(wording.item6, { place: returnPlace(wording, dossier, site.unitName, site.agencyName) })}</li>
</ol>
<p>${fill(wording.register, { book: dossier.register.book, number: formatNumber(dossier.register.number) })}</p>
<div class="closing">
${feesBlock(wording, dossier.fees)}
${signatures(common, [
  { title: wording.signFiler, name: filer.fullName },
  { title: wording.signOfficer, name: dossier.officer.fullName },
])}
</div>
${!qr && hotline ? html`<p class="footnote">${hotline}</p>` : null}`;

  const sheetClass = density(dossier);
  return {
    css: CSS,
    sheets: labels.map((label) => html`<div class="${sheetClass}">${topLine(input.documentCode, label)}${body}</div>`),
  };
};

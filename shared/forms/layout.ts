import type { Party, Site } from '../reception/dossier-view';
import { fill, html, SafeHtml, type HtmlValue } from './html';
import type { PageSize } from './types';
import type { CommonWording } from './wording';

/**
 * The parts every form shares: the document shell with its print CSS, the two-column heading of
 * administrative documents, signature blocks and the dotted blank of a paper form.
 */

/**
 * Windows counters print in Times New Roman (the administrative standard), which Windows ships with
 * full Vietnamese. Noto Serif and DejaVu Serif come first only because Windows does not have them:
 * on Debian, Chromium answers "Times New Roman" with Liberation Serif, and Debian's Liberation 1.x
 * lacks most Vietnamese letters, so words would mix two fonts glyph by glyph.
 */
const FONT_STACK = '"Noto Serif", "DejaVu Serif", "Times New Roman", "Liberation Serif", serif';

/**
 * Each paper's orientation. Thirteen register columns only fit across the long side of A4. Hosts
 * that print silently take it from here too: Electron scales a landscape page to fit a portrait
 * sheet instead of turning it.
 */
export const PAGE_ORIENTATION: Record<PageSize, 'portrait' | 'landscape'> = { A5: 'portrait', A4: 'landscape' };

const PAGE_RULES: Record<PageSize, string> = {
  // The left margin is wider so the slip can be filed and punched with the dossier.
  A5: `@page { size: A5 ${PAGE_ORIENTATION.A5}; margin: 7mm 8mm 7mm 13mm; }`,
  A4: `@page { size: A4 ${PAGE_ORIENTATION.A4}; margin: 12mm 10mm 12mm 15mm; }`,
};

const BASE_CSS = `
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 9.5pt; line-height: 1.22; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.sheet { break-after: page; }
.sheet:last-child { break-after: auto; }
.top-line { display: flex; justify-content: flex-end; gap: 4mm; font-size: 8.5pt; font-style: italic; min-height: 1em; }
.head { display: flex; justify-content: space-between; gap: 3mm; text-align: center; font-size: 9pt; line-height: 1.2; }
.head .agency { flex: 0 0 40%; }
.head .nation { flex: 1 1 auto; }
.head .upper { text-transform: uppercase; }
.head .strong { font-weight: bold; }
.to { text-align: center; font-weight: bold; margin: 2mm 0; }
.head .nowrap { white-space: nowrap; }
.rule { width: 40%; margin: 0.8mm auto 0; border-top: 0.6pt solid #000; }
.place-date { text-align: right; font-style: italic; margin: 1.5mm 0 0; }
h1 { font-size: 11pt; text-align: center; margin: 2.5mm 0 1mm; font-weight: bold; text-transform: uppercase; }
.subtitle { text-align: center; margin: 0 0 2mm; }
.strong { font-weight: bold; }
.to { text-align: center; font-weight: bold; margin: 2mm 0; }
p { margin: 0.6mm 0; }
.blank { display: inline-block; min-width: 28mm; border-bottom: 0.6pt dotted #000; height: 1em; vertical-align: baseline; }
ol.items { margin: 0.8mm 0; padding-left: 6mm; }
ol.items li { margin: 0.4mm 0; }
table.grid { width: 100%; border-collapse: collapse; font-size: 8.5pt; line-height: 1.15; margin: 0.6mm 0; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 0.4mm 1mm; vertical-align: top; }
table.grid th { font-weight: bold; text-align: center; }
table.grid td.num { text-align: center; white-space: nowrap; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; }
.signs { display: flex; justify-content: space-around; text-align: center; margin-top: 2.5mm; break-inside: avoid; }
.signs.single { justify-content: flex-end; }
.sign { flex: 0 0 45%; }
.sign .title { font-weight: bold; text-transform: uppercase; }
.sign .hint { font-style: italic; font-size: 8.5pt; }
.sign .space { height: 12mm; }
.sign .name { font-weight: bold; }
`;

/** Also keeps a compromised value from running anything should escaping ever be bypassed. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function documentShell(options: { title: string; pageSize: PageSize; css?: string; sheets: readonly SafeHtml[] }): string {
  return html`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${options.title}</title>
<style>${new SafeHtml(PAGE_RULES[options.pageSize] + BASE_CSS + (options.css ?? ''))}</style>
</head>
<body>
${options.sheets.map((sheet) => html`<section class="sheet">${sheet}</section>\n`)}</body>
</html>
`.value;
}

/** A dotted line left for the officer or citizen to fill by hand when the value is unknown. */
export const BLANK = new SafeHtml('<span class="blank"></span>');

export function valueOrBlank(value: string | null | undefined): HtmlValue {
  return value && value.trim() ? value : BLANK;
}

/** The province's document code and, on multi-copy forms, which copy this is. */
export function topLine(documentCode: string | null | undefined, copyLabel?: string): SafeHtml {
  return html`<div class="top-line">${documentCode ? html`<span>${documentCode}</span>` : null}${
    copyLabel ? html`<span class="copy-label">${copyLabel}</span>` : null
  }</div>`;
}

/**
 * Left: the agency and the unit (Decree 30/2020 style, the unit in bold over a short rule). Right:
 * the national name and motto, then the place and date line when the form is dated.
 */
export function heading(common: CommonWording, site: Site, placeDate: string | null): SafeHtml {
  return html`<div class="head">
<div class="agency"><div class="upper">${site.agencyName}</div><div class="upper strong">${site.unitName}</div><div class="rule"></div></div>
<div class="nation"><div class="strong nowrap">${common.nationalName}</div><div class="strong">${common.motto}</div><div class="rule"></div></div>
</div>
${placeDate ? html`<p class="place-date">${placeDate}</p>` : null}`;
}

export function title(text: string, subtitle?: HtmlValue): SafeHtml {
  return html`<h1>${text}</h1>${subtitle ? html`<p class="subtitle">${subtitle}</p>` : null}`;
}

export interface SignatureBlock {
  title: string;
  name: string | null;
}

export function signatures(common: CommonWording, blocks: readonly SignatureBlock[]): SafeHtml {
  return html`<div class="${blocks.length === 1 ? 'signs single' : 'signs'}">${blocks.map(
    (block) =>
      html`<div class="sign"><div class="title">${block.title}</div><div class="hint">${common.signHint}</div><div class="space"></div><div class="name">${block.name}</div></div>`,
  )}</div>`;
}

/** A labelled line; an empty value becomes a blank to fill in. */
export function line(label: string, value: string | null | undefined, strongValue = false): SafeHtml {
  const shown = valueOrBlank(value);
  return html`<p>${label ? `${label} ` : null}${strongValue && value ? html`<span class="strong">${shown}</span>` : shown}</p>`;
}

/** Name, ID (citizens) or tax code (organisations), address, phone and email of a party. */
export function partyLines(common: CommonWording, party: Party, nameLabel: string): SafeHtml {
  const id =
    party.kind === 'organisation'
      ? party.taxCode
        ? line(common.taxCode, party.taxCode)
        : null
      : party.idNumber
        ? line(common.idNumber, party.idNumber)
        : null;
  return html`${line(nameLabel, party.fullName, true)}${id}${line(common.address, party.address)}<p>${common.phone} ${valueOrBlank(
    party.phone,
  )}&emsp;${common.email} ${valueOrBlank(party.email)}</p>`;
}

/** `Kính gửi: …` */
export function addressedTo(common: CommonWording, party: Party): SafeHtml {
  return html`<p class="to">${fill(common.to, { name: party.fullName })}</p>`;
}

import { formatDue, formatTimeAndDate, utcToVietnamLocal } from '../forms/format';
import { lookupUrl } from '../forms/lookup-url';
import { formatMessage, uiText } from '../i18n/vi';
import { AppError } from '../ipc/result';
import type { DossierView, Site } from '../reception/dossier-view';

/**
 * What a thermal slip says, as blocks for the renderer in the core: the wording and its order live
 * here, the pixels there. Pure, so the same slip can be previewed in the UI later.
 */

export const paperWidths = ['58mm', '80mm'] as const;
export type PaperWidth = (typeof paperWidths)[number];

/** Printable dots per row at 203 dpi (8 dots/mm). */
export const PAPER_DOTS: Record<PaperWidth, number> = { '58mm': 384, '80mm': 576 };

export type TextSize = 'small' | 'normal' | 'large';
export type TextAlign = 'left' | 'center' | 'right';

export interface TextRun {
  text: string;
  bold: boolean;
}

export type SlipBlock =
  | { kind: 'text'; runs: TextRun[]; size: TextSize; align: TextAlign; maxLines: number }
  | { kind: 'rule'; style: 'solid' | 'dashed' }
  | { kind: 'space'; dots: number }
  /** `moduleDots` is the wanted size of one QR module; the renderer shrinks it to fit the paper. */
  | { kind: 'qr'; text: string; moduleDots: number };

const MAX_PROCEDURE_LINES = 4;
const MAX_NAME_LINES = 2;

const clean = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

function text(value: string, size: TextSize, options: { bold?: boolean; align?: TextAlign; maxLines?: number } = {}): SlipBlock {
  return {
    kind: 'text',
    runs: [{ text: clean(value), bold: options.bold ?? false }],
    size,
    align: options.align ?? 'left',
    maxLines: options.maxLines ?? 3,
  };
}

/**
 * "Label: value". On 80 mm the value follows the label; on 58 mm (about 30 characters a line) it
 * goes under it, so long names and dates do not break after a word or two.
 */
function field(paper: PaperWidth, label: string, value: string, options: { bold?: boolean; maxLines?: number } = {}): SlipBlock[] {
  const maxLines = options.maxLines ?? 3;
  const valueRun = { text: clean(value), bold: options.bold ?? false };
  if (paper === '58mm') {
    return [text(`${label}:`, 'small'), { kind: 'text', runs: [valueRun], size: 'normal', align: 'left', maxLines }];
  }
  return [{ kind: 'text', runs: [{ text: `${label}: `, bold: false }, valueRun], size: 'normal', align: 'left', maxLines }];
}

function header(site: Site, title: string): SlipBlock[] {
  return [
    text(site.agencyName, 'normal', { bold: true, align: 'center', maxLines: 2 }),
    text(site.unitName, 'small', { align: 'center', maxLines: 2 }),
    { kind: 'rule', style: 'solid' },
    text(title, 'large', { bold: true, align: 'center', maxLines: 2 }),
  ];
}

/** A 25-character code must stay on one line: the larger sizes split it on 58 mm and on 80 mm. */
function dossierCode(paper: PaperWidth, code: string): SlipBlock[] {
  return [
    text(`${uiText.slip.dossierCode}:`, 'small', { align: 'center' }),
    text(code, paper === '80mm' ? 'large' : 'normal', { bold: true, align: 'center', maxLines: 2 }),
  ];
}

function parties(paper: PaperWidth, dossier: DossierView): SlipBlock[] {
  const blocks = field(paper, uiText.slip.owner, dossier.owner.fullName, { bold: true, maxLines: MAX_NAME_LINES });
  if (dossier.submitter) blocks.push(...field(paper, uiText.slip.submitter, dossier.submitter.fullName, { maxLines: MAX_NAME_LINES }));
  return blocks;
}

/**
 * The QR scanned at the return counter to open the dossier, and by the citizen to follow it: the
 * site's lookup address where it has one, otherwise the bare dossier code.
 */
function footer(paper: PaperWidth, site: Site, code: string, closing: string): SlipBlock[] {
  const url = lookupUrl(site, code);
  const blocks: SlipBlock[] = [
    { kind: 'rule', style: 'dashed' },
    text(url ? uiText.slip.lookupHint : uiText.slip.counterHint, 'small', { align: 'center', maxLines: 2 }),
    { kind: 'qr', text: url ?? code, moduleDots: paper === '80mm' ? 6 : 5 },
  ];
  if (url) blocks.push(text(url, 'small', { align: 'center', maxLines: 3 }));
  if (clean(site.hotline))
    blocks.push(text(formatMessage(uiText.slip.hotline, { hotline: clean(site.hotline) }), 'small', { align: 'center' }));
  blocks.push({ kind: 'space', dots: 8 }, text(closing, 'small', { align: 'center', maxLines: 3 }));
  return blocks;
}

/** The slip handed over with the receipt: code, procedure, applicant, received and due times, QR. */
export function receivedSlip(site: Site, dossier: DossierView, paper: PaperWidth): SlipBlock[] {
  return [
    ...header(site, uiText.slip.receivedTitle),
    ...dossierCode(paper, dossier.code),
    { kind: 'space', dots: 8 },
    ...field(paper, uiText.slip.procedure, dossier.procedure.name, { maxLines: MAX_PROCEDURE_LINES }),
    ...parties(paper, dossier),
    ...field(paper, uiText.slip.receivedAt, formatTimeAndDate(dossier.receivedLocal)),
    ...field(paper, uiText.slip.dueAt, formatDue(dossier.dueLocal), { bold: true }),
    ...field(paper, uiText.slip.receivingOfficer, dossier.officer.fullName, { maxLines: MAX_NAME_LINES }),
    ...footer(paper, site, dossier.code, uiText.slip.keepSlip),
  ];
}

/** The slip given when the result is handed back; refused for a dossier not marked returned. */
export function returnedSlip(site: Site, dossier: DossierView, paper: PaperWidth): SlipBlock[] {
  if (dossier.returnedAt === null) throw new AppError('SLIP_NOT_RETURNED', { code: dossier.code });
  return [
    ...header(site, uiText.slip.returnedTitle),
    ...dossierCode(paper, dossier.code),
    { kind: 'space', dots: 8 },
    ...field(paper, uiText.slip.procedure, dossier.procedure.name, { maxLines: MAX_PROCEDURE_LINES }),
    ...parties(paper, dossier),
    ...field(paper, uiText.slip.returnedTo, dossier.returnedTo ?? dossier.owner.fullName, { bold: true, maxLines: MAX_NAME_LINES }),
    ...field(paper, uiText.slip.receivedAt, formatTimeAndDate(dossier.receivedLocal)),
    ...field(paper, uiText.slip.returnedAt, formatTimeAndDate(utcToVietnamLocal(dossier.returnedAt))),
    ...footer(paper, site, dossier.code, uiText.slip.thanks),
  ];
}

/** The settings "Test" slip: the site, a pangram with every tone mark, the diacritics in capitals, a QR. */
export function testSlip(site: Pick<Site, 'agencyName'>, printer: string, printedAtLocal: string): SlipBlock[] {
  return [
    text(site.agencyName, 'normal', { bold: true, align: 'center' }),
    text(uiText.slip.testTitle, 'large', { bold: true, align: 'center' }),
    { kind: 'rule', style: 'dashed' },
    text(uiText.slip.testPangram, 'normal', { maxLines: 6 }),
    text(uiText.slip.testCapitals, 'small', { maxLines: 3 }),
    { kind: 'space', dots: 8 },
    { kind: 'qr', text: `QUAY-TEST ${printedAtLocal}`, moduleDots: 6 },
    text(`${printer} · ${printedAtLocal}`, 'small', { align: 'center' }),
    { kind: 'rule', style: 'solid' },
  ];
}

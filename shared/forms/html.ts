import { AppError } from '../ipc/result';

/**
 * HTML that is already safe to emit. Templates are written with the `html` tag, which escapes every
 * interpolated value unless it is SafeHtml, so a citizen named `<script>` prints as text and no code
 * path can forget to escape.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
}

export type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values; text is composed (NFC) first. */
export function escapeHtml(text: string): string {
  return text.normalize('NFC').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Fills `{name}` placeholders of a wording taken from the template data. The wording and the values
 * are both escaped; a value may be SafeHtml (a blank to fill by hand, an emphasised name).
 */
export function fill(wording: string, values: Record<string, HtmlValue> = {}): SafeHtml {
  const parts = wording.split(/\{(\w+)\}/);
  let out = '';
  parts.forEach((part, i) => {
    if (i % 2 === 0) out += escapeHtml(part);
    else out += Object.prototype.hasOwnProperty.call(values, part) ? render(values[part]) : escapeHtml(`{${part}}`);
  });
  return new SafeHtml(out);
}

/**
 * The QR code and the barcode arrive as SVG text generated in the core. They are inserted as markup,
 * so anything that could run or load something is refused rather than trusted.
 */
const SVG_FORBIDDEN = /<script|<foreignObject|<iframe|<image|<use|\son\w+\s*=|javascript:|href\s*=|url\s*\(|<!entity|<!doctype/i;

export function trustedSvg(svg: string): SafeHtml {
  const trimmed = typeof svg === 'string' ? svg.trim() : '';
  if (!trimmed.startsWith('<svg') || !trimmed.endsWith('</svg>') || SVG_FORBIDDEN.test(trimmed)) {
    throw new AppError('FORM_IMAGE_INVALID');
  }
  return new SafeHtml(trimmed);
}

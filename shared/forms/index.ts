export { escapeHtml, html, fill, SafeHtml, trustedSvg } from './html';
export {
  formatDate,
  formatDayMonthYear,
  formatDue,
  formatDuration,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatPlaceDate,
  formatTimeAndDate,
  formatTimeAndLongDate,
  NO_DUE_DATE_TEXT,
  utcToVietnamLocal,
} from './format';
export { PAGE_ORIENTATION } from './layout';
export { lookupUrl, LOOKUP_CODE_PLACEHOLDER } from './lookup-url';
export { formSet, formsFor, hasForm, renderForm, renderReceiptWithControlSlip, type FormSetInfo, type FormSummary } from './registry';
export { controlSlipOf, dossierSite, leadAgencyOf } from './dossier-forms';
export * from './types';

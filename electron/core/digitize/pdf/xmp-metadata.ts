import type { ComponentPdfMetadata } from '../types';

/** Our own XMP namespace for the counter's fields (docs/domain.md §6.4), beside Dublin Core and PDF. */
export const QUAY_XMP_NAMESPACE = 'https://quaymotcua.invalid/ns/digitization/1.0/';

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface ComponentPdfDescription {
  title: string;
  subject: string;
  keywords: string[];
  creatorTool: string;
}

/**
 * The XMP packet mirrors the document info (readers prefer XMP when both exist) and carries the
 * fields the info dictionary has no place for: dossier, component, owner ID, officer, time, version.
 */
export function xmpPacket(metadata: ComponentPdfMetadata, description: ComponentPdfDescription): string {
  const at = metadata.digitizedAt.toISOString();
  const own = (name: string, value: string | null) => (value === null ? '' : `<quay:${name}>${escapeXml(value)}</quay:${name}>`);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:quay="${QUAY_XMP_NAMESPACE}">`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(description.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(metadata.officer)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(description.subject)}</rdf:li></rdf:Alt></dc:description>`,
    '<dc:format>application/pdf</dc:format>',
    `<xmp:CreateDate>${at}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${at}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${at}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escapeXml(description.creatorTool)}</xmp:CreatorTool>`,
    `<pdf:Producer>${escapeXml(description.creatorTool)}</pdf:Producer>`,
    `<pdf:Keywords>${escapeXml(description.keywords.join(', '))}</pdf:Keywords>`,
    own('DossierCode', metadata.dossierCode),
    own('ComponentCode', metadata.componentCode),
    own('ComponentName', metadata.componentName),
    own('OwnerIdNumber', metadata.ownerIdNumber),
    own('Officer', metadata.officer),
    own('DigitizedAt', at),
    own('AppVersion', metadata.appVersion),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

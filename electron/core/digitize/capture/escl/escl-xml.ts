import type { ScanColorMode } from '../../types';

/** eSCL XML (docs/devices.md §1.2): a few flat elements matter, read by local name whatever the prefix. */
export const SCAN_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

export type EsclInputSource = 'Platen' | 'Feeder';

export interface EsclCapabilities {
  makeAndModel: string;
  platen: boolean;
  adf: boolean;
  adfDuplex: boolean;
  colorModes: string[];
  documentFormats: string[];
}

export interface EsclStatus {
  state: string | null;
  adfState: string | null;
}

export interface EsclScanSettings {
  source: EsclInputSource;
  duplex: boolean;
  colorMode: ScanColorMode;
  resolutionDpi: number;
  documentFormat: string;
}

function texts(xml: string, localName: string): string[] {
  const pattern = new RegExp(`<(?:[\\w-]+:)?${localName}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${localName}>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => (match[1] ?? '').trim());
}

function has(xml: string, localName: string): boolean {
  return new RegExp(`<(?:[\\w-]+:)?${localName}[\\s>/]`).test(xml);
}

export function parseCapabilities(xml: string): EsclCapabilities {
  return {
    makeAndModel: texts(xml, 'MakeAndModel')[0] ?? 'eSCL',
    platen: has(xml, 'PlatenInputCaps'),
    adf: has(xml, 'AdfSimplexInputCaps'),
    adfDuplex: has(xml, 'AdfDuplexInputCaps'),
    colorModes: [...new Set(texts(xml, 'ColorMode'))],
    documentFormats: [...new Set([...texts(xml, 'DocumentFormat'), ...texts(xml, 'DocumentFormatExt')])],
  };
}

export function parseStatus(xml: string): EsclStatus {
  return { state: texts(xml, 'State')[0] ?? null, adfState: texts(xml, 'AdfState')[0] ?? null };
}

const COLOR_MODES: Record<ScanColorMode, string> = { color: 'RGB24', gray: 'Grayscale8', bw: 'BlackAndWhite1' };

/** A black-and-white profile falls back to grey where the device has no 1-bit mode. */
export function esclColorMode(colorMode: ScanColorMode, advertised: readonly string[]): string {
  const wanted = COLOR_MODES[colorMode];
  if (advertised.length === 0 || advertised.includes(wanted)) return wanted;
  return colorMode === 'bw' && advertised.includes('Grayscale8') ? 'Grayscale8' : wanted;
}

/** PNG keeps text edges for cleanup; JPEG is what every device has; PDF is rasterized on arrival. */
export function pickDocumentFormat(advertised: readonly string[]): string {
  for (const format of ['image/png', 'image/jpeg', 'application/pdf']) if (advertised.includes(format)) return format;
  return 'image/jpeg';
}

/** The ScanSettings sane-airscan sends, which AirSane accepted (docs/devices.md §1.2); A4 in 1/300 inch. */
export function scanSettingsXml(settings: EsclScanSettings, colorModes: readonly string[]): string {
  const duplex = settings.source === 'Feeder' ? `\n  <scan:Duplex>${String(settings.duplex)}</scan:Duplex>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>2.0</pwg:Version>
  <scan:Intent>Document</scan:Intent>
  <pwg:ScanRegions>
    <pwg:ScanRegion>
      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>
      <pwg:XOffset>0</pwg:XOffset>
      <pwg:YOffset>0</pwg:YOffset>
      <pwg:Width>2480</pwg:Width>
      <pwg:Height>3508</pwg:Height>
    </pwg:ScanRegion>
  </pwg:ScanRegions>
  <pwg:InputSource>${settings.source}</pwg:InputSource>
  <scan:ColorMode>${esclColorMode(settings.colorMode, colorModes)}</scan:ColorMode>
  <pwg:DocumentFormat>${settings.documentFormat}</pwg:DocumentFormat>
  <scan:DocumentFormatExt>${settings.documentFormat}</scan:DocumentFormatExt>
  <scan:XResolution>${settings.resolutionDpi}</scan:XResolution>
  <scan:YResolution>${settings.resolutionDpi}</scan:YResolution>${duplex}
</scan:ScanSettings>
`;
}

/**
 * HID Point-of-Sale bar code scanners (usage page 0x8C, docs/devices.md §3.2). A scan arrives as one or
 * more "scanned data" reports: byte 0 the number of data bytes in this report, bytes 1–3 the AIM
 * symbology identifier (`]Q1` for QR), data from byte 4, byte 62 non-zero while more reports follow.
 * The bytes of every report of a scan are joined first and decoded as UTF-8 once, so a Vietnamese
 * letter split across two reports arrives whole (char-code joining per report would break it).
 */

export const HID_POS_USAGE_PAGE = 0x8c;
/** Report id of scanned data on Honeywell, Zebra and Datalogic readers in HID-POS mode. */
export const SCANNED_DATA_REPORT_ID = 0x02;
const REPORT_SIZE = 63;
const DATA_OFFSET = 4;
const MORE_FLAG = 62;
const MAX_DATA = MORE_FLAG - DATA_OFFSET;

export interface HidPosScan {
  /** AIM identifier such as `]Q1`, or empty when the reader sent none. */
  symbology: string;
  text: string;
  bytes: Uint8Array;
}

const decoder = new TextDecoder('utf-8');

/** Drops the report id where the platform delivers it in front of the report (Windows, numbered reports on hidraw). */
export function stripReportId(data: Uint8Array): Uint8Array | null {
  if (data.length > REPORT_SIZE) return data[0] === SCANNED_DATA_REPORT_ID ? data.subarray(1) : null;
  return data;
}

/** Joins reports until the last one of a scan; one assembler per reader. */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private symbology = '';

  /** Feeds one report (without report id); returns the scan when this report completes it. */
  push(report: Uint8Array): HidPosScan | null {
    if (report.length < DATA_OFFSET) return null;
    const length = Math.min(report[0]!, MAX_DATA, report.length - DATA_OFFSET);
    if (this.parts.length === 0) {
      const aim = String.fromCharCode(report[1]!, report[2]!, report[3]!);
      this.symbology = aim.startsWith(']') ? aim : '';
    }
    this.parts.push(report.slice(DATA_OFFSET, DATA_OFFSET + length));
    const more = report.length > MORE_FLAG && report[MORE_FLAG] !== 0;
    if (more) return null;
    const bytes = Buffer.concat(this.parts);
    this.parts = [];
    return { symbology: this.symbology, bytes: new Uint8Array(bytes), text: decoder.decode(bytes) };
  }

  /** Forgets a half-received scan (the reader went away). */
  reset(): void {
    this.parts = [];
  }
}

/** Builds the reports a reader would send for `payload`; the inverse of the assembler, for tests and simulators. */
export function hidPosReports(payload: Uint8Array, symbology = ']Q1'): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset === 0 || offset < payload.length; offset += MAX_DATA) {
    const chunk = payload.subarray(offset, offset + MAX_DATA);
    const report = new Uint8Array(REPORT_SIZE);
    report[0] = chunk.length;
    report.set(Buffer.from(symbology, 'latin1').subarray(0, 3), 1);
    report.set(chunk, DATA_OFFSET);
    report[MORE_FLAG] = offset + MAX_DATA < payload.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}

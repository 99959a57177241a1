import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScannerInfo, ScanProfile } from '../../types';
import { pdfPages } from '../import/pdf-pages-worker';
import { DEFAULT_MAX_PIXELS } from '../import/pixel-limit';
import { sniffMediaType } from '../media-type';
import type { ScannerDriver } from '../scanner-driver';
import { validateScanProfile } from '../scan-profile';
import { sourceLabel } from '../source-label';
import { EsclAborted, EsclUnreachable, httpRequest, withBusyRetry, type HttpResponse } from './escl-http';
import {
  parseCapabilities,
  parseStatus,
  pickDocumentFormat,
  scanSettingsXml,
  type EsclCapabilities,
  type EsclInputSource,
} from './escl-xml';

export interface EsclDriverOptions {
  /** Base URLs of the configured devices, e.g. `http://192.168.1.20/eSCL/`. */
  devices: readonly string[];
  /** Pace of 503 retries; sane-airscan uses 1 s. */
  retryDelayMs?: number;
  requestTimeoutMs?: number;
  /** A page at 600 dpi on a slow device can take a minute; silence beyond this means the device is gone. */
  pageTimeoutMs?: number;
  /**
   * Listing gives each device this long to answer: the reception scan bar waits for the list, and a
   * configured scanner that is switched off must not hold it up; a scan still waits the full time.
   */
  listTimeoutMs?: number;
}

const POST_RETRIES = 10;
const PAGE_RETRIES = 30;

function baseUrl(id: string): string {
  return id.endsWith('/') ? id : `${id}/`;
}

interface Job {
  base: string;
  scanner: string;
  source: EsclInputSource;
  format: string;
  profile: ScanProfile;
  signal: AbortSignal;
}

/**
 * eSCL (AirScan/Mopria) over HTTP, driverless (docs/devices.md §1.2): POST ScanJobs → 201 Location
 * (only its path is kept: devices often name a wrong host), then NextDocument per page until the
 * device says the feeder is done (409 with AdfEmpty, 404 or 410 after ≥ 1 page). Every page body
 * is checked — a jam arrives as a 200 with an empty body — and the job is always DELETEd.
 */
export class EsclDriver implements ScannerDriver {
  readonly kind = 'escl' as const;
  private readonly retryDelayMs: number;
  private readonly requestTimeoutMs: number;
  private readonly pageTimeoutMs: number;
  private readonly listTimeoutMs: number;

  constructor(private readonly options: EsclDriverOptions) {
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.pageTimeoutMs = options.pageTimeoutMs ?? 120_000;
    this.listTimeoutMs = options.listTimeoutMs ?? 4000;
  }

  async list(): Promise<ScannerInfo[]> {
    const found = await Promise.all(
      this.options.devices.map(async (id) => {
        const signal = AbortSignal.timeout(this.listTimeoutMs);
        try {
          const capabilities = await this.capabilities(baseUrl(id), id, signal);
          return { kind: 'escl' as const, id, name: capabilities.makeAndModel };
        } catch {
          return null;
        }
      }),
    );
    return found.filter((device) => device !== null);
  }

  async *scan(id: string, profile: ScanProfile, signal: AbortSignal): AsyncGenerator<CapturedPage> {
    validateScanProfile(profile);
    const base = baseUrl(id);
    let pages = 0;
    let jobPath: string | null = null;
    let scanner = id;
    try {
      const capabilities = await this.capabilities(base, id, signal);
      scanner = capabilities.makeAndModel;
      const job: Job = {
        base,
        scanner,
        source: this.inputSource(capabilities, profile),
        format: pickDocumentFormat(capabilities.documentFormats),
        profile,
        signal,
      };
      jobPath = await this.createJob(job, capabilities);
      for (;;) {
        const response = await withBusyRetry(
          () => httpRequest(new URL(`${jobPath}/NextDocument`, base).href, { method: 'GET' }, signal, this.pageTimeoutMs),
          PAGE_RETRIES,
          this.retryDelayMs,
          signal,
        );
        if (response.status === 200) {
          for await (const page of this.pagesOf(response, job, pages)) {
            pages++;
            yield page;
          }
          if (job.source === 'Platen') return;
          continue;
        }
        if (await this.isNormalEnd(response, job, pages)) return;
      }
    } catch (error) {
      throw this.asAppError(error, scanner, pages, jobPath !== null);
    } finally {
      if (jobPath) await this.deleteJob(base, jobPath);
    }
  }

  private async capabilities(base: string, id: string, signal: AbortSignal): Promise<EsclCapabilities> {
    let response: HttpResponse;
    try {
      response = await withBusyRetry(
        () => httpRequest(`${base}ScannerCapabilities`, { method: 'GET' }, signal, this.requestTimeoutMs),
        POST_RETRIES,
        this.retryDelayMs,
        signal,
      );
    } catch (error) {
      if (error instanceof EsclUnreachable) throw new AppError('SCANNER_NOT_FOUND', { scanner: id });
      throw error;
    }
    if (response.status === 503) throw new AppError('SCANNER_BUSY', { scanner: id });
    if (response.status !== 200) throw new AppError('SCANNER_NOT_FOUND', { scanner: id });
    return parseCapabilities(response.body.toString('utf8'));
  }

  private inputSource(capabilities: EsclCapabilities, profile: ScanProfile): EsclInputSource {
    const supported =
      profile.source === 'flatbed' ? capabilities.platen : profile.source === 'adf' ? capabilities.adf : capabilities.adfDuplex;
    if (!supported)
      throw new AppError('SCANNER_SOURCE_UNSUPPORTED', { scanner: capabilities.makeAndModel, source: sourceLabel(profile.source) });
    return profile.source === 'flatbed' ? 'Platen' : 'Feeder';
  }

  private async createJob(job: Job, capabilities: EsclCapabilities): Promise<string> {
    const body = scanSettingsXml(
      {
        source: job.source,
        duplex: job.profile.source === 'adf-duplex',
        colorMode: job.profile.colorMode,
        resolutionDpi: job.profile.resolutionDpi,
        documentFormat: job.format,
      },
      capabilities.colorModes,
    );
    const response = await withBusyRetry(
      () => httpRequest(`${job.base}ScanJobs`, { method: 'POST', body }, job.signal, this.requestTimeoutMs),
      POST_RETRIES,
      this.retryDelayMs,
      job.signal,
    );
    if (response.status === 201 && response.location) return new URL(response.location, job.base).pathname.replace(/\/$/, '');
    if (response.status === 503) throw new AppError('SCANNER_BUSY', { scanner: job.scanner });
    if (response.status === 409) throw (await this.statusError(job, 0)) ?? new AppError('SCANNER_BUSY', { scanner: job.scanner });
    throw new AppError('SCANNER_IO_ERROR', { scanner: job.scanner, pages: 0, details: `HTTP ${response.status} (ScanJobs)` });
  }

  /** A NextDocument that is not a page: the end of the batch, or a failure to raise. */
  private async isNormalEnd(response: HttpResponse, job: Job, pages: number): Promise<boolean> {
    const { scanner } = job;
    if (response.status === 503) throw new AppError('SCANNER_BUSY', { scanner });
    if (response.status === 404 || response.status === 410) {
      if (pages > 0) return true;
      throw job.source === 'Feeder'
        ? new AppError('SCANNER_FEEDER_EMPTY', { scanner })
        : new AppError('SCANNER_IO_ERROR', { scanner, pages, details: `HTTP ${response.status}` });
    }
    if (response.status === 409) {
      const failure = await this.statusError(job, pages);
      if (failure) throw failure;
      if (pages > 0) return true;
      throw new AppError('SCANNER_FEEDER_EMPTY', { scanner });
    }
    throw new AppError('SCANNER_IO_ERROR', { scanner, pages, details: `HTTP ${response.status} (NextDocument)` });
  }

  /** Reads ScannerStatus after a refusal, as sane-airscan does; null when the feeder is simply empty. */
  private async statusError(job: Job, pages: number): Promise<AppError | null> {
    const response = await httpRequest(`${job.base}ScannerStatus`, { method: 'GET' }, job.signal, this.requestTimeoutMs);
    const { adfState } = parseStatus(response.body.toString('utf8'));
    if (adfState === 'ScannerAdfJam') return new AppError('SCANNER_JAMMED', { scanner: job.scanner, pages });
    if (adfState === 'ScannerAdfDoorOpen') return new AppError('SCANNER_COVER_OPEN', { scanner: job.scanner });
    if (adfState === 'ScannerAdfEmpty' || pages > 0) return null;
    return new AppError('SCANNER_BUSY', { scanner: job.scanner });
  }

  private async *pagesOf(response: HttpResponse, job: Job, pagesSoFar: number): AsyncGenerator<CapturedPage> {
    // A page that failed mid-transfer arrives as a 200 with nothing in it (docs/devices.md §1.2, tested).
    if (response.body.length === 0) throw new AppError('SCANNER_JAMMED', { scanner: job.scanner, pages: pagesSoFar });
    const type = sniffMediaType(response.body);
    if (type === 'application/pdf') {
      const pdf = new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength);
      yield* pdfPages(job.scanner, pdf, {
        resolutionDpi: job.profile.resolutionDpi,
        colorMode: job.profile.colorMode,
        maxPixels: DEFAULT_MAX_PIXELS,
        firstIndex: pagesSoFar,
      });
      return;
    }
    if (type !== 'image/png' && type !== 'image/jpeg')
      throw new AppError('SCANNER_BAD_PAGE', { scanner: job.scanner, page: pagesSoFar + 1 });
    yield { index: pagesSoFar, bytes: response.body, mediaType: type, resolutionDpi: job.profile.resolutionDpi, source: job.scanner };
  }

  /** Best effort: the job may already be gone with the device, and nothing captured depends on it. */
  private async deleteJob(base: string, jobPath: string): Promise<void> {
    await httpRequest(new URL(jobPath, base).href, { method: 'DELETE' }, new AbortController().signal, 2000).catch(() => undefined);
  }

  private asAppError(error: unknown, scanner: string, pages: number, jobStarted: boolean): AppError {
    if (error instanceof AppError) return error;
    if (error instanceof EsclAborted) return new AppError('SCANNER_CANCELLED', { pages });
    if (error instanceof EsclUnreachable) {
      return jobStarted ? new AppError('SCANNER_DISCONNECTED', { scanner, pages }) : new AppError('SCANNER_NOT_FOUND', { scanner });
    }
    return new AppError('SCANNER_IO_ERROR', { scanner, pages, details: error instanceof Error ? error.message : String(error) });
  }
}

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A network scanner on 127.0.0.1 that speaks eSCL the way docs/devices.md §1.2 recorded AirSane serving
 * SANE's test backend: capabilities and status XML, POST ScanJobs → 201 with a relative Location,
 * one page per GET NextDocument (chunked), 409 with AdfState=ScannerAdfEmpty when the feeder is
 * done, 404 after the platen's one page, DELETE → 200. Switches add the failures devices show:
 * a jam as a 200 with an empty body, an empty feeder, 503 busy answers, and a scanner that
 * disappears or stops answering mid-batch. The page images it feeds are real `scanimage` output.
 */
export interface EsclPeerFaults {
  /** 1-based page whose NextDocument is a 200 with no body; the ADF then reports a jam. */
  jamAtPage?: number;
  /** The feeder holds no paper: the first NextDocument of a feeder job gets 409. */
  feederEmpty?: boolean;
  /** This many requests (of any kind) are answered 503 before the device answers normally. */
  busyResponses?: number;
  /** After this many pages the device drops every connection and stops listening. */
  disappearAfterPages?: number;
  /** After this many pages the device keeps connections open and never answers again. */
  hangAfterPages?: number;
}

export interface EsclPeerRequest {
  method: string;
  path: string;
  status: number;
  body: string;
}

const SCAN = 'http://schemas.hp.com/imaging/escl/2011/05/03';
const PWG = 'http://www.pwg.org/schemas/2010/12/sm';

function capabilitiesXml(makeAndModel: string, formats: string[]): string {
  const profile = `<scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats>${formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat><scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`).join('')}</scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>${[150, 200, 300, 600].map((r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`).join('')}</scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>`;
  const caps = (name: string) =>
    `<scan:${name}><scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2551</scan:MaxWidth><scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>${profile}</scan:${name}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="${SCAN}" xmlns:pwg="${PWG}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${makeAndModel}</pwg:MakeAndModel>
  <scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>
  <scan:Platen>${caps('PlatenInputCaps')}</scan:Platen>
  <scan:Adf>${caps('AdfSimplexInputCaps')}${caps('AdfDuplexInputCaps')}<scan:AdfOptions><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions></scan:Adf>
</scan:ScannerCapabilities>
`;
}

interface PeerJob {
  uuid: string;
  feeder: boolean;
  served: number;
  state: 'Processing' | 'Completed' | 'Aborted' | 'Canceled';
}

export class EsclPeer {
  readonly requests: EsclPeerRequest[] = [];
  faults: EsclPeerFaults = {};
  private readonly server: http.Server;
  private readonly jobs = new Map<string, PeerJob>();
  private adfState = 'ScannerAdfLoaded';
  private busyLeft = 0;
  private pagesServed = 0;
  private gone = false;
  private readonly hung: http.ServerResponse[] = [];

  private constructor(
    private readonly pages: readonly Buffer[],
    private readonly mediaType: string,
    private readonly makeAndModel: string,
  ) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  /** `pages` is what the ADF holds (the platen always returns the first one). */
  static async start(pages: readonly Buffer[], options: { mediaType?: string; makeAndModel?: string } = {}): Promise<EsclPeer> {
    const peer = new EsclPeer(pages, options.mediaType ?? 'image/png', options.makeAndModel ?? 'Quay Test eSCL Scanner');
    await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
    return peer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/eSCL/`;
  }

  setFaults(faults: EsclPeerFaults): void {
    this.faults = faults;
    this.busyLeft = faults.busyResponses ?? 0;
    this.adfState = faults.feederEmpty ? 'ScannerAdfEmpty' : 'ScannerAdfLoaded';
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.socket?.destroy();
    this.server.closeAllConnections();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      this.route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://peer').pathname, Buffer.concat(chunks).toString('utf8'), res),
    );
  }

  private send(
    res: http.ServerResponse,
    entry: Omit<EsclPeerRequest, 'status'>,
    status: number,
    body: Buffer | string = '',
    headers: Record<string, string> = {},
  ): void {
    this.requests.push({ ...entry, status });
    res.writeHead(status, headers);
    // Chunked like AirSane: write, then end without a length.
    if (body.length > 0) res.write(body);
    res.end();
  }

  private route(method: string, path: string, body: string, res: http.ServerResponse): void {
    const entry = { method, path, body };
    if (this.gone) {
      res.socket?.destroy();
      return;
    }
    const hang = this.faults.hangAfterPages;
    if (hang !== undefined && this.pagesServed >= hang && path.endsWith('/NextDocument')) {
      this.requests.push({ ...entry, status: 0 });
      this.hung.push(res);
      return;
    }
    const disappear = this.faults.disappearAfterPages;
    if (disappear !== undefined && this.pagesServed >= disappear && path.endsWith('/NextDocument')) {
      this.gone = true;
      this.requests.push({ ...entry, status: 0 });
      res.socket?.destroy();
      this.server.close();
      this.server.closeAllConnections();
      return;
    }
    if (this.busyLeft > 0) {
      this.busyLeft--;
      return this.send(res, entry, 503, '', { 'retry-after': '1' });
    }
    const xml = { 'content-type': 'text/xml' };
    if (method === 'GET' && path === '/eSCL/ScannerCapabilities')
      return this.send(res, entry, 200, capabilitiesXml(this.makeAndModel, [this.mediaType]), xml);
    if (method === 'GET' && path === '/eSCL/ScannerStatus') return this.send(res, entry, 200, this.statusXml(), xml);
    if (method === 'POST' && path === '/eSCL/ScanJobs') {
      const uuid = randomUUID();
      this.jobs.set(uuid, { uuid, feeder: /<pwg:InputSource>Feeder</.test(body), served: 0, state: 'Processing' });
      return this.send(res, entry, 201, '', { location: `/eSCL/ScanJobs/${uuid}` });
    }
    const match = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument)?$/.exec(path);
    const job = match?.[1] ? this.jobs.get(match[1]) : undefined;
    if (!job) return this.send(res, entry, 404);
    if (method === 'DELETE' && !match?.[2]) {
      if (job.state === 'Processing') job.state = 'Canceled';
      return this.send(res, entry, 200);
    }
    if (method === 'GET' && match?.[2]) return this.nextDocument(job, entry, res);
    return this.send(res, entry, 405);
  }

  private nextDocument(job: PeerJob, entry: Omit<EsclPeerRequest, 'status'>, res: http.ServerResponse): void {
    if (job.state !== 'Processing') return this.send(res, entry, 404);
    if (!job.feeder) {
      if (job.served > 0) {
        job.state = 'Completed';
        return this.send(res, entry, 404);
      }
      return this.servePage(job, entry, res);
    }
    if (this.faults.feederEmpty || job.served >= this.pages.length) {
      this.adfState = 'ScannerAdfEmpty';
      job.state = 'Completed';
      return this.send(res, entry, 409);
    }
    if (this.faults.jamAtPage === job.served + 1) {
      this.adfState = 'ScannerAdfJam';
      job.state = 'Aborted';
      return this.send(res, entry, 200, '', { 'content-type': this.mediaType });
    }
    this.servePage(job, entry, res);
  }

  private servePage(job: PeerJob, entry: Omit<EsclPeerRequest, 'status'>, res: http.ServerResponse): void {
    const page = this.pages[job.served % this.pages.length]!;
    job.served++;
    this.pagesServed++;
    this.send(res, entry, 200, page, { 'content-type': this.mediaType });
  }

  private statusXml(): string {
    const jobs = [...this.jobs.values()]
      .map(
        (job) =>
          `<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/${job.uuid}</pwg:JobUri><pwg:JobUuid>${job.uuid}</pwg:JobUuid><pwg:JobState>${job.state}</pwg:JobState><pwg:ImagesCompleted>${job.served}</pwg:ImagesCompleted></scan:JobInfo>`,
      )
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="${SCAN}" xmlns:pwg="${PWG}"><pwg:Version>2.63</pwg:Version><pwg:State>Idle</pwg:State><scan:AdfState>${this.adfState}</scan:AdfState><scan:Jobs>${jobs}</scan:Jobs></scan:ScannerStatus>
`;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { code128Svg, createFormService, qrCodeSvg } from '../../../../electron/core/forms';
import type { FormPrinter, FormPrintJob } from '../../../../electron/core/printing/form-printers/form-printer';
import type { PdfRenderer } from '../../../../electron/core/platform/pdf-renderer';
import { AppError } from '../../../../shared/ipc/result';
import type { Site } from '../../../../shared/reception/dossier-view';
import { sampleInputs, site } from '../../../helpers/form-fixtures';
import { FakeClock, tempDir } from '../../../helpers/test-core';

const PDF = new TextEncoder().encode('%PDF-1.4 fake');

function fakes(currentSite: Site = site) {
  const renderer = { renderPdf: vi.fn<PdfRenderer['renderPdf']>(async () => PDF) };
  const jobs: FormPrintJob[] = [];
  const printer: FormPrinter = {
    async print(job) {
      jobs.push(job);
      return { printed: true, savedPath: null };
    },
  };
  const siteRef = { current: currentSite };
  const service = createFormService({ site: () => siteRef.current, pdfRenderer: renderer, printer, dataDir: '/unused' });
  return { service, renderer, jobs, siteRef };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('QR and Code 128 generation', () => {
  it('makes SVG text with a quiet zone, the barcode stretchable to its slot', async () => {
    const qr = await qrCodeSvg('https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-260423-0012');
    expect(qr.trim()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"[\s\S]*<\/svg>$/);
    const barcode = code128Svg('000.00.06.H56-260423-0012');
    expect(barcode.trim()).toMatch(/^<svg preserveAspectRatio="none" viewBox="0 0 \d+ \d+"[\s\S]*<\/svg>$/);
  });

  it.each([['Mã hồ sơ đ'], ['']])('refuses %j, which a barcode reader could not type back', (text) => {
    const failure = (() => {
      try {
        return code128Svg(text);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('FORM_BARCODE_FAILED');
  });
});

describe('FormService', () => {
  it('renders the receipt with a QR of the lookup URL and a barcode of the code', async () => {
    const { service } = fakes();
    const { site: _site, qrSvg: _qr, barcodeSvg: _barcode, ...input } = sampleInputs().receipt;
    const form = await service.render('receipt', input);
    expect(form.html).toContain((await qrCodeSvg('https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-260423-0012')).trim());
    expect(form.html).toContain(code128Svg('000.00.06.H56-260423-0012').trim());
    expect(form.copies).toBe(2);
  });

  it('renders without a QR when the site has no lookup portal', async () => {
    const { service } = fakes({ ...site, lookupUrlTemplate: '' });
    const { site: _site, qrSvg: _qr, barcodeSvg: _barcode, ...input } = sampleInputs().receipt;
    const form = await service.render('receipt', input);
    expect(form.html).not.toContain('class="qr-box"');
    expect(form.html).toContain('preserveAspectRatio="none"');
  });

  it('prints through the ports: PDF of the right paper, then a job naming the form and the dossier', async () => {
    const { service, renderer, jobs } = fakes();
    const { site: _site, qrSvg: _qr, barcodeSvg: _barcode, ...input } = sampleInputs().receipt;
    const printed = await service.print('receipt', input);
    expect(printed).toEqual({ formKey: 'receipt', pageSize: 'A5', copies: 2, printed: true, savedPath: null });
    expect(renderer.renderPdf).toHaveBeenCalledWith(expect.stringContaining('<!DOCTYPE html>'), { pageSize: 'A5' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ formKey: 'receipt', dossierCode: '000.00.06.H56-260423-0012', pageSize: 'A5', copies: 2, pdf: PDF });

    const { site: _s2, ...register } = sampleInputs().register;
    await service.print('register', register);
    expect(renderer.renderPdf).toHaveBeenLastCalledWith(expect.any(String), { pageSize: 'A4' });
    expect(jobs[1]).toMatchObject({ formKey: 'register', dossierCode: null });

    const { site: _s3, ...supplement } = sampleInputs().supplement_request;
    await service.print('supplement_request', { ...supplement, dossierCode: 'X-1' });
    expect(jobs[2]).toMatchObject({ formKey: 'supplement_request', dossierCode: 'X-1' });
  });

  it('follows the site: its form set decides which forms exist', async () => {
    const { service, siteRef } = fakes();
    const { site: _site, ...notice } = sampleInputs().stop_notice;
    await expect(service.render('stop_notice', notice)).rejects.toMatchObject({ code: 'FORM_NOT_IN_SET' });
    expect(service.forms().map((f) => f.number)).toEqual(['01', '02', '03', '04', '05', '06']);
    siteRef.current = { ...site, formSet: '2025' };
    expect((await service.render('stop_notice', notice)).pageSize).toBe('A5');
    expect(service.forms().map((f) => f.number)).toEqual(['01', '02', '03', '04', '05', '06', '07']);
  });

  it('prints a dossier’s receipt and control slip from its reception snapshot, documents issued now from today’s site', async () => {
    const { service, siteRef } = fakes();
    const { site: _site, qrSvg: _qr, barcodeSvg: _barcode, ...input } = sampleInputs().receipt;
    const received = { ...input, dossier: { ...input.dossier, site } };
    const before = await service.render('receipt', received);
    siteRef.current = { ...site, agencyName: 'UBND phường Hạc Thành', formSet: '2025' };
    expect((await service.render('receipt', received)).html).toBe(before.html);
    const slip = await service.render('control_slip', { dossier: received.dossier, leadAgency: 'x', coAgencies: [], steps: [] });
    expect(slip.html).toContain(site.agencyName);
    expect(slip.html).not.toContain('Hạc Thành');
    const notice = await service.render('stop_notice', {
      dossier: received.dossier,
      reasons: ['Lý do'],
      issuedAtLocal: '2026-07-01T09:00',
    });
    expect(notice.html).toContain('UBND phường Hạc Thành');
    // A view stored before the snapshot existed prints with the site of the day, as it always did.
    expect((await service.render('receipt', input)).html).toContain('UBND phường Hạc Thành');
  });

  it('puts the control slip between the receipt’s two copies, in one A5 document', async () => {
    const { service } = fakes();
    const packet = await service.renderReceiptWithControlSlip({ ...sampleInputs().receipt.dossier, site });
    expect(packet.copies).toBe(3);
    expect(packet.pageSize).toBe('A5');
    const at = (text: string) => packet.html.indexOf(text);
    expect(at('Liên 1')).toBeGreaterThan(0);
    expect(at('Phiếu kiểm soát quá trình giải quyết hồ sơ')).toBeGreaterThan(at('Liên 1'));
    expect(at('Liên 2')).toBeGreaterThan(at('Phiếu kiểm soát quá trình giải quyết hồ sơ'));
  });

  it('passes renderer failures on untouched', async () => {
    const { service, renderer, jobs } = fakes();
    renderer.renderPdf.mockRejectedValueOnce(new AppError('PDF_RENDER_TIMEOUT', { seconds: 45 }));
    const { site: _site, ...refusal } = sampleInputs().refusal;
    await expect(service.print('refusal', refusal)).rejects.toMatchObject({ code: 'PDF_RENDER_TIMEOUT' });
    expect(jobs).toHaveLength(0);
  });

  it('keeps PDFs under the data folder by default, reporting them saved, not printed', async () => {
    const dataDir = tempDir('quay-forms-');
    dirs.push(dataDir);
    const service = createFormService({
      site: () => site,
      pdfRenderer: { renderPdf: async () => PDF },
      dataDir,
      clock: new FakeClock(new Date('2026-04-23T02:40:00.000Z')),
    });
    const { site: _site, ...refusal } = sampleInputs().refusal;
    const printed = await service.print('refusal', refusal);
    expect(printed.printed).toBe(false);
    expect(printed.savedPath).toBe(path.join(dataDir, 'prints', '2026-04-23', 'refusal-1.pdf'));
    expect(fs.readFileSync(printed.savedPath!)).toEqual(Buffer.from(PDF));
  });
});

import { describe, expect, it } from 'vitest';
import { formKeys, formSet, formsFor, hasForm, lookupUrl, renderForm, type FormKey, type FormSetId } from '../../../../shared/forms';
import { AppError } from '../../../../shared/ipc/result';
import type { Party } from '../../../../shared/reception/dossier-view';
import { dossier, owner, sampleInputs, site } from '../../../helpers/form-fixtures';

/** The visible text of a rendered document, roughly as a reader sees it. */
function textOf(document: string): string {
  return document
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

function errorCode(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
}

function render(key: FormKey, set: FormSetId, inputs = sampleInputs({ site: { ...site, formSet: set } })) {
  return renderForm(key, set, inputs[key]);
}

describe('form registry', () => {
  it('numbers the 2018 set 01–06 without a stop notice', () => {
    expect(formsFor('2018').map((f) => [f.number, f.key])).toEqual([
      ['01', 'receipt'],
      ['02', 'supplement_request'],
      ['03', 'refusal'],
      ['04', 'apology'],
      ['05', 'control_slip'],
      ['06', 'register'],
    ]);
    expect(hasForm('2018', 'stop_notice')).toBe(false);
  });

  it('numbers the reported 2025 set 01–07 with the new stop notice, and marks the set unconfirmed', () => {
    expect(formsFor('2025').map((f) => [f.number, f.key])).toEqual([
      ['01', 'receipt'],
      ['02', 'supplement_request'],
      ['03', 'refusal'],
      ['04', 'apology'],
      ['05', 'stop_notice'],
      ['06', 'control_slip'],
      ['07', 'register'],
    ]);
    expect(formsFor('2025').find((f) => f.key === 'stop_notice')?.title).toBe('Thông báo dừng giải quyết hồ sơ');
    expect(formsFor('2025').find((f) => f.key === 'apology')?.title).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết');
    expect(formSet('2025').confirmed).toBe(false);
    // Reconstructed from counter software, never checked against the annex of Circular 01/2018: not confirmed either.
    expect(formSet('2018').confirmed).toBe(false);
    expect(formSet('2018').note).toContain('chưa đối chiếu');
  });

  it('puts forms on A5 and the register on A4', () => {
    for (const set of ['2018', '2025'] as const) {
      for (const form of formsFor(set)) expect(form.pageSize, `${set} ${form.key}`).toBe(form.key === 'register' ? 'A4' : 'A5');
    }
  });

  it('reports a form the set does not have, and a set that does not exist', () => {
    expect(errorCode(() => render('stop_notice', '2018'))).toBe('FORM_NOT_IN_SET');
    expect(errorCode(() => formsFor('2030' as FormSetId))).toBe('FORM_SET_UNKNOWN');
    expect(errorCode(() => formsFor('toString' as FormSetId))).toBe('FORM_SET_UNKNOWN');
  });
});

describe('every form of both sets', () => {
  const cases = (['2018', '2025'] as const).flatMap((set) => formsFor(set).map((form) => [set, form.key] as const));

  it.each(cases)('%s %s renders a complete, script-free HTML document with print CSS for its paper', (set, key) => {
    const form = render(key, set);
    expect(form.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(form.html).toContain('<html lang="vi">');
    expect(form.html).toContain('<meta charset="utf-8">');
    expect(form.html).toContain('Content-Security-Policy');
    expect(form.html).toContain(form.pageSize === 'A5' ? '@page { size: A5 portrait;' : '@page { size: A4 landscape;');
    expect(form.html).toMatch(/font-family: "Noto Serif", "DejaVu Serif", "Times New Roman"/);
    expect(form.html).not.toMatch(/<script|<link|<img|src=/i);
    expect(form.html).toBe(form.html.normalize('NFC'));
    const text = textOf(form.html);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(site.agencyName);
    expect(text).not.toMatch(/\{\w+\}/);
    expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    expect(form.copies).toBe(key === 'receipt' ? 2 : 1);
  });
});

describe('receipt (Mẫu 01)', () => {
  it('holds two copies, each on its own page, labelled for the counter and for the filer', () => {
    const form = render('receipt', '2018');
    expect(form.copies).toBe(2);
    expect(form.pageSize).toBe('A5');
    expect(form.html.match(/<section class="sheet">/g)).toHaveLength(2);
    expect(form.html).toContain('.sheet { break-after: page; }');
    const [first, second] = form.html.split('<section class="sheet">').slice(1) as [string, string];
    expect(textOf(first)).toContain('Liên 1: Lưu tại bộ phận');
    expect(textOf(second)).toContain('Liên 2: Giao người nộp');
    const body = (sheet: string, label: string) => textOf(sheet).replace(label, '').trim();
    expect(body(first, 'Liên 1: Lưu tại bộ phận')).toBe(body(second, 'Liên 2: Giao người nộp'));
  });

  it('takes other copy labels when given', () => {
    const inputs = sampleInputs();
    const form = renderForm('receipt', '2018', {
      ...inputs.receipt,
      copyLabels: ['Liên 1: Lưu', 'Liên 2: Giao khách hàng', 'Liên 3: Bưu điện'],
    });
    expect(form.copies).toBe(3);
    expect(textOf(form.html)).toContain('Liên 3: Bưu điện');
    expect(errorCode(() => renderForm('receipt', '2018', { ...inputs.receipt, copyLabels: [] }))).toBe('FORM_COPIES_EMPTY');
  });

  it('prints the content of §5.1: code, filer, request, the six numbered items, register entry, signatures', () => {
    const text = textOf(render('receipt', '2018').html);
    for (const expected of [
      'Quảng Phú, ngày 23 tháng 04 năm 2026',
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      'Mã hồ sơ: 000.00.06.H56-260423-0012',
      'Bộ phận tiếp nhận và trả kết quả – UBND xã Quảng Phú',
      'Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung',
      'Số định danh cá nhân: 038190012345',
      'Địa chỉ: Thôn Phú Lâm, xã Quảng Phú, tỉnh Thanh Hóa',
      'Số điện thoại: 0912 345 678',
      'Email: nhung.nth@example.vn',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
      'Thành phần hồ sơ nộp gồm:',
      'Giấy chứng sinh',
      'Số lượng hồ sơ: 1 (bộ)',
      'Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc',
      'Thời gian nhận hồ sơ: 09 giờ 32 phút, ngày 23/04/2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 32 phút, ngày 28/04/2026',
      'Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả – UBND xã Quảng Phú',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 412',
      'Người nộp hồ sơ',
      'Người tiếp nhận hồ sơ',
      '(Ký và ghi rõ họ tên)',
      'Trần Thị Lan',
      'Đường dây nóng: 0237 3852 123',
    ]) {
      expect(text).toContain(expected);
    }
    const items = render('receipt', '2018').html.split('<ol class="items">')[1]!.split('</ol>')[0]!;
    expect(items.match(/<li>/g)).toHaveLength(6);
  });

  it('counts only paper handed over and notes reused and waived components', () => {
    const d = dossier({
      components: [
        { ...dossier().components[0]!, originals: 2, copies: 3 },
        { ...dossier().components[2]! },
        { ...dossier().components[1]!, state: 'waived', waiveReason: 'Đã có trong Cơ sở dữ liệu hộ tịch', originals: 1 },
      ],
    });
    const html = renderForm('receipt', '2018', { ...sampleInputs().receipt, dossier: d }).html;
    const rows = html.split('<tbody>')[1]!.split('</tbody>')[0]!.split('<tr>').slice(1).map(textOf);
    expect(rows[0]).toMatch(/^1Tờ khai đăng ký khai sinh theo mẫu23$/);
    expect(rows[1]).toBe('2Giấy chứng nhận kết hôn của cha, mẹ——Sử dụng lại dữ liệu đã số hóa');
    expect(rows[2]).toBe('3Giấy chứng sinh——Được miễn nộp: Đã có trong Cơ sở dữ liệu hộ tịch');
  });

  it('prints the legal phrase when the procedure has no due date', () => {
    const d = dossier({ dueLocal: null, procedure: { ...dossier().procedure, duration: { unit: 'none', value: 0 } } });
    const text = textOf(renderForm('receipt', '2018', { ...sampleInputs().receipt, dossier: d }).html);
    expect(text).toContain('Thời gian trả kết quả giải quyết hồ sơ: Không có ngày hẹn trả cụ thể theo quy định');
    expect(text).toContain('Thời gian giải quyết hồ sơ theo quy định là: Không có ngày hẹn trả cụ thể theo quy định');
  });

  it.each(['2018', '2025'] as const)('prints "Trong ngày" as the time limit of a same-day procedure (%s set)', (set) => {
    const d = dossier({ dueLocal: '2026-03-04T17:00', procedure: { ...dossier().procedure, duration: { unit: 'sameDay', value: 0 } } });
    const text = textOf(renderForm('receipt', set, { ...sampleInputs().receipt, dossier: d }).html);
    expect(text).toContain('Trong ngày');
    expect(text).not.toMatch(/0 (giờ|ngày) làm việc/);
  });

  it('lists fees in đồng with their status, and a total when there are several', () => {
    const d = dossier({
      fees: [
        { kind: 'phi', name: 'thẩm định hồ sơ', amount: 1_000_000, status: 'paid', method: 'transfer', receiptNumber: '0001234' },
        { kind: 'lePhi', name: 'cấp giấy phép', amount: 250_000, status: 'unpaid', method: null, receiptNumber: null },
        { kind: 'lePhi', name: 'cấp bản sao', amount: 8_000, status: 'exempt', method: null, receiptNumber: null },
      ],
    });
    const text = textOf(renderForm('receipt', '2018', { ...sampleInputs().receipt, dossier: d }).html);
    expect(text).toContain('Phí thẩm định hồ sơ: 1.000.000 đồng (đã nộp, chuyển khoản, biên lai số 0001234)');
    expect(text).toContain('Lệ phí cấp giấy phép: 250.000 đồng (chưa nộp)');
    expect(text).toContain('Lệ phí cấp bản sao: 8.000 đồng (được miễn)');
    expect(text).toContain('Tổng cộng: 1.250.000 đồng');
    expect(textOf(render('receipt', '2018').html)).toContain('Phí, lệ phí: Không thu.');
  });

  it('shows the owner and, when someone else filed, the submitter who signs', () => {
    const submitter: Party = { ...owner, fullName: 'Lê Văn Tám', idNumber: '038090000001', phone: '', email: '' };
    const text = textOf(renderForm('receipt', '2018', { ...sampleInputs().receipt, dossier: dossier({ submitter }) }).html);
    expect(text).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Người nộp hồ sơ: Lê Văn Tám');
    expect(text).toContain('Số định danh cá nhân: 038090000001');
    const signHint = text.indexOf('(Ký và ghi rõ họ tên)');
    const filerSignature = text.slice(signHint, text.indexOf('(Ký và ghi rõ họ tên)', signHint + 1));
    expect(filerSignature).toContain('Lê Văn Tám');
    expect(filerSignature).not.toContain('Nguyễn Thị Hồng Nhung');
  });

  it('names the post office address when the result goes by post', () => {
    const d = dossier({ channel: 'post', returnMethod: 'post', returnAddress: 'Số 5 ngõ 12, phường Điện Biên' });
    const text = textOf(renderForm('receipt', '2018', { ...sampleInputs().receipt, dossier: d }).html);
    expect(text).toContain('Hồ sơ nộp qua dịch vụ bưu chính công ích.');
    expect(text).toContain('Đăng ký nhận kết quả tại: Số 5 ngõ 12, phường Điện Biên (nhận qua dịch vụ bưu chính công ích)');
  });

  it('embeds the QR and barcode SVGs, the QR captioned with the hotline', () => {
    const inputs = sampleInputs();
    const html = render('receipt', '2018', inputs).html;
    expect(html).toContain(inputs.receipt.qrSvg);
    expect(html).toContain(inputs.receipt.barcodeSvg);
    const qrBox = html.split('<div class="qr-box">')[1]!.split('</div>')[0]!;
    expect(textOf(qrBox).trim()).toBe('Quét mã để tra cứu hồ sơ\nĐường dây nóng: 0237 3852 123');
  });

  it('builds the lookup URL from the site template with the code URL-encoded', () => {
    expect(lookupUrl(site, '000.00.06.H56-260423-0012')).toBe('https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.06.H56-260423-0012');
    expect(lookupUrl({ lookupUrlTemplate: 'https://x.example/h?c={code}&again={code}' }, 'A B/1')).toBe(
      'https://x.example/h?c=A%20B%2F1&again=A%20B%2F1',
    );
  });

  it('leaves out the QR when the site has no lookup portal, and refuses a template without {code}', () => {
    const noPortal = { ...site, lookupUrlTemplate: '' };
    const inputs = sampleInputs({ site: noPortal });
    const html = renderForm('receipt', '2018', { ...inputs.receipt, qrSvg: null }).html;
    expect(html).not.toContain('qr-box"');
    expect(textOf(html)).not.toContain('Quét mã');
    expect(textOf(html)).toContain('Đường dây nóng: 0237 3852 123');
    expect(lookupUrl(noPortal, 'X')).toBeNull();
    const broken = sampleInputs({ site: { ...site, lookupUrlTemplate: 'https://x.example/tra-cuu' } });
    expect(errorCode(() => renderForm('receipt', '2018', broken.receipt))).toBe('FORM_LOOKUP_URL_INVALID');
  });

  it('refuses an SVG that could run or fetch something', () => {
    const inputs = sampleInputs();
    expect(errorCode(() => renderForm('receipt', '2018', { ...inputs.receipt, barcodeSvg: '<svg onload="x()"></svg>' }))).toBe(
      'FORM_IMAGE_INVALID',
    );
  });

  it('prints the province document code when one is configured', () => {
    const form = renderForm('receipt', '2018', { ...sampleInputs().receipt, documentCode: 'BM-VP01.02' });
    expect(textOf(form.html)).toContain('BM-VP01.02');
  });
});

describe('escaping in every form', () => {
  const hostile = `<script>alert("x")</script> O'Brien "Lan" & Co`;

  it.each(formKeys.filter((key) => key !== 'stop_notice'))('%s prints hostile names as text', (key) => {
    const party: Party = { ...owner, fullName: hostile, address: hostile };
    const d = dossier({ owner: party, procedure: { ...dossier().procedure, name: hostile }, note: hostile });
    const inputs = sampleInputs({ dossier: d });
    const withParty = {
      ...inputs,
      supplement_request: { ...inputs.supplement_request, applicant: party, items: [{ name: hostile, reason: hostile }] },
      refusal: { ...inputs.refusal, applicant: party, reasons: [hostile] },
      apology: { ...inputs.apology, reason: hostile },
    };
    const html = renderForm(key, '2018', withParty[key]).html;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain(`"Lan"`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &quot;Lan&quot; &amp; Co');
    expect(textOf(html)).toContain(hostile);
  });

  it('escapes the site names too, including in the stop notice', () => {
    const hostileSite = { ...site, agencyName: '<b>UBND</b>', formSet: '2025' as const };
    const html = renderForm('stop_notice', '2025', sampleInputs({ site: hostileSite }).stop_notice).html;
    expect(html).toContain('&lt;b&gt;UBND&lt;/b&gt;');
    expect(html).not.toContain('<b>UBND</b>');
  });
});

describe('the other forms', () => {
  it('supplement request lists each item with its reason and whom to call', () => {
    const text = textOf(render('supplement_request', '2018').html);
    expect(text).toContain('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
    expect(text).toContain('Hồ sơ của: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:');
    expect(text).toContain('Giấy chứng sinh');
    expect(text).toContain('Lý do: Bản đã nộp bị mờ, không đọc được họ tên người mẹ.');
    expect(text).toContain('ông/bà liên hệ với Trần Thị Lan, số điện thoại 0237 3852 123 để được hướng dẫn.');
    expect(text).toContain('Người hướng dẫn');
    expect(text).toContain('Quảng Phú, ngày 23 tháng 04 năm 2026');
  });

  it('addresses organisations as such', () => {
    const company: Party = { ...owner, kind: 'organisation', fullName: 'Công ty TNHH Phú Lâm', idNumber: null, taxCode: '2801234567' };
    const inputs = sampleInputs();
    const text = textOf(renderForm('supplement_request', '2018', { ...inputs.supplement_request, applicant: company }).html);
    expect(text).toContain('Mã số thuế: 2801234567');
    expect(text).toContain('quý cơ quan, tổ chức liên hệ với');
  });

  it('refusal states the specific reasons and refuses to print without one', () => {
    const text = textOf(render('refusal', '2018').html);
    expect(text).toContain('Kính gửi: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:');
    expect(text).toContain('Việc khai sinh thuộc thẩm quyền của UBND xã nơi cư trú của người mẹ.');
    const inputs = sampleInputs();
    expect(errorCode(() => renderForm('refusal', '2018', { ...inputs.refusal, reasons: [] }))).toBe('FORM_REASONS_EMPTY');
    expect(errorCode(() => renderForm('supplement_request', '2018', { ...inputs.supplement_request, items: [] }))).toBe(
      'FORM_REASONS_EMPTY',
    );
  });

  it('apology gives the original and the new date; 2025 asks for an extension instead', () => {
    const text2018 = textOf(render('apology', '2018').html);
    expect(text2018).toContain('Ngày 23 tháng 04 năm 2026, UBND xã Quảng Phú tiếp nhận giải quyết hồ sơ đề nghị Đăng ký khai sinh');
    expect(text2018).toContain('là: 09 giờ 32 phút, ngày 28/04/2026.');
    expect(text2018).toContain('Lý do: Cần xác minh thêm thông tin về nơi sinh.');
    expect(text2018).toContain('sẽ trả kết quả giải quyết hồ sơ vào 16 giờ 00 phút, ngày 05/05/2026.');
    expect(text2018).toContain('Thủ trưởng cơ quan');
    const text2025 = textOf(render('apology', '2025').html);
    expect(text2025).toContain('đề nghị được gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 05/05/2026.');
  });

  it('stop notice (2025) names the dossier and the reasons', () => {
    const text = textOf(render('stop_notice', '2025').html);
    expect(text).toContain('Kính gửi: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('(mã hồ sơ: 000.00.06.H56-260423-0012)');
    expect(text).toContain('thông báo dừng giải quyết hồ sơ nêu trên với lý do cụ thể như sau:');
    expect(text).toContain('Người yêu cầu đã có văn bản đề nghị rút hồ sơ.');
  });

  it('control slip records known hand-overs and leaves rows to fill by hand', () => {
    const form = render('control_slip', '2018');
    const text = textOf(form.html);
    expect(text).toContain('Mã hồ sơ: 000.00.06.H56-260423-0012');
    expect(text).toContain('(Kèm theo hồ sơ của: Nguyễn Thị Hồng Nhung)');
    expect(text).toContain('1. Giao: 10 giờ 00 phút, ngày 23 tháng 04 năm 2026');
    expect(text).toContain('2. Nhận: 10 giờ 15 phút, ngày 23 tháng 04 năm 2026');
    expect(text).toContain('Đúng hạn');
    expect(text).toContain('Lê Văn Đức');
    expect(text.match(/1\. Giao: …giờ…phút, ngày…tháng…năm…/g)).toHaveLength(3);
  });

  it('register lists the dossiers of the period under their register numbers', () => {
    const returned = dossier({
      code: '000.00.06.H56-260424-0001',
      register: { book: '2026', number: 413 },
      dueLocal: null,
      returnedAt: '2026-04-24T17:10:00.000Z',
    });
    const inputs = sampleInputs();
    const form = renderForm('register', '2018', { ...inputs.register, rows: [dossier(), returned] });
    expect(form.pageSize).toBe('A4');
    const text = textOf(form.html);
    expect(text).toContain('Từ ngày 01/04/2026 đến ngày 30/04/2026');
    expect(text).toContain('412');
    expect(text).toContain('000.00.06.H56-260424-0001');
    expect(text).toContain('Không có ngày hẹn trả');
    expect(text).toContain('25/04/2026\n00:10');
    expect(form.html.match(/<tr>\n<td class="num">/g)).toHaveLength(2);
  });

  it('register fills the lead-agency column from the procedure, the receiving agency when the catalogue names none', () => {
    const inputs = sampleInputs();
    const department = dossier({ code: '000.00.06.H56-260424-0002' });
    department.procedure = { ...department.procedure, leadAgency: 'Sở Tư pháp tỉnh Thanh Hóa' };
    const cells = [
      ...renderForm('register', '2018', { ...inputs.register, rows: [dossier(), department] }).html.matchAll(
        /<tr>\n(?:<td[^>]*>[^]*?<\/td>\n){5}<td>([^<]*)<\/td>/g,
      ),
    ].map((m) => m[1]);
    expect(cells).toEqual([inputs.register.site.agencyName, 'Sở Tư pháp tỉnh Thanh Hóa']);
  });

  it('register says so when the period is empty, and refuses a reversed period', () => {
    const inputs = sampleInputs();
    expect(textOf(renderForm('register', '2018', { ...inputs.register, rows: [] }).html)).toContain(
      'Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.',
    );
    expect(errorCode(() => renderForm('register', '2018', { ...inputs.register, fromLocal: '2026-05-01', toLocal: '2026-04-01' }))).toBe(
      'FORM_RANGE_INVALID',
    );
  });
});

import type { FormSetData } from '../form-set';
import type { ApologyWording, StopNoticeWording } from '../wording';
import { apology2018, common2018, controlSlip2018, receipt2018, refusal2018, register2018, supplementRequest2018 } from './set-2018';

/**
 * The reported 2025 set (Circular 03/2025/TT-VPCP, Annex I; docs/domain.md §5.2), **unconfirmed**: only
 * the form names and their relation to the 2018 set are known. Forms 01–03, the control slip and
 * the register keep the 2018 contents; 04 asks for an extension instead of setting a new date; 05
 * is new and is worded after its name.
 */

const apology2025: ApologyWording = {
  ...apology2018,
  title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
  apology:
    'Sự chậm trễ này đã gây phiền hà cho {addressee}. {agency} xin lỗi {addressee} và đề nghị được gia hạn thời gian giải quyết hồ sơ đến {newDue}.',
};

const stopNotice2025: StopNoticeWording = {
  title: 'Thông báo dừng giải quyết hồ sơ',
  received: 'Ngày {date}, {agency} đã tiếp nhận hồ sơ đề nghị {procedure} của {addressee} (mã hồ sơ: {code}).',
  decision: '{agency} thông báo dừng giải quyết hồ sơ nêu trên với lý do cụ thể như sau:',
  closing: 'Xin thông báo để {addressee} được biết./.',
  signer: 'Thủ trưởng cơ quan',
};

export const set2025: FormSetData = {
  id: '2025',
  legalBasis: 'Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ',
  confirmed: false,
  note: 'Bộ biểu mẫu mới được báo cáo, chưa đối chiếu với văn bản chính thức; mẫu 04 và mẫu 05 được soạn theo tên mẫu.',
  common: common2018,
  forms: {
    receipt: { number: '01', pageSize: 'A5', wording: receipt2018 },
    supplement_request: { number: '02', pageSize: 'A5', wording: supplementRequest2018 },
    refusal: { number: '03', pageSize: 'A5', wording: refusal2018 },
    apology: { number: '04', pageSize: 'A5', wording: apology2025 },
    stop_notice: { number: '05', pageSize: 'A5', wording: stopNotice2025 },
    control_slip: { number: '06', pageSize: 'A5', wording: controlSlip2018 },
    register: { number: '07', pageSize: 'A4', wording: register2018 },
  },
};

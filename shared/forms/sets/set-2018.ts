import type { FormSetData } from '../form-set';
import type {
  ApologyWording,
  CommonWording,
  ControlSlipWording,
  ReceiptWording,
  RefusalWording,
  RegisterWording,
  SupplementRequestWording,
} from '../wording';

/**
 * The 2018 set (Circular 01/2018/TT-VPCP, annex), reconstructed from counter software that
 * reproduces it (docs/domain.md §5.1): the official annex text was not available. Forms 01–05 are A5,
 * the register A4.
 */

export const common2018: CommonWording = {
  nationalName: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  signHint: '(Ký và ghi rõ họ tên)',
  addressee: { citizen: 'ông/bà', organisation: 'quý cơ quan, tổ chức' },
  idNumber: 'Số định danh cá nhân:',
  taxCode: 'Mã số thuế:',
  address: 'Địa chỉ:',
  phone: 'Số điện thoại:',
  email: 'Email:',
  request: 'Nội dung yêu cầu giải quyết:',
  dossierCode: 'Mã hồ sơ:',
  to: 'Kính gửi: {name}',
};

export const receipt2018: ReceiptWording = {
  title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  copyLabels: ['Liên 1: Lưu tại bộ phận', 'Liên 2: Giao người nộp'],
  receivingUnit: '{unit} – {agency}',
  owner: 'Tiếp nhận hồ sơ của:',
  submitter: 'Người nộp hồ sơ:',
  byPost: 'Hồ sơ nộp qua dịch vụ bưu chính công ích.',
  item1: 'Thành phần hồ sơ nộp gồm:',
  columns: { no: 'STT', name: 'Tên giấy tờ', originals: 'Bản chính', copies: 'Bản sao', note: 'Ghi chú' },
  componentNotes: {
    attached: '',
    reused: 'Sử dụng lại dữ liệu đã số hóa',
    waived: 'Được miễn nộp',
    missing: 'Chưa nộp',
    submittedOnline: 'Nộp trực tuyến',
  },
  waivedBecause: 'Được miễn nộp: {reason}',
  noComponents: 'Không có giấy tờ nộp kèm.',
  item2: 'Số lượng hồ sơ: {count} (bộ)',
  item3: 'Thời gian giải quyết hồ sơ theo quy định là: {duration}',
  item4: 'Thời gian nhận hồ sơ: {time}',
  item5: 'Thời gian trả kết quả giải quyết hồ sơ: {time}',
  item6: 'Đăng ký nhận kết quả tại: {place}',
  returnAtCounter: '{unit} – {agency}',
  returnByPost: '{address} (nhận qua dịch vụ bưu chính công ích)',
  register: 'Vào Sổ theo dõi hồ sơ, Quyển số: {book}, Số thứ tự: {number}',
  fees: 'Phí, lệ phí:',
  feesNone: 'Không thu.',
  feeKinds: { phi: 'Phí', lePhi: 'Lệ phí' },
  feeStatus: { paid: 'đã nộp', unpaid: 'chưa nộp', exempt: 'được miễn' },
  feeMethod: { cash: 'tiền mặt', transfer: 'chuyển khoản', card: 'thẻ' },
  feeReceipt: 'biên lai số {number}',
  feesTotal: 'Tổng cộng: {amount}',
  signFiler: 'Người nộp hồ sơ',
  signOfficer: 'Người tiếp nhận hồ sơ',
  qrCaption: 'Quét mã để tra cứu hồ sơ',
  hotline: 'Đường dây nóng: {hotline}',
};

export const supplementRequest2018: SupplementRequestWording = {
  title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  dossierOf: 'Hồ sơ của:',
  intro: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:',
  reason: 'Lý do: {reason}',
  contact:
    'Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, {addressee} liên hệ với {officer}, số điện thoại {phone} để được hướng dẫn.',
  signer: 'Người hướng dẫn',
};

export const refusal2018: RefusalWording = {
  title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  receivedFrom: '{unit} – {agency} tiếp nhận hồ sơ của:',
  decision: 'Qua xem xét, {unit} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
  closing: 'Xin thông báo để {addressee} được biết và thực hiện./.',
  signer: 'Người tiếp nhận hồ sơ',
};

export const apology2018: ApologyWording = {
  title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  received: 'Ngày {date}, {agency} tiếp nhận giải quyết hồ sơ đề nghị {procedure} của {addressee} (mã hồ sơ: {code}).',
  originalDue: 'Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là: {due}.',
  notReturned: 'Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ cho {addressee}. Lý do: {reason}',
  apology: 'Sự chậm trễ này đã gây phiền hà cho {addressee}. {agency} xin lỗi {addressee} và sẽ trả kết quả giải quyết hồ sơ vào {newDue}.',
  closing: 'Xin trân trọng cảm ơn sự hợp tác của {addressee}./.',
  signer: 'Thủ trưởng cơ quan',
};

export const controlSlip2018: ControlSlipWording = {
  title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  attachedTo: '(Kèm theo hồ sơ của: {name})',
  receivedAndDue: 'Thời gian nhận hồ sơ: {received}. Thời gian hẹn trả kết quả: {due}.',
  leadAgency: 'Cơ quan (bộ phận) chủ trì giải quyết:',
  coAgencies: 'Cơ quan phối hợp giải quyết:',
  columns: {
    agency: 'Tên cơ quan',
    handOver: 'Thời gian giao, nhận hồ sơ',
    result: 'Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)',
    note: 'Ghi chú',
  },
  handedOver: '1. Giao: {time}',
  received: '2. Nhận: {time}',
  handedOverBy: 'Người giao',
  receivedBy: 'Người nhận',
  blankTime: '…giờ…phút, ngày…tháng…năm…',
  results: { early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Quá hạn' },
  minRows: 4,
};

export const register2018: RegisterWording = {
  title: 'Sổ theo dõi hồ sơ',
  period: 'Từ ngày {from} đến ngày {to}',
  columns: {
    no: 'STT',
    code: 'Mã hồ sơ',
    procedure: 'Tên thủ tục hành chính',
    sets: 'Số lượng hồ sơ (bộ)',
    applicant: 'Tên, địa chỉ, số điện thoại của tổ chức, cá nhân',
    leadAgency: 'Cơ quan chủ trì giải quyết',
    datesGroup: 'Ngày, tháng, năm',
    received: 'Nhận hồ sơ',
    due: 'Hẹn trả kết quả',
    transferred: 'Chuyển hồ sơ đến cơ quan giải quyết',
    resultReceived: 'Nhận kết quả từ cơ quan giải quyết',
    returned: 'Trả kết quả cho tổ chức, cá nhân',
    signature: 'Ký nhận',
    note: 'Ghi chú',
  },
  noDueDate: 'Không có ngày hẹn trả',
  empty: 'Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.',
};

export const set2018: FormSetData = {
  id: '2018',
  legalBasis: 'Thông tư số 01/2018/TT-VPCP của Văn phòng Chính phủ',
  // Not checked against the annex's official text (docs/domain.md §5.1): confirmed only once someone has.
  confirmed: false,
  note: 'Nội dung các mẫu được dựng lại từ phần mềm một cửa đang sử dụng; chưa đối chiếu nguyên văn phụ lục của Thông tư.',
  common: common2018,
  forms: {
    receipt: { number: '01', pageSize: 'A5', wording: receipt2018 },
    supplement_request: { number: '02', pageSize: 'A5', wording: supplementRequest2018 },
    refusal: { number: '03', pageSize: 'A5', wording: refusal2018 },
    apology: { number: '04', pageSize: 'A5', wording: apology2018 },
    control_slip: { number: '05', pageSize: 'A5', wording: controlSlip2018 },
    register: { number: '06', pageSize: 'A4', wording: register2018 },
  },
};

/**
 * The one Vietnamese message catalogue. Every text a user sees comes from here, so wording is
 * reviewed in one place and error codes stay stable while their texts improve.
 */
export const errorMessages = {
  INTERNAL: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị viên.',
  UNKNOWN_CHANNEL: 'Yêu cầu không hợp lệ (kênh không tồn tại).',
  FORBIDDEN_SENDER: 'Yêu cầu bị từ chối vì không xuất phát từ cửa sổ của ứng dụng.',
  INVALID_INPUT: 'Dữ liệu nhập không hợp lệ: {details}',
  TRANSPORT_CLOSED: 'Mất kết nối với dịch vụ nền của ứng dụng. Vui lòng khởi động lại ứng dụng.',
  NOT_SIGNED_IN: 'Bạn chưa đăng nhập hoặc phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
  SESSION_LOCKED: 'Màn hình đang khóa. Nhập mật khẩu để tiếp tục.',
  FORBIDDEN_ROLE: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
  AUTH_INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  AUTH_INVALID_CREDENTIALS_REMAINING:
    'Tên đăng nhập hoặc mật khẩu không đúng. Còn {remaining} lần thử trước khi tài khoản bị khóa.',
  AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS:
    'Tài khoản đã bị khóa do nhập sai mật khẩu 5 lần liên tiếp. Vui lòng liên hệ quản trị viên để mở khóa.',
  AUTH_ACCOUNT_LOCKED_INACTIVE:
    'Tài khoản đã bị khóa do không sử dụng quá 12 tháng. Vui lòng liên hệ quản trị viên để mở khóa.',
  AUTH_ACCOUNT_LOCKED_BY_ADMIN: 'Tài khoản đã bị quản trị viên khóa. Vui lòng liên hệ quản trị viên.',
  AUTH_MUST_CHANGE_PASSWORD: 'Mật khẩu của bạn vừa được đặt lại. Vui lòng đổi mật khẩu trước khi làm việc.',
  AUTH_WRONG_CURRENT_PASSWORD: 'Mật khẩu hiện tại không đúng.',
  AUTH_FIRST_RUN_DONE: 'Ứng dụng đã có quản trị viên; không thể tạo lại tài khoản quản trị đầu tiên.',
  AUTH_FIRST_RUN_REQUIRED: 'Ứng dụng chưa có quản trị viên. Vui lòng tạo tài khoản quản trị trước.',
  PASSWORD_TOO_SHORT: 'Mật khẩu phải có ít nhất {min} ký tự.',
  PASSWORD_TOO_LONG: 'Mật khẩu không được dài quá {max} ký tự.',
  PASSWORD_TOO_WEAK: 'Mật khẩu phải có cả chữ và số.',
  PASSWORD_SAME_AS_USERNAME: 'Mật khẩu không được trùng với tên đăng nhập.',
  USERNAME_INVALID:
    'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang, dài 3–64 ký tự.',
  USERNAME_TAKEN: 'Tên đăng nhập “{username}” đã được dùng.',
  FULL_NAME_INVALID: 'Họ và tên không được để trống và không dài quá {max} ký tự.',
  ACCOUNT_NOT_FOUND: 'Không tìm thấy tài khoản.',
  ACCOUNT_LAST_ADMIN: 'Không thể khóa hoặc hạ quyền quản trị viên cuối cùng đang hoạt động.',
  ACCOUNT_SELF_LOCK: 'Bạn không thể tự khóa tài khoản của chính mình.',
  SETTINGS_INVALID: 'Giá trị cài đặt không hợp lệ: {details}',
  DB_CORRUPT:
    'Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của ứng dụng ({path}). Ứng dụng không ghi đè tệp này; hãy liên hệ quản trị viên để khôi phục từ bản sao lưu.',
  DB_NEWER_THAN_APP:
    'Cơ sở dữ liệu được tạo bởi phiên bản ứng dụng mới hơn (phiên bản dữ liệu {found}, ứng dụng hỗ trợ đến {supported}). Vui lòng cập nhật ứng dụng; dữ liệu không bị thay đổi.',
  DB_MIGRATION_FAILED: 'Nâng cấp cơ sở dữ liệu thất bại; dữ liệu được giữ nguyên như trước khi nâng cấp. Chi tiết: {details}',
  DB_LOCKED: 'Cơ sở dữ liệu đang được một chương trình khác sử dụng. Vui lòng thử lại sau giây lát.',
  APP_ALREADY_RUNNING: 'Ứng dụng đang chạy. Cửa sổ hiện có đã được đưa lên trước.',
  CLI_USAGE: 'Cú pháp lệnh không đúng: {details}',
  HARNESS_NON_LOOPBACK: 'Môi trường phát triển chỉ được chạy trên địa chỉ nội bộ (127.0.0.1); địa chỉ “{host}” bị từ chối.',
  CCCD_EMPTY: 'Không nhận được dữ liệu từ đầu đọc. Vui lòng quét lại mã QR trên thẻ căn cước.',
  CCCD_TOO_LONG: 'Dữ liệu quét được quá dài, không phải mã QR của thẻ căn cước. Vui lòng quét lại.',
  CCCD_FIELD_COUNT: 'Dữ liệu quét được không phải mã QR của thẻ căn cước (thiếu thông tin). Vui lòng quét lại mã QR trên thẻ.',
  CCCD_ID_DIGITS: 'Số định danh cá nhân trong mã QR phải gồm đúng 12 chữ số (nhận được “{value}”).',
  CCCD_PROVINCE_INVALID: 'Số định danh {idNumber} có mã tỉnh “{province}” không hợp lệ. Vui lòng quét lại hoặc đối chiếu với thẻ.',
  CCCD_OLD_ID_DIGITS: 'Số CMND cũ trong mã QR phải gồm 9 hoặc 12 chữ số, hoặc để trống (nhận được “{value}”).',
  CCCD_NAME_EMPTY: 'Mã QR không có họ và tên. Vui lòng nhập theo thẻ.',
  CCCD_DATE_INVALID: 'Ngày “{value}” trong mã QR không phải ngày có thật (cần dạng ngày tháng năm, ví dụ 04071989).',
  CCCD_SEX_INVALID: 'Giới tính trong mã QR phải là “Nam” hoặc “Nữ” (nhận được “{value}”).',
  CCCD_ISSUE_BEFORE_BIRTH: 'Ngày cấp thẻ trong mã QR sớm hơn ngày sinh. Vui lòng đối chiếu với thẻ.',
  CCCD_ID_MISMATCH:
    'Số định danh {idNumber} không khớp với năm sinh hoặc giới tính trong mã QR (chữ số thứ 4 cho biết giới tính và thế kỷ sinh, chữ số thứ 5–6 là hai số cuối của năm sinh). Vui lòng đối chiếu với thẻ.',
  CCCD_TEXT_GARBLED:
    'Chữ có dấu trong mã QR bị lỗi khi đọc (thường do đầu đọc ở chế độ bàn phím hoặc bộ gõ tiếng Việt đang bật). Hãy tắt bộ gõ rồi quét lại, hoặc nhập theo thẻ.',
  CALENDAR_TIME_MALFORMED: 'Giờ “{value}” không hợp lệ (cần dạng giờ:phút từ 00:00 đến 23:59).',
  CALENDAR_SESSION_EMPTY: 'Buổi làm việc {start}–{end} không hợp lệ: giờ kết thúc phải sau giờ bắt đầu.',
  CALENDAR_SESSION_OVERLAP: 'Buổi làm việc {start}–{end} trùng thời gian với buổi {otherStart}–{otherEnd} trong cùng ngày.',
  CALENDAR_DATE_MALFORMED: 'Ngày “{value}” trong lịch không hợp lệ (cần dạng năm-tháng-ngày, ví dụ 2026-04-30, và là ngày có thật).',
  CALENDAR_DATE_CONFLICT: 'Ngày {date} vừa được khai báo là ngày nghỉ vừa là ngày làm việc bù; hãy giữ một loại.',
  CALENDAR_NO_SESSIONS: 'Lịch chưa có giờ làm việc cho ngày nào trong tuần.',
  CALENDAR_SWAP_WITHOUT_MONDAY: 'Ngày làm việc bù dùng giờ làm việc của thứ Hai, nhưng thứ Hai chưa có giờ làm việc.',
  WORKING_TIME_RECEIVED_AT_INVALID: 'Thời điểm tiếp nhận “{value}” không hợp lệ (cần dạng năm-tháng-ngàyTgiờ:phút, ví dụ 2026-04-30T09:32).',
  WORKING_TIME_DURATION_INVALID:
    'Thời hạn giải quyết “{value}” không hợp lệ: phải là số lớn hơn 0, không quá {max}; thời hạn tính theo ngày lịch phải là số ngày nguyên.',
  WORKING_TIME_CALENDAR_INVALID: 'Lịch làm việc chưa đúng nên không tính được ngày hẹn trả. {details}',
  WORKING_TIME_NO_WORKING_DAY:
    'Lịch làm việc không có ngày làm việc nào trong {days} ngày liên tiếp nên không tính được ngày hẹn trả. Vui lòng kiểm tra danh sách ngày nghỉ.',
  DOSSIER_CODE_AGENCY_INVALID: 'Mã định danh cơ quan “{value}” không đúng dạng QCVN 102 (ví dụ 000.00.06.H56).',
  DOSSIER_CODE_DATE_INVALID: 'Ngày tiếp nhận “{value}” không hợp lệ để lập mã hồ sơ (cần ngày có thật từ năm 2000 đến năm 2099).',
  DOSSIER_CODE_SEQUENCE_INVALID: 'Số thứ tự hồ sơ trong ngày “{value}” không hợp lệ (phải là số nguyên từ 1 đến {max}).',
} as const;

export type ErrorCode = keyof typeof errorMessages;

/** Interface texts, grouped by screen. */
export const uiText = {
  appName: 'Quầy Một Cửa',
  common: {
    save: 'Lưu',
    cancel: 'Hủy',
    confirm: 'Xác nhận',
    close: 'Đóng',
    refresh: 'Làm mới',
    yes: 'Có',
    no: 'Không',
    loading: 'Đang tải…',
    signOut: 'Đăng xuất',
    required: 'Vui lòng nhập {field}.',
  },
  nav: {
    admin: 'Quản trị',
    health: 'Thông tin & kiểm tra',
  },
  firstRun: {
    title: 'Thiết lập lần đầu',
    intro:
      'Máy này chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên của điểm tiếp nhận. Ứng dụng không có mật khẩu mặc định.',
    submit: 'Tạo tài khoản quản trị',
  },
  signIn: {
    title: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    offlineHint: 'Đăng nhập hoạt động cả khi không có mạng.',
  },
  account: {
    fullName: 'Họ và tên',
    username: 'Tên đăng nhập',
    role: 'Vai trò',
    status: 'Trạng thái',
    password: 'Mật khẩu',
    confirmPassword: 'Nhập lại mật khẩu',
    passwordMismatch: 'Hai mật khẩu không khớp.',
    lastSignIn: 'Đăng nhập gần nhất',
    never: 'Chưa đăng nhập',
    active: 'Đang hoạt động',
    locked: 'Đã khóa',
    lockReason: {
      failedAttempts: 'Sai mật khẩu 5 lần',
      inactive: 'Không sử dụng quá 12 tháng',
      admin: 'Quản trị viên khóa',
    },
  },
  roles: {
    officer: 'Cán bộ tiếp nhận',
    supervisor: 'Lãnh đạo bộ phận',
    admin: 'Quản trị viên',
  },
  admin: {
    title: 'Quản trị',
    accountsTab: 'Tài khoản',
    auditTab: 'Nhật ký hệ thống',
    settingsTab: 'Cài đặt',
    createAccount: 'Thêm tài khoản',
    lock: 'Khóa',
    unlock: 'Mở khóa',
    resetPassword: 'Đặt lại mật khẩu',
    newPassword: 'Mật khẩu mới',
    changeRole: 'Đổi vai trò',
    lockConfirm: 'Khóa tài khoản “{username}”?',
    saved: 'Đã lưu.',
    accountCreated: 'Đã tạo tài khoản “{username}”.',
    accountLocked: 'Đã khóa tài khoản “{username}”.',
    accountUnlocked: 'Đã mở khóa tài khoản “{username}”.',
    passwordReset: 'Đã đặt lại mật khẩu cho “{username}”. Người dùng phải đổi mật khẩu ở lần đăng nhập tới.',
    roleChanged: 'Đã đổi vai trò của “{username}”.',
    idleLockMinutes: 'Tự khóa màn hình sau (phút không thao tác)',
  },
  audit: {
    verify: 'Kiểm tra tính toàn vẹn',
    verifyOk: 'Nhật ký toàn vẹn: đã kiểm tra {count} bản ghi, không phát hiện sửa hoặc xóa.',
    verifyBroken: 'Nhật ký đã bị can thiệp tại bản ghi số {seq}: {problem}',
    problems: {
      hashMismatch: 'nội dung bản ghi đã bị sửa',
      brokenLink: 'chuỗi liên kết bị đứt (có bản ghi bị xóa hoặc chèn)',
      missingTail: 'các bản ghi cuối đã bị xóa',
      headMismatch: 'dấu kiểm tra cuối chuỗi không khớp',
    },
    time: 'Thời gian',
    actor: 'Người thực hiện',
    action: 'Hành động',
    subject: 'Đối tượng',
    actions: {
      'app.firstAdminCreated': 'Tạo quản trị viên đầu tiên',
      'auth.signedIn': 'Đăng nhập',
      'auth.signInFailed': 'Đăng nhập sai',
      'auth.accountLocked': 'Tài khoản bị khóa',
      'auth.signedOut': 'Đăng xuất',
      'auth.screenLocked': 'Khóa màn hình',
      'auth.screenUnlocked': 'Mở khóa màn hình',
      'auth.passwordChanged': 'Đổi mật khẩu',
      'admin.accountCreated': 'Tạo tài khoản',
      'admin.accountLocked': 'Khóa tài khoản',
      'admin.accountUnlocked': 'Mở khóa tài khoản',
      'admin.passwordReset': 'Đặt lại mật khẩu',
      'admin.roleChanged': 'Đổi vai trò',
      'admin.settingsChanged': 'Thay đổi cài đặt',
    },
  },
  idleLock: {
    title: 'Màn hình đã khóa',
    intro: 'Màn hình tự khóa sau thời gian không thao tác. Công việc đang làm vẫn được giữ nguyên.',
    unlock: 'Mở khóa',
    signedInAs: 'Đang đăng nhập: {name}',
  },
  changePassword: {
    title: 'Đổi mật khẩu',
    required: 'Mật khẩu của bạn vừa được đặt lại. Vui lòng đặt mật khẩu mới trước khi làm việc.',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới',
    done: 'Đã đổi mật khẩu.',
  },
  health: {
    title: 'Thông tin & kiểm tra',
    version: 'Phiên bản ứng dụng',
    dataDir: 'Thư mục dữ liệu',
    dbSize: 'Dung lượng cơ sở dữ liệu',
    migration: 'Phiên bản dữ liệu',
    integrity: 'Kiểm tra toàn vẹn cơ sở dữ liệu',
    integrityOk: 'Tốt',
    integrityBad: 'Có lỗi: {details}',
    auditChain: 'Chuỗi nhật ký',
  },
  startup: {
    failedTitle: 'Không khởi động được ứng dụng',
  },
  cli: {
    usage: [
      'Cách dùng: quay <lệnh> [--data THƯ_MỤC]',
      '  doctor [--json]                                   Kiểm tra cơ sở dữ liệu, phiên bản dữ liệu, nhật ký, dung lượng đĩa',
      '  admin create --username TÊN --full-name "HỌ TÊN" [--role admin|supervisor|officer]',
      '                                                    Tạo tài khoản (mật khẩu đọc từ đầu vào chuẩn)',
      '  admin unlock --username TÊN                       Mở khóa tài khoản',
      '  admin reset-password --username TÊN               Đặt lại mật khẩu (đọc từ đầu vào chuẩn)',
      'Thư mục dữ liệu: --data THƯ_MỤC, hoặc biến QUAY_DATA_DIR, hoặc thư mục của ứng dụng đã cài.',
    ].join('\n'),
    passwordPrompt: 'Nhập mật khẩu (một dòng): ',
    doctorTitle: 'Kiểm tra Quầy Một Cửa',
    dataDir: 'Thư mục dữ liệu',
    database: 'Cơ sở dữ liệu',
    migration: 'Phiên bản dữ liệu: {applied}/{known} bản nâng cấp ({tag})',
    migrationPending: 'Còn {pending} bản nâng cấp dữ liệu chưa áp dụng; ứng dụng sẽ tự áp dụng khi khởi động.',
    integrityOk: 'Toàn vẹn cơ sở dữ liệu: tốt',
    integrityBad: 'Toàn vẹn cơ sở dữ liệu: LỖI — {details}',
    auditOk: 'Chuỗi nhật ký: tốt ({count} bản ghi)',
    auditBad: 'Chuỗi nhật ký: BỊ CAN THIỆP tại bản ghi số {seq} ({problem})',
    freeDisk: 'Dung lượng trống: {free}',
    freeDiskLow: 'Dung lượng trống thấp: {free} — cần dọn dẹp hoặc sao lưu ra nơi khác.',
    noDatabase: 'Chưa có cơ sở dữ liệu trong thư mục này (ứng dụng chưa chạy lần nào).',
    summaryOk: 'Kết quả: mọi kiểm tra đều đạt.',
    summaryBad: 'Kết quả: có vấn đề cần xử lý.',
    accountCreated: 'Đã tạo tài khoản “{username}” ({role}).',
    accountUnlocked: 'Đã mở khóa tài khoản “{username}”.',
    passwordReset: 'Đã đặt lại mật khẩu cho “{username}”; người dùng phải đổi mật khẩu ở lần đăng nhập tới.',
  },
} as const;

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole,
  );
}

export function errorMessage(code: ErrorCode, params?: Record<string, string | number>): string {
  return formatMessage(errorMessages[code], params);
}

import { z } from 'zod';
import type { OnlineIntake } from './online-dossiers';

/**
 * What the portal adapter hands over for a dossier a citizen filed online (issue 15 §1): the portal's own
 * id and submission instant, the procedure (MaTTHC), the applicant and their files, with DVCQG's field
 * names (docs/domain.md §2). The agency is the one the adapter is configured for (its `madonvi`).
 */
export const portalSubmissionSchema = z.object({
  id: z.string().min(1).max(100),
  submittedAt: z.iso.datetime(),
  MaTTHC: z.string().min(1).max(50),
  ChuHoSo: z.string().min(1).max(200),
  SoGiayToChuHoSo: z.string().max(50),
  LoaiDoiTuong: z.string().max(2),
  SoDienThoai: z.string().max(20),
  Email: z.string().max(200),
  MaDoiTuong: z.string().max(100),
  // Filled in by portals that ask for them; the names are this adapter's reading (docs/domain.md §2), unconfirmed.
  DiaChiChuHoSo: z.string().max(500).optional(),
  NgaySinhChuHoSo: z.string().max(20).optional(),
  DanhSachLePhi: z
    .array(
      z.object({
        TenPhiLePhi: z.string().max(500),
        Gia: z.string().max(20),
        DaThanhToan: z.enum(['0', '1']).optional(),
        MaGiaoDich: z.string().max(100).optional(),
      }),
    )
    .max(50)
    .optional(),
  TaiLieuNop: z
    .array(z.object({ MaThanhPhanHoSo: z.string().max(50), TenTepDinhKem: z.string().max(500), DuongDanTaiTepTin: z.string().max(2000) }))
    .max(200),
});
export type PortalSubmission = z.infer<typeof portalSubmissionSchema>;

export function portalSubmissionIntake(submission: unknown, agencyCode: string): OnlineIntake {
  const valid = portalSubmissionSchema.parse(submission);
  const { id, submittedAt, MaTTHC, ...filed } = valid;
  return { source: 'portal', externalId: id, agencyCode, procedureCode: MaTTHC, submittedAt, submission: filed };
}

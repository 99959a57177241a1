/** DVCQG status codes (TrangThaiHoSo) a dossier takes at the counter (docs/domain.md §3.1). */
export const DOSSIER_STATUS = { received: 2, refused: 3, processing: 4, done: 9, returned: 10 } as const;

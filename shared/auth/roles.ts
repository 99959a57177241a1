export const roles = ['officer', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const lockReasons = ['failedAttempts', 'inactive', 'admin'] as const;
export type LockReason = (typeof lockReasons)[number];

import fs from 'node:fs';
import { checkIntegrity, type SqliteConnection } from '../../../db/open';
import { migrationStatus } from '../../../db/migrate';
import type { HealthInfo } from '../../../shared/ipc/contract';
import type { AuditService } from '../audit/audit-service';
import { exportDiagnosticLog, type DiagnosticLogExport } from './diagnostic-log-export';

export interface HealthDeps {
  sqlite: SqliteConnection;
  databaseFile: string;
  migrationsFolder: string;
  dataDir: string;
  appVersion: string;
  audit: AuditService;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** What the About/Health panel and `quay doctor` show: the facts a site IT person asks first. */
export class HealthService {
  constructor(private readonly deps: HealthDeps) {}

  databaseBytes(): number {
    const { databaseFile } = this.deps;
    return fileSize(databaseFile) + fileSize(`${databaseFile}-wal`);
  }

  /** The diagnostic log main keeps under the data folder, for the Health screen's export. */
  diagnosticLog(): DiagnosticLogExport {
    return exportDiagnosticLog(this.deps.dataDir);
  }

  info(): HealthInfo {
    const status = migrationStatus(this.deps.sqlite, this.deps.migrationsFolder);
    return {
      appVersion: this.deps.appVersion,
      dataDir: this.deps.dataDir,
      databaseBytes: this.databaseBytes(),
      migration: { applied: status.applied, latestTag: status.latestTag },
      integrity: checkIntegrity(this.deps.sqlite),
      auditChain: this.deps.audit.verify(),
    };
  }
}

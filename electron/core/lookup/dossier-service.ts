import type { Dossier, DossierRepository } from '../../../db/repositories/dossier-repository';
import { parseDossierCode } from '../../../shared/domain/dossier-code';
import { foldVietnamese } from '../../../shared/domain/text';
import { AppError } from '../../../shared/ipc/result';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { AuditService } from '../audit/audit-service';
import type { Officer } from '../reception/reception-service';

export interface DossierSummary {
  id: string;
  code: string;
  status: number;
  ownerName: string;
  procedureName: string;
  receivedLocal: string;
  dueLocal: string | null;
}

export interface DossierSearch {
  text?: string;
  fromDate?: string;
  toDate?: string;
  status?: number;
  limit?: number;
}

/** A dossier code anywhere in what a reader sent: a bare code, or inside a lookup URL. */
const CODE_IN_TEXT = /\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4}/;

export function extractDossierCode(scanned: string): string | null {
  const direct = parseDossierCode(scanned);
  if (direct) return scanned.trim().toUpperCase();
  let decoded = scanned;
  try {
    decoded = decodeURIComponent(scanned);
  } catch {
    decoded = scanned;
  }
  const match = CODE_IN_TEXT.exec(decoded);
  return match && parseDossierCode(match[0]) ? match[0].toUpperCase() : null;
}

/** Only the number at the end of a code, as the officer reads it off the receipt: "12", "0012". */
const TODAYS_NUMBER = /^0*(\d{1,4})$/;

/** Letters, digits, dots and dashes with at least one digit and one dot or dash: a piece of a dossier code. */
const CODE_FRAGMENT = /^(?=.*\d)(?=.*[.-])[0-9A-Za-z.-]{3,40}$/;

function summaryOf(row: Dossier): DossierSummary {
  const { view } = row;
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    ownerName: row.ownerName,
    procedureName: view.procedure.name,
    receivedLocal: view.receivedLocal,
    dueLocal: row.dueLocal,
  };
}

/** Looking dossiers up and opening one (audited: it is personal data); the return desk's first step. */
export class DossierService {
  constructor(
    private readonly deps: {
      dossiers: DossierRepository;
      audit: AuditService;
      /**
       * The code today's dossier number `sequence` of this counter has, or null before the site is set
       * up: at the return desk the officer may type only the number printed last on the receipt.
       */
      todaysCode?: (sequence: number) => string | null;
    },
  ) {}

  /** A code, a lookup URL holding one, or the trailing number of one of today's dossiers of this counter. */
  private codeOf(scanned: string): string | null {
    const code = extractDossierCode(scanned);
    if (code) return code;
    const number = TODAYS_NUMBER.exec(scanned.trim());
    return number ? (this.deps.todaysCode?.(Number(number[1])) ?? null) : null;
  }

  search(query: DossierSearch): DossierSummary[] {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const base = { fromDate: query.fromDate, toDate: query.toDate, status: query.status, limit };
    const text = (query.text ?? '').trim();
    if (!text) return this.deps.dossiers.search(base).map(summaryOf);
    const code = this.codeOf(text);
    if (code) {
      const exact = this.deps.dossiers.search({ ...base, code });
      if (exact.length > 0 || extractDossierCode(text)) return exact.map(summaryOf);
    }
    const fragment = text.replace(/\s+/g, '');
    if (CODE_FRAGMENT.test(fragment)) {
      // "261206-0002", "H56-2612": part of a code, which the word index keeps as one token.
      const byCode = this.deps.dossiers.search({ ...base, codeContains: fragment });
      if (byCode.length > 0) return byCode.map(summaryOf);
    }
    const digits = text.replace(/[\s.()]/g, '');
    if (/^\+?\d[\d-]{7,15}$/.test(digits)) {
      // A 10-digit number may be a phone number or a tax code (both can start with 0): try both.
      const plain = digits.startsWith('+84') ? `0${digits.slice(3)}` : digits;
      const byIdentifier = this.deps.dossiers.search({ ...base, ownerIdentifier: plain });
      const byPhone = this.deps.dossiers.search({ ...base, phone: plain.replace(/-/g, '') });
      const seen = new Set<string>();
      return [...byIdentifier, ...byPhone]
        .filter((r) => !seen.has(r.id) && seen.add(r.id))
        .slice(0, limit)
        .map(summaryOf);
    }
    const words = foldVietnamese(text)
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .slice(0, 8);
    return words.length === 0 ? [] : this.deps.dossiers.search({ ...base, words }).map(summaryOf);
  }

  private row(id: string): Dossier {
    const row = this.deps.dossiers.findById(id);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: id.slice(0, 40) });
    return row;
  }

  open(actor: Officer, id: string): DossierView {
    const row = this.row(id);
    this.deps.audit.record({ accountId: actor.accountId, username: actor.username }, 'dossier.viewed', row.code);
    return row.view;
  }

  /** The return flow's first step: whatever the reader sent, find the dossier in one go. */
  openByScan(actor: Officer, scanned: string): DossierView {
    const code = this.codeOf(scanned);
    if (!code) throw new AppError('DOSSIER_CODE_UNREADABLE', { value: scanned.slice(0, 60) });
    const row = this.deps.dossiers.findByCode(code);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code });
    return this.open(actor, row.id);
  }
}

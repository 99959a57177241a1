import dayjs, { type Dayjs } from 'dayjs';
import type { CccdField, CccdLenientValue } from '../../../../shared/domain/cccd';
import type { DocumentType } from '../../../../shared/domain/identity-document';
import type { Party } from '../../../../shared/reception/dossier-view';
import type { PartyInput } from '../../../../shared/reception/draft';

export type PartyRole = 'owner' | 'submitter';
export type PartyKind = Party['kind'];

/** A party as the antd form holds it: dates as dayjs for the date pickers, everything optional while typing. */
export interface PartyFormValues {
  kind: PartyKind;
  fullName?: string;
  /** What `idNumber` is the number of; CCCD when absent. */
  documentType?: DocumentType;
  idNumber?: string;
  oldIdNumber?: string;
  taxCode?: string;
  dateOfBirth?: Dayjs | null;
  sex?: Party['sex'];
  address?: string;
  issueDate?: Dayjs | null;
  phone?: string;
  email?: string;
  /** LoaiDoiTuong 2–4 of an organisation, as an online submission names it (no field at the counter yet). */
  organisationKind?: Party['organisationKind'];
}

/** Fields a damaged card scan could not vouch for, with the best reading, until the officer confirms them. */
export type ToConfirm = Partial<Record<CccdField, { message: string; guess: string | null }>>;

const ISO_DATE = 'YYYY-MM-DD';

const isoOf = (date: Dayjs | null | undefined): string | null => (date ? date.format(ISO_DATE) : null);
const dateOf = (iso: string | null | undefined): Dayjs | null => (iso ? dayjs(iso) : null);
const text = (value: string | undefined): string => (value ?? '').trim();
const optional = (value: string | undefined): string | null => text(value) || null;

export function toPartyInput(values: PartyFormValues): PartyInput {
  const citizen = values.kind === 'citizen';
  return {
    kind: values.kind,
    fullName: text(values.fullName),
    // The core checks the number by its type (shared/domain/identity-document.ts), so the type goes with it.
    ...(citizen ? { documentType: values.documentType ?? 'cccd' } : {}),
    idNumber: citizen ? optional(values.idNumber) : null,
    oldIdNumber: citizen ? optional(values.oldIdNumber) : null,
    taxCode: citizen ? null : optional(values.taxCode),
    dateOfBirth: citizen ? isoOf(values.dateOfBirth) : null,
    sex: citizen ? (values.sex ?? null) : null,
    address: text(values.address),
    issueDate: citizen ? isoOf(values.issueDate) : null,
    phone: text(values.phone),
    email: text(values.email),
    ...(!citizen && values.organisationKind ? { organisationKind: values.organisationKind } : {}),
  };
}

export function fromParty(party: Party): PartyFormValues {
  return {
    kind: party.kind,
    fullName: party.fullName,
    documentType: party.documentType ?? 'cccd',
    idNumber: party.idNumber ?? '',
    oldIdNumber: party.oldIdNumber ?? '',
    taxCode: party.taxCode ?? '',
    dateOfBirth: dateOf(party.dateOfBirth),
    sex: party.sex,
    address: party.address,
    issueDate: dateOf(party.issueDate),
    phone: party.phone,
    email: party.email,
    ...(party.organisationKind ? { organisationKind: party.organisationKind } : {}),
  };
}

/** Only the fields still empty, so a known party never overwrites what was scanned or typed. */
export function fillEmpty(current: PartyFormValues, known: PartyFormValues): Partial<PartyFormValues> {
  const filled: Partial<PartyFormValues> = {};
  for (const key of Object.keys(known) as (keyof PartyFormValues)[]) {
    const now = current[key];
    const empty = now === undefined || now === null || now === '';
    if (empty && known[key] !== null && known[key] !== '') (filled as Record<string, unknown>)[key] = known[key];
  }
  return filled;
}

/**
 * Every field the card carries is set — the sure ones to their value, the doubtful ones to the
 * best reading or empty — so nothing of a previous card survives a new scan.
 */
export function fromCccd(scan: CccdLenientValue): { values: PartyFormValues; toConfirm: ToConfirm } {
  const { sure } = scan;
  const toConfirm: ToConfirm = {};
  for (const item of scan.toConfirm) {
    toConfirm[item.field] ??= { message: item.message, guess: item.guess };
  }
  const guess = (field: CccdField): string | null => toConfirm[field]?.guess ?? null;
  const sexGuess = guess('sex');
  return {
    values: {
      kind: 'citizen',
      documentType: 'cccd',
      idNumber: sure.idNumber,
      oldIdNumber: sure.oldIdNumber ?? guess('oldIdNumber') ?? '',
      fullName: sure.fullName ?? guess('fullName') ?? '',
      dateOfBirth: dateOf(sure.dateOfBirth ?? guess('dateOfBirth')),
      sex: sure.sex ?? (sexGuess === 'male' || sexGuess === 'female' ? sexGuess : null),
      address: sure.address ?? guess('address') ?? '',
      issueDate: dateOf(sure.issueDate ?? guess('issueDate')),
      phone: '',
      email: '',
    },
    toConfirm,
  };
}

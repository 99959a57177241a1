import { describe, expect, it } from 'vitest';
import { checkDocumentNumber, isVietnamesePassportNumber, type DocumentType } from '../../../../shared/domain/identity-document';
import { errorMessages } from '../../../../shared/i18n/vi';
import { receptionDraftSchema } from '../../../../shared/reception/draft';
import { partySchema } from '../../../../shared/reception/dossier-view';

describe('checkDocumentNumber', () => {
  it.each<[DocumentType, string, string]>([
    ['cccd', '038190012345', '038190012345'],
    ['cccd', ' 038190012345 ', '038190012345'],
    ['cmnd', '038190012', '038190012'],
    ['passport', 'C1234567', 'C1234567'],
    ['passport', 'c 1234567', 'C1234567'],
    ['passport', 'X98765432AB', 'X98765432AB'],
    ['passport', 'AB1234', 'AB1234'],
    ['other', 'Thẻ tạm trú 123/2026', 'Thẻ tạm trú 123/2026'],
  ])('accepts a %s numbered %j as %j', (type, raw, number) => {
    expect(checkDocumentNumber(type, raw)).toEqual({ ok: true, number });
  });

  it.each<[DocumentType, string, string]>([
    ['cccd', '03819001234', 'RECEPTION_ID_NUMBER_INVALID'],
    ['cccd', '038190012345678', 'RECEPTION_ID_NUMBER_INVALID'],
    ['cmnd', '038190012345', 'ID_DOCUMENT_CMND_INVALID'],
    ['cmnd', '03819001A', 'ID_DOCUMENT_CMND_INVALID'],
    ['passport', 'C1234', 'ID_DOCUMENT_PASSPORT_INVALID'],
    ['passport', 'C123-4567', 'ID_DOCUMENT_PASSPORT_INVALID'],
    ['passport', 'A'.repeat(21), 'ID_DOCUMENT_PASSPORT_INVALID'],
    ['other', 'x', 'ID_DOCUMENT_OTHER_INVALID'],
    ['other', '#123', 'ID_DOCUMENT_OTHER_INVALID'],
  ])('refuses a %s numbered %j with %s, which has a Vietnamese message', (type, raw, code) => {
    expect(checkDocumentNumber(type, raw)).toEqual({ ok: false, code });
    expect(errorMessages[code as keyof typeof errorMessages]).toMatch(/^Số .*“{value}”/);
  });

  it('tells a Vietnamese passport number from a foreign one', () => {
    expect(isVietnamesePassportNumber('C1234567')).toBe(true);
    expect(isVietnamesePassportNumber('X98765432AB')).toBe(false);
  });
});

describe('document type in stored drafts and views', () => {
  const owner = { kind: 'citizen', fullName: 'Trần Thị B', idNumber: '038190012345' };

  it('keeps a draft saved before document types valid, and reads a passport draft', () => {
    const old = receptionDraftSchema.parse({ procedureCode: 'P', owner, components: [] });
    expect(old.owner.documentType).toBeUndefined();
    const passport = receptionDraftSchema.parse({ procedureCode: 'P', owner: { ...owner, documentType: 'passport' }, components: [] });
    expect(passport.owner.documentType).toBe('passport');
    expect(receptionDraftSchema.safeParse({ procedureCode: 'P', owner: { ...owner, documentType: 'visa' }, components: [] }).success).toBe(
      false,
    );
  });

  it('keeps a stored party view without a document type valid', () => {
    const party = {
      ...owner,
      oldIdNumber: null,
      taxCode: null,
      dateOfBirth: null,
      sex: null,
      address: '',
      issueDate: null,
      phone: '',
      email: '',
    };
    expect(partySchema.safeParse(party).success).toBe(true);
    expect(partySchema.parse({ ...party, documentType: 'cmnd' }).documentType).toBe('cmnd');
  });
});

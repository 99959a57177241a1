import { act, cleanup, render, screen } from '@testing-library/react';
import { Form, type FormInstance } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage, uiText } from '../../../shared/i18n/vi';
import { PartyFields } from '../../../renderer/src/features/reception/PartyFields';
import { toPartyInput, type PartyFormValues } from '../../../renderer/src/features/reception/party-form';

/** Issue 14 point 5: the ID field follows the applicant's document type instead of demanding 12 digits. */
type Values = { owner: PartyFormValues };

function renderOwner(): () => FormInstance<Values> {
  let instance: FormInstance<Values> | null = null;
  function Harness() {
    const [form] = Form.useForm<Values>();
    instance = form;
    return (
      <Form form={form} initialValues={{ owner: { kind: 'citizen', fullName: 'John Smith' } }}>
        <PartyFields role="owner" kind="citizen" toConfirm={{}} onConfirm={() => undefined} onIdentifierComplete={() => undefined} />
      </Form>
    );
  }
  render(<Harness />);
  return () => instance!;
}

async function idErrors(form: FormInstance<Values>, documentType: PartyFormValues['documentType'], idNumber: string): Promise<string[]> {
  let errors: string[] = [];
  // The rule follows the watched type, so the type is set (and rendered) before the number is checked.
  await act(async () => form.setFieldsValue({ owner: { kind: 'citizen', fullName: 'John Smith', documentType, idNumber } }));
  await act(async () => {
    try {
      await form.validateFields([['owner', 'idNumber']]);
    } catch {
      // the errors are read below
    }
    errors = form.getFieldError(['owner', 'idNumber']);
  });
  return errors;
}

afterEach(cleanup);

describe('the applicant’s document type at the counter', () => {
  it('defaults to CCCD and checks 12 digits with the core’s message', async () => {
    const form = renderOwner();
    expect(screen.getByText(uiText.identityDocuments.types.cccd)).toBeTruthy();
    expect(await idErrors(form(), undefined, '12345')).toEqual([errorMessage('RECEPTION_ID_NUMBER_INVALID', { value: '12345' })]);
    expect(await idErrors(form(), undefined, '038190012345')).toEqual([]);
  });

  it('takes a passport number that is not 12 digits, and a 9-digit CMND, refusing what does not fit the type', async () => {
    const form = renderOwner();
    expect(await idErrors(form(), 'passport', 'C1234567')).toEqual([]);
    expect(await idErrors(form(), 'passport', 'X!')).toEqual([errorMessage('ID_DOCUMENT_PASSPORT_INVALID', { value: 'X!' })]);
    expect(await idErrors(form(), 'cmnd', '171234567')).toEqual([]);
    expect(await idErrors(form(), 'cmnd', '038190012345')).toEqual([errorMessage('ID_DOCUMENT_CMND_INVALID', { value: '038190012345' })]);
    expect(screen.getByText(uiText.party.documentNumber)).toBeTruthy();
  });

  it('sends the type with the number to the core', () => {
    expect(toPartyInput({ kind: 'citizen', fullName: 'John Smith', documentType: 'passport', idNumber: 'N12345678' })).toMatchObject({
      documentType: 'passport',
      idNumber: 'N12345678',
    });
    expect(toPartyInput({ kind: 'citizen', fullName: 'A' }).documentType).toBe('cccd');
    expect(toPartyInput({ kind: 'organisation', fullName: 'Công ty A' })).not.toHaveProperty('documentType');
  });
});

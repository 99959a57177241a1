import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Form, type FormInstance } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage, uiText } from '../../../shared/i18n/vi';
import { required } from '../../../renderer/src/common/form-rules';
import { NewPasswordFields } from '../../../renderer/src/common/NewPasswordFields';

interface Values {
  username: string;
  newPassword: string;
  confirmPassword: string;
}

function renderFields(): { form: () => FormInstance<Values> } {
  let instance: FormInstance<Values> | null = null;
  function Harness() {
    const [form] = Form.useForm<Values>();
    instance = form;
    return (
      <Form form={form} initialValues={{ username: 'ketoan01' }}>
        <NewPasswordFields
          name="newPassword"
          label="Mật khẩu mới"
          username={() => form.getFieldValue('username') as string}
          testIds={{ password: 'new', confirm: 'confirm' }}
        />
      </Form>
    );
  }
  render(<Harness />);
  return { form: () => instance! };
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function validate(form: FormInstance<Values>): Promise<string[]> {
  let errors: string[] = [];
  await act(async () => {
    try {
      await form.validateFields();
    } catch (failure) {
      errors = (failure as { errorFields: { errors: string[] }[] }).errorFields.flatMap((f) => f.errors);
    }
  });
  return errors;
}

const requiredMessage = (label: string) => (required(label) as { message: string }).message;

afterEach(cleanup);

describe('NewPasswordFields', () => {
  it('asks for both fields', async () => {
    const { form } = renderFields();
    const errors = await validate(form());
    expect(errors).toEqual([requiredMessage('Mật khẩu mới'), 'Vui lòng nhập lại mật khẩu.']);
    expect(errors.join(' ')).not.toMatch(/nhập nhập/);
  });

  it("applies the core's password policy, the username included, while typing", async () => {
    const { form } = renderFields();
    type('new', 'ketoan01');
    type('confirm', 'ketoan01');
    expect(await validate(form())).toEqual([errorMessage('PASSWORD_SAME_AS_USERNAME')]);
    type('new', 'chithaychu');
    type('confirm', 'chithaychu');
    expect(await validate(form())).toEqual([errorMessage('PASSWORD_TOO_WEAK')]);
  });

  it('wants the confirmation to match, and accepts a good pair', async () => {
    const { form } = renderFields();
    type('new', 'matkhau2026');
    type('confirm', 'matkhau2025');
    expect(await validate(form())).toEqual([uiText.account.passwordMismatch]);
    type('confirm', 'matkhau2026');
    expect(await validate(form())).toEqual([]);
    expect(form().getFieldsValue()).toEqual({ newPassword: 'matkhau2026', confirmPassword: 'matkhau2026' });
  });
});

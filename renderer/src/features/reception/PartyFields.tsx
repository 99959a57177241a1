import { CheckOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Flex, Form, Input, Row, Select, Typography, type FormRule } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { CccdField } from '../../../../shared/domain/cccd';
import { PARTY_ADDRESS_MAX_LENGTH, PARTY_NAME_MAX_LENGTH } from '../../../../shared/reception/limits';
import { checkDocumentNumber, documentTypes, type DocumentType } from '../../../../shared/domain/identity-document';
import { errorMessage, uiText } from '../../../../shared/i18n/vi';
import { foldedSearch } from '../../common/folded-filter';
import { required } from '../../common/form-rules';
import type { PartyKind, PartyRole, ToConfirm } from './party-form';

/** Typing "14051990" is quicker than picking from a calendar; both forms are accepted. */
export const DATE_FORMATS = ['DD/MM/YYYY', 'DDMMYYYY', 'D/M/YYYY'];

const text = uiText.party;

const sexOptions = [
  { value: 'male', label: text.male },
  { value: 'female', label: text.female },
];

const documentTypeOptions = documentTypes.map((value) => ({ value, label: uiText.identityDocuments.types[value] }));

/** Longest number each paper can carry, so the field stops where the check would refuse. */
const MAX_LENGTH: Record<DocumentType, number> = { cccd: 12, cmnd: 9, passport: 20, other: 32 };

/** The same check by type as the core's (shared/domain/identity-document.ts), with its Vietnamese message. */
const documentNumberRule = (type: DocumentType): FormRule => ({
  validator: async (_rule, value: string | undefined) => {
    if (!value?.trim()) return;
    const checked = checkDocumentNumber(type, value);
    if (!checked.ok) throw new Error(errorMessage(checked.code, { value: value.trim().slice(0, 32) }));
  },
});
const oldIdRule: FormRule = { pattern: /^(\d{9}|\d{12})$/, message: text.oldIdNumberInvalid };
const taxCodeRule: FormRule = { pattern: /^\d{10}(-\d{3})?$/, message: text.taxCodeInvalid };
const phoneRule: FormRule = { pattern: /^\+?[\d\s.\-()]{8,20}$/, message: text.phoneInvalid };
const emailRule: FormRule = { type: 'email', message: text.emailInvalid };
const notFuture: FormRule = {
  validator: async (_rule, value: Dayjs | null | undefined) => {
    if (value && value.isAfter(new Date())) throw new Error(text.dateInFuture);
  },
};

/**
 * A field filled from a card scan that the officer must check: highlighted, holding the best
 * reading, with the scan's problem and a button to accept it as it stands.
 */
function Confirmable({
  field,
  role,
  toConfirm,
  onConfirm,
  children,
  ...item
}: {
  field: CccdField;
  role: PartyRole;
  toConfirm: ToConfirm;
  onConfirm: (field: CccdField) => void;
  children: ReactNode;
  label: string;
  rules?: FormRule[];
}) {
  const doubt = toConfirm[field];
  return (
    <Form.Item
      name={[role, field]}
      label={item.label}
      rules={item.rules}
      validateStatus={doubt ? 'warning' : undefined}
      help={
        doubt && (
          <Flex vertical gap={4} align="start" data-testid={`${role}-${field}-confirm`} style={{ marginBlock: 4 }}>
            <Typography.Text type="warning">{doubt.message}</Typography.Text>
            <Button size="small" icon={<CheckOutlined />} onClick={() => onConfirm(field)}>
              {uiText.scanner.confirm}
            </Button>
          </Flex>
        )
      }
    >
      {children}
    </Form.Item>
  );
}

export function PartyFields({
  role,
  kind,
  toConfirm,
  onConfirm,
  onIdentifierComplete,
}: {
  role: PartyRole;
  kind: PartyKind;
  toConfirm: ToConfirm;
  onConfirm: (field: CccdField) => void;
  /** A complete ID or tax code was typed: look the party up. */
  onIdentifierComplete: (identifier: string) => void;
}) {
  const confirmable = { role, toConfirm, onConfirm };
  const documentType: DocumentType = Form.useWatch([role, 'documentType'], Form.useFormInstance()) ?? 'cccd';
  const isCccd = documentType === 'cccd';
  const lookUp = (value: string, pattern: RegExp) => {
    if (pattern.test(value.trim())) onIdentifierComplete(value.trim());
  };

  if (kind === 'organisation') {
    return (
      <>
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Form.Item name={[role, 'fullName']} label={text.organisationName} rules={[required(text.organisationName)]}>
              <Input maxLength={PARTY_NAME_MAX_LENGTH} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} lg={10}>
            <Form.Item name={[role, 'taxCode']} label={text.taxCode} rules={[taxCodeRule]}>
              <Input maxLength={14} inputMode="numeric" onBlur={(e) => lookUp(e.target.value, /^\d{10}(-\d{3})?$/)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name={[role, 'address']} label={text.address}>
              <Input maxLength={PARTY_ADDRESS_MAX_LENGTH} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name={[role, 'phone']} label={text.phone} rules={[phoneRule]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name={[role, 'email']} label={text.email} rules={[emailRule]}>
              <Input maxLength={254} />
            </Form.Item>
          </Col>
        </Row>
      </>
    );
  }

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Confirmable field="fullName" label={text.fullName} rules={[required(text.fullName)]} {...confirmable}>
            <Input maxLength={PARTY_NAME_MAX_LENGTH} showCount />
          </Confirmable>
        </Col>
        <Col xs={12} lg={5}>
          <Form.Item name={[role, 'documentType']} label={text.documentType} initialValue="cccd">
            <Select options={documentTypeOptions} data-testid={`${role}-document-type`} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={6}>
          <Form.Item
            name={[role, 'idNumber']}
            label={isCccd ? text.idNumber : text.documentNumber}
            rules={[documentNumberRule(documentType)]}
            dependencies={[[role, 'documentType']]}
          >
            <Input
              maxLength={MAX_LENGTH[documentType]}
              inputMode={documentType === 'cccd' || documentType === 'cmnd' ? 'numeric' : 'text'}
              placeholder={uiText.identityDocuments.hints[documentType]}
              onChange={(e) => isCccd && lookUp(e.target.value, /^\d{12}$/)}
            />
          </Form.Item>
        </Col>
        <Col xs={12} lg={5}>
          <Confirmable field="oldIdNumber" label={text.oldIdNumber} rules={[oldIdRule]} {...confirmable}>
            <Input maxLength={12} inputMode="numeric" />
          </Confirmable>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={12} lg={6}>
          <Confirmable field="dateOfBirth" label={text.dateOfBirth} rules={[notFuture]} {...confirmable}>
            <DatePicker format={DATE_FORMATS} placeholder={text.datePlaceholder} style={{ width: '100%' }} />
          </Confirmable>
        </Col>
        <Col xs={12} lg={5}>
          <Confirmable field="sex" label={text.sex} {...confirmable}>
            <Select
              options={sexOptions}
              allowClear
              showSearch={foldedSearch}
              placeholder={text.sexPlaceholder}
              data-testid={`${role}-sex`}
            />
          </Confirmable>
        </Col>
        <Col xs={12} lg={6}>
          <Confirmable field="issueDate" label={text.issueDate} rules={[notFuture]} {...confirmable}>
            <DatePicker format={DATE_FORMATS} placeholder={text.datePlaceholder} style={{ width: '100%' }} />
          </Confirmable>
        </Col>
        <Col xs={12} lg={7}>
          <Form.Item name={[role, 'phone']} label={text.phone} rules={[phoneRule]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Confirmable field="address" label={text.address} {...confirmable}>
            <Input maxLength={PARTY_ADDRESS_MAX_LENGTH} />
          </Confirmable>
        </Col>
        <Col xs={24} lg={9}>
          <Form.Item name={[role, 'email']} label={text.email} rules={[emailRule]}>
            <Input maxLength={254} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

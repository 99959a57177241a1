import { ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Divider, Flex, Form, Input, Segmented, Typography, type InputRef } from 'antd';
import type { Ref } from 'react';
import { uiText } from '../../../../shared/i18n/vi';
import { setFieldValue } from '../../common/wedge-scanner';
import type { PartyKind } from './party-form';
import { PartyFields } from './PartyFields';
import type { Reception } from './use-reception';

const text = uiText.reception;

/** The scan field, what the last scan did, and the owner and (optional) submitter fields. */
export function ApplicantCard({
  reception,
  scanField,
  onOpenReturn,
}: {
  reception: Reception;
  scanField: Ref<InputRef>;
  onOpenReturn: (code: string) => void;
}) {
  const { state, handleScan, closeScanNotice, confirmField, lookUpKnown } = reception;
  const { scanNotice, toConfirm } = state;
  const ownerKind = state.form.owner.kind;
  const { hasSubmitter } = state.form;
  return (
    <Card title={text.steps.applicant} size="small">
      <Flex vertical gap={8} style={{ marginBottom: 16 }}>
        {/* Uncontrolled: a reader types a hundred characters at once, and none of them needs a render. */}
        <Input
          ref={scanField}
          size="large"
          autoFocus
          autoComplete="off"
          prefix={<ScanOutlined />}
          placeholder={text.scanPlaceholder}
          aria-label={text.scanLabel}
          data-testid="cccd-scan"
          onPressEnter={(event) => {
            // A reader too slow to be recognised by timing, or a payload pasted by hand.
            event.preventDefault();
            const field = event.currentTarget;
            if (!field.value.trim()) return;
            handleScan(field.value, field);
            setFieldValue(field, '');
          }}
        />
        <Typography.Text type="secondary">{text.scanHint}</Typography.Text>
        {scanNotice && (
          <Alert
            type={scanNotice.type}
            showIcon
            closable={{ onClose: closeScanNotice }}
            title={scanNotice.text}
            data-testid="scan-notice"
            action={
              scanNotice.dossierCode && (
                <Button size="small" onClick={() => onOpenReturn(scanNotice.dossierCode!)} data-testid="scan-open-return">
                  {uiText.scanner.openReturn}
                </Button>
              )
            }
          />
        )}
      </Flex>
      <Form.Item name={['owner', 'kind']} label={text.ownerKind}>
        <Segmented<PartyKind>
          options={[
            { value: 'citizen', label: uiText.party.citizen },
            { value: 'organisation', label: uiText.party.organisation },
          ]}
        />
      </Form.Item>
      <div data-party="owner" data-testid="party-owner">
        <PartyFields
          role="owner"
          kind={ownerKind}
          toConfirm={toConfirm.owner}
          onConfirm={(field) => confirmField('owner', field)}
          onIdentifierComplete={(identifier) => void lookUpKnown('owner', ownerKind, identifier)}
        />
      </div>
      <Form.Item name="hasSubmitter" valuePropName="checked" style={{ marginBottom: hasSubmitter ? 8 : 0 }}>
        <Checkbox data-testid="has-submitter">{text.submitterToggle}</Checkbox>
      </Form.Item>
      {hasSubmitter && (
        <div data-party="submitter" data-testid="party-submitter">
          <Divider titlePlacement="start" style={{ marginTop: 0 }}>
            {text.submitter}
          </Divider>
          <PartyFields
            role="submitter"
            kind="citizen"
            toConfirm={toConfirm.submitter}
            onConfirm={(field) => confirmField('submitter', field)}
            onIdentifierComplete={(identifier) => void lookUpKnown('submitter', 'citizen', identifier)}
          />
        </div>
      )}
    </Card>
  );
}

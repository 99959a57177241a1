import { Flex, Input, List, Segmented, Select, Typography } from 'antd';
import type { ProcedureFee } from '../../../../shared/catalog/procedure';
import { uiText } from '../../../../shared/i18n/vi';
import { formatMoney } from '../../common/local-format';
import { initialFee, type FeeEntry } from './fee-entry';

type FeeStatus = FeeEntry['status'];

const text = uiText.reception;

const methodOptions = (['cash', 'transfer', 'card'] as const).map((value) => ({ value, label: text.feeMethods[value] }));

export function FeesPanel({
  fees,
  entries,
  onChange,
}: {
  fees: ProcedureFee[];
  entries: FeeEntry[];
  onChange: (index: number, entry: FeeEntry) => void;
}) {
  if (fees.length === 0) return <Typography.Text type="secondary">{text.feesNone}</Typography.Text>;
  return (
    <List
      dataSource={fees}
      renderItem={(fee, index) => {
        const entry = entries[index] ?? initialFee(fee);
        return (
          <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid={`fee-${index}`}>
            <Flex gap={16} wrap align="center">
              <Flex vertical style={{ flex: '1 1 320px', minWidth: 0 }}>
                <Typography.Text>
                  {text.feeKinds[fee.kind]}: {fee.name}
                </Typography.Text>
                <Typography.Text strong>{formatMoney(fee.amount)}</Typography.Text>
              </Flex>
              <Segmented<FeeStatus>
                value={entry.status}
                onChange={(status) => onChange(index, { ...entry, status })}
                options={(['paid', 'unpaid', 'exempt'] as const).map((value) => ({ value, label: text.feeStatus[value] }))}
              />
              {entry.status === 'paid' && (
                <Flex gap={8}>
                  <Select
                    value={entry.method ?? undefined}
                    placeholder={text.feeMethod}
                    aria-label={text.feeMethod}
                    options={methodOptions}
                    style={{ width: 150 }}
                    onChange={(method) => onChange(index, { ...entry, method })}
                  />
                  <Input
                    value={entry.receiptNumber ?? ''}
                    placeholder={text.receiptNumber}
                    aria-label={text.receiptNumber}
                    maxLength={64}
                    style={{ width: 160 }}
                    onChange={(event) => onChange(index, { ...entry, receiptNumber: event.target.value || null })}
                  />
                </Flex>
              )}
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}

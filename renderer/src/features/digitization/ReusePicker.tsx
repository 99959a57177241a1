import { Button, Card, Dropdown, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReusableDocument } from '../../../../shared/digitize/page-view';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { ComponentInput } from '../../../../shared/reception/draft';
import { api } from '../../api';
import { SignatureBadge } from '../signing/SignatureBadge';

const text = uiText.digitize.reuse;

export type ReuseKind = NonNullable<ComponentInput['reuseKind']>;

/**
 * What this counter already holds for the owner's ID number, reused by reference instead of asking
 * for the paper again: documents digitized for an earlier dossier go into the slot of the same
 * component (state 2); a result handed back with an earlier dossier goes into whichever slot the
 * officer picks (state 3).
 */
export function ReusePicker({
  ownerIdNumber,
  components,
  onReuse,
}: {
  ownerIdNumber: string | undefined;
  components: ReadonlyArray<{ code: string; name: string }>;
  onReuse: (componentCode: string, reuseRef: string, kind: ReuseKind) => void;
}) {
  const [documents, setDocuments] = useState<ReusableDocument[]>([]);

  useEffect(() => {
    const id = ownerIdNumber?.trim() ?? '';
    if (!/^\d{12}$/.test(id)) return setDocuments([]);
    let stale = false;
    void api.pages.reusable({ ownerIdNumber: id }).then((result) => {
      if (!stale) setDocuments(result.ok ? result.value : []);
    });
    return () => {
      stale = true;
    };
  }, [ownerIdNumber]);

  const usable = documents.filter((d) => d.source === 'component' && components.some((c) => c.code === d.componentCode));
  const results = documents.filter((d) => d.source === 'result');
  if (usable.length === 0 && results.length === 0) return null;
  return (
    <Card size="small" title={text.title} style={{ marginBottom: 12 }} data-testid="reuse-picker">
      <Flex vertical gap={4}>
        {usable.map((document) => (
          <Flex key={document.ref} gap={8} align="center">
            <Typography.Text strong>{document.componentCode}</Typography.Text>
            <Typography.Text type="secondary">
              {formatMessage(text.source, { code: document.dossierCode, pages: document.pageCount })}
            </Typography.Text>
            <SignatureBadge sha256={document.sha256} />
            <Button size="small" onClick={() => onReuse(document.componentCode!, document.ref, 'document')}>
              {text.use}
            </Button>
          </Flex>
        ))}
        {results.length > 0 && <Typography.Text type="secondary">{text.results}</Typography.Text>}
        {results.map((result) => (
          <Flex key={result.ref} gap={8} align="center" wrap data-testid="reuse-result">
            <Typography.Text strong>{result.name}</Typography.Text>
            <Typography.Text type="secondary">
              {formatMessage(text.resultSource, { code: result.dossierCode, pages: result.pageCount })}
            </Typography.Text>
            <SignatureBadge sha256={result.sha256} />
            <Dropdown
              trigger={['click']}
              menu={{
                items: components.map((c) => ({ key: c.code, label: c.name })),
                onClick: ({ key }) => onReuse(key, result.ref, 'result'),
              }}
            >
              <Button size="small">{text.useFor}</Button>
            </Dropdown>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

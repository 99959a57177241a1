import { Button, Card, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { reuseRefOf, type ReusableDocument } from '../../../../shared/digitize/page-view';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

const text = uiText.digitize.reuse;

/**
 * Documents already digitized at this counter for the owner's ID number; one click puts a document
 * into the slot of the same component code, reused by reference instead of scanned again.
 */
export function ReusePicker({
  ownerIdNumber,
  componentCodes,
  onReuse,
}: {
  ownerIdNumber: string | undefined;
  componentCodes: ReadonlySet<string>;
  onReuse: (componentCode: string, reuseRef: string) => void;
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

  const usable = documents.filter((d) => componentCodes.has(d.componentCode));
  if (usable.length === 0) return null;
  return (
    <Card size="small" title={text.title} style={{ marginBottom: 12 }} data-testid="reuse-picker">
      <Flex vertical gap={4}>
        {usable.map((document) => (
          <Flex key={reuseRefOf(document)} gap={8} align="center">
            <Typography.Text strong>{document.componentCode}</Typography.Text>
            <Typography.Text type="secondary">{formatMessage(text.source, { code: document.dossierCode, pages: document.pageCount })}</Typography.Text>
            <Button size="small" onClick={() => onReuse(document.componentCode, reuseRefOf(document))}>
              {text.use}
            </Button>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

import { CloseOutlined, FileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Spin, Typography } from 'antd';
import { useState } from 'react';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { StoredFile } from '../../../../shared/reception/draft';
import { api } from '../../api';
import { AttachFilesButton } from '../../common/AttachFilesButton';
import { fileToBase64 } from '../../common/base64';
import { formatBytes } from '../../common/format';
import { SignatureBadge } from '../signing/SignatureBadge';
import { ResultSigning } from '../signing/ResultSigning';

export interface ResultDocument {
  name: string;
  file: StoredFile;
}

const text = uiText.returnResult;

/**
 * The result documents handed to the citizen, scanned and attached before the hand-over is
 * confirmed: each is stored at once and kept as the dossier's result, for later dossiers to reuse.
 */
export function ResultDocuments({
  defaultName,
  value,
  onChange,
  onBusyChange,
}: {
  defaultName: string;
  value: ResultDocument[];
  onChange: (change: (documents: ResultDocument[]) => ResultDocument[]) => void;
  onBusyChange: (busy: boolean) => void;
}) {
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);

  async function attach(files: File[]) {
    setUploading((n) => n + files.length);
    onBusyChange(true);
    setError(null);
    for (const file of files) {
      const result = await api.reception.storeFile({ fileName: file.name, dataBase64: await fileToBase64(file) });
      if (result.ok)
        onChange((documents) =>
          documents.some((d) => d.file.sha256 === result.value.sha256)
            ? documents
            : [...documents, { name: defaultName, file: result.value }],
        );
      else setError(result.error.message);
      setUploading((n) => n - 1);
    }
    onBusyChange(false);
  }

  return (
    <Card size="small" title={text.results} style={{ marginBottom: 12 }} data-testid="return-results">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{text.resultsHint}</Typography.Text>
        {value.map((document) => (
          <Flex key={document.file.sha256} gap={8} align="center" wrap data-testid="return-result">
            <FileOutlined />
            <Typography.Text ellipsis style={{ maxWidth: 200 }}>
              {document.file.fileName}
            </Typography.Text>
            <Typography.Text type="secondary">{formatBytes(document.file.bytes)}</Typography.Text>
            <SignatureBadge key={document.file.sha256} sha256={document.file.sha256} mediaType={document.file.mediaType} />
            <Input
              size="small"
              style={{ flex: '1 1 220px' }}
              maxLength={500}
              value={document.name}
              aria-label={text.resultName}
              placeholder={text.resultName}
              status={document.name.trim() ? undefined : 'warning'}
              onChange={(event) => {
                const name = event.target.value;
                onChange((documents) => documents.map((d) => (d.file.sha256 === document.file.sha256 ? { ...d, name } : d)));
              }}
            />
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={formatMessage(text.removeResult, { name: document.file.fileName })}
              onClick={() => onChange((documents) => documents.filter((d) => d.file.sha256 !== document.file.sha256))}
            />
          </Flex>
        ))}
        <Flex gap={8} align="center">
          <AttachFilesButton label={text.attachResult} testId="return-result-file" onFiles={(files) => void attach(files)} />
          <ResultSigning
            files={value.map((d) => d.file)}
            onSigned={(replace) => onChange((documents) => documents.map((d) => ({ ...d, file: replace(d.file) })))}
          />
          {uploading > 0 && <Spin size="small" description={text.uploading} />}
        </Flex>
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Card>
  );
}

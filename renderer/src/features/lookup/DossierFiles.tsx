import { CloudOutlined, DownloadOutlined, EyeOutlined, FileOutlined } from '@ant-design/icons';
import { Button, Card, Flex, List, Modal, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DossierFile } from '../../../../shared/lookup/dossier-files';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { base64ToBlob } from '../../common/base64';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatBytes } from '../../common/format';
import { PdfViewer } from '../../common/PdfViewer';
import { SignatureVerdictBadge } from '../signing/SignatureBadge';

const text = uiText.lookup.files;

interface Shown {
  file: DossierFile;
  dataBase64: string;
}

function titleOf(file: DossierFile): string {
  if (file.title) return file.title;
  const number = /^KQ(\d+)$/.exec(file.componentCode)?.[1];
  return number ? formatMessage(text.resultNumber, { number }) : file.componentCode;
}

function nameOf(file: DossierFile): string {
  return file.fileName ?? `${file.componentCode}-${file.sha256.slice(0, 8)}`;
}

/** A non-PDF file: an image shown as it is, anything else offered for download. */
function OtherFile({ shown }: { shown: Shown }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(base64ToBlob(shown.dataBase64, shown.file.mediaType));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [shown]);
  if (!url) return null;
  return (
    <Flex vertical gap={12}>
      {shown.file.mediaType.startsWith('image/') && <img src={url} alt={titleOf(shown.file)} style={{ maxWidth: '100%' }} />}
      <div>
        <Button icon={<DownloadOutlined />} href={url} download={nameOf(shown.file)}>
          {text.download}
        </Button>
      </div>
    </Flex>
  );
}

/**
 * The dossier's files in the look-up (issue 16 §4): components and results, from this counter and the
 * province, each with its kind, name, size and signature badge — the verdict the core made when the
 * file arrived — or "not downloaded" while it is only on the gateway. Opening a file fetches it then.
 */
export function DossierFiles({ dossierId }: { dossierId: string }) {
  const [files, setFiles] = useState<DossierFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  const load = useCallback(async () => {
    const result = await api.dossier.files({ dossierId });
    if (result.ok) {
      setFiles(result.value);
      setError(null);
    } else {
      setError(result.error.message);
    }
  }, [dossierId]);

  useEffect(() => {
    setFiles(null);
    void load();
  }, [load]);

  async function open(file: DossierFile) {
    setOpening(file.sha256);
    const result = await api.dossier.remoteFile({ dossierId, sha256: file.sha256 });
    setOpening(null);
    if (!result.ok) return setError(result.error.message);
    setShown({ file, dataBase64: result.value.dataBase64 });
    // A file fetched just now has its verdict since it arrived: show it.
    if (!file.downloaded) await load();
  }

  return (
    <Card size="small" title={text.title} data-testid="dossier-files">
      <ErrorAlert message={error} />
      <List<DossierFile>
        size="small"
        loading={files === null && !error}
        dataSource={files ?? []}
        locale={{ emptyText: text.empty }}
        renderItem={(file) => (
          <List.Item
            data-testid="dossier-file"
            data-code={file.componentCode}
            actions={[
              <Button
                key="open"
                size="small"
                icon={<EyeOutlined />}
                loading={opening === file.sha256}
                onClick={() => void open(file)}
                data-testid="dossier-file-open"
              >
                {text.open}
              </Button>,
            ]}
          >
            <Flex gap={8} align="start" wrap style={{ width: '100%' }}>
              <Tag color={file.kind === 'result' ? 'blue' : 'default'}>{text.kinds[file.kind]}</Tag>
              <Flex vertical style={{ flex: '1 1 220px', minWidth: 0 }}>
                <Typography.Text strong ellipsis>
                  {titleOf(file)}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis>
                  <FileOutlined /> {nameOf(file)} · {formatBytes(file.size)}
                </Typography.Text>
              </Flex>
              {file.downloaded ? (
                file.verdict && file.mediaType === 'application/pdf' && <SignatureVerdictBadge verdict={file.verdict} />
              ) : (
                <Tooltip title={text.notDownloadedHint}>
                  <Tag icon={<CloudOutlined />} data-testid="dossier-file-remote">
                    {text.notDownloaded}
                  </Tag>
                </Tooltip>
              )}
            </Flex>
          </List.Item>
        )}
      />
      <Modal
        open={shown !== null}
        title={shown && titleOf(shown.file)}
        width={900}
        onCancel={() => setShown(null)}
        footer={null}
        destroyOnHidden
      >
        {shown &&
          (shown.file.mediaType === 'application/pdf' ? (
            <PdfViewer
              result={{ pdfBase64: shown.dataBase64, printed: false, savedPath: null }}
              title={titleOf(shown.file)}
              fileName={nameOf(shown.file)}
              printNotice={false}
            />
          ) : (
            <OtherFile shown={shown} />
          ))}
      </Modal>
    </Card>
  );
}

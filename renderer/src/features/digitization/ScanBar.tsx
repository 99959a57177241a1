import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { base64ToBlob } from '../../common/base64';
import type { ScanSession } from './use-scan-session';

const text = uiText.digitize.editor;

function SeparatorSheets({ pdfBase64, onClose }: { pdfBase64: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(base64ToBlob(pdfBase64, 'application/pdf'));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [pdfBase64]);
  return (
    <Modal open onCancel={onClose} footer={null} width="80vw" title={text.printSeparators}>
      {url && <object data={url} type="application/pdf" style={{ width: '100%', height: '70vh' }} aria-label={text.printSeparators} />}
    </Modal>
  );
}

/** Above the checklist: which scanner and scan profile to use, separator sheets for one-batch scanning, and what the last scan said. */
export function ScanBar({ procedureCode, session }: { procedureCode: string; session: ScanSession }) {
  const [separators, setSeparators] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function printSeparators() {
    const result = await api.scan.separatorSheets({ procedureCode });
    if (!result.ok) return setProblem(result.error.message);
    setProblem(null);
    setSeparators(result.value.pdfBase64);
  }

  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{text.scanner}</Typography.Text>
        <Select
          style={{ minWidth: 260 }}
          value={session.scanner ? `${session.scanner.kind}|${session.scanner.id}` : undefined}
          placeholder={text.noScanner}
          options={session.scanners.map((s) => ({ value: `${s.kind}|${s.id}`, label: s.name }))}
          onChange={(value: string) => session.chooseScanner(session.scanners.find((s) => `${s.kind}|${s.id}` === value) ?? null)}
          data-testid="scanner-select"
        />
        <Typography.Text>{text.profile}</Typography.Text>
        <Select
          style={{ minWidth: 240 }}
          value={session.profile?.id}
          options={session.profiles.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(id: string) => session.chooseProfile(session.profiles.find((p) => p.id === id) ?? null)}
          data-testid="scan-profile-select"
        />
        <Button icon={<PrinterOutlined />} onClick={() => void printSeparators()}>
          {text.printSeparators}
        </Button>
      </Flex>
      {session.notice && <Alert type={session.notice.type} showIcon title={session.notice.text} data-testid="digitize-notice" />}
      {(session.error ?? problem) && <Alert type="error" showIcon title={session.error ?? problem} />}
      {separators && <SeparatorSheets pdfBase64={separators} onClose={() => setSeparators(null)} />}
    </Flex>
  );
}

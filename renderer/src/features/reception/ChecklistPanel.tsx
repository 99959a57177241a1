import { CloseOutlined, FileOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, List, Segmented, Spin, Tag, Typography } from 'antd';
import type { ProcedureComponent } from '../../../../shared/catalog/procedure';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';
import { AttachFilesButton } from '../../common/AttachFilesButton';
import { fileToBase64 } from '../../common/base64';
import { formatBytes } from '../../common/format';
import { resultSourceLabel } from '../../../../shared/digitize/reuse';
import { PageEditor } from '../digitization/PageEditor';
import { SignatureBadge } from '../signing/SignatureBadge';
import type { ScanSession } from '../digitization/use-scan-session';
import { componentInput, emptyEntry, type ComponentEntry, type ComponentMode } from './component-entry';

const text = uiText.reception;

function ComponentSlot({
  index,
  component,
  entry,
  missing,
  update,
  others,
  session,
}: {
  index: number;
  component: ProcedureComponent;
  entry: ComponentEntry;
  missing: boolean;
  update: (change: (entry: ComponentEntry) => ComponentEntry) => void;
  others: Array<{ code: string; name: string }>;
  session: ScanSession;
}) {
  async function attach(files: File[]) {
    update((e) => ({ ...e, uploading: e.uploading + files.length, error: null }));
    // One at a time: files arrive in the order the officer chose them, which is the paper's order.
    for (const file of files) {
      const result = await api.reception.storeFile({ fileName: file.name, dataBase64: await fileToBase64(file) });
      update((e) => ({
        ...e,
        uploading: e.uploading - 1,
        files: result.ok && !e.files.some((f) => f.sha256 === result.value.sha256) ? [...e.files, result.value] : e.files,
        error: result.ok ? e.error : result.error.message,
      }));
    }
  }

  return (
    <List.Item data-testid={`component-${component.code}`} style={{ display: 'block', paddingInline: 0 }}>
      <Flex gap={16} wrap align="start">
        <Flex vertical style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Text strong>
            {index + 1}. {component.name}
          </Typography.Text>
          <Flex gap={8} wrap style={{ marginTop: 4 }}>
            {component.required ? <Tag color="red">{text.required}</Tag> : <Tag>{text.optional}</Tag>}
            <Typography.Text type="secondary">
              {formatMessage(text.originalsCopies, { originals: component.originals, copies: component.copies })}
            </Typography.Text>
            {component.formTemplate && <Typography.Text type="secondary">· {component.formTemplate}</Typography.Text>}
          </Flex>
        </Flex>
        <Flex vertical gap={8} style={{ flex: '1 1 360px', minWidth: 0 }}>
          <Segmented<ComponentMode>
            value={entry.mode}
            onChange={(mode) => update((e) => ({ ...e, mode }))}
            options={[
              // Only a slot the applicant filed online can be (and be put back to) submitted online.
              ...(entry.onlineFiles.length > 0 ? [{ value: 'online' as const, label: text.modes.online }] : []),
              { value: 'attach', label: text.modes.attach },
              { value: 'reuse', label: text.modes.reuse },
              { value: 'waive', label: text.modes.waive },
            ]}
          />
          {entry.mode === 'online' && (
            <Typography.Text data-testid={`online-filed-${component.code}`}>
              <FileOutlined /> {formatMessage(text.online.filed, { files: entry.onlineFiles.join(', ') })}
            </Typography.Text>
          )}
          {entry.mode === 'attach' && (
            <>
              <Flex gap={8} align="center" wrap>
                <AttachFilesButton
                  label={text.attach}
                  testId={`component-file-${component.code}`}
                  danger={missing}
                  onFiles={(files) => void attach(files)}
                />
                {entry.uploading > 0 ? (
                  <Spin size="small" description={text.uploading} />
                ) : (
                  <Typography.Text type={missing ? 'danger' : 'secondary'}>
                    {entry.files.length > 0 ? formatMessage(text.fileCount, { count: entry.files.length }) : text.noFile}
                  </Typography.Text>
                )}
              </Flex>
              {entry.files.map((file) => (
                <Flex key={file.sha256} gap={8} align="center" data-testid="attached-file">
                  <FileOutlined />
                  <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                    {file.fileName}
                  </Typography.Text>
                  <Typography.Text type="secondary">{formatBytes(file.bytes)}</Typography.Text>
                  <SignatureBadge sha256={file.sha256} mediaType={file.mediaType} />
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined />}
                    aria-label={formatMessage(text.removeFile, { name: file.fileName })}
                    onClick={() => update((e) => ({ ...e, files: e.files.filter((f) => f.sha256 !== file.sha256) }))}
                  />
                </Flex>
              ))}
              <PageEditor componentCode={component.code} componentName={component.name} otherComponents={others} session={session} />
            </>
          )}
          {entry.mode === 'reuse' && entry.reuseKind === 'result' && (
            <Flex gap={8} align="center" wrap data-testid={`reused-result-${component.code}`}>
              <Tag color="blue">{formatMessage(uiText.digitize.reuse.fromResult, { code: resultSourceLabel(entry.reuseRef) })}</Tag>
              <Button size="small" onClick={() => update((e) => ({ ...e, reuseRef: '', reuseKind: 'document' }))}>
                {uiText.digitize.reuse.clear}
              </Button>
            </Flex>
          )}
          {entry.mode === 'reuse' && entry.reuseKind === 'document' && (
            <Input
              value={entry.reuseRef}
              maxLength={300}
              placeholder={text.reuseRefPlaceholder}
              aria-label={text.reuseRef}
              status={entry.reuseRef.trim() ? undefined : 'warning'}
              onChange={(event) => {
                const reuseRef = event.target.value;
                update((e) => ({ ...e, reuseRef }));
              }}
            />
          )}
          {entry.mode === 'waive' && (
            <Input
              value={entry.waiveReason}
              maxLength={1000}
              placeholder={text.waiveReason}
              aria-label={text.waiveReason}
              status={entry.waiveReason.trim() ? undefined : 'warning'}
              onChange={(event) => {
                const waiveReason = event.target.value;
                update((e) => ({ ...e, waiveReason }));
              }}
            />
          )}
          {entry.error && <Alert type="error" showIcon title={entry.error} />}
        </Flex>
      </Flex>
    </List.Item>
  );
}

/** The procedure's components, each a slot the officer fills with files, a reuse reference or a waiver. */
export function ChecklistPanel({
  components,
  entries,
  missingCodes,
  onUpdate,
  session,
}: {
  components: ProcedureComponent[];
  entries: Record<string, ComponentEntry>;
  missingCodes: ReadonlySet<string>;
  onUpdate: (code: string, change: (entry: ComponentEntry) => ComponentEntry) => void;
  session: ScanSession;
}) {
  const files = components.reduce((sum, c) => sum + (entries[c.code]?.files.length ?? 0), 0);
  const filled = components.filter(
    (c) => componentInput(c.code, entries[c.code] ?? emptyEntry(), session.slot(c.code)).state !== 'missing',
  ).length;
  return (
    <>
      <List
        dataSource={components}
        renderItem={(component, index) => (
          <ComponentSlot
            index={index}
            component={component}
            entry={entries[component.code] ?? emptyEntry()}
            missing={missingCodes.has(component.code)}
            update={(change) => onUpdate(component.code, change)}
            others={components.filter((c) => c.code !== component.code).map((c) => ({ code: c.code, name: c.name }))}
            session={session}
          />
        )}
      />
      <Typography.Text type="secondary" data-testid="checklist-totals">
        {formatMessage(text.totals, { files, filled, components: components.length })}
      </Typography.Text>
    </>
  );
}

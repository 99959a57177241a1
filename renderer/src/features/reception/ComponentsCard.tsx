import { Card, Typography } from 'antd';
import { uiText } from '../../../../shared/i18n/vi';
import { FieldSuggestions } from '../digitization/FieldSuggestions';
import { ReusePicker } from '../digitization/ReusePicker';
import { ScanBar } from '../digitization/ScanBar';
import { ChecklistPanel } from './ChecklistPanel';
import { FeesPanel } from './FeesPanel';
import type { Reception } from './use-reception';

const text = uiText.reception;

/** The procedure's checklist: scanning, OCR suggestions, reuse of earlier documents, the slots. */
export function ComponentsCard({ reception }: { reception: Reception }) {
  const { state, scanSession, updateEntry, applySuggestion } = reception;
  const { procedure } = state;
  const missingCodes = new Set((state.missing ?? []).map((c) => c.code));
  return (
    <Card title={text.steps.components} size="small">
      {procedure ? (
        <>
          <ScanBar procedureCode={procedure.code} session={scanSession} />
          <FieldSuggestions sessionId={scanSession.sessionId} onApply={applySuggestion} />
          <ReusePicker
            ownerIdNumber={state.form.owner.idNumber}
            components={procedure.components}
            onReuse={(code, reuseRef, reuseKind) => updateEntry(code, (entry) => ({ ...entry, mode: 'reuse', reuseRef, reuseKind }))}
          />
          <ChecklistPanel
            components={procedure.components}
            entries={state.entries}
            missingCodes={missingCodes}
            onUpdate={updateEntry}
            session={scanSession}
          />
        </>
      ) : (
        <Typography.Text type="secondary">{text.componentsEmpty}</Typography.Text>
      )}
    </Card>
  );
}

/** The procedure's fees and how each was settled. */
export function FeesCard({ reception }: { reception: Reception }) {
  const { procedure, fees } = reception.state;
  return (
    <Card title={text.steps.fees} size="small">
      {procedure ? (
        <FeesPanel fees={procedure.fees} entries={fees} onChange={reception.changeFee} />
      ) : (
        <Typography.Text type="secondary">{text.componentsEmpty}</Typography.Text>
      )}
    </Card>
  );
}

import { Button, Card, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FieldSuggestion } from '../../../../shared/digitize/page-view';
import { uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

const text = uiText.digitize.suggestions;

/**
 * What OCR read on the scanned pages (ID number, name, birth date), each confirmable with one
 * click. Asked for again when OCR finishes a page of this session.
 */
export function FieldSuggestions({ sessionId, onApply }: { sessionId: string | null; onApply: (suggestion: FieldSuggestion) => void }) {
  const [suggestions, setSuggestions] = useState<FieldSuggestion[]>([]);
  const [applied, setApplied] = useState<Set<string>>(new Set());

  useEffect(() => {
    setSuggestions([]);
    if (!sessionId) return;
    const load = async () => {
      const result = await api.pages.suggestions({ sessionId });
      if (result.ok) setSuggestions(result.value);
    };
    void load();
    return api.on('ocr.progress', (event) => {
      if (event.sessionId === sessionId) void load();
    });
  }, [sessionId]);

  const open = suggestions.filter((s) => !applied.has(`${s.field}:${s.value}`));
  if (open.length === 0) return null;
  return (
    <Card size="small" title={text.title} data-testid="field-suggestions" style={{ marginBottom: 12 }}>
      <Flex vertical gap={4}>
        {open.map((suggestion) => (
          <Flex key={`${suggestion.field}:${suggestion.value}`} gap={8} align="center">
            <Typography.Text type="secondary" style={{ width: 110 }}>
              {text.fields[suggestion.field]}
            </Typography.Text>
            <Typography.Text strong>{suggestion.value}</Typography.Text>
            <Button
              size="small"
              onClick={() => {
                onApply(suggestion);
                setApplied((done) => new Set(done).add(`${suggestion.field}:${suggestion.value}`));
              }}
            >
              {text.apply}
            </Button>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

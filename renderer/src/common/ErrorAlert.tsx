import { Alert } from 'antd';

export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} data-testid="error-alert" style={{ marginBottom: 16 }} />;
}

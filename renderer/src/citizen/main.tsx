import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { uiText } from '../../../shared/i18n/vi';
import '../global.css';
import { CitizenScreenPage } from './CitizenScreenPage';

document.title = uiText.citizenScreen.title;

const container = document.getElementById('root');
if (!container) throw new Error('citizen.html has no #root element');

// Large type throughout: the citizen reads it from across the counter and taps it with a finger.
createRoot(container).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={{ token: { fontSize: 22, controlHeightLG: 88 } }}>
      <CitizenScreenPage />
    </ConfigProvider>
  </StrictMode>,
);

import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { uiText } from '../../shared/i18n/vi';
import { AppRoot } from './app/App';
import './global.css';

dayjs.locale('vi');
document.title = uiText.appName;

/** Staff who switched animations off in the OS get none here either; dialogs then open at once. */
const motion = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={{ token: { motion } }}>
      <AntApp>
        <AppRoot />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

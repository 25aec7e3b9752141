import React from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
// Date pickers, the plan calendar and relative dates in Chinese, with weeks starting on Monday
// (dayjs's zh-cn locale; antd's zh_CN only translates its own labels).
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { guardDateEnter } from './forms';

guardDateEnter(document);

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    {/* autoInsertSpace off: otherwise two-character labels render as "查 询" */}
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#a61b1b' } }}>
      <AntApp>
        <BrowserRouter basename="/admin">
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </React.StrictMode>,
);

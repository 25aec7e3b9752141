import React from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { App } from './App';
import { guardDateEnter } from './forms';

guardDateEnter(document);

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

import { lazy, Suspense, useMemo, useState, type ComponentType } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Modal, Select, Space, Typography, Grid, Drawer } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  CommentOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HomeOutlined,
  MenuOutlined,
  NotificationOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { agencyStateLabels, api, type Agency, type Session } from './api';
import { AgencyContext } from './agency';
import { Dashboard } from './pages/Dashboard';
import { AreaPage } from './pages/AreaPage';
import { ChangePasswordForm } from './pages/ChangePasswordPage';

// Each page is its own chunk: a page load parses the shell and that page, not the whole workspace.
const page = <K extends string>(load: () => Promise<{ [P in K]: ComponentType<any> }>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const UsersPage = page(() => import('./pages/UsersPage'), 'UsersPage');
const AgenciesPage = page(() => import('./pages/AgenciesPage'), 'AgenciesPage');
const AuditPage = page(() => import('./pages/AuditPage'), 'AuditPage');
const RequestsPage = page(() => import('./pages/RequestsPage'), 'RequestsPage');
const RequestDetailPage = page(() => import('./pages/RequestDetailPage'), 'RequestDetailPage');
const CalendarPage = page(() => import('./pages/CalendarPage'), 'CalendarPage');
const DocumentsPage = page(() => import('./pages/DocumentsPage'), 'DocumentsPage');
const DocumentEditPage = page(() => import('./pages/DocumentEditPage'), 'DocumentEditPage');
const Art20StatsPage = page(() => import('./pages/Art20StatsPage'), 'Art20StatsPage');
const ReportsPage = page(() => import('./pages/ReportsPage'), 'ReportsPage');
const ReportCheckPage = page(() => import('./pages/ReportCheckPage'), 'ReportCheckPage');
const AppealsPage = page(() => import('./pages/AppealsPage'), 'AppealsPage');
const PlanPage = page(() => import('./pages/PlanPage'), 'PlanPage');
const AgencySettingsPage = page(() => import('./pages/AgencySettingsPage'), 'AgencySettingsPage');
const SubmissionStatusPage = page(() => import('./pages/SubmissionStatusPage'), 'SubmissionStatusPage');
const ReportRollupPage = page(() => import('./pages/ReportRollupPage'), 'ReportRollupPage');
const MessagesPage = page(() => import('./pages/MessagesPage'), 'MessagesPage');
const MessagesDetailPage = page(() => import('./pages/MessagesDetailPage'), 'MessagesDetailPage');
const MessagesMailboxesPage = page(() => import('./pages/MessagesMailboxesPage'), 'MessagesMailboxesPage');
const ConsultationsPage = page(() => import('./pages/ConsultationsPage'), 'ConsultationsPage');
const ConsultationDetailPage = page(() => import('./pages/ConsultationDetailPage'), 'ConsultationDetailPage');
const RecordsPage = page(() => import('./pages/RecordsPage'), 'RecordsPage');
const InterviewsPage = page(() => import('./pages/InterviewsPage'), 'InterviewsPage');
const HotlinePage = page(() => import('./pages/HotlinePage'), 'HotlinePage');
const MeetingsPage = page(() => import('./pages/MeetingsPage'), 'MeetingsPage');
const WebsiteReportPage = page(() => import('./pages/WebsiteReportPage'), 'WebsiteReportPage');
const SurveysPage = page(() => import('./pages/SurveysPage'), 'SurveysPage');
const SurveyDetailPage = page(() => import('./pages/SurveyDetailPage'), 'SurveyDetailPage');
const SupervisionPage = page(() => import('./pages/SupervisionPage'), 'SupervisionPage');

export const areas = [
  { key: '/proactive', label: '主动公开', icon: <NotificationOutlined />, intro: '公开目录、保密审查、发布渠道与第二十条统计。' },
  { key: '/requests', label: '依申请公开', icon: <FileSearchOutlined />, intro: '申请登记、法定期限、补正、征求意见、延期、收费与答复。' },
  { key: '/interaction', label: '互动交流', icon: <CommentOutlined />, intro: '留言咨询、意见箱、热线记录、调查征集与培训记录。' },
  { key: '/appeals', label: '复议诉讼', icon: <SolutionOutlined />, intro: '政府信息公开行政复议、行政诉讼案件及结果。' },
  { key: '/reports', label: '年度报告', icon: <FileDoneOutlined />, intro: '年度报告的生成、勾稽校验、发布与报告检查。' },
  { key: '/statistics', label: '统计分析', icon: <BarChartOutlined />, intro: '督办统计与网站自查：超期、临期与长期未更新的工作一览。' },
] as const;

const STORAGE_KEY = 'gongkai.agencyId';

export function Shell({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [agencyId, setAgencyId] = useState<number | null>(() => {
    const saved = Number(localStorage.getItem(STORAGE_KEY));
    if (session.agencies.some((a) => a.id === saved)) return saved;
    // First visit: the agency where the user does the most (a county admin's own staff work is
    // usually in one township), not simply the top of the tree.
    const busiest = [...session.agencies].sort((a, b) => b.myRoles.length - a.myRoles.length)[0];
    return busiest?.id ?? null;
  });
  const agency: Agency | null = session.agencies.find((a) => a.id === agencyId) ?? null;
  const myRoles = useMemo(() => session.agencies.find((a) => a.id === agencyId)?.myRoles ?? [], [session.agencies, agencyId]);
  const switchAgency = (id: number) => {
    setAgencyId(id);
    localStorage.setItem(STORAGE_KEY, String(id));
  };

  const menuItems = [
    { key: '/', icon: <HomeOutlined />, label: '首页' },
    ...areas.map((a) => ({ key: a.key, icon: a.icon, label: a.label })),
    {
      key: '/system',
      icon: <SettingOutlined />,
      label: '系统管理',
      children: [
        { key: '/system/agencies', label: '机构管理' },
        { key: '/system/users', label: '用户管理' },
        { key: '/system/calendar', label: '工作日历' },
        { key: '/system/agency', label: '机构设置' },
        { key: '/system/records', label: '工作记录' },
        { key: '/system/audit', icon: <AuditOutlined />, label: '审计日志' },
      ],
    },
  ];
  const path = location.pathname === '/' ? '/' : location.pathname.replace(/\/$/, '');
  // A detail page highlights its area.
  const selected = path.startsWith('/requests/') ? '/requests' : path.startsWith('/proactive/') ? '/proactive' : path.startsWith('/reports/') ? '/reports' : path.startsWith('/interaction/') ? '/interaction' : path;
  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[selected]}
      defaultOpenKeys={selected.startsWith('/system') ? ['/system'] : []}
      items={menuItems}
      onClick={(e) => {
        navigate(e.key);
        setDrawer(false);
      }}
    />
  );

  const logout = async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    onLogout();
  };

  const wide = screens.md !== false;
  return (
    <AgencyContext.Provider value={{ agency, roles: myRoles, session, switchAgency }}>
      <Layout style={{ minHeight: '100vh' }}>
        {wide && (
          <Layout.Sider width={208} aria-label="主导航">
            <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 700 }}>
              <Link to="/" style={{ color: '#fff' }}>
                政务公开工作台
              </Link>
            </div>
            <nav aria-label="功能导航">{menu}</nav>
          </Layout.Sider>
        )}
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={240} styles={{ body: { padding: 0, background: '#001529' } }} title="导航">
          {menu}
        </Drawer>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: wide ? '0 16px' : '8px', display: 'flex', alignItems: 'center', gap: wide ? 12 : 8, height: 'auto', minHeight: 64, lineHeight: 'normal', flexWrap: 'wrap' }}>
            {!wide && <Button icon={<MenuOutlined />} aria-label="打开导航" onClick={() => setDrawer(true)} />}
            <Space wrap style={{ flex: 1, minWidth: 0 }}>
              {wide && <Typography.Text strong>当前机构</Typography.Text>}
              <Select
                aria-label="切换机构"
                data-testid="agency-switcher"
                style={{ minWidth: wide ? 180 : 150, maxWidth: wide ? undefined : 200 }}
                value={agencyId ?? undefined}
                placeholder="无可用机构"
                options={session.agencies.map((a) => ({ value: a.id, label: `${a.name} · ${a.levelLabel}${a.closed ? `（${agencyStateLabels.closed}）` : ""}` }))}
                onChange={switchAgency}
              />
            </Space>
            <Space size={wide ? 8 : 4}>
              {wide && <Typography.Text>{session.user.displayName}</Typography.Text>}
              <Button size={wide ? 'middle' : 'small'} onClick={() => setPasswordOpen(true)}>
                修改密码
              </Button>
              <Button size={wide ? 'middle' : 'small'} onClick={logout}>
                退出
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ margin: wide ? 16 : 8 }}>
            {/* Layout.Content is the page's <main> already: a second one fails axe's landmark rules. */}
            <div style={{ background: '#fff', padding: wide ? 24 : 12, minHeight: 360 }}>
              <Suspense fallback={<Typography.Paragraph>正在加载…</Typography.Paragraph>}>
              <Routes>
                <Route path="/" element={<Dashboard />} />
                <Route path="/proactive" element={<DocumentsPage />} />
                <Route path="/proactive/statistics" element={<Art20StatsPage />} />
                <Route path="/proactive/plan" element={<PlanPage />} />
                <Route path="/proactive/:id" element={<DocumentEditPage />} />
                <Route path="/requests" element={<RequestsPage />} />
                <Route path="/reports" element={<ReportsPage />} />
                <Route path="/appeals" element={<AppealsPage />} />
                <Route path="/reports/check" element={<ReportCheckPage />} />
                <Route path="/reports/submission" element={<SubmissionStatusPage />} />
                <Route path="/reports/rollup" element={<ReportRollupPage />} />
                <Route path="/reports/website" element={<WebsiteReportPage />} />
                <Route path="/requests/:id" element={<RequestDetailPage />} />
                <Route path="/interaction" element={<MessagesPage />} />
                <Route path="/interaction/mailboxes" element={<MessagesMailboxesPage />} />
                <Route path="/interaction/interviews" element={<InterviewsPage />} />
                <Route path="/interaction/hotline" element={<HotlinePage />} />
                <Route path="/interaction/meetings" element={<MeetingsPage />} />
                <Route path="/interaction/messages/:id" element={<MessagesDetailPage />} />
                <Route path="/interaction/consultations" element={<ConsultationsPage />} />
                <Route path="/interaction/consultations/:id" element={<ConsultationDetailPage />} />
                <Route path="/interaction/surveys" element={<SurveysPage />} />
                <Route path="/interaction/surveys/:id" element={<SurveyDetailPage />} />
                <Route path="/statistics" element={<SupervisionPage />} />
                {areas
                  .filter((a) => !['/requests', '/proactive', '/reports', '/appeals', '/interaction', '/statistics'].includes(a.key))
                  .map((a) => (
                    <Route key={a.key} path={a.key} element={<AreaPage title={a.label} intro={a.intro} />} />
                  ))}
                <Route path="/system/calendar" element={<CalendarPage />} />
                <Route path="/system/agency" element={<AgencySettingsPage />} />
                <Route path="/system/records" element={<RecordsPage />} />
                <Route path="/system/users" element={<UsersPage />} />
                <Route path="/system/agencies" element={<AgenciesPage />} />
                <Route path="/system/audit" element={<AuditPage />} />
                <Route path="*" element={<Typography.Paragraph>页面不存在。</Typography.Paragraph>} />
              </Routes>
              </Suspense>
            </div>
          </Layout.Content>
        </Layout>
      </Layout>
      <Modal open={passwordOpen} title="修改密码" footer={null} onCancel={() => setPasswordOpen(false)} destroyOnHidden>
        <ChangePasswordForm onChanged={() => setPasswordOpen(false)} />
      </Modal>
    </AgencyContext.Provider>
  );
}

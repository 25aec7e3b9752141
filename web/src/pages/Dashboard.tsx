import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { roleLabels } from '../api';
import { useAgency } from '../agency';
import { areas } from '../Shell';

export function Dashboard() {
  const { agency, roles, session } = useAgency();
  return (
    <>
      <Typography.Title level={3}>首页</Typography.Title>
      {agency ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 24 }}>
          <Descriptions.Item label="机构">{agency.name}</Descriptions.Item>
          <Descriptions.Item label="层级">{agency.levelLabel}</Descriptions.Item>
          <Descriptions.Item label="我的角色">{roles.map((r) => roleLabels[r]).join('、') || '无'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph>{session.user.displayName}，您尚未被分配到任何机构，请联系管理员。</Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        {areas.map((a) => (
          <Col xs={24} md={12} lg={8} key={a.key}>
            <Link to={a.key}>
              <Card hoverable title={<span>{a.icon} {a.label}</span>}>
                {a.intro}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}

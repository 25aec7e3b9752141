import { Alert, Typography } from 'antd';

/** The landing page of a work area whose screens are not built yet: says so plainly. */
export function AreaPage({ title, intro }: { title: string; intro: string }) {
  return (
    <>
      <Typography.Title level={3}>{title}</Typography.Title>
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Alert type="info" showIcon message="本模块正在建设中，功能上线后将在此处提供。" />
    </>
  );
}

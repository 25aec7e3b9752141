/**
 * A first draft of the statutory report's section 一 (总体情况), written from the year's records.
 * Every number in it is one of `figures`, each a count the capability read; a source the
 * platform has no records for (meetings, consultations until they exist) is left out of the text
 * and named in `notConnected`, so the draft never states a made-up 0. Staff edit the draft; it
 * becomes the report's section 一 only when they save it.
 */

export interface OverviewFacts {
  agencyName: string;
  year: number;
  /** Documents published in the year (不含解读), per column, in the columns' order. */
  columns: { name: string; count: number }[];
  /** Published on the portal in the year (the website channel): the sum of `columns`. */
  website: number;
  /** Planned posts of the year whose document was published, per channel. */
  wechat: number;
  board: number;
  /** Reads on the portal of the documents published in the year. */
  reads: number;
  interpretations: number;
  trainings: { sessions: number; attendances: number };
  messages: { received: number; replied: number };
  /** null: not recorded on the platform (未接入). */
  meetings: number | null;
  consultations: number | null;
}

export interface OverviewFigure {
  key: string;
  label: string;
  value: number;
}

export interface OverviewDraft {
  text: string;
  figures: OverviewFigure[];
  /** What the draft leaves out because the platform keeps no records of it. */
  notConnected: string[];
}

export function overviewDraft(f: OverviewFacts): OverviewDraft {
  const figures: OverviewFigure[] = [];
  // Each number enters the text through here, so the figures list is exactly what the text says.
  const n = (key: string, label: string, value: number): string => {
    figures.push({ key, label, value });
    return String(value);
  };
  const paragraphs: string[] = [];

  let p1 = `（一）主动公开情况。${f.year}年，${f.agencyName}通过政府网站主动公开政府信息${n('website', '政府网站发布信息', f.website)}条`;
  const byColumn = f.columns.filter((c) => c.count > 0).map((c) => `${c.name}${n(`column:${c.name}`, `栏目“${c.name}”`, c.count)}条`);
  if (byColumn.length) p1 += `，其中${byColumn.join('、')}`;
  p1 += '。';
  const channels: string[] = [];
  if (f.wechat > 0) channels.push(`微信公众号发布${n('wechat', '微信公众号发布', f.wechat)}条`);
  if (f.board > 0) channels.push(`公告栏张贴${n('board', '公告栏张贴', f.board)}条`);
  if (channels.length) p1 += `按发布计划，${channels.join('，')}。`;
  if (f.reads > 0) p1 += `本年发布的信息在网站累计阅读${n('reads', '累计阅读', f.reads)}次。`;
  paragraphs.push(p1);

  paragraphs.push(
    f.interpretations > 0
      ? `（二）政策解读情况。坚持政策文件与解读材料同步起草、同步审批、同步发布，全年发布政策解读${n('interpretations', '政策解读', f.interpretations)}篇。`
      : '（二）政策解读情况。本年未发布政策解读。',
  );

  let p3 = '（三）互动交流情况。';
  p3 +=
    f.messages.received > 0 || f.messages.replied > 0
      ? `全年收到群众留言${n('messagesReceived', '收到留言', f.messages.received)}件，答复${n('messagesReplied', '答复留言', f.messages.replied)}件。`
      : '本年未收到群众留言。';
  if (f.consultations) p3 += `开展意见征集${n('consultations', '意见征集', f.consultations)}次。`;
  paragraphs.push(p3);

  let p4 = '（四）平台建设和监督保障。';
  p4 +=
    f.trainings.sessions > 0
      ? `组织开展政府信息公开业务培训${n('trainings', '培训次数', f.trainings.sessions)}次，参训${n('attendances', '参训人次', f.trainings.attendances)}人次。`
      : '本年未组织政府信息公开业务培训。';
  if (f.meetings) p4 += `召开政务公开工作会议${n('meetings', '工作会议', f.meetings)}次。`;
  paragraphs.push(p4);

  const notConnected = [...(f.meetings === null ? ['工作会议'] : []), ...(f.consultations === null ? ['意见征集'] : [])];
  return { text: paragraphs.join('\n'), figures, notConnected };
}

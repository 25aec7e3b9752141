import { App, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api';
import { fieldErrorsOf } from '../forms';
import { todayDayjs } from '../clock';
import { questionKindLabels, questionKinds, surveyLimits, type QuestionKind, type SurveyDetail, type SurveyInput } from '../surveys';

interface QuestionValues {
  key?: string;
  kind: QuestionKind;
  title: string;
  required: boolean;
  /** A choice question's options, one per line. */
  optionsText?: string;
}
interface Values {
  title: string;
  description?: string;
  startDate: Dayjs;
  endDate: Dayjs;
  questions: QuestionValues[];
}

const hasOptions = (k: QuestionKind | undefined) => k === 'single' || k === 'multiple';

function toInput(v: Values): SurveyInput {
  return {
    title: v.title ?? '',
    description: v.description ?? '',
    startDate: v.startDate?.format('YYYY-MM-DD') ?? '',
    endDate: v.endDate?.format('YYYY-MM-DD') ?? '',
    questions: (v.questions ?? []).map((q) => ({
      ...(q.key ? { key: q.key } : {}),
      kind: q.kind,
      title: q.title ?? '',
      required: q.required === true,
      options: hasOptions(q.kind) ? (q.optionsText ?? '').split('\n').map((s) => s.trim()).filter(Boolean) : [],
    })),
  };
}

const fromSurvey = (s: SurveyDetail | null): Partial<Values> =>
  s
    ? { title: s.title, description: s.description, startDate: dayjs(s.startDate), endDate: dayjs(s.endDate), questions: s.questions.map((q) => ({ key: q.key, kind: q.kind, title: q.title, required: q.required, optionsText: q.options.join('\n') })) }
    : { startDate: todayDayjs(), endDate: todayDayjs().add(30, 'day'), questions: [{ kind: 'single', title: '', required: true, optionsText: '' }] };

/**
 * Creates a survey (agencyId given) or edits a draft (survey given). The server's problems land on
 * their fields, the questions' ones included ('questions.2.options' → that question's options).
 */
export function SurveyEditor({ agencyId, survey, onSaved }: { agencyId: number; survey: SurveyDetail | null; onSaved: (s: { id: number }) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = async (v: Values) => {
    try {
      const input = toInput(v);
      const saved = survey ? await api<SurveyDetail>('PUT', `/surveys/${survey.id}`, input) : await api<{ id: number }>('POST', '/surveys', { agencyId, ...input });
      message.success('问卷已保存');
      onSaved(saved);
    } catch (err) {
      const errors = fieldErrorsOf(err);
      const placed = errors.map((e) => {
        const m = /^questions\.(\d+)\.(\w+)$/.exec(e.field);
        return { name: m ? ['questions', Number(m[1]), m[2] === 'options' ? 'optionsText' : m[2]!] : [e.field], errors: [e.message] };
      });
      form.setFields(placed as Parameters<typeof form.setFields>[0]);
      message.error(errors.length ? `请修改标出的 ${errors.length} 处后再保存` : err instanceof Error ? err.message : '保存失败');
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={fromSurvey(survey)} onFinish={save} style={{ maxWidth: 760 }}>
      <Form.Item label="问卷标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写问卷标题' }, { max: surveyLimits.title, message: `不超过 ${surveyLimits.title} 个字` }]}>
        <Input />
      </Form.Item>
      <Form.Item label="问卷说明" name="description" rules={[{ max: surveyLimits.description, message: `不超过 ${surveyLimits.description} 个字` }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Space wrap>
        <Form.Item label="开始日期" name="startDate" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item label="截止日期" name="endDate" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" title={`第 ${i + 1} 题`} style={{ marginBottom: 12 }} extra={<Button size="small" onClick={() => remove(f.name)}>删除此题</Button>}>
                <Space wrap align="start">
                  <Form.Item label="题型" name={[f.name, 'kind']} rules={[{ required: true, message: '请选择题型' }]}>
                    <Select style={{ width: 120 }} options={questionKinds.map((k) => ({ value: k, label: questionKindLabels[k] }))} />
                  </Form.Item>
                  <Form.Item label="必答" name={[f.name, 'required']} valuePropName="checked">
                    <Checkbox>必答</Checkbox>
                  </Form.Item>
                </Space>
                <Form.Item label="题目" name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写题目' }]}>
                  <Input />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    hasOptions(form.getFieldValue(['questions', f.name, 'kind'])) ? (
                      <Form.Item label="选项（每行一个）" name={[f.name, 'optionsText']} rules={[{ required: true, message: '请填写选项，每行一个' }]}>
                        <Input.TextArea rows={4} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
              </Card>
            ))}
            <Button onClick={() => add({ kind: 'single', title: '', required: true, optionsText: '' })} style={{ marginBottom: 16 }}>
              添加题目
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {survey ? '保存修改' : '保存为草稿'}
        </Button>
      </Form.Item>
    </Form>
  );
}

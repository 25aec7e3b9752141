/**
 * Online interviews (在线访谈, issue 16 item 4): topic, guests, time, the public's questions sent
 * beforehand (portal form with the request form's captcha), and the published transcript.
 * Questions left unanswered on air become messages due in 5 working days. Types and Chinese
 * labels the API speaks; no Node.js APIs, so the workspace imports them.
 */
export const interviewFieldLabels = {
  topic: '访谈主题',
  guests: '访谈嘉宾',
  startsAt: '访谈时间',
  description: '访谈简介',
  mailboxId: '未答问题转入的信箱',
  transcript: '访谈实录',
  // The portal's question form.
  name: '姓名',
  phone: '联系电话',
  body: '问题内容',
  consentToPublish: '是否同意公开',
  captchaToken: '验证问题',
  captchaAnswer: '验证问题的答案',
  // Marking questions.
  answers: '现场答复',
  'answers.questionId': '问题编号',
  'answers.answer': '答复要点',
} as const;

export const interviewLimits = { topic: 100, guests: 500, description: 2000, transcript: 100_000, question: 500, name: 50 } as const;

/** How many working days a question left unanswered on air has, as a message (宣城's rule: 5). */
export const UNANSWERED_REPLY_WORKING_DAYS = 5;

export const questionStatusLabels = { pending: '待答复', answered: '访谈中已答复', converted: '已转为留言办理' } as const;
export type QuestionStatus = keyof typeof questionStatusLabels;

export interface InterviewInput {
  topic: string;
  /** One guest a line: name and post. */
  guests: string;
  /** China time, 'YYYY-MM-DD HH:MM'. */
  startsAt: string;
  description: string;
  mailboxId: number;
}

export interface InterviewQuestion {
  id: number;
  /** Masked (张**) unless the reader handles messages. */
  askerName: string;
  askerPhone: string;
  body: string;
  consentToPublish: boolean;
  submittedAt: string;
  status: QuestionStatus;
  statusLabel: string;
  answer: string;
  /** The message it became, for the case page. */
  messageId: number | null;
}

export interface Interview extends InterviewInput {
  id: number;
  agencyId: number;
  mailboxName: string;
  transcript: string;
  transcriptPublishedAt: string | null;
  /** Before its time: the portal takes questions. */
  upcoming: boolean;
  questionCount: number;
}

export interface InterviewDetail extends Interview {
  questions: InterviewQuestion[];
  /** After the interview, while questions are pending: POST …/convert-unanswered. */
  mayConvert: boolean;
}

export interface NewQuestionInput {
  name: string;
  phone: string;
  body: string;
  consentToPublish: boolean;
}

/** What the portal shows of an interview. */
export interface PublicInterview {
  id: number;
  topic: string;
  guests: string[];
  startsAt: string;
  description: string;
  upcoming: boolean;
  /** Only once published. */
  transcript: string | null;
  /** Questions answered on air whose askers agreed: asker masked (张**). */
  answered: { asker: string; body: string; answer: string }[];
  questionCount: number;
  convertedCount: number;
}

export interface ConvertResult {
  converted: { questionId: number; messageId: number; queryCode: string; dueDate: string }[];
}

/**
 * A notice as a Word document (A4, GB/T 9704-2012 layout: 仿宋_GB2312 三号 body on a fixed
 * 28.95 pt line pitch, 宋体 二号 title, page numbers "— 1 —" in 宋体 四号).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import {
  buildNoticeDocument,
  type Block,
  type NoticeDocument,
  type TableBlock,
} from './content.ts';
import type { Notice } from './model.ts';

export interface DocxOptions {
  /**
   * East Asian body font. '仿宋_GB2312' is the 公文 standard; Windows 10+ ships only '仿宋', so an
   * agency without 仿宋_GB2312 installed may choose '仿宋'.
   */
  readonly bodyFont?: '仿宋_GB2312' | '仿宋';
}

const TITLE_FONT = '宋体';
const PAGE_NUMBER_FONT = '宋体';
const LATIN_FONT = 'Times New Roman';
/** Half-points: 三号 16 pt, 二号 22 pt, 四号 14 pt. */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;
const SMALL_SIZE = 28;
/** 225 mm / 22 lines = 28.95 pt, in twips. */
const LINE = 579;
/** One character of 三号 in twips (16 pt × 20). */
const CHAR = 320;

/** Millimetres to twips, rounded (docx's own helper truncates: A4 would be 11905 × 16837). */
const mm = (n: number): number => Math.round((n * 1440) / 25.4);

const fonts = (eastAsia: string) => ({
  ascii: LATIN_FONT,
  hAnsi: LATIN_FONT,
  eastAsia,
  cs: LATIN_FONT,
});

function run(text: string, body: string, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: fonts(body), size: BODY_SIZE, ...extra });
}

const exact = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function bodyParagraph(
  text: string,
  body: string,
  indentFirstLine = true,
  keepNext = false,
): Paragraph {
  return new Paragraph({
    keepNext,
    alignment: AlignmentType.BOTH,
    spacing: exact,
    // Both units: Word uses the character count, other readers the twips.
    ...(indentFirstLine ? { indent: { firstLine: 2 * CHAR, firstLineChars: 200 } } : {}),
    children: [run(text, body)],
  });
}

const blank = (keepNext = false): Paragraph =>
  new Paragraph({ spacing: exact, keepNext, children: [] });

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin };

function table(b: TableBlock, body: string): Table {
  const cell = (text: string, i: number, bold = false): TableCell =>
    new TableCell({
      borders,
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 100, right: 100, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          alignment: i === b.header.length - 1 ? AlignmentType.RIGHT : AlignmentType.CENTER,
          spacing: { line: 360, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
          children: [run(text, body, { size: SMALL_SIZE, bold })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, i)) }),
    ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i)) })),
    ...(b.total
      ? [new TableRow({ cantSplit: true, children: b.total.map((c, i) => cell(c, i, true)) })]
      : []),
  ];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

function blocks(doc: NoticeDocument, body: string): (Paragraph | Table)[] {
  // The closing sentence keeps with the signature, so the signature never stands alone on a page.
  const last = doc.body.length - 1;
  return doc.body.map((b: Block, i) =>
    b.type === 'paragraph' ? bodyParagraph(b.text, body, true, i === last) : table(b, body),
  );
}

function children(doc: NoticeDocument, body: string): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const line of doc.titleLines) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: 640, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          // 宋体 stands in for 小标宋, which is heavier; bold keeps the title's weight.
          new TextRun({ text: line, font: fonts(TITLE_FONT), size: TITLE_SIZE, bold: true }),
        ],
      }),
    );
  }
  if (doc.docNumber) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact,
        children: [run(doc.docNumber, body)],
      }),
    );
  }
  out.push(blank());
  out.push(bodyParagraph(`${doc.addressee}：`, body, false));
  out.push(...blocks(doc, body));
  if (doc.attachments.length > 0) {
    out.push(blank(true));
    doc.attachments.forEach((a, i) => {
      out.push(
        new Paragraph({
          spacing: exact,
          keepNext: true,
          // 附件说明: 左空二字; later items align with the first item's name (after "附件：").
          indent: { left: (i === 0 ? 2 : 5) * CHAR },
          children: [run(a, body)],
        }),
      );
    });
  }
  // Seal area: two blank lines above the signature; the seal overlaps name and date.
  out.push(blank(true), blank(true));
  const sig = doc.signature;
  out.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: exact,
      keepNext: true,
      keepLines: true,
      indent: { right: Math.round(sig.nameRightEm * CHAR) },
      children: [run(sig.name, body)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: exact,
      keepNext: doc.note !== undefined,
      keepLines: true,
      indent: { right: Math.round(sig.dateRightEm * CHAR) },
      children: [run(sig.date, body)],
    }),
  );
  if (doc.note) out.push(bodyParagraph(doc.note, body));
  return out;
}

/**
 * The notice as a .docx file. Same content as {@link renderNoticeHtml}; throws NoticeDataError
 * when a required field is missing.
 */
export async function renderNoticeDocx(notice: Notice, options: DocxOptions = {}): Promise<Buffer> {
  const doc = buildNoticeDocument(notice);
  const body = options.bodyFont ?? '仿宋_GB2312';
  const document = new Document({
    title: doc.titleLines.join(''),
    creator: doc.signature.name,
    styles: {
      default: {
        document: {
          run: {
            font: fonts(body),
            size: BODY_SIZE,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: exact },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              // The page number sits about 7 mm below the 版心.
              footer: mm(23),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    // 半角宋体 digits, so the Latin slots are 宋体 too.
                    font: {
                      ascii: PAGE_NUMBER_FONT,
                      hAnsi: PAGE_NUMBER_FONT,
                      eastAsia: PAGE_NUMBER_FONT,
                    },
                    size: SMALL_SIZE,
                  }),
                ],
              }),
            ],
          }),
        },
        children: children(doc, body),
      },
    ],
  });
  return Packer.toBuffer(document);
}

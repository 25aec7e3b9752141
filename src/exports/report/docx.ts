/**
 * The annual report as a Word document (docx package): A4 with the 公文 margins, 仿宋 三号 body
 * with a two-character first-line indent, 宋体 title and tables, 黑体 section headings, and the
 * three tables with the official merged cells (rowSpan/columnSpan; docx writes the vMerge
 * continuation cells itself).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';

import type { AnnualReport } from '../../domain/report/index.ts';
import {
  PAGE_MM,
  expandLayout,
  reportBlocks,
  reportTitle,
  type BlockOptions,
  type LayoutCell,
  type TableLayout,
} from './layout.ts';

export type RenderDocxOptions = BlockOptions;

const twips = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** Chinese text in the named font, digits and Latin letters in Times New Roman (公文 habit). */
const font = (eastAsia: string): IFontAttributesProperties => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  cs: 'Times New Roman',
  eastAsia,
});
const FANGSONG = font('仿宋');
const SONG = font('宋体');
const HEI = font('黑体');

/** Sizes in points: 二号 22, 三号 16, 四号 14, 五号 10.5. */
const BODY_PT = 16;
const LINE_EXACT = 560; // 28 pt, about 22 lines per page as in GB/T 9704.
/** Two 三号 characters (2 × 16 pt) in twips, for Word versions that ignore firstLineChars. */
const INDENT_2_CHARS = 640;

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLineChars: 200, firstLine: INDENT_2_CHARS },
    spacing: { line: LINE_EXACT, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: FANGSONG, size: BODY_PT * 2 })],
  });
}

function cellParagraph(c: LayoutCell, sizePt: number): Paragraph {
  return new Paragraph({
    alignment: c.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    children: [new TextRun({ text: c.text, font: SONG, size: Math.round(sizePt * 2) })],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function tableOf(t: TableLayout): Table {
  const widths = t.widthsMm.map(twips);
  // 表三 and 表四 a little smaller, as in the HTML, so that 表三 fits on one page.
  const sizePt = t.id === 'proactive' ? 10.5 : 10;
  const minHeight = twips(t.id === 'requests' ? 6 : 7);
  // The grid column where each cell starts (rows below a rowspan start further right).
  const startCol = new Map<LayoutCell, number>();
  for (const row of expandLayout(t)) for (const p of row) if (p.origin) startCol.set(p.cell, p.col);
  const rows = t.rows.map((row) => {
    const cells = row.cells.map((c) => {
      const col = startCol.get(c) ?? 0;
      const width = widths.slice(col, col + c.colSpan).reduce((a, b) => a + b, 0);
      return new TableCell({
        children: [cellParagraph(c, sizePt)],
        ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
        ...(c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        margins: { left: 57, right: 57, top: 28, bottom: 28 },
        ...(c.role === 'marker'
          ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } }
          : {}),
      });
    });
    return new TableRow({
      children: cells,
      cantSplit: true,
      ...(row.header ? { tableHeader: true } : {}),
      height: { value: minHeight, rule: HeightRule.ATLEAST },
    });
  });
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
  });
}

/** Word's table is followed directly by the next heading otherwise; a small gap reads better. */
const gap = (): Paragraph =>
  new Paragraph({ spacing: { line: 240, before: 0, after: 0 }, children: [] });

/** The report as a .docx file. */
export async function renderReportDocx(
  report: AnnualReport,
  options: RenderDocxOptions = {},
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of reportBlocks(report, options)) {
    switch (b.kind) {
      case 'title':
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 720, lineRule: LineRuleType.AT_LEAST, after: LINE_EXACT },
            children: [new TextRun({ text: b.text, font: SONG, size: 44, bold: true })],
          }),
        );
        break;
      case 'paragraph':
        children.push(bodyParagraph(b.text));
        break;
      case 'heading':
        children.push(
          new Paragraph({
            keepNext: true,
            indent: { firstLineChars: 200, firstLine: INDENT_2_CHARS },
            spacing: { line: LINE_EXACT, lineRule: LineRuleType.EXACT },
            children: [new TextRun({ text: b.text, font: HEI, size: BODY_PT * 2 })],
          }),
        );
        break;
      case 'table':
        children.push(tableOf(b.table), gap());
        break;
      case 'signature':
        b.lines.forEach((line, k) =>
          children.push(
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              spacing: {
                line: LINE_EXACT,
                lineRule: LineRuleType.EXACT,
                ...(k === 0 ? { before: LINE_EXACT } : {}),
              },
              indent: { right: INDENT_2_CHARS },
              children: [new TextRun({ text: line, font: FANGSONG, size: BODY_PT * 2 })],
            }),
          ),
        );
        break;
    }
  }
  const doc = new Document({
    title: reportTitle(report),
    creator: report.agency.name ?? 'Gongkai',
    styles: {
      default: {
        document: { run: { font: FANGSONG, size: BODY_PT * 2, language: { eastAsia: 'zh-CN' } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(PAGE_MM.width), height: twips(PAGE_MM.height) },
            margin: {
              top: twips(PAGE_MM.top),
              bottom: twips(PAGE_MM.bottom),
              left: twips(PAGE_MM.left),
              right: twips(PAGE_MM.right),
              footer: twips(20),
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
                    font: SONG,
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

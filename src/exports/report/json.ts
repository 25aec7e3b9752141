/**
 * The annual report as JSON for exchange (schemaVersion 1, documented in
 * docs/report-json-schema.md). Every row and column is keyed by the taxonomy's stable codes, and
 * every code is always present, so that consumers can address a cell without searching:
 * `tables.requests.rows['withheld.state_secret'].natural_person`.
 *
 * Record ids behind the cells are internal and are not exported.
 */
import {
  APPEAL_COLUMNS,
  APPEAL_KINDS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  SECTIONS,
  valueAt,
  type AgencyLevel,
  type AnnualReport,
  type AppealColumnKey,
  type AppealKind,
  type ProactiveRowKey,
  type RequestColumnKey,
  type RequestRowKey,
  type SectionKey,
  type TemplateVersion,
} from '../../domain/report/index.ts';

export const REPORT_JSON_SCHEMA_VERSION = 1;

/** A cell: the number, or null when a parsed report has it blank, unreadable or missing. */
export type JsonCell = number | null;

export interface ReportJsonSection {
  readonly key: SectionKey;
  readonly numeral: '一' | '二' | '三' | '四' | '五' | '六';
  /** Official heading, e.g. '一、总体情况'. */
  readonly heading: string;
  /** False when a parsed report lacks the section. */
  readonly present: boolean;
  /** Narrative text; paragraphs separated by '\n'. Tables are not repeated here. */
  readonly text: string;
}

export interface ReportJsonProactiveRows {
  readonly rules: {
    readonly issued: JsonCell;
    readonly repealed: JsonCell;
    readonly inForce: JsonCell;
  };
  readonly normative: {
    readonly issued: JsonCell;
    readonly repealed: JsonCell;
    readonly inForce: JsonCell;
  };
  readonly licensing: { readonly decisions: JsonCell };
  readonly penalty: { readonly decisions: JsonCell };
  readonly enforcement: { readonly decisions: JsonCell };
  /** In 万元, as printed in the table. */
  readonly fees: { readonly amount: JsonCell };
}

export interface ReportJson {
  readonly schemaVersion: 1;
  readonly agency: { readonly name: string | null; readonly level: AgencyLevel | null };
  readonly year: number | null;
  readonly title: string | null;
  readonly template: TemplateVersion;
  readonly preamble: string;
  readonly sections: readonly ReportJsonSection[];
  readonly tables: {
    readonly proactive: { readonly rows: ReportJsonProactiveRows };
    readonly requests: {
      readonly rows: {
        readonly [R in RequestRowKey]: { readonly [C in RequestColumnKey]: JsonCell };
      };
    };
    readonly appeals: {
      readonly rows: { readonly [K in AppealKind]: { readonly [C in AppealColumnKey]: JsonCell } };
    };
  };
  /** 信息处理费 charged in 元, when the report was computed from records; null otherwise. */
  readonly processingFeeYuan: number | null;
}

const cell = (v: number | undefined): JsonCell => (v === undefined ? null : v);

export function reportToJson(report: AnnualReport): ReportJson {
  const proactive: Record<string, Record<string, JsonCell>> = {};
  for (const b of PROACTIVE_BLOCKS) {
    for (const r of b.rows) {
      proactive[r.key] = Object.fromEntries(
        b.columns.map((c) => [c.key, cell(valueAt(report, 'proactive', r.key, c.key))]),
      );
    }
  }
  const requests: Record<string, Record<string, JsonCell>> = {};
  for (const r of REQUEST_ROWS) {
    requests[r] = Object.fromEntries(
      REQUEST_COLUMNS.map((c) => [c, cell(valueAt(report, 'requests', r, c))]),
    );
  }
  const appeals: Record<string, Record<string, JsonCell>> = {};
  for (const k of APPEAL_KINDS) {
    appeals[k] = Object.fromEntries(
      APPEAL_COLUMNS.map((c) => [c, cell(valueAt(report, 'appeals', k, c))]),
    );
  }
  return {
    schemaVersion: REPORT_JSON_SCHEMA_VERSION,
    agency: { name: report.agency.name ?? null, level: report.agency.level ?? null },
    year: report.year ?? null,
    title: report.title ?? null,
    template: report.template,
    preamble: report.preamble,
    sections: SECTIONS.map((d) => {
      const s = report.sections.find((x) => x.key === d.key);
      return {
        key: d.key,
        numeral: d.numeral,
        heading: d.heading,
        present: s !== undefined,
        text: s?.text ?? '',
      };
    }),
    tables: {
      proactive: { rows: proactive as unknown as ReportJsonProactiveRows },
      requests: { rows: requests as ReportJson['tables']['requests']['rows'] },
      appeals: { rows: appeals as ReportJson['tables']['appeals']['rows'] },
    },
    processingFeeYuan: report.processingFeeYuan ?? null,
  };
}

// ---- JSON Schema (draft 2020-12) ----------------------------------------------------------------

const cellSchema = { $ref: '#/$defs/cell' } as const;

function objectOf(keys: readonly string[], value: unknown): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(keys.map((k) => [k, value])),
    required: [...keys],
    additionalProperties: false,
  };
}

const proactiveRows = {
  type: 'object',
  properties: Object.fromEntries(
    PROACTIVE_BLOCKS.flatMap((b) =>
      b.rows.map((r) => [
        r.key,
        objectOf(
          b.columns.map((c) => c.key),
          cellSchema,
        ),
      ]),
    ),
  ),
  required: PROACTIVE_BLOCKS.flatMap((b) => b.rows.map((r): ProactiveRowKey => r.key)),
  additionalProperties: false,
};

/** JSON Schema of ReportJson, version 1. Every code of the taxonomy is a required property. */
export const REPORT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:gongkai:schema:annual-report:1',
  title: '政府信息公开工作年度报告（Gongkai JSON，schemaVersion 1）',
  description:
    'An annual report in the format of 国办公开办函〔2021〕30号. Row and column codes are those of docs/report-json-schema.md.',
  type: 'object',
  required: [
    'schemaVersion',
    'agency',
    'year',
    'title',
    'template',
    'preamble',
    'sections',
    'tables',
    'processingFeeYuan',
  ],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    agency: {
      type: 'object',
      required: ['name', 'level'],
      additionalProperties: false,
      properties: {
        name: { type: ['string', 'null'] },
        level: {
          enum: ['province', 'city', 'county', 'township', 'department', null],
        },
      },
    },
    year: { type: ['integer', 'null'] },
    title: { type: ['string', 'null'] },
    template: { enum: ['2021', '2019-trial', 'unknown'] },
    preamble: { type: 'string' },
    sections: {
      type: 'array',
      minItems: SECTIONS.length,
      maxItems: SECTIONS.length,
      prefixItems: SECTIONS.map((d) => ({
        type: 'object',
        required: ['key', 'numeral', 'heading', 'present', 'text'],
        additionalProperties: false,
        properties: {
          key: { const: d.key },
          numeral: { const: d.numeral },
          heading: { const: d.heading },
          present: { type: 'boolean' },
          text: { type: 'string' },
        },
      })),
      items: false,
    },
    tables: {
      type: 'object',
      required: ['proactive', 'requests', 'appeals'],
      additionalProperties: false,
      properties: {
        proactive: objectOf(['rows'], proactiveRows),
        requests: objectOf(['rows'], objectOf(REQUEST_ROWS, objectOf(REQUEST_COLUMNS, cellSchema))),
        appeals: objectOf(['rows'], objectOf(APPEAL_KINDS, objectOf(APPEAL_COLUMNS, cellSchema))),
      },
    },
    processingFeeYuan: { type: ['number', 'null'], minimum: 0 },
  },
  $defs: {
    cell: {
      description:
        'The figure; null when a parsed report has the cell blank, unreadable or missing. Counts are non-negative integers in a valid report; tables.proactive.rows.fees.amount is in 万元 and may have decimals.',
      type: ['number', 'null'],
    },
  },
} as const;

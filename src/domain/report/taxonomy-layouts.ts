/**
 * Every official label of each table in document order, as layout entries: the template checks
 * compare a report's labels to them. Built from taxonomy-format.ts; import through taxonomy.ts.
 */
import {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  LITIGATION_LABEL,
  OUTCOMES,
  OUTCOME_GROUPS,
  PROACTIVE_BLOCKS,
  REQUEST_HEADER_GROUPS,
  REQUEST_RESULTS_LABEL,
  REQUEST_ROW_LABELS,
  type OutcomeGroup,
  type TableId,
} from './taxonomy-format.ts';

/**
 * One official label of a table. `key` is stable: 'item1' (a block marker), 'item1.issued' (a
 * column of block item1), 'rules' (a row); in table 三 'col.total', 'row.new', 'group.withheld';
 * in table 四 'kind.reconsideration', 'reconsideration.upheld'.
 */
export interface LayoutEntry {
  readonly table: TableId;
  readonly kind: 'block' | 'column' | 'row' | 'group';
  readonly key: string;
  readonly label: string;
  /** Data columns and rows must be present; markers and group labels are compared when present. */
  readonly required: boolean;
}

function proactiveLayout(): LayoutEntry[] {
  const out: LayoutEntry[] = [];
  for (const b of PROACTIVE_BLOCKS) {
    out.push({ table: 'proactive', kind: 'block', key: b.key, label: b.marker, required: false });
    out.push({
      table: 'proactive',
      kind: 'group',
      key: `${b.key}.content`,
      label: b.contentHeader,
      required: false,
    });
    for (const c of b.columns) {
      out.push({
        table: 'proactive',
        kind: 'column',
        key: `${b.key}.${c.key}`,
        label: c.label,
        required: true,
      });
    }
    for (const r of b.rows) {
      out.push({ table: 'proactive', kind: 'row', key: r.key, label: r.label, required: true });
    }
  }
  return out;
}

function requestsLayout(): LayoutEntry[] {
  const t = 'requests' as const;
  const out: LayoutEntry[] = [
    {
      table: t,
      kind: 'group',
      key: 'group.note',
      label: REQUEST_HEADER_GROUPS.note,
      required: false,
    },
    {
      table: t,
      kind: 'group',
      key: 'group.applicants',
      label: REQUEST_HEADER_GROUPS.applicants,
      required: false,
    },
    { table: t, kind: 'column', key: 'col.natural_person', label: '自然人', required: true },
    {
      table: t,
      kind: 'group',
      key: 'group.organizations',
      label: REQUEST_HEADER_GROUPS.organizations,
      required: false,
    },
  ];
  for (const a of APPLICANT_TYPES.slice(1)) {
    out.push({
      table: t,
      kind: 'column',
      key: `col.${a}`,
      label: APPLICANT_TYPE_LABELS[a],
      required: true,
    });
  }
  out.push({ table: t, kind: 'column', key: 'col.total', label: '总计', required: true });
  out.push({
    table: t,
    kind: 'row',
    key: 'row.new',
    label: REQUEST_ROW_LABELS.new,
    required: true,
  });
  out.push({
    table: t,
    kind: 'row',
    key: 'row.carried_in',
    label: REQUEST_ROW_LABELS.carried_in,
    required: true,
  });
  out.push({
    table: t,
    kind: 'group',
    key: 'group.results',
    label: REQUEST_RESULTS_LABEL,
    required: false,
  });
  let group: OutcomeGroup | undefined;
  for (const o of OUTCOMES) {
    if (o.group && o.group !== group) {
      group = o.group;
      out.push({
        table: t,
        kind: 'group',
        key: `group.${o.group}`,
        label: OUTCOME_GROUPS[o.group],
        required: false,
      });
    }
    out.push({ table: t, kind: 'row', key: `row.${o.code}`, label: o.label, required: true });
  }
  out.push({
    table: t,
    kind: 'row',
    key: 'row.closed_total',
    label: REQUEST_ROW_LABELS.closed_total,
    required: true,
  });
  out.push({
    table: t,
    kind: 'row',
    key: 'row.carried_out',
    label: REQUEST_ROW_LABELS.carried_out,
    required: true,
  });
  return out;
}

function appealsLayout(): LayoutEntry[] {
  const t = 'appeals' as const;
  const out: LayoutEntry[] = [];
  for (const k of APPEAL_KINDS) {
    if (k === 'litigation_direct') {
      out.push({
        table: t,
        kind: 'group',
        key: 'kind.litigation',
        label: LITIGATION_LABEL,
        required: false,
      });
    }
    out.push({
      table: t,
      kind: 'group',
      key: `kind.${k}`,
      label: APPEAL_KIND_LABELS[k],
      required: false,
    });
    for (const c of APPEAL_COLUMNS) {
      out.push({
        table: t,
        kind: 'column',
        key: `${k}.${c}`,
        label: APPEAL_COLUMN_LABELS[c],
        required: true,
      });
    }
  }
  return out;
}

export const TABLE_LAYOUTS: Readonly<Record<TableId, readonly LayoutEntry[]>> = {
  proactive: proactiveLayout(),
  requests: requestsLayout(),
  appeals: appealsLayout(),
};

export function layoutEntry(table: TableId, key: string): LayoutEntry | undefined {
  return TABLE_LAYOUTS[table].find((e) => e.key === key);
}

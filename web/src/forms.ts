/** Puts the server's per-field errors on the form's fields, and keeps Enter in a date field from submitting. */
import type { FormInstance } from 'antd';
import { ApiError } from './api';

export interface FieldError {
  /** The field as the API names it ('title', 'receipt.date'). */
  field: string;
  /** Chinese, naming the field by its label. */
  message: string;
}

/** The per-field errors an API error carries: schema validation and the services' own checks both send details.fields. */
export function fieldErrorsOf(err: unknown): FieldError[] {
  if (!(err instanceof ApiError)) return [];
  const fields = (err.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldError => typeof f === 'object' && f !== null && typeof (f as FieldError).field === 'string' && typeof (f as FieldError).message === 'string');
}

/**
 * Marks every invalid field the form shows (antd then sets aria-invalid and links the message by
 * aria-describedby) and scrolls to the first. Returns the sentence to show in a toast: a summary
 * when all errors sit on fields, or the server's whole message when some have no field here.
 * `formFieldOf` maps the API's field names to the form's where they differ.
 */
export function showFieldErrors(form: FormInstance, err: unknown, fallback = '操作失败', formFieldOf: Readonly<Record<string, string>> = {}): string {
  // A form may name a field otherwise than the API ('applicantName' for 'applicant.name').
  const errors = fieldErrorsOf(err).map((e) => ({ ...e, field: formFieldOf[e.field] ?? e.field }));
  const shown = new Set(Object.keys(form.getFieldsValue()));
  const placed = errors.filter((e) => shown.has(e.field));
  const byField = new Map<string, string[]>();
  for (const e of placed) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  form.setFields([...byField].map(([name, messages]) => ({ name, errors: messages })));
  if (placed.length > 0) form.scrollToField(placed[0]!.field, { block: 'center' });
  if (placed.length > 0 && placed.length === errors.length) return `请修改标出的 ${byField.size} 处后再保存`;
  return err instanceof ApiError ? err.message : fallback;
}

/**
 * Clears the server's errors from the given fields (all the form shows when none are given): a
 * field without rules keeps an error set by setFields until told otherwise, even once corrected.
 */
export function clearFieldErrors(form: FormInstance, fields: string[] = Object.keys(form.getFieldsValue())): void {
  form.setFields(fields.filter((name) => form.getFieldError(name).length > 0).map((name) => ({ name, errors: [] })));
}

/**
 * Enter in a date field confirms the typed date (the picker handles it); without this the browser
 * would also submit the form around it, saving a half-filled form.
 */
export function guardDateEnter(root: Document): void {
  root.addEventListener('keydown', (e) => {
    const target = e.target;
    if (e.key === 'Enter' && target instanceof HTMLInputElement && target.form && target.closest('.ant-picker')) e.preventDefault();
  });
}

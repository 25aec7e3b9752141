/**
 * A list page's filters kept in the address (so a 待办 link opens the list already filtered and
 * the back button restores it), and the page loaded whenever they change.
 */
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError } from './api';

export interface PagedList<T> {
  total: number;
  items: T[];
}

/** Loads `path` with the agency, the page and the given filters taken from the address. */
export function useFilteredList<T>(path: string, agencyId: number | undefined, filterKeys: readonly string[], pageSize = 20) {
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<PagedList<T>>({ total: 0, items: [] });
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const page = Number(params.get('page') ?? 1);

  const reload = useCallback(async () => {
    if (agencyId === undefined) return;
    setState((s) => ({ ...s, loading: true }));
    const q = new URLSearchParams({ agencyId: String(agencyId), page: String(page), pageSize: String(pageSize) });
    for (const key of filterKeys) {
      const v = params.get(key);
      if (v) q.set(key, v);
    }
    try {
      setData(await api<PagedList<T>>('GET', `${path}?${q}`));
      setState({ loading: false, error: null });
    } catch (err) {
      setState({ loading: false, error: err instanceof ApiError ? err.message : '加载失败' });
    }
    // filterKeys is read only through params' values: a new array each render must not reload.
  }, [path, agencyId, page, pageSize, params]);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** A filter's value, and a change of it (back to the first page). */
  const filter = (key: string) => params.get(key) ?? undefined;
  const setFilter = (key: string, value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete('page');
      return next;
    });
  const pagination = {
    current: page,
    pageSize,
    total: data.total,
    showTotal: (t: number) => `共 ${t} 件`,
    onChange: (p: number) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('page', String(p));
        return next;
      }),
  };
  return { data, ...state, filter, setFilter, pagination, reload };
}

/** One record read from the API (null until loaded), with its setter for the answer of a write. */
export function useRecord<T>(path: string | null) {
  const [record, setRecord] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    if (path === null) return;
    try {
      setRecord(await api<T>('GET', path));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { record, setRecord, error, reload };
}

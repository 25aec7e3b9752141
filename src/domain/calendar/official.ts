import y2019 from './holidays/2019.json' with { type: 'json' };
import y2020 from './holidays/2020.json' with { type: 'json' };
import y2021 from './holidays/2021.json' with { type: 'json' };
import y2022 from './holidays/2022.json' with { type: 'json' };
import y2023 from './holidays/2023.json' with { type: 'json' };
import y2024 from './holidays/2024.json' with { type: 'json' };
import y2025 from './holidays/2025.json' with { type: 'json' };
import y2026 from './holidays/2026.json' with { type: 'json' };
import type { CalendarYearData } from './working-calendar.ts';

interface HolidayCnFile {
  year: number;
  papers?: string[];
  days: { name: string; date: string; isOffDay: boolean }[];
}

const FILES: readonly HolidayCnFile[] = [y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026];

/**
 * The State Council arrangements shipped with Gongkai (2019–2026, from holiday-cn; see
 * holidays/README.md). The storage layer seeds its calendar table with this; a fresh copy is
 * returned on every call.
 */
export function officialCalendarData(): CalendarYearData[] {
  return FILES.map((f) => ({
    year: f.year,
    days: f.days.map((d) => ({ date: d.date, isOffDay: d.isOffDay, name: d.name })),
    ...(f.papers ? { sources: [...f.papers] } : {}),
  }));
}

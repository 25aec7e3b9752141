import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'dist.tmp/', 'data/', 'test-results/', '.test-build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dates are China dates whatever the machine's zone (docs/decisions/007): only
    // src/domain/calendar/china-time.ts turns an instant into a date.
    files: ['src/**/*.ts', 'web/src/**/*.ts', 'web/src/**/*.tsx', 'bin/**/*.js', 'scripts/**/*.js'],
    ignores: ['src/domain/calendar/china-time.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.callee.property.name='toISOString']",
          message: '不要截取 UTC 字符串作日期：用 chinaDate()（src/domain/calendar/china-time.ts）。',
        },
        {
          selector: "CallExpression[callee.property.name=/^(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|toLocaleDateString|toLocaleTimeString|toDateString|toTimeString|getTimezoneOffset)$/]",
          message: '不要使用本机时区：用 china-time.ts 的 chinaParts()/chinaDate()/chinaYear()。',
        },
        {
          // Number#toLocaleString is fine; a Date's is in the machine's zone.
          selector: "CallExpression[callee.property.name='toLocaleString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
          message: '不要使用本机时区：用 china-time.ts 的 chinaDateTime()。',
        },
        {
          selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
          message: '工作台的“今天”取自服务器时钟：用 web/src/clock.ts 的 todayDayjs()。',
        },
      ],
    },
  },
);

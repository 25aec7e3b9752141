/**
 * 信息处理费 (国办函〔2020〕109号): 按件计收 and 按量计收, with tier breakdowns for a
 * 收费通知书. Amounts are integer 元.
 */
export {
  MAX_PAGES,
  MAX_REQUESTS_PER_MONTH,
  perPageFee,
  perRequestFeeForBatch,
  perRequestFeeForNth,
  perRequestFeeTotal,
  perRequestUnitPrice,
  type FeeMethod,
  type FeeQuote,
  type FeeResult,
  type FeeTierLine,
} from './processing-fee.ts';

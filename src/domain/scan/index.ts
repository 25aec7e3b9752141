export { scanText, SCAN_KIND_LABELS, type ScanHit, type ScanKind } from './scan.ts';
export { isValidIdNumber, idNumberCheckChar, idNumberProblem } from './id-number.ts';
export { passesLuhn, isPlausibleBankCard } from './bank-card.ts';
export { maskAddress, maskIdNumber, maskMobile, maskBankCard, maskGeneric, maskName, maskScanMatch } from './mask.ts';
export { normalisePhone, phoneProblem } from './phone.ts';

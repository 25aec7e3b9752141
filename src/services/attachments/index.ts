export {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_OFFICE_UNCOMPRESSED_BYTES,
  inspectAttachment,
  safeFileName,
  type AttachmentAccepted,
  type AttachmentInspection,
  type AttachmentKind,
  type AttachmentRejectCode,
  type AttachmentRejected,
} from './inspect.ts';
export {
  MAX_EXTRACTED_TEXT_BYTES,
  extractText,
  normaliseCjkRadicals,
  type ExtractWarningCode,
  type ExtractedText,
} from './extract.ts';

import { useEffect, useRef } from 'react';
import { Button, Space } from 'antd';

/**
 * A small rich-text editor for document bodies (contentEditable). The server sanitises
 * whatever arrives, so pasting from Word is safe.
 */
export function RichText({ value, onChange, label }: { value?: string; onChange?: (html: string) => void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== (value ?? '')) ref.current.innerHTML = value ?? '';
  }, [value]);
  const exec = (command: string, arg?: string) => {
    document.execCommand(command, false, arg);
    ref.current?.focus();
    onChange?.(ref.current?.innerHTML ?? '');
  };
  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      <Space wrap style={{ padding: 4, borderBottom: '1px solid #f0f0f0' }} role="toolbar" aria-label="正文格式">
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('bold')}>
          加粗
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('formatBlock', 'h2')}>
          标题
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('formatBlock', 'p')}>
          正文
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('insertOrderedList')}>
          编号
        </Button>
        <Button size="small" onMouseDown={(e) => e.preventDefault()} onClick={() => exec('insertUnorderedList')}>
          列表
        </Button>
      </Space>
      <div
        ref={ref}
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        contentEditable
        suppressContentEditableWarning
        style={{ minHeight: 240, padding: 12, outline: 'none', lineHeight: 1.8 }}
        onInput={() => onChange?.(ref.current?.innerHTML ?? '')}
        onBlur={() => onChange?.(ref.current?.innerHTML ?? '')}
      />
    </div>
  );
}

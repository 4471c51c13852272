import { useEffect, useId, useRef, useState } from 'react';
import { isTyping } from './hooks';
import { SearchIcon } from './icons';

interface Props {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  /** Only one search box per screen should take the "/" shortcut. */
  shortcut?: boolean;
}

/** A search input that reports its text after the user pauses typing; "/" focuses it from anywhere. */
export function SearchBox({ label, value, onSearch, placeholder, shortcut = true }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const emitted = useRef(value);
  // The latest callback, so that a parent re-render does not restart the pause timer.
  const report = useRef(onSearch);
  useEffect(() => {
    report.current = onSearch;
  }, [onSearch]);

  // Follow outside changes (back button, a link that clears the search) without fighting the user's typing.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text.trim() === emitted.current) return;
    const timer = setTimeout(() => {
      emitted.current = text.trim();
      report.current(text.trim());
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    if (!shortcut) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shortcut]);

  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <SearchIcon className="search-box-icon" />
      <input
        ref={input}
        id={id}
        type="search"
        value={text}
        placeholder={placeholder ?? label}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) {
            event.preventDefault();
            setText('');
          } else if (event.key === 'Enter') {
            emitted.current = text.trim();
            onSearch(text.trim());
          }
        }}
      />
      {shortcut && !text && (
        <kbd className="search-box-hint" aria-hidden="true">
          /
        </kbd>
      )}
    </div>
  );
}

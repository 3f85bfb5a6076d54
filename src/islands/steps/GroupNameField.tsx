import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { TEXT_LIMITS } from '../../model/schema.ts';

type Props = {
  /** The name as the shared document holds it. */
  name: string;
  label: string;
  placeholder: string;
  focusOnMount: boolean;
  /** Called with every change, so the name is live on every screen while it is typed. */
  onRename: (name: string) => void;
};

/**
 * A group's name. While someone types, their own text is shown (a remote
 * rename does not yank the field under the cursor); once they leave the
 * field it shows the shared name again.
 */
export function GroupNameField({ name, label, placeholder, focusOnMount, onRename }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [typing, setTyping] = useState<string | null>(null);

  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, [focusOnMount]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      input.current?.blur();
    }
  };

  return (
    <div className="group-name">
      <label htmlFor={id} className="group-name-label">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        className="group-name-field"
        type="text"
        maxLength={TEXT_LIMITS.groupName}
        value={typing ?? name}
        placeholder={placeholder}
        autoComplete="off"
        onFocus={() => setTyping(name)}
        onChange={(event) => {
          setTyping(event.target.value);
          onRename(event.target.value);
        }}
        onBlur={() => setTyping(null)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

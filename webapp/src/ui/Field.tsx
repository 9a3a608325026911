
interface FieldProps {
  label: string;
  /** The input's id; `field-<name>` unless given. */
  id?: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'url';
  value: string;
  error?: string;
  autoComplete?: string;
  onInput: (value: string) => void;
  multiline?: boolean;
}

/** A labelled input with its field error beneath it, announced to screen readers. */
export function Field({ label, id: givenId, name, type = 'text', value, error, autoComplete, onInput, multiline }: FieldProps) {
  const id = givenId ?? `field-${name}`;
  const props = {
    id,
    name,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? <textarea {...props} rows={3} /> : <input {...props} type={type as 'text'} autoComplete={autoComplete} />}
      {error && <p class="field-error" id={`${id}-error`} role="alert">{error}</p>}
    </div>
  );
}

export function ErrorBanner({ message, id }: { message: string | null; id?: string }) {
  return message ? <p class="error-banner" role="alert" id={id}>{message}</p> : null;
}

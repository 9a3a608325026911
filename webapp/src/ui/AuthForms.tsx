import { useState } from 'preact/hooks';
import { Api } from '../api/client';
import type { Session } from '../api/types';
import { describeError as describe, type FormError } from '../state/forms';
import { paths } from '../state/routes';
import { ErrorBanner, Field } from './Field';

interface Props {
  api: Api;
  onSignedIn: (session: Session) => void;
  navigate: (path: string) => void;
}

export function SignIn({ api, onSignedIn, navigate, notice }: Props & { notice?: string | null }) {
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(identifier, password));
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <h1>Sign in</h1>
      {notice && <p class="notice" id="sign-in-notice" role="status">{notice}</p>}
      <form onSubmit={submit} aria-label="Sign in">
        <ErrorBanner message={error?.message ?? null} />
        <Field label="Email or username" name="identifier" value={identifier} onInput={setIdentifier}
          autoComplete="username" error={error?.fields.identifier} />
        <Field label="Password" name="password" type="password" value={password} onInput={setPassword}
          autoComplete="current-password" error={error?.fields.password} />
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
      <p><a id="forgot-password-link" href={paths.forgotPassword}
        onClick={(e) => { e.preventDefault(); navigate(paths.forgotPassword); }}>Forgot your password?</a></p>
      <p>New here? <a href="/register" onClick={(e) => { e.preventDefault(); navigate('/register'); }}>Create an account</a></p>
    </main>
  );
}

export function Register({ api, onSignedIn, navigate }: Props) {
  const [form, setForm] = useState({ email: '', username: '', password: '', displayName: '' });
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.register({ ...form, displayName: form.displayName || undefined });
      onSignedIn(await api.login(form.username, form.password));
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <h1>Create an account</h1>
      <form onSubmit={submit} aria-label="Create an account">
        <ErrorBanner message={error?.message ?? null} />
        <Field label="Email" name="email" type="email" value={form.email} onInput={set('email')} autoComplete="email" error={error?.fields.email} />
        <Field label="Username" name="username" value={form.username} onInput={set('username')} autoComplete="username" error={error?.fields.username} />
        <Field label="Display name" name="displayName" value={form.displayName} onInput={set('displayName')} error={error?.fields.displayName} />
        <Field label="Password" name="password" type="password" value={form.password} onInput={set('password')}
          autoComplete="new-password" error={error?.fields.password} />
        <button type="submit" disabled={busy}>Create account</button>
      </form>
      <p>Already registered? <a href="/login" onClick={(e) => { e.preventDefault(); navigate('/login'); }}>Sign in</a></p>
    </main>
  );
}

import { useState } from 'preact/hooks';
import { Api } from '../api/client';
import { checkNewPassword, describeError, describeResetFailure, type FormError, type ResetFailure } from '../state/forms';
import { paths } from '../state/routes';
import { ErrorBanner, Field } from './Field';

interface Props {
  api: Api;
  navigate: (path: string) => void;
}

function PageLink({ id, to, navigate, children }: { id: string; to: string; navigate: (path: string) => void; children: string }) {
  return <a id={id} href={to} onClick={(e) => { e.preventDefault(); navigate(to); }}>{children}</a>;
}

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPassword({ api, navigate }: Props) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const address = email.trim();
    if (!address) return setError({ message: '', fields: { email: 'Enter the email address of your account.' } });
    setBusy(true);
    setError(null);
    try {
      await api.forgotPassword(address);
      setSent(true);
    } catch (err) {
      setError(describeError(err, 'The request failed. Please try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <h1>Forgot your password?</h1>
      {sent ? (
        <p class="notice" id="forgot-password-sent" role="status">
          If an account uses that address, we have sent it a link to choose a new password. The link works for
          30 minutes; check your spam folder if nothing arrives.
        </p>
      ) : (
        <form id="forgot-password-form" onSubmit={submit} aria-label="Forgot your password?" noValidate>
          <p>Enter the email address of your account and we will mail you a link to choose a new password.</p>
          <ErrorBanner message={error?.message || null} />
          <Field label="Email" id="forgot-password-email" name="email" type="email" value={email} onInput={setEmail}
            autoComplete="email" error={error?.fields.email} />
          <button id="forgot-password-submit" type="submit" disabled={busy}>Send reset link</button>
        </form>
      )}
      <p><PageLink id="forgot-password-back" to={paths.signIn} navigate={navigate}>Back to sign in</PageLink></p>
    </main>
  );
}

/** The page the reset mail links to: `/reset-password?token=…`. */
export function ResetPassword({ api, navigate, token, onReset }: Props & { token: string | null; onReset: () => void }) {
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<ResetFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!token) return;
    const fields = checkNewPassword(newPassword, confirmation);
    if (Object.keys(fields).length > 0) return setError({ message: '', fields, tokenInvalid: false });
    setBusy(true);
    setError(null);
    try {
      await api.resetPassword(token, newPassword);
      onReset();
    } catch (err) {
      setError(describeResetFailure(err));
    } finally {
      setBusy(false);
    }
  };

  const requestNew = <PageLink id="reset-password-request-new" to={paths.forgotPassword} navigate={navigate}>Ask for a new link</PageLink>;

  return (
    <main class="auth">
      <h1>Choose a new password</h1>
      {!token ? (
        <p class="error-banner" id="reset-password-token-error" role="alert">This reset link is incomplete. {requestNew}</p>
      ) : error?.tokenInvalid ? (
        <p class="error-banner" id="reset-password-token-error" role="alert">
          {error.message} {requestNew}
        </p>
      ) : (
        <form id="reset-password-form" onSubmit={submit} aria-label="Choose a new password" noValidate>
          <ErrorBanner message={error?.message || null} />
          <Field label="New password" id="reset-password-new" name="newPassword" type="password" value={newPassword}
            onInput={setNewPassword} autoComplete="new-password" error={error?.fields.newPassword} />
          <Field label="Repeat the new password" id="reset-password-confirm" name="confirmPassword" type="password"
            value={confirmation} onInput={setConfirmation} autoComplete="new-password" error={error?.fields.confirmPassword} />
          <button id="reset-password-submit" type="submit" disabled={busy}>Set new password</button>
        </form>
      )}
      <p><PageLink id="reset-password-back" to={paths.signIn} navigate={navigate}>Back to sign in</PageLink></p>
    </main>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import type { Me } from '../api/types';
import { Avatar } from './Avatar';
import { ErrorBanner, Field } from './Field';

export function Profile({ api, me, onSaved }: { api: Api; me: Me; onSaved: (me: Me) => void }) {
  const [displayName, setDisplayName] = useState(me.displayName ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [location, setLocation] = useState(me.location ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const patch: Parameters<Api['updateMe']>[0] = { displayName, bio, location };
      if (file) patch.avatarMediaId = (await api.uploadMedia(file, 'avatar')).id;
      onSaved(await api.updateMe(patch));
      setFile(null);
      setSaved(true);
    } catch (err) {
      setError(err instanceof ApiError ? { message: err.message, fields: err.fieldErrors() } : { message: 'Saving failed.', fields: {} });
    }
  };

  return (
    <section class="profile" aria-labelledby="profile-title">
      <h2 id="profile-title">Your profile</h2>
      <form onSubmit={submit}>
        <ErrorBanner message={error?.message ?? null} />
        <div class="avatar-edit">
          {preview ? <img class="avatar-preview" src={preview} alt="New avatar preview" width={96} height={96} />
            : <Avatar avatar={me.avatar} name={me.username} size={96} />}
          <label class="file-button">
            Choose a picture
            <input type="file" accept="image/*" name="avatar" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
          {error?.fields.avatarMediaId && <p class="field-error" role="alert">{error.fields.avatarMediaId}</p>}
        </div>
        <Field label="Display name" name="displayName" value={displayName} onInput={setDisplayName} error={error?.fields.displayName} />
        <Field label="Bio" name="bio" value={bio} onInput={setBio} multiline error={error?.fields.bio} />
        <Field label="Location" name="location" value={location} onInput={setLocation} error={error?.fields.location} />
        <button type="submit">Save profile</button>
        {saved && <p role="status">Saved.</p>}
      </form>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { Api } from '../api/client';
import type { Me } from '../api/types';
import { describeError, linkErrors, linksPatch, MAX_LINKS, withoutRow, type FormError } from '../state/forms';
import { Avatar } from './Avatar';
import { ErrorBanner, Field } from './Field';

export function Profile({ api, me, onSaved }: { api: Api; me: Me; onSaved: (me: Me) => void }) {
  const [displayName, setDisplayName] = useState(me.displayName ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [location, setLocation] = useState(me.location ?? '');
  const [links, setLinks] = useState<string[]>(me.links ?? []);
  const [linkErrs, setLinkErrs] = useState<{ list: string | null; rows: Record<number, string> }>({ list: null, rows: {} });
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<FormError | null>(null);
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
    setLinkErrs({ list: null, rows: {} });
    setSaved(false);
    const sent = linksPatch(links);
    try {
      const patch: Parameters<Api['updateMe']>[0] = { displayName, bio, location, links: sent.links };
      if (file) patch.avatarMediaId = (await api.uploadMedia(file, 'avatar')).id;
      const updated = await api.updateMe(patch);
      onSaved(updated);
      setLinks(updated.links);
      setFile(null);
      setSaved(true);
    } catch (err) {
      const described = describeError(err, 'Saving failed.');
      setError(described);
      setLinkErrs(linkErrors(described.fields, sent.rowOf));
    }
  };

  const setLink = (index: number) => (value: string) => setLinks(links.map((l, i) => (i === index ? value : l)));
  const removeLink = (index: number) => {
    setLinks(links.filter((_, i) => i !== index));
    setLinkErrs({ ...linkErrs, rows: withoutRow(linkErrs.rows, index) });
  };

  return (
    <section class="profile" aria-labelledby="profile-title">
      <h2 id="profile-title">Your profile</h2>
      <form onSubmit={submit} noValidate>
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
        <fieldset class="links-edit" id="profile-links">
          <legend>Links</legend>
          {linkErrs.list && <p class="field-error" id="profile-links-error" role="alert">{linkErrs.list}</p>}
          {links.map((link, i) => (
            <div class="link-row" key={i}>
              <Field label={`Link ${i + 1}`} id={`field-links-${i}`} name={`links[${i}]`} type="url" value={link}
                onInput={setLink(i)} error={linkErrs.rows[i]} />
              <button type="button" id={`profile-link-remove-${i}`} aria-label={`Remove link ${i + 1}`} onClick={() => removeLink(i)}>Remove</button>
            </div>
          ))}
          {links.length < MAX_LINKS && (
            <button type="button" id="profile-link-add" onClick={() => setLinks([...links, ''])}>Add a link</button>
          )}
        </fieldset>
        <button type="submit" id="profile-save">Save profile</button>
        {saved && <p role="status">Saved.</p>}
      </form>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { Api, ApiError } from '../api/client';
import type { PublicProfile } from '../api/types';
import { safeHref } from '../state/forms';
import { Avatar } from './Avatar';
import { ErrorBanner } from './Field';

interface Props {
  api: Api;
  userId: string;
  myId: string;
  /** What the app already holds for this user; shown until the fresh copy arrives. */
  cached: PublicProfile | undefined;
  loaded: (profile: PublicProfile) => void;
  message: (profile: PublicProfile) => void;
  editOwn: () => void;
}

/** Another user's public profile (`GET /api/users/{id}`): name, avatar, bio, location and links. */
export function UserProfile({ api, userId, myId, cached, loaded, message, editOwn }: Props) {
  const [profile, setProfile] = useState<PublicProfile | null>(cached ?? null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setProfile(cached ?? null);
    setError(null);
    let current = true;
    api.user(userId).then((p) => {
      if (!current) return;
      setProfile(p);
      loaded(p);
    }).catch((e) => {
      if (!current) return;
      setProfile(null);
      setError(e instanceof ApiError && e.problem.status === 404
        ? 'This person does not exist or is not visible to you.'
        : e instanceof ApiError ? e.message : 'Could not load the profile.');
    });
    return () => { current = false; };
  }, [userId]);

  if (error) return <section class="user-profile" id="user-profile"><div id="user-profile-error"><ErrorBanner message={error} /></div></section>;
  if (!profile) return <p class="loading">Loading…</p>;

  const name = profile.displayName || profile.username;
  return (
    <section class="user-profile" id="user-profile" aria-labelledby="user-profile-name" data-user-id={profile.id}>
      <header class="user-profile-head">
        <Avatar avatar={profile.avatar} name={profile.username} size={96} />
        <div>
          <h2 id="user-profile-name">{name}</h2>
          <p class="username" id="user-profile-username">@{profile.username}</p>
        </div>
      </header>
      {profile.bio && <p class="bio" id="user-profile-bio">{profile.bio}</p>}
      {profile.location && <p class="location" id="user-profile-location"><span class="label">Location:</span> {profile.location}</p>}
      {profile.links.length > 0 && (
        <ul class="links" id="user-profile-links" aria-label="Links">
          {profile.links.map((link, i) => {
            const href = safeHref(link);
            return (
              <li key={i}>
                {href ? <a id={`user-profile-link-${i}`} href={href} target="_blank" rel="noopener noreferrer nofollow">{link}</a>
                  : <span id={`user-profile-link-${i}`}>{link}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {profile.id === myId
        ? <button type="button" id="user-profile-edit" onClick={editOwn}>Edit your profile</button>
        : <button type="button" id="user-profile-message" onClick={() => message(profile)}>Send a message</button>}
    </section>
  );
}

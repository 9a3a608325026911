import type { Avatar as AvatarData } from '../api/types';

export function Avatar({ avatar, name, online, size = 40 }: { avatar: AvatarData | null | undefined; name: string; online?: boolean; size?: number }) {
  return (
    <span class="avatar" style={{ width: size, height: size }}>
      {avatar ? <img src={avatar.thumbnailUrl} alt={`${name}'s avatar`} width={size} height={size} />
        : <span class="avatar-initial" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>}
      {online !== undefined && <span class={`presence ${online ? 'online' : 'offline'}`} role="img" aria-label={online ? 'online' : 'offline'} />}
    </span>
  );
}

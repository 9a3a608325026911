import type { Avatar as AvatarData } from '../api/types';

export function Avatar({ avatar, name, online, size = 40 }: { avatar: AvatarData | null | undefined; name: string; online?: boolean; size?: number }) {
  return (
    // Preact 11 no longer adds `px` to numbers in style objects, so the unit is spelled out.
    <span class="avatar" style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.45)}px` }}>
      {avatar ? <img src={avatar.thumbnailUrl} alt={`${name}'s avatar`} width={size} height={size} />
        : <span class="avatar-initial" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>}
      {online !== undefined && <span class={`presence ${online ? 'online' : 'offline'}`} role="img" aria-label={online ? 'online' : 'offline'} />}
    </span>
  );
}

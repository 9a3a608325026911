package dev.chatsuite.auth.user;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.auth.AuthConfig;
import dev.chatsuite.common.time.Timestamps;

/** Builds the contract's views; avatar URLs point at the gateway's public origin. */
@ApplicationScoped
public class ProfileViews {

    private final String publicUrl;

    public ProfileViews(AuthConfig config) {
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    public MeView me(Account account, Profile profile, Tenant tenant) {
        return new MeView(account.id.toString(), account.email, account.username, profile.displayName, profile.bio,
                profile.location, links(profile), avatar(profile.avatarMediaId), tenant(tenant), List.copyOf(account.roles),
                Timestamps.format(account.createdAt));
    }

    public PublicProfileView publicProfile(Account account, Profile profile) {
        return new PublicProfileView(account.id.toString(), account.username, profile.displayName, profile.bio,
                profile.location, links(profile), avatar(profile.avatarMediaId));
    }

    public static TenantView tenant(Tenant tenant) {
        return tenant == null ? null : new TenantView(tenant.id.toString(), tenant.slug, tenant.name, List.copyOf(tenant.modules));
    }

    AvatarView avatar(UUID mediaId) {
        if (mediaId == null) {
            return null;
        }
        String url = publicUrl + "/api/media/" + mediaId;
        return new AvatarView(mediaId.toString(), url, url + "/thumbnail");
    }

    private static List<String> links(Profile profile) {
        return profile.links == null ? List.of() : List.copyOf(profile.links);
    }
}

package dev.chatsuite.auth.profile;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.auth.user.MeView;
import dev.chatsuite.auth.user.Profile;
import dev.chatsuite.auth.user.ProfileViews;
import dev.chatsuite.auth.user.PublicProfileView;
import dev.chatsuite.auth.user.RequestValidation;
import dev.chatsuite.auth.user.Tenant;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The caller's own profile (read and JSON merge-patch), and other users' public profiles within the tenant. */
@ApplicationScoped
public class ProfileService {

    public record Page(List<PublicProfileView> items, String nextCursor) {
    }

    private final ProfileViews views;
    private final AvatarCheck avatars;

    public ProfileService(ProfileViews views, AvatarCheck avatars) {
        this.views = views;
        this.avatars = avatars;
    }

    public Uni<MeView> me(Caller caller) {
        return Panache.withSession(() -> load(caller.userId()).map(loaded -> views.me(loaded.account, loaded.profile, loaded.tenant)));
    }

    private record Loaded(Account account, Profile profile, Tenant tenant) {
    }

    private static Uni<Loaded> load(UUID accountId) {
        return Account.<Account>findById(accountId).chain(account -> account == null ? Uni.createFrom().item(new Loaded(null, null, null)) : Profile.<Profile>findById(accountId)
                .chain(profile -> (account.tenantId == null ? Uni.createFrom().<Tenant>nullItem() : Tenant.<Tenant>findById(account.tenantId))
                        .map(tenant -> new Loaded(account, profile, tenant))));
    }

    /** RFC 7396: a member set to null clears the field, an absent member leaves it as it is. */
    public Uni<MeView> patch(Caller caller, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object (a merge patch).", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        String displayName = text(patch, "displayName", 80, errors);
        String bio = text(patch, "bio", 500, errors);
        String location = text(patch, "location", 100, errors);
        List<String> links = links(patch, errors);
        UUID avatar = avatarId(patch, errors);
        for (var names = patch.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!List.of("displayName", "bio", "location", "links", "avatarMediaId").contains(name)) {
                errors.add(new FieldError(name, "This field cannot be changed here."));
            }
        }
        RequestValidation.throwIfAny(errors);
        Uni<UUID> checkedAvatar = avatar == null ? Uni.createFrom().nullItem() : avatars.verify(caller, avatar);
        return checkedAvatar.chain(ignored -> Panache.withTransaction(() -> Profile.<Profile>findById(caller.userId()).invoke(profile -> {
            if (patch.has("displayName")) {
                profile.displayName = displayName;
            }
            if (patch.has("bio")) {
                profile.bio = bio;
            }
            if (patch.has("location")) {
                profile.location = location;
            }
            if (patch.has("links")) {
                profile.links = links;
            }
            if (patch.has("avatarMediaId")) {
                profile.avatarMediaId = avatar;
            }
            profile.updatedAt = Instant.now();
        }))).chain(ignored -> me(caller));
    }

    public Uni<PublicProfileView> publicProfile(Caller caller, UUID id) {
        return Panache.withSession(() -> load(id))
                .map(loaded -> {
                    if (loaded.account == null || !loaded.account.active
                            || !Objects.equals(loaded.account.tenantId, caller.tenantId())) {
                        throw ProblemException.notFound("No user with this id.");
                    }
                    return views.publicProfile(loaded.account, loaded.profile);
                });
    }

    public Uni<Page> search(Caller caller, String q, int limit, String cursor) {
        String prefix = (q == null ? "" : q.trim().toLowerCase(Locale.ROOT)).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String after = cursor == null ? "" : cursor;
        String tenantClause = caller.tenantId() == null ? "a.tenantId is null" : "a.tenantId = :tenant";
        String hql = "select a, p from Account a, Profile p where p.accountId = a.id and a.active = true and " + tenantClause
                + " and (lower(a.username) like :prefix escape '\\' or lower(p.displayName) like :prefix escape '\\') and lower(a.username) > :after"
                + " order by lower(a.username)";
        return Panache.withSession(() -> Account.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, Object[].class)
                    .setParameter("prefix", prefix)
                    .setParameter("after", after)
                    .setMaxResults(limit + 1);
            if (caller.tenantId() != null) {
                query.setParameter("tenant", caller.tenantId());
            }
            return query.getResultList();
        })).map(rows -> {
            List<PublicProfileView> items = rows.stream().limit(limit)
                    .map(row -> views.publicProfile((Account) row[0], (Profile) row[1])).toList();
            String next = rows.size() > limit ? items.get(items.size() - 1).username() : null;
            return new Page(items, next);
        });
    }

    private static String text(JsonNode patch, String field, int max, List<FieldError> errors) {
        if (!patch.has(field) || patch.get(field).isNull()) {
            return null;
        }
        JsonNode value = patch.get(field);
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "Must be a string or null."));
            return null;
        }
        String text = value.asText().trim();
        if (text.length() > max) {
            errors.add(new FieldError(field, "Must be at most " + max + " characters."));
        }
        return text.isEmpty() ? null : text;
    }

    private static List<String> links(JsonNode patch, List<FieldError> errors) {
        if (!patch.has("links") || patch.get("links").isNull()) {
            return List.of();
        }
        JsonNode value = patch.get("links");
        if (!value.isArray()) {
            errors.add(new FieldError("links", "Must be a list of http(s) URLs."));
            return List.of();
        }
        if (value.size() > 5) {
            errors.add(new FieldError("links", "At most 5 links."));
        }
        List<String> links = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode link = value.get(i);
            if (!link.isTextual() || !isHttpUrl(link.asText())) {
                errors.add(new FieldError("links[" + i + "]", "Must be an http or https URL."));
            } else {
                links.add(link.asText());
            }
        }
        return links;
    }

    private static boolean isHttpUrl(String candidate) {
        try {
            URI uri = URI.create(candidate);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && candidate.length() <= 2000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static UUID avatarId(JsonNode patch, List<FieldError> errors) {
        if (!patch.has("avatarMediaId") || patch.get("avatarMediaId").isNull()) {
            return null;
        }
        try {
            return UUID.fromString(patch.get("avatarMediaId").asText());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("avatarMediaId", "Must be a media id (UUID) or null."));
            return null;
        }
    }
}

package dev.chatsuite.common.tenant;

import java.util.Collection;
import java.util.List;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant modules of the contract: a caller with a tenant (a {@code tid} claim) may use a
 * module's features only when the token's {@code modules} lists it; a caller without a tenant
 * may use everything. Messaging needs {@link #CHAT}, uploads need {@link #MEDIA}.
 */
public final class TenantModules {

    public static final String CHAT = "chat";
    public static final String MEDIA = "media";
    /** Every module there is, in this order; a tenant created without a list gets all of them. */
    public static final List<String> ALL = List.of(CHAT, MEDIA);

    private TenantModules() {
    }

    /** Whether the token's caller may use {@code module}: no tenant, or a {@code modules} claim that lists it. */
    public static boolean allows(JsonWebToken token, String module) {
        return allows(token.getClaim("tid"), token.getClaim("modules"), module);
    }

    /** The rule on the raw claims; a tenant token without a {@code modules} list has no module. */
    static boolean allows(Object tid, Object modules, String module) {
        if (tid == null) {
            return true;
        }
        if (!(modules instanceof Collection<?> listed)) {
            return false;
        }
        for (Object each : listed) {
            if (module.equals(text(each))) {
                return true;
            }
        }
        return false;
    }

    /** The detail of a refusal, naming the module. */
    public static String refusal(String module) {
        return "Your tenant does not have the module \"" + module + "\".";
    }

    // smallrye-jwt hands custom array claims out as a JSON array of JSON strings.
    private static String text(Object value) {
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof CharSequence chars ? chars.toString() : null;
    }
}

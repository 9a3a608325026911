package dev.chatsuite.auth.profile;

import java.util.List;

public record TenantView(String id, String slug, String name, List<String> modules) {
}

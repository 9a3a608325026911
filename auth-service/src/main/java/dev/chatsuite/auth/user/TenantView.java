package dev.chatsuite.auth.user;

import java.util.List;

public record TenantView(String id, String slug, String name, List<String> modules) {
}

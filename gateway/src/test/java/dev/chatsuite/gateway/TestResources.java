package dev.chatsuite.gateway;

import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The backends every gateway test runs against (global: one application for all tests). */
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {
    }
}

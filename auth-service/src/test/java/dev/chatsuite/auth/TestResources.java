package dev.chatsuite.auth;

import dev.chatsuite.testsupport.*;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The backends every test of this service runs against (global: one application for all tests). */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "auth_test"))
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "7"))
@WithTestResource(value = MediaStub.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SigningKeyTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {
    }
}

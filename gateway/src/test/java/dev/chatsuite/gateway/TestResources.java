package dev.chatsuite.gateway;

import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The backends every gateway test runs against (global: one application for all tests). */
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "5"))
@WithTestResource(value = UpstreamStub.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {
    }
}

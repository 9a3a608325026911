package dev.chatsuite.messaging.http;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.chatsuite.common.problem.HttpLayerProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * JSON bodies have their own bound, far below the multipart one: refused from a declared
 * length before a byte is read, and counted as they stream when there is none (chunked), with
 * a 413 problem+json the moment they pass it. Vert.x's BodyHandler does the counting and hands
 * the body on to Quarkus REST.
 */
@ApplicationScoped
public class JsonBodyLimit {

    private final long maxBytes;
    private final BodyHandler reader;

    public JsonBodyLimit(@ConfigProperty(name = "messaging.max-json-bytes", defaultValue = "64K") MemorySize max) {
        this.maxBytes = max.asLongValue();
        this.reader = BodyHandler.create(false).setBodyLimit(maxBytes).setHandleFileUploads(false);
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, 8_000);
    }

    void limit(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (!(method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) || !isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            ctx.next();
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declared(length) > maxBytes) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            HttpLayerProblems.write(ctx, 413, "A JSON body may be at most " + maxBytes + " bytes.");
            return;
        }
        reader.handle(ctx);
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return bare.equals("application/json") || bare.endsWith("+json");
    }
}

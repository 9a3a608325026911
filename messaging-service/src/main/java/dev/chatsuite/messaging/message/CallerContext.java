package dev.chatsuite.messaging.message;

import io.vertx.core.Context;

/** Where a post's answer runs: on the Vert.x context the post came from, or at once when it came from none. */
final class CallerContext {

    private CallerContext() {
    }

    static void answer(Context context, Runnable answer) {
        if (context == null) {
            answer.run();
        } else {
            context.runOnContext(v -> answer.run());
        }
    }
}

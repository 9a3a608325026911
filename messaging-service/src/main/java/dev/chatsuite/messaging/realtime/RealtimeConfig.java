package dev.chatsuite.messaging.realtime;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** WebSocket limits; each one's environment variable is in the module README. */
@ConfigMapping(prefix = "messaging.realtime")
public interface RealtimeConfig {

    /** Frames queued to one client before it counts as too far behind and is closed (WS_MAX_PENDING). */
    @WithName("max-pending")
    @WithDefault("256")
    int maxPending();

    /** Frames per second a client may send, sustained (WS_FRAME_RATE). */
    @WithName("frame-rate")
    @WithDefault("20")
    double frameRate();

    /** Frames a client may send in a burst (WS_FRAME_BURST). */
    @WithName("frame-burst")
    @WithDefault("60")
    double frameBurst();

    /**
     * How long a message.created that arrives ahead of a missing seq waits for the missing one
     * before the gap is read from PostgreSQL (WS_GAP_FILL_GRACE). Never a give-up: after it, the
     * gap is filled.
     */
    @WithName("gap-fill-grace")
    @WithDefault("PT0.02S")
    Duration gapFillGrace();

    /** Bad frames tolerated per connection before it is closed with 4000. */
    @WithName("max-bad-frames")
    @WithDefault("20")
    int maxBadFrames();

    /** At most one typing event per conversation and connection this often. */
    @WithName("typing-interval")
    @WithDefault("PT2S")
    Duration typingInterval();

    /** Lifetime of a presence record in Redis; refreshed at a third of it while connected. */
    @WithName("presence-ttl")
    @WithDefault("PT90S")
    Duration presenceTtl();
}

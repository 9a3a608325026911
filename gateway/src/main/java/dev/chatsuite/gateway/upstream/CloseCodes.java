package dev.chatsuite.gateway.upstream;

/**
 * The WebSocket close codes the gateway sends itself: the contract's, plus 1001 when a client
 * drops, 1002 for a malformed socket link message, 1009 for an oversize message and 1013 at its
 * socket limit.
 */
final class CloseCodes {

    static final short NORMAL = 1000;
    static final short GOING_AWAY = 1001;
    static final short PROTOCOL_ERROR = 1002;
    static final short MESSAGE_TOO_BIG = 1009;
    static final short INTERNAL_ERROR = 1011;
    static final short TRY_AGAIN_LATER = 1013;
    static final short RATE_LIMITED = 4008;

    private CloseCodes() {
    }

    /**
     * The code to pass on for a close seen on the other side. 1005 (no code), 1006 (dropped)
     * and 1015 (TLS failure) describe a connection and may not be sent in a close frame.
     */
    static short passOn(Short seen) {
        if (seen == null || seen == 1005) {
            return NORMAL;
        }
        if (seen == 1006 || seen == 1015) {
            return INTERNAL_ERROR;
        }
        return seen;
    }
}

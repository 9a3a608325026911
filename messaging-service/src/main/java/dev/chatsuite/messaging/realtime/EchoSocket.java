package dev.chatsuite.messaging.realtime;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/** {@code /ws/echo}: unauthenticated echo, to check that WebSockets pass every proxy on the way. */
@WebSocket(path = "/ws/echo")
public class EchoSocket {

    @OnTextMessage
    public String echo(String text) {
        return text.length() > 4096 ? text.substring(0, 4096) : text;
    }
}

package dev.chatsuite.messaging.message;

public record EditMessageRequest(String body) {
}

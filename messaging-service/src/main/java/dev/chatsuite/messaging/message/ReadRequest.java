package dev.chatsuite.messaging.message;

public record ReadRequest(Long seq) {
}

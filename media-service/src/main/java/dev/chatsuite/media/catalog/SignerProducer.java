package dev.chatsuite.media.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.chatsuite.common.media.MediaUrlSigner;
import dev.chatsuite.media.MediaConfig;

public class SignerProducer {

    @Produces
    @ApplicationScoped
    MediaUrlSigner signer(MediaConfig config) {
        return new MediaUrlSigner(config.signingSecret());
    }
}

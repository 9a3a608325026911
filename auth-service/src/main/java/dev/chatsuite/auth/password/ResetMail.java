package dev.chatsuite.auth.password;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.AuthConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Sends the reset link. MAIL_MODE=log writes the link to the log instead of mailing it: for
 * local runs without an SMTP server only (the launcher sets it); production sends by SMTP.
 */
@ApplicationScoped
public class ResetMail {

    private static final Logger LOG = Logger.getLogger(ResetMail.class);

    private final ReactiveMailer mailer;
    private final AuthConfig config;

    public ResetMail(ReactiveMailer mailer, AuthConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    public Uni<Void> send(String to, String token) {
        String link = config.publicUrl().replaceAll("/+$", "") + "/reset-password?token=" + token;
        if ("log".equals(config.mail().mode())) {
            LOG.infof("Password reset link (MAIL_MODE=log, local runs only): %s", link);
            return Uni.createFrom().voidItem();
        }
        String body = "Someone asked to reset the password of your account.\n\n"
                + "Open this link within " + config.resetTokenTtl().toMinutes() + " minutes to choose a new password:\n"
                + link + "\n\nIf it was not you, ignore this mail; your password stays as it is.\n";
        return mailer.send(Mail.withText(to, "Reset your password", body).setFrom(config.mail().from()));
    }
}

package dev.chatsuite.auth.password;

import static dev.chatsuite.auth.AuthApi.PASSWORD;
import static dev.chatsuite.auth.AuthApi.login;
import static dev.chatsuite.auth.AuthApi.refresh;
import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import dev.chatsuite.auth.credential.PasswordHasher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class PasswordTest {

    private static final String NEW_PASSWORD = "another long passphrase";

    @Inject
    MockMailbox mailbox;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void clearMailbox() {
        mailbox.clear();
    }

    @Test
    void shouldChangeThePasswordAndEndEverySession() {
        AuthApi.User user = AuthApi.newUser("change");
        user.as().contentType(ContentType.JSON).body(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .post("/api/auth/me/password").then().statusCode(204);
        assertProblem(refresh(user.refreshToken()), 401);
        assertProblem(login(user.username(), PASSWORD), 401);
        assertThat(login(user.username(), NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAChangeWithAWrongCurrentPasswordOrAWeakNewOne() {
        AuthApi.User user = AuthApi.newUser("nochange");
        assertProblem(user.as().contentType(ContentType.JSON).body(Map.of("currentPassword", "wrong wrong", "newPassword", NEW_PASSWORD))
                .post("/api/auth/me/password"), 401);
        Response weak = user.as().contentType(ContentType.JSON).body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .post("/api/auth/me/password");
        assertProblem(weak, 400, "validation");
        assertFieldError(weak, "newPassword");
    }

    @Test
    void shouldAnswer202ForAnUnknownEmailAndSendNothing() {
        given().contentType(ContentType.JSON).body(Map.of("email", "nobody-" + AuthApi.unique("x") + "@example.test"))
                .post("/api/auth/password/forgot").then().statusCode(202);
        assertThat(mailbox.getTotalMessagesSent()).isZero();
    }

    @Test
    void shouldMailASingleUseLinkThatResetsThePasswordAndEndsSessions() {
        AuthApi.User user = AuthApi.newUser("forgot");
        given().contentType(ContentType.JSON).body(Map.of("email", user.email().toUpperCase()))
                .post("/api/auth/password/forgot").then().statusCode(202);
        List<Mail> mails = mailbox.getMailsSentTo(user.email());
        assertThat(mails).hasSize(1);
        Matcher link = Pattern.compile("http://gateway\\.test/reset-password\\?token=([A-Za-z0-9_-]+)").matcher(mails.get(0).getText());
        assertThat(link.find()).as(mails.get(0).getText()).isTrue();
        String token = link.group(1);

        given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", NEW_PASSWORD))
                .post("/api/auth/password/reset").then().statusCode(204);
        assertThat(login(user.username(), NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertProblem(refresh(user.refreshToken()), 401);
        Response reused = given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", "yet another passphrase"))
                .post("/api/auth/password/reset");
        assertProblem(reused, 400, "invalid-reset-token");
        assertFieldError(reused, "token");
    }

    @Test
    void shouldRefuseAnUnknownResetTokenWithoutHashingThePassword() {
        double hashesBefore = hashes();
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("token", "made-up", "newPassword", NEW_PASSWORD))
                .post("/api/auth/password/reset"), 400, "invalid-reset-token");
        assertThat(hashes()).isEqualTo(hashesBefore);
    }

    @Test
    void shouldHashOnceForAValidResetToken() {
        AuthApi.User user = AuthApi.newUser("hashonce");
        given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/auth/password/forgot").then().statusCode(202);
        Matcher link = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(mailbox.getMailsSentTo(user.email()).get(0).getText());
        assertThat(link.find()).isTrue();
        double hashesBefore = hashes();
        given().contentType(ContentType.JSON).body(Map.of("token", link.group(1), "newPassword", NEW_PASSWORD))
                .post("/api/auth/password/reset").then().statusCode(204);
        assertThat(hashes()).isEqualTo(hashesBefore + 1);
        assertThat(login(user.username(), NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    private double hashes() {
        return meters.counter(PasswordHasher.HASHES_METRIC).count();
    }
}

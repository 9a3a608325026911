package dev.chatsuite.auth.account;

import static dev.chatsuite.auth.AuthApi.PASSWORD;
import static dev.chatsuite.auth.AuthApi.register;
import static dev.chatsuite.auth.AuthApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Thirty clients racing to register the same email (or username): one wins, the rest get 409, nothing half-made. */
@QuarkusTest
class ConcurrentRegistrationTest {

    @Test
    void shouldLetExactlyOneOfThirtyRacingRegistrationsWithOneEmailSucceed() throws Exception {
        String email = unique("race") + "@example.test";
        List<Integer> statuses = race(i -> register(email, unique("racer" + i), PASSWORD, null).statusCode());
        assertOneWinner(statuses);
        assertThat(RegistrationTest.count("SELECT count(*) FROM account WHERE lower(email) = lower(?)", email)).isEqualTo(1);
        assertThat(RegistrationTest.count(
                "SELECT count(*) FROM profile p JOIN account a ON a.id = p.account_id WHERE lower(a.email) = lower(?)", email)).isEqualTo(1);
    }

    @Test
    void shouldLetExactlyOneOfThirtyRacingRegistrationsWithOneUsernameSucceed() throws Exception {
        String username = unique("raceuser");
        List<Integer> statuses = race(i -> register(unique("mail" + i) + "@example.test", username, PASSWORD, null).statusCode());
        assertOneWinner(statuses);
        assertThat(RegistrationTest.count("SELECT count(*) FROM account WHERE username = ?", username)).isEqualTo(1);
        assertThat(RegistrationTest.count(
                "SELECT count(*) FROM profile p JOIN account a ON a.id = p.account_id WHERE a.username = ?", username)).isEqualTo(1);
        assertThat(RegistrationTest.count("SELECT count(*) FROM account a LEFT JOIN profile p ON a.id = p.account_id WHERE p.account_id IS NULL AND a.username <> ?", "")).isZero();
    }

    private static void assertOneWinner(List<Integer> statuses) {
        assertThat(statuses).hasSize(30);
        assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 409).count()).as(statuses.toString()).isEqualTo(29);
        assertThat(statuses).noneMatch(s -> s >= 500);
    }

    private static List<Integer> race(IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return call.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}

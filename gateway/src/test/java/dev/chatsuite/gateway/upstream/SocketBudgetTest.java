package dev.chatsuite.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SocketBudgetTest {

    @Test
    void shouldAdmitUpToTheLimitThenRefuseUntilOneIsReleased() {
        SocketBudget budget = new SocketBudget(2);

        SocketBudget.Lease first = budget.tryAcquire();
        assertThat(first).isNotNull();
        assertThat(budget.tryAcquire()).isNotNull();
        assertThat(budget.tryAcquire()).isNull();
        assertThat(budget.open()).isEqualTo(2);

        first.release();
        assertThat(budget.open()).isEqualTo(1);
        assertThat(budget.tryAcquire()).isNotNull();
        assertThat(budget.tryAcquire()).isNull();
    }

    @Test
    void shouldGiveALeaseBackOnceHoweverManyEndingsReportIt() {
        SocketBudget budget = new SocketBudget(3);
        SocketBudget.Lease lease = budget.tryAcquire();
        budget.tryAcquire();

        lease.release();
        lease.release();
        lease.release();

        assertThat(budget.open()).isEqualTo(1);
    }

    @Test
    void shouldNeverAdmitMoreThanTheLimitFromManyThreads() throws Exception {
        SocketBudget budget = new SocketBudget(1000);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 5000; i++) {
            threads.execute(() -> {
                if (budget.tryAcquire() != null) {
                    admitted.incrementAndGet();
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(admitted.get()).isEqualTo(1000);
        assertThat(budget.open()).isEqualTo(1000);
    }

    @Test
    void shouldPassOnCloseCodesAndReplaceThoseThatDescribeAConnection() {
        assertThat(CloseCodes.passOn((short) 4001)).isEqualTo((short) 4001);
        assertThat(CloseCodes.passOn((short) 1000)).isEqualTo((short) 1000);
        assertThat(CloseCodes.passOn(null)).isEqualTo((short) 1000);
        assertThat(CloseCodes.passOn((short) 1005)).isEqualTo((short) 1000);
        assertThat(CloseCodes.passOn((short) 1006)).isEqualTo((short) 1011);
        assertThat(CloseCodes.passOn((short) 1015)).isEqualTo((short) 1011);
    }
}
